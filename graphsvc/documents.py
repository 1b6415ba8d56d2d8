"""Files in, ``Document`` records out: the one place that knows how news text sits on disk.

Two ways to read, over the same files and formats: ``read_path`` stops at the first bad input
(seeds, ``graphsvc extract``: the operator's own few files, where a refusal is the clearest
answer), ``Corpus`` reads lazily and turns each bad input into an ``InputItem`` saying why, so
``graphsvc ingest`` can skip it and go on (``graphsvc.ingest``).

Directories, for both: every .txt and .jsonl file below the directory, at any depth, in sorted
name order (a folder's files, then its sub-folders', each sorted), leaving out hidden files and
folders (names starting with "."). Recursive because corpora are commonly sharded into per-day or
per-source folders; hidden ones left out because they hold tool state (.git, editor swap files),
never articles.

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
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from graphsvc.errors import BadInput, GraphsvcError, PayloadTooLarge
from graphsvc.records import Document, content_hash, parse_partial_date
from graphsvc.settings import Settings

__all__ = [
    "STDIN",
    "SUFFIXES",
    "Corpus",
    "InputItem",
    "decode_lines",
    "parse_jsonl",
    "parse_jsonl_line",
    "parse_text",
    "read_path",
    "stdin_document",
]

SUFFIXES = (".txt", ".jsonl")
STDIN = "-"  # the path that names standard input

# "date" followed by a token that starts with a digit is meant as a header; anything else
# ("date palms grow ...") is ordinary text. \d on purpose: a header written with full-width
# or other non-ASCII digits is meant as one too, and is refused by the date rule rather than
# silently read as text.
_DATE_HEADER = re.compile(r"\A[ \t\ufeff]*date[ \t]+(\d\S*)(?:[ \t]*(?:\r?\n|\Z)|[ \t]+)")
_DOC_FIELDS = ("id", "text", "date", "url", "title")


def read_path(path: Path) -> Iterator[Document]:
    """Documents in ``path``: a directory (its .txt and .jsonl files, as the module docstring
    says), a ``.jsonl`` file (one per line) or any other file (one text document)."""
    if path.is_dir():
        for child in _walk(path):
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
        yield _decode_line(raw, number, source)


def stdin_document(raw: bytes) -> Document:
    """The one text document read from standard input (raises ``BadInput`` as ``parse_text``)."""
    return _stdin_id(parse_text(raw, doc_id="stdin", source="<stdin>"))


def _stdin_id(doc: Document) -> Document:
    """``doc`` under the id ``stdin-<hash of the text>``: distinct stdin texts must not
    overwrite each other in the store."""
    return doc.model_copy(update={"id": f"stdin-{content_hash(doc.text)[:12]}"})


def _decode_line(raw: bytes, number: int, source: str) -> str:
    try:
        return raw.decode("utf-8-sig" if number == 1 else "utf-8")
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


# -- the lenient reader: a corpus for ``graphsvc ingest`` ---------------------------------


@dataclass(frozen=True)
class InputItem:
    """One document read from the corpus, or why it could not be read.

    ``source`` is the path (or ``<stdin>``), ``line`` the JSON Lines line number from 1 (None for
    a whole-file text), ``doc_id`` the best known id when ``doc`` is None.
    """

    source: str
    line: int | None = None
    doc: Document | None = None
    error: GraphsvcError | None = None
    doc_id: str | None = None


class Corpus:
    """The inputs of one run, read lazily in order: files, directories (the module docstring's
    rule, as for ``read_path``) and ``-`` for stdin.

    A .jsonl file yields one item per non-blank line; any other file one text document whose id
    is the file stem; stdin one text document (id ``stdin-<hash>``) or, with ``stdin_jsonl``,
    JSON Lines. Iterable again (``strict`` reads everything twice): stdin's items are kept in
    memory after the first pass when ``keep_stdin`` is set (a single stdin text always is).
    """

    def __init__(
        self,
        paths: Sequence[str],
        stdin: BinaryIO | None = None,
        *,
        stdin_jsonl: bool = False,
        keep_stdin: bool = False,
        max_text_chars: int = Settings.model_fields["max_text_chars"].default,
    ) -> None:
        self.paths = list(paths)
        self._stdin = stdin
        self._stdin_jsonl = stdin_jsonl
        self._keep_stdin = keep_stdin
        self._stdin_items: list[InputItem] | None = None
        # Rows longer than this cannot hold an acceptable text even at 6 bytes a character
        # (JSON \uXXXX escapes): refused without being parsed.
        self._byte_limit = 6 * max_text_chars + 65536

    def check(self) -> None:
        """Raise ``BadInput`` for a named path that does not exist: a typo in the command line
        is refused before anything is read, unlike a bad row inside the corpus."""
        for name in self.paths:
            if name != STDIN and not Path(name).exists():
                raise BadInput(f"{name}: no such file or directory", source=name)
        if STDIN in self.paths and self._stdin is None:
            raise BadInput("- (stdin) given but no stdin to read")

    def files(self) -> Iterator[Path]:
        """The files the named paths stand for, in reading order."""
        for name in self.paths:
            if name == STDIN:
                continue
            path = Path(name)
            if path.is_dir():
                yield from _walk(path)
            else:
                yield path

    def count(self) -> int | None:
        """How many documents the corpus holds (non-blank JSON Lines rows, one per other file);
        None when stdin is among the inputs (reading it would consume it). One cheap pass over
        the files, for the progress bar's ETA."""
        if STDIN in self.paths:
            return None
        total = 0
        for path in self.files():
            if path.suffix != ".jsonl":
                total += 1
                continue
            try:
                with path.open("rb") as stream:
                    total += sum(1 for raw in stream if raw.strip())
            except OSError:
                total += 1  # read (and skipped) as one unreadable input
        return total

    def __iter__(self) -> Iterator[InputItem]:
        for name in self.paths:
            if name == STDIN:
                yield from self._read_stdin()
                continue
            path = Path(name)
            files = _walk(path) if path.is_dir() else iter([path])
            for file in files:
                yield from self._read_file(file)

    def _read_file(self, path: Path) -> Iterator[InputItem]:
        source = str(path)
        try:
            if path.suffix == ".jsonl":
                with path.open("rb") as stream:
                    yield from self._read_jsonl(stream, source, path.stem)
                return
            size = path.stat().st_size
            if size > self._byte_limit:
                limit = (self._byte_limit - 65536) // 6
                error = PayloadTooLarge(f"{source}: {size} bytes; the limit is {limit} characters",
                                        source=source, limit=limit)
                yield InputItem(source, doc_id=path.stem, error=error)
                return
            raw = path.read_bytes()
        except OSError as exc:
            unreadable = BadInput(f"{source}: cannot read ({exc.strerror})", source=source)
            yield InputItem(source, error=unreadable)
            return
        yield _text_item(raw, path.stem, source)

    def _read_jsonl(self, stream: Iterable[bytes], source: str, stem: str) -> Iterator[InputItem]:
        for number, raw in enumerate(stream, start=1):
            if len(raw) > self._byte_limit:
                error = PayloadTooLarge(f"{source}:{number}: {len(raw)} bytes in one line",
                                        source=source, line=number)
                yield InputItem(source, number, error=error)
                continue
            try:
                line = _decode_line(raw, number, source)
            except BadInput as exc:
                yield InputItem(source, number, error=exc)
                continue
            try:
                doc = parse_jsonl_line(line, number, source, stem)
            except BadInput as exc:
                yield InputItem(source, number, error=exc, doc_id=_row_id(line))
                continue
            if doc is not None:
                yield InputItem(source, number, doc=doc)

    def _read_stdin(self) -> Iterator[InputItem]:
        if self._stdin_items is not None:
            yield from self._stdin_items
            return
        if self._stdin is None:
            return
        stream, self._stdin = self._stdin, None  # stdin is read once
        if self._stdin_jsonl:
            items = self._read_jsonl(stream, "<stdin>", "stdin")
            if not self._keep_stdin:
                yield from items
                return
            self._stdin_items = list(items)
        else:
            item = _text_item(stream.read(), "stdin", "<stdin>")
            if item.doc is not None:
                item = InputItem(item.source, doc=_stdin_id(item.doc))
            self._stdin_items = [item]
        yield from self._stdin_items


def _walk(root: Path) -> Iterator[Path]:
    """The files a directory stands for: the one rule of the module docstring."""
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix in SUFFIXES:
                yield Path(directory) / name


def _text_item(raw: bytes, doc_id: str, source: str) -> InputItem:
    try:
        return InputItem(source, doc=parse_text(raw, doc_id=doc_id, source=source))
    except GraphsvcError as exc:
        return InputItem(source, error=exc, doc_id=doc_id)


def _row_id(line: str) -> str | None:
    """The id a rejected JSON row meant to have, for the skip report (None when unreadable)."""
    try:
        row = json.loads(line)
    except ValueError:
        return None
    value = row.get("id") if isinstance(row, dict) else None
    return value if isinstance(value, str) else None
