"""The ``graphsvc`` command: ingest, extract, serve, export, backup, restore, schemas.

Global flags (``--data-dir``, ``--spacy-model``) override ``GRAPHSVC_*`` settings and may come
before or after the subcommand. Failures print ``graphsvc: error E001: ...`` to stderr and exit
with status 2; no traceback. ``ingest`` also exits 1 when it finished but skipped some inputs,
and 130 when interrupted (see ``_ingest``).

Files the CLI writes (``export -o``, ``backup -o``) are operator-chosen paths taken as given (the
command runs with the operator's rights, so ``..`` is no boundary), but never half-written: they
are built under a temporary name in the target's directory and renamed over it. A target that is
a directory, lies in a directory that does not exist, or is the store's own file is refused.
Nothing read from a document (ids, titles) ever becomes a file name.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from graphsvc import __version__
from graphsvc.documents import (
    STDIN,
    Corpus,
    decode_lines,
    parse_jsonl,
    read_path,
    stdin_document,
)
from graphsvc.errors import BadInput, GraphsvcError
from graphsvc.records import (
    Document,
    Entity,
    EventType,
    Evidence,
    Extraction,
    Mention,
    Relation,
    Role,
    check_unicode,
)
from graphsvc.settings import Settings

__all__ = ["SCHEMA_MODELS", "build_parser", "main", "render_schemas"]

SCHEMA_MODELS = (Document, Entity, Role, Mention, Evidence, Relation, EventType, Extraction)
EXPORT_FORMATS = ("graphml", "gexf", "json")


ONTOLOGY_FILE = "event-types.json"


def render_schemas() -> dict[str, str]:
    """File name → text of what ``schemas/`` must hold: the JSON Schema of each public record,
    and the event-type table itself (rows of ``EventType``), so the codes are published too."""
    from graphsvc import ontology

    files = {
        f"{model.__name__}.json": json.dumps(model.model_json_schema(), indent=2) + "\n"
        for model in SCHEMA_MODELS
    }
    table = [row.model_dump(mode="json") for row in ontology.event_types()]
    files[ONTOLOGY_FILE] = json.dumps(table, indent=2, ensure_ascii=False) + "\n"
    return files


def build_parser() -> argparse.ArgumentParser:
    # SUPPRESS keeps a flag given before the subcommand from being reset by the subparser's
    # default, so `graphsvc --data-dir D serve` and `graphsvc serve --data-dir D` both work.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        help="where the store lives (GRAPHSVC_DATA_DIR)",
    )
    common.add_argument(
        "--spacy-model",
        default=argparse.SUPPRESS,
        help="installed spaCy pipeline (GRAPHSVC_SPACY_MODEL)",
    )

    parser = argparse.ArgumentParser(
        prog="graphsvc",
        parents=[common],
        description="News text to a geopolitical event knowledge graph.",
    )
    parser.add_argument("--version", action="version", version=f"graphsvc {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = sub.add_parser(
        "ingest",
        parents=[common],
        help="extract and store documents",
        description="Extract and store documents, in parallel, resumably: a re-run skips what "
        "is already stored. Exit status 0: all stored; 1: done, some inputs skipped; "
        "2: refused, nothing more written; 130: interrupted (run again to resume).",
    )
    ingest.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=".txt, .jsonl, a directory of them (searched recursively), or - for stdin",
    )
    ingest.add_argument(
        "--workers",
        type=_workers,
        default=None,
        metavar="N",
        help="extraction processes (GRAPHSVC_INGEST_WORKERS; 0 = one per core, 1 = no pool)",
    )
    ingest.add_argument(
        "--strict",
        action="store_true",
        help="check every input before writing anything and stop at the first problem "
        "(default: skip bad inputs, report them, exit 1)",
    )
    ingest.add_argument(
        "--skipped",
        type=Path,
        default=None,
        metavar="FILE",
        help="write skipped inputs as JSON Lines {source, line, id, code, reason}",
    )
    ingest.add_argument(
        "--no-progress", action="store_true", help="no progress line on stderr"
    )
    ingest.add_argument(
        "--jsonl",
        action="store_true",
        help="stdin (-) holds JSON Lines, one document per line, instead of one text",
    )

    extract = sub.add_parser(
        "extract", parents=[common], help="print what is read from text (stores nothing)"
    )
    extract.add_argument("file", metavar="FILE", help="a .txt file, or - for stdin")
    extract.add_argument(
        "--jsonl",
        action="store_true",
        help='FILE holds {"id","text","date"} lines; print one result per line',
    )

    serve = sub.add_parser("serve", parents=[common], help="run the HTTP API")
    serve.add_argument("--host", default=argparse.SUPPRESS, help="default 127.0.0.1")
    serve.add_argument("--port", type=int, default=argparse.SUPPRESS, help="default 8000")
    serve.add_argument(
        "--seeds",
        dest="seeds_dir",
        type=Path,
        default=argparse.SUPPRESS,
        help="documents ingested on first start (default ./seeds)",
    )

    export = sub.add_parser("export", parents=[common], help="write the graph to a file")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="graphml")
    export.add_argument("-o", "--output", default=STDIN, metavar="FILE", help="default: stdout")

    backup = sub.add_parser(
        "backup", parents=[common], help="copy the store to a file (safe while serving)"
    )
    backup.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")

    restore = sub.add_parser(
        "restore", parents=[common], help="replace the store by a backup (stop the server first)"
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="a file made by graphsvc backup")

    schemas = sub.add_parser("schemas", help="write JSON Schemas of the public records")
    schemas.add_argument("-o", "--output", type=Path, default=Path("schemas"), metavar="DIR")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    overrides = {
        key: getattr(args, key)
        for key in ("data_dir", "spacy_model", "host", "port", "seeds_dir")
        if hasattr(args, key)
    }
    try:
        settings = Settings(**overrides)
        handler = _COMMANDS[args.command]
        return handler(args, settings)
    except GraphsvcError as exc:
        print(f"graphsvc: error {exc.code}: {exc.detail}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `graphsvc extract --jsonl f | head` closes our stdout early; that is not an error.
        sys.stderr.close()
        return 0


def _read_inputs(name: str) -> Iterator[Document]:
    if name == STDIN:
        yield stdin_document(sys.stdin.buffer.read())
        return
    yield from read_path(Path(name))


def _workers(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        count = -1
    if count < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (one per core) or more, not {value!r}")
    return count


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Stream the corpus into the store (``graphsvc.ingest``). stdout: one line per input,
    ``STATUS<TAB>ID<TAB>...``, in input order; stderr: progress and a summary.

    Exit status: 0 everything stored or unchanged; 1 finished but some inputs were skipped (they
    are on stdout as ``skipped`` lines and in ``--skipped FILE``): non-zero so a script notices,
    distinct from 2 since all the good documents are stored; 2 refused (a path that does not
    exist, ``--strict`` and a bad input, the model missing); 130 interrupted by Ctrl-C or
    SIGTERM: documents written so far are whole and a re-run resumes after them.
    """
    import threading

    from graphsvc.ingest import Skip, ingest_corpus
    from graphsvc.store import open_store
    from graphsvc.store.base import IngestResult

    corpus = Corpus(args.paths, sys.stdin.buffer, stdin_jsonl=args.jsonl,
                    keep_stdin=args.strict, max_text_chars=settings.max_text_chars)
    corpus.check()
    report = _open_report(args.skipped)
    progress = None
    if not args.no_progress:
        progress = _Progress(sys.stderr, corpus.count())

    def on_result(result: IngestResult) -> None:
        print(f"{result.status}\t{result.doc_id}\t"
              f"{result.entities} entities\t{result.relations} relations")
        if progress is not None:
            progress.advance(skipped=False)

    def on_skip(skip: Skip) -> None:
        print(f"skipped\t{skip.id or '-'}\t{skip.code}\t{skip.reason}")
        if report is not None:
            report.write(json.dumps(skip.to_json(), ensure_ascii=False) + "\n")
            report.flush()
        if progress is not None:
            progress.advance(skipped=True)

    stop = threading.Event()
    store = open_store(settings)
    try:
        with _stop_on_signals(stop):
            summary = ingest_corpus(corpus, store, settings, workers=args.workers,
                                    strict=args.strict, on_result=on_result, on_skip=on_skip,
                                    stop=stop)
    finally:
        store.close()
        if progress is not None:
            progress.close()
        if report is not None:
            report.close()
    if summary.done == 0 and not summary.interrupted:
        raise BadInput("no documents found (expected .txt or .jsonl files)")
    sys.stdout.flush()
    print(_summary_line(summary, args.skipped), file=sys.stderr)
    if summary.interrupted:
        return 130
    return 1 if summary.skipped else 0


