"""Files in, ``Document`` records out: the one place that knows how news text sits on disk.

Two formats are read:

* ``.txt`` — one document; the id is the file stem. The first line may carry the publication
  date as ``date YYYY-MM-DD``; the text may continue on the same line or start on the next.
* ``.jsonl`` — one JSON object per line: ``{"id", "text", "date", "url", "title"}``; only
  ``text`` is required (a missing id becomes ``<stem>-<line>``); other keys are ignored so
  exports from other tools load as they are.

Every failure is a ``BadInput`` naming the file (and line), never a traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graphsvc.errors import BadInput
from graphsvc.records import Document, parse_partial_date

__all__ = [
    "SUFFIXES",
    "decode_lines",
    "parse_jsonl",
    "parse_jsonl_line",
    "parse_text",
    "read_path",
]

SUFFIXES = (".txt", ".jsonl")

# "date" followed by a token that starts with a digit is meant as a header; anything else
# ("date palms grow ...") is ordinary text. \d on purpose: a header written with full-width
# or other non-ASCII digits is meant as one too, and is refused by the date rule rather than
# silently read as text.
_DATE_HEADER = re.compile(r"\A[ \t\ufeff]*date[ \t]+(\d\S*)(?:[ \t]*(?:\r?\n|\Z)|[ \t]+)")
_DOC_FIELDS = ("id", "text", "date", "url", "title")


def read_path(path: Path) -> Iterator[Document]:
    """Documents in ``path``: a directory (its *.txt and *.jsonl files, sorted, not recursive),
    a ``.jsonl`` file (one per line) or any other file (one text document)."""
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.is_file() and child.suffix in SUFFIXES:
                yield from _read_file(child)
        return
    if not path.exists():
        raise BadInput(f"{path}: no such file or directory", source=str(path))
    yield from _read_file(path)


def _read_file(path: Path) -> Iterator[Document]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path}: cannot read ({exc.strerror})", source=str(path)) from exc
    if path.suffix == ".jsonl":
        yield from parse_jsonl(_decode(raw, str(path)).splitlines(), str(path), stem=path.stem)
    else:
        yield parse_text(raw, doc_id=path.stem, source=str(path))


def parse_text(raw: bytes | str, doc_id: str, source: str) -> Document:
    """One text document, with an optional ``date YYYY-MM-DD`` first line.

    ``source`` names the input in error messages (a path, or ``<stdin>``).
    """
    text = _decode(raw, source) if isinstance(raw, bytes) else raw
    day = None
    header = _DATE_HEADER.match(text)
    if header:
        day = header.group(1)
        try:
            whole_day = parse_partial_date(day)[2] is not None
        except ValueError as exc:
            message = f"{source}:1: date header must be YYYY-MM-DD; {exc}"
            raise BadInput(message, source=source, line=1) from None
        if not whole_day:
            message = f"{source}:1: date header must be YYYY-MM-DD, got {day!r}"
            raise BadInput(message, source=source, line=1)
        text = text[header.end() :]
    text = text.strip()
    if not text:
        raise BadInput(f"{source}: no text", source=source)
    return _document({"id": doc_id, "text": text, "date": day}, source)


def parse_jsonl(lines: Iterable[str], source: str, stem: str = "doc") -> Iterator[Document]:
    """One document per non-blank JSON line; line numbers in errors count from 1."""
    for number, line in enumerate(lines, start=1):
        doc = parse_jsonl_line(line, number, source, stem)
        if doc is not None:
            yield doc


def parse_jsonl_line(line: str, number: int, source: str, stem: str = "doc") -> Document | None:
    """The document on line ``number`` (from 1) of a JSON Lines input; None for a blank line.

    Raises ``BadInput`` naming ``source:number``; callers that skip bad lines (``graphsvc
    ingest``) go on with the next one.
    """
    if not line.strip():
        return None
    where = f"{source}:{number}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        message = f"{where}: invalid JSON ({exc.msg})"
        raise BadInput(message, source=source, line=number) from exc
    if not isinstance(row, dict):
        raise BadInput(f"{where}: expected a JSON object", source=source, line=number)
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadInput(f'{where}: missing or empty "text"', source=source, line=number)
    fields = {key: row.get(key) for key in _DOC_FIELDS}
    if fields["id"] is None:
        fields["id"] = f"{stem}-{number}"
    fields["date"] = _normalise_date(fields["date"])
    return _document(fields, source, line=number)


def decode_lines(stream: Iterable[bytes], source: str) -> Iterator[str]:
    """UTF-8 lines of a byte stream read lazily (stdin, big files); a bad byte names its line."""
    for number, raw in enumerate(stream, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            message = f"{source}:{number}: not UTF-8 text (bad byte at column {exc.start + 1})"
            raise BadInput(message, source=source, line=number) from exc


def _normalise_date(value: Any) -> Any:
    """Full timestamps ("2022-12-30T08:00:00Z") become their day; everything else is validated
    as-is by ``Document``. Only ASCII ones: ``fromisoformat`` may take other digits, which
    the date rule refuses."""
    if isinstance(value, str) and "T" in value and value.isascii():
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            return value
    return value


def _document(fields: dict[str, Any], source: str, line: int | None = None) -> Document:
    where = f"{source}:{line}" if line else source
    extra: dict[str, Any] = {"source": source} if line is None else {"source": source, "line": line}
    try:
        return Document.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'document'}: {err['msg']}"
            for err in exc.errors()
        )
        raise BadInput(f"{where}: {problems}", **extra) from exc


def _decode(raw: bytes, source: str) -> str:
    try:
        # utf-8-sig drops the byte-order mark some editors write.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"{source}: not UTF-8 text (bad byte at offset {exc.start})", source=source
        ) from exc
