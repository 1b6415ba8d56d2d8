"""Server logs: text or JSON lines, each carrying the id of the request it was written for.

The request id lives in a context variable set by ``RequestContextMiddleware``; sync routes run
in worker threads that copy the context, so lines written by the service during a request carry
its id too. Lines written outside any request (startup, seeding) carry ``-``.

Secrets: nothing here logs headers, and the handler's filter also scrubs the configured API key
from every line, in plain and in percent-encoded form (a query string is logged as sent), so a
key pasted into a URL or an exception message never reaches the log.

Forged lines: paths, query strings and ids come from clients, and a decoded ``%0A`` or ``%1B``
would start a new line that reads like one of ours, or drive the terminal showing the log. The
filter escapes every control character (C0, DEL, C1, U+2028/U+2029) in every field as
``\\n``, ``\\x1b``, ``\\u2028``; tracebacks keep their newlines, and the text format indents
every line after a record's first, so a line that starts with a timestamp is always a record.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO

__all__ = [
    "REDACTED",
    "REQUEST_ID",
    "ContextFilter",
    "JsonFormatter",
    "TextFormatter",
    "configure_logging",
    "current_request_id",
    "escape_controls",
    "secret_pattern",
]

REQUEST_ID: ContextVar[str | None] = ContextVar("graphsvc_request_id", default=None)
REDACTED = "[redacted]"

# Loggers whose lines the server's handler formats: ours, and uvicorn's own (startup, errors;
# uvicorn.error propagates to uvicorn). uvicorn.access is silenced instead:
# RequestContextMiddleware writes one line per request that also carries the request id.
_LOGGERS = ("graphsvc", "uvicorn")
_SILENCED = ("uvicorn.access",)
# uvicorn's color_message repeats the message with terminal colour codes: not for a log file.
_STANDARD_ATTRS = frozenset(logging.makeLogRecord({}).__dict__) | {
    "message", "asctime", "color_message"
}


# Everything a terminal or a line splitter (str.splitlines included) may act on.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT_ESCAPES.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def escape_controls(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control characters written as escapes (``\\n``, ``\\x1b``, ``\\u2028``)."""
    return (_CONTROL_BUT_NEWLINE if keep_newlines else _CONTROL).sub(_escape, text)


def secret_pattern(secret: str) -> str:
    """A regex matching ``secret`` as written or percent-encoded, wholly or character by
    character, in either hex case (``+`` for a space, as form encoding writes it)."""
    parts = []
    for char in secret:
        encoded = "".join(
            "%" + "".join(f"[{d}{d.upper()}]" if d.isalpha() else d for d in f"{byte:02x}")
            for byte in char.encode("utf-8")
        )
        options = [re.escape(char), encoded, *([r"\+"] if char == " " else [])]
        parts.append(f"(?:{'|'.join(options)})")
    return "".join(parts)


def current_request_id() -> str | None:
    """The id of the request being served in this context, if any."""
    return REQUEST_ID.get()


class ContextFilter(logging.Filter):
    """Adds ``request_id`` to every record, replaces any of ``secrets`` with ``[redacted]`` and
    escapes control characters, in the message, the traceback and every ``extra=`` field."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        super().__init__()
        patterns = [secret_pattern(s) for s in secrets if s]
        self._secrets = re.compile("|".join(patterns)) if patterns else None

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get() or "-"
        message = record.getMessage()
        cleaned = self._clean(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text, keep_newlines=True)
        if record.stack_info:
            record.stack_info = self._clean(record.stack_info, keep_newlines=True)
        for name, value in list(record.__dict__.items()):
            # extra= fields too: the access line's path and query string are.
            if name not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, name, self._clean(value))
        return True

    def _clean(self, text: str, *, keep_newlines: bool = False) -> str:
        if self._secrets is not None:
            text = self._secrets.sub(REDACTED, text)
        return escape_controls(text, keep_newlines=keep_newlines)


class TextFormatter(logging.Formatter):
    """``2024-05-16T10:00:00Z INFO graphsvc.api.access [3f2c…] GET /health 200 1.2ms``."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return _timestamp(record)

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = "-"
        first, *rest = super().format(record).split("\n")
        # A traceback's lines (and any newline a message still holds) are indented: only a
        # record's first line starts at the margin.
        return "\n".join([first, *("  " + line for line in rest)])


class JsonFormatter(logging.Formatter):
    """One JSON object a line: ``ts`` (UTC, ISO 8601), ``level``, ``logger``, ``message``,
    ``request_id``, any ``extra=`` fields (``method``, ``path``, ``status``, ``duration_ms`` on
    access lines) and ``exc`` (the traceback) when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": _timestamp(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or "-",
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and key != "request_id" and not key.startswith("_"):
                entry[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False, default=str)


def _timestamp(record: logging.LogRecord) -> str:
    moment = datetime.fromtimestamp(record.created, tz=UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def configure_logging(
    log_format: str,
    secrets: Iterable[str | None] = (),
    stream: TextIO | None = None,
    level: int = logging.INFO,
) -> logging.Handler:
    """Route graphsvc's and uvicorn's loggers to one handler on ``stream`` (stderr) in
    ``log_format`` (``text`` or ``json``), scrubbing ``secrets``. Idempotent: a second call
    replaces the handler of the first. Returns the handler (tests remove it)."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(ContextFilter(secrets))
    handler.set_name("graphsvc")
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        for old in list(logger.handlers):
            logger.removeHandler(old)
        logger.addHandler(handler)
        logger.setLevel(level)
        # Not also through the root's handler (e.g. the CLI's basicConfig): one line, one format.
        logger.propagate = False
    for name in _SILENCED:
        logging.getLogger(name).disabled = True
    return handler