def _summary_line(summary: Any, skipped_file: Path | None) -> str:
    counts = (f"{summary.created} created, {summary.replaced} replaced, "
              f"{summary.unchanged} unchanged, {summary.skipped} skipped")
    line = (f"graphsvc: {summary.done} inputs in {summary.elapsed:.1f} s "
            f"({summary.rate:.1f} docs/s): {counts}")
    if summary.skipped:
        line += f" (listed in {skipped_file})" if skipped_file else " (see the skipped lines)"
    if summary.interrupted:
        line += "; interrupted: run the same command again to resume"
    return line


def _open_report(path: Path | None) -> TextIO | None:
    """The ``--skipped`` file, opened before anything is ingested so a bad path fails first.
    Written a line at a time as skips happen (a log, not a result file: an interrupted run's
    partial list is still true)."""
    if path is None:
        return None
    if path.is_dir():
        raise BadInput(f"{path}: is a directory; name a file", source=str(path))
    try:
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"{path}: cannot write ({exc.strerror})", source=str(path)) from exc


@contextlib.contextmanager
def _stop_on_signals(stop: Any) -> Iterator[None]:
    """Ctrl-C or SIGTERM sets ``stop``: the ingest ends after the document it is writing. A
    second Ctrl-C interrupts at once (what was committed stays committed)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(signum: int, frame: Any) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class _Progress:
    """``ingest 120/2000 (6%)  14.2 docs/s  ETA 2:12  skipped 1`` on ``stream``: redrawn in
    place (``\\r``) at most every ``TTY_EVERY`` seconds on a terminal, a new line every
    ``LOG_EVERY`` seconds otherwise (logs, CI). Without a ``total`` there is no ETA. The rate is
    over the last ``WINDOW`` seconds, so a resumed run's fast unchanged stretch does not make the
    ETA of the extraction after it look short."""

    TTY_EVERY = 0.2
    LOG_EVERY = 5.0
    WINDOW = 30.0

    def __init__(self, stream: TextIO, total: int | None, *, tty: bool | None = None,
                 clock: Any = time.monotonic) -> None:
        self.stream = stream
        self.total = total
        self.tty = stream.isatty() if tty is None else tty
        self.clock = clock
        self.done = 0
        self.skipped = 0
        now = clock()
        self.samples: deque[tuple[float, int]] = deque([(now, 0)])
        self.last_draw = now
        self.drawn = False

    def advance(self, skipped: bool) -> None:
        self.done += 1
        self.skipped += int(skipped)
        now = self.clock()
        if now - self.last_draw >= (self.TTY_EVERY if self.tty else self.LOG_EVERY):
            self.draw(now)

    def line(self, now: float) -> str:
        while len(self.samples) > 1 and now - self.samples[1][0] >= self.WINDOW:
            self.samples.popleft()
        then, done_then = self.samples[0]
        rate = (self.done - done_then) / (now - then) if now > then else 0.0
        self.samples.append((now, self.done))
        parts = [f"ingest {self.done}"]
        if self.total:
            parts = [f"ingest {self.done}/{self.total} ({100 * self.done // self.total}%)"]
        parts.append(f"{rate:.1f} docs/s")
        if self.total and rate > 0 and self.total > self.done:
            parts.append(f"ETA {_clock_time((self.total - self.done) / rate)}")
        parts.append(f"skipped {self.skipped}")
        return "  ".join(parts)

    def draw(self, now: float) -> None:
        self.last_draw = now
        text = self.line(now)
        # \x1b[K clears what a longer previous line left on the right.
        self.stream.write(f"\r{text}\x1b[K" if self.tty else text + "\n")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.tty and self.drawn:
            self.draw(self.clock())
            self.stream.write("\n")
            self.stream.flush()


def _clock_time(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _extraction_json(extraction: Extraction) -> dict[str, Any]:
    return extraction.model_dump(mode="json", exclude={"mentions"})


def _extract(args: argparse.Namespace, settings: Settings) -> int:
    from graphsvc.extract import Extractor

    extractor = Extractor(settings)
    out = sys.stdout
    if args.jsonl:
        if args.file == STDIN:
            _extract_jsonl(extractor, sys.stdin.buffer, "<stdin>", out)
        else:
            with _open_binary(Path(args.file)) as stream:
                _extract_jsonl(extractor, stream, args.file, out)
        return 0
    docs = list(_read_inputs(args.file))
    if len(docs) != 1:
        raise BadInput(f"{args.file}: holds {len(docs)} documents; use --jsonl for many")
    check_unicode(docs[0])
    extraction = extractor.extract(docs[0])
    out.write(json.dumps(_extraction_json(extraction), ensure_ascii=False, indent=2) + "\n")
    return 0


def _extract_jsonl(extractor: Any, stream: BinaryIO, source: str, out: TextIO) -> None:
    docs = parse_jsonl(decode_lines(stream, source), source, stem=Path(source).stem)
    # Lazily: results stream out while later lines are still being read.
    for extraction in extractor.extract_many(_checked(docs, check_unicode)):
        out.write(json.dumps(_extraction_json(extraction), ensure_ascii=False) + "\n")
        out.flush()


def _checked(docs: Iterator[Document], check: Any) -> Iterator[Document]:
    for doc in docs:
        check(doc)
        yield doc


def _open_binary(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise BadInput(f"{path}: cannot read ({exc.strerror})", source=str(path)) from exc


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from graphsvc.api.app import create_app
    from graphsvc.api.logs import configure_logging

    # One handler for graphsvc's and uvicorn's loggers from the first line on, in the
    # configured format (uvicorn's own log_config would print its start-up lines as text).
    configure_logging(settings.log_format, secrets=[settings.api_key])
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info",
                log_config=None)
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from graphsvc.graph.export import to_gexf, to_graphml, to_node_link
    from graphsvc.service import GraphService

    service = GraphService(settings)
    try:
        graph = service.graph
        if args.format == "graphml":
            content = to_graphml(graph)
        elif args.format == "gexf":
            content = to_gexf(graph)
        else:
            content = json.dumps(to_node_link(graph), ensure_ascii=False).encode("utf-8")
    finally:
        service.close()
    if args.output == STDIN:
        sys.stdout.buffer.write(content)
    else:
        _write_output(Path(args.output), content, settings.sqlite_path)
    return 0


def _write_output(target: Path, content: bytes, store: Path) -> None:
    """Write ``content`` to ``target`` whole or not at all (temporary file, then rename)."""
    from graphsvc.store.sqlite import SQLITE_SIDECARS

    if target.is_dir():
        raise BadInput(f"{target}: is a directory; name a file", source=str(target))
    if not target.parent.is_dir():
        raise BadInput(f"{target.parent}: no such directory", source=str(target))
    own = {Path(f"{store}{suffix}").resolve() for suffix in ("", *SQLITE_SIDECARS)}
    if target.resolve() in own:
        raise BadInput(f"{target}: is the store's own file", source=str(target))
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise BadInput(f"{target}: cannot write ({exc.strerror})", source=str(target)) from exc
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(name, target)
    except BaseException as exc:
        Path(name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise BadInput(f"{target}: cannot write ({exc.strerror})", source=str(target)) from exc
        raise


def _store_file(settings: Settings) -> Path:
    from graphsvc.store import store_kind

    if store_kind(settings) == "postgresql":
        # The database server has its own consistent online backup; a second one here would
        # only be a worse copy of it.
        raise BadInput(
            "graphsvc backup and restore are for SQLite stores; back up a PostgreSQL store "
            "with pg_dump -Fc and restore it with pg_restore"
        )
    return settings.sqlite_path


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    from graphsvc.store.sqlite import backup_database

    store = _store_file(settings)
    if not store.is_file():
        raise BadInput(f"{store}: no store to back up", source=str(store))
    info = backup_database(store, args.output)
    print(
        f"backed up {store} to {info.path}: {info.documents} documents, "
        f"{info.relations} relations, {info.size_bytes} bytes, schema {info.schema_version}"
    )
    return 0


def _restore(args: argparse.Namespace, settings: Settings) -> int:
    from graphsvc.store.sqlite import restore_database

    store = _store_file(settings)
    info = restore_database(args.file, store)
    print(
        f"restored {args.file} to {store}: {info.documents} documents, "
        f"{info.relations} relations, schema {info.schema_version}"
    )
    return 0


def _schemas(args: argparse.Namespace, settings: Settings) -> int:
    args.output.mkdir(parents=True, exist_ok=True)
    for name, text in render_schemas().items():
        (args.output / name).write_text(text, encoding="utf-8")
    return 0


_COMMANDS = {
    "ingest": _ingest,
    "extract": _extract,
    "serve": _serve,
    "export": _export,
    "backup": _backup,
    "restore": _restore,
    "schemas": _schemas,
}

if __name__ == "__main__":
    sys.exit(main())
