"""Server logs: text or JSON lines, each carrying the id of the request it was written for.

The request id lives in a context variable set by ``RequestContextMiddleware``; sync routes run
in worker threads that copy the context, so lines written by the service during a request carry
its id too. Lines written outside any request (startup, seeding) carry ``-``.

Secrets: nothing here logs headers, and the handler's filter also scrubs the configured API key
from every line, so a key pasted into a URL or an exception message never reaches the log.
"""

from __future__ import annotations

import json
import logging
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


def current_request_id() -> str | None:
    """The id of the request being served in this context, if any."""
    return REQUEST_ID.get()


class ContextFilter(logging.Filter):
    """Adds ``request_id`` to every record and replaces any of ``secrets`` with ``[redacted]``."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get() or "-"
        if self.secrets:
            message = record.getMessage()
            scrubbed = self._scrub(message)
            if scrubbed != message:
                record.msg, record.args = scrubbed, None
            if record.exc_info and not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = self._scrub(record.exc_text)
            for name, value in list(record.__dict__.items()):
                # extra= fields too: the access line's query string is one.
                if name not in _STANDARD_ATTRS and isinstance(value, str):
                    setattr(record, name, self._scrub(value))
        return True

    def _scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


class TextFormatter(logging.Formatter):
    """``2024-05-16T10:00:00Z INFO graphsvc.api.access [3f2c…] GET /health 200 1.2ms``."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return _timestamp(record)

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = "-"
        return super().format(record)


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
