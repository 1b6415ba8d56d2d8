"""Feed a corpus into the store: what ``graphsvc ingest`` does with many documents.

Direction: paths / stdin → ``InputItem`` (``graphsvc.documents.Corpus``: a ``Document``, or
why one could not be read) → checks (valid, id not already read in this run, not already stored
verbatim: the rules of ``graphsvc.writes``, shared with ``GraphService``) → extraction in worker
processes → writes in this (the parent) process, in input order, one store transaction per
document.

Skipping is the default, ``strict`` the option, because of who runs this: an analyst loading a
scraped corpus of a million articles always has a few broken rows (truncated JSON, an empty
body, a stray Latin-1 byte, a duplicated id). Refusing the whole run for one of them means
"fix one line, start again, fail on the next one"; with hours of extraction per run that loop
is the real cost. So each bad input is skipped with its error code and reason (``Skip``, for
``--skipped FILE``), every good document is written, and the caller exits non-zero so scripts
still notice. A fixed line is then picked up by a cheap re-run (below). ``strict=True`` keeps
the all-or-nothing contract for pipelines that want it: every input is read and validated
before anything is written, and the first problem is raised.

Resuming: a document whose id the store already holds with the same content hash is
``unchanged`` and never reaches a worker, so re-running an interrupted ingest costs one keyed
read per stored document and then carries on where it stopped. A text identical to one stored
(or being read in this run) under another id with the same date reuses that reading instead
of extracting again (syndicated wire copies are common).

Crash safety: only the parent writes, through ``Store.add_document`` (one transaction each), in
input order; a kill at any moment leaves whole documents, a prefix of what the run wrote.

Dead workers: a worker the OS kills (out of memory) or that crashes in native code fails the
batches in flight; their documents are read again one at a time in a fresh worker, and one that
kills that worker too is skipped (E000, "the extraction worker process died …"). Workers that
die on every document stop the run with an error rather than respawning forever (``_Extractors``).
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Protocol

# Corpus and STDIN are the reader's (graphsvc.documents); named here too, as what a run takes.
from graphsvc.documents import STDIN, Corpus, InputItem
from graphsvc.errors import (
    BadInput,
    Conflict,
    GraphsvcError,
    ModelMissing,
    PayloadTooLarge,
)
from graphsvc.records import Document, Extraction
from graphsvc.settings import Settings
from graphsvc.store.base import IngestResult, Store
from graphsvc.writes import plan_write, relabel, validate_document

__all__ = [
    "CHUNK_SIZE",
    "STDIN",
    "Corpus",
    "ExtractorFactory",
    "IngestSummary",
    "InputItem",
    "Skip",
    "check_item",
    "extract_batch",
    "ingest_corpus",
    "resolve_workers",
]

# Documents per task sent to a worker: one spaCy ``nlp.pipe`` batch. Small enough that Ctrl-C
# with one in-process worker waits at most a second or two.
CHUNK_SIZE = 16
# Tasks in flight per worker: one being parsed and one queued, so a worker never waits for the
# parent's writes; more would only hold more documents in memory.
_TASKS_PER_WORKER = 2
# Input rows held between reading and writing (unchanged ones and skips queue behind pending
# extractions so results stay in input order); bounds memory on any corpus size.
_MAX_PENDING = 4096
_POLL = 0.1  # seconds between looks at the stop flag while waiting for a worker
# Seconds a batch waits before its pool is asked whether it still takes work (``_Pending``).
_PROBE_AFTER = 1.0
# A document that kills its worker is read again alone in a fresh one and skipped if that dies
# too; this many such documents in a row, none read in between, stop the run (``died``).
_DEATHS_IN_A_ROW = 3

log = logging.getLogger("graphsvc.ingest")


class _Extracts(Protocol):
    def extract(self, doc: Document) -> Extraction: ...


# Called once per worker process with the run's settings. Must be picklable (a module-level
# class or function, or a functools.partial of one): workers are spawned, not forked.
ExtractorFactory = Callable[[Settings], _Extracts]


def resolve_workers(settings: Settings, override: int | None = None) -> int:
    """Extraction processes to run: ``override`` (``--workers``) or ``settings.ingest_workers``;
    0 means one per core."""
    count = settings.ingest_workers if override is None else override
    if count < 0:
        raise BadInput(f"workers must be 0 (one per core) or more, not {count}")
    return count or os.cpu_count() or 1


# -- checks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Skip:
    """One input left out of the run: where it was, its id if known, the error catalogue code
    (E001 bad input, E003 too large, E005 id already read in this run, E000 the extractor
    failed on it) and a readable reason."""

    source: str
    line: int | None
    id: str | None
    code: str
    reason: str

    @classmethod
    def of(cls, item: InputItem, error: GraphsvcError) -> Skip:
        doc_id = item.doc.id if item.doc is not None else item.doc_id
        return cls(item.source, item.line, doc_id, error.code, error.detail)

    def to_json(self) -> dict[str, Any]:
        """The ``--skipped FILE`` row: {source, line, id, code, reason}."""
        return {"source": self.source, "line": self.line, "id": self.id, "code": self.code,
                "reason": self.reason}


def check_item(item: InputItem, settings: Settings, seen: set[str]) -> GraphsvcError | None:
    """Why ``item`` cannot be ingested (unreadable, invalid, or its id already read in this run
    and kept in ``seen``), or None, after which its id is added to ``seen``.

    A repeated id is refused rather than replacing the first: within one corpus it is almost
    always a duplicated export row, and "last one wins" would make the stored text depend on
    file order.
    """
    if item.error is not None:
        return item.error
    assert item.doc is not None
    try:
        validate_document(item.doc, settings)
    except GraphsvcError as exc:
        return exc
    if item.doc.id in seen:
        where = f"{item.source}:{item.line}" if item.line else item.source
        return Conflict(f"{where}: id {item.doc.id!r} was already read in this run; the first "
                        "one is kept", doc_id=item.doc.id)
    seen.add(item.doc.id)
    return None


# -- extraction (in worker processes, or in this one) ------------------------------------------


@dataclass(frozen=True)
class _Failure:
    """Why a document could not be read; plain data, since not every exception pickles.
    ``fatal``: the extractor itself is unusable (model missing), so the run stops."""

    code: str
    reason: str
    fatal: bool = False

    @classmethod
    def of(cls, exc: BaseException, fatal: bool = False) -> _Failure:
        if isinstance(exc, GraphsvcError):
            return cls(exc.code, exc.detail, fatal or isinstance(exc, ModelMissing))
        return cls("E000", f"extraction failed: {type(exc).__name__}: {exc}", fatal)

    def error(self) -> GraphsvcError:
        for kind in (BadInput, PayloadTooLarge, ModelMissing):
            if kind.code == self.code:
                return kind(self.reason)
        return GraphsvcError(self.reason)


def extract_batch(extractor: Any, docs: list[Document]) -> list[Extraction | _Failure]:
    """One extraction (or failure) per document, in order; batched (``extract_many``, spaCy's
    ``nlp.pipe``) when the extractor has it. One document that breaks the batch is found by
    reading them one at a time, so it alone fails."""
    many = getattr(extractor, "extract_many", None)
    if callable(many):
        try:
            return list(many(docs))
        except Exception:
            pass  # retried one by one below
    out: list[Extraction | _Failure] = []
    for doc in docs:
        try:
            out.append(extractor.extract(doc))
        except Exception as exc:
            out.append(_Failure.of(exc))
    return out


_worker_state: dict[str, Any] = {}


def _init_worker(factory: ExtractorFactory, settings: Settings) -> None:
    import signal

    # Ctrl-C reaches the whole process group; only the parent decides what it means.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A SIGKILLed parent leaves no one to stop us (the task pipe stays open in every worker).
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()
    try:
        _worker_state["extractor"] = factory(settings)
    except Exception as exc:
        # Reported with each task: a pool initializer that raises is restarted forever.
        _worker_state["failure"] = _Failure.of(exc, fatal=True)


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def _extract_task(docs: list[Document]) -> list[Extraction | _Failure]:
    failure = _worker_state.get("failure")
    if failure is not None:
        return [failure] * len(docs)
    return extract_batch(_worker_state["extractor"], docs)


class _Pending:
    """A batch handed to a pool of workers: its result when ready, ``BrokenProcessPool`` when a
    worker died with it."""

    def __init__(self, pool: ProcessPoolExecutor, docs: list[Document]) -> None:
        self._pool = pool
        self._future = pool.submit(_extract_task, docs)
        self._checked = time.monotonic()

    def ready(self) -> bool:
        future = self._future
        return future.done() and not future.cancelled() and future.exception() is None

    def get(self, timeout: float) -> list[Extraction | _Failure] | None:
        """The batch's readings, or None if not ready within ``timeout`` seconds."""
        try:
            return self._future.result(timeout)
        except TimeoutError:
            pass
        # Python 3.11's pool marks itself broken without the lock ``submit`` takes, so a batch
        # submitted just as a worker died can stay pending forever; asking the pool for new
        # work (refused once broken) catches that without waiting on it.
        if time.monotonic() - self._checked >= _PROBE_AFTER:
            self._checked = time.monotonic()
            if not _accepts_work(self._pool):
                raise BrokenProcessPool("the pool broke without reporting this batch")
        return None


def _accepts_work(pool: ProcessPoolExecutor) -> bool:
    try:
        # Not cancelled: Python 3.11's pool, breaking, fails every pending future and its
        # manager thread dies on a cancelled one, leaving live workers behind.
        pool.submit(int)
    except (BrokenProcessPool, RuntimeError):  # RuntimeError: shut down already
        return False
    return True


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool``'s workers now, dropping the batches they hold: ``shutdown`` alone lets
    every batch already handed to a worker run to its end (seconds, or forever if one hangs)."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if callable(terminate):
        terminate()
        return
    # Before 3.14 the worker processes are reachable only through this private attribute.
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


class _Task:
    """One batch on its way through the extractor; ``result`` is None while it runs.

    A batch whose worker process died (killed by the OS, e.g. out of memory, or a crash in
    native code) is read again one document at a time in a fresh worker (``_Rescue``): the
    documents the dead worker held are the only ones affected, and the one that kills a worker
    again alone is skipped with the reason."""

    def __init__(self, docs: list[Document], pending: _Pending | None,
                 extractors: _Extractors) -> None:
        self._docs = docs
        self._pending = pending
        self._extractors = extractors
        self._rescue: _Rescue | None = None
        self._result: list[Extraction | _Failure] | None = None

    def done(self) -> bool:
        """Read already (``result`` will not wait); a batch for this process, or one being
        rescued, is read only when asked for."""
        return self._result is not None or (
            self._rescue is None and self._pending is not None and self._pending.ready()
        )

    def result(self, timeout: float) -> list[Extraction | _Failure] | None:
        if self._result is None:
            self._result = self._read(timeout)
            if self._result is not None:
                self._docs = []
        return self._result

    def _read(self, timeout: float) -> list[Extraction | _Failure] | None:
        if self._pending is None:
            return self._extractors.run_here(self._docs)
        if self._rescue is None:
            try:
                return self._pending.get(timeout)
            except BrokenProcessPool:
                self._rescue = self._extractors.rescue(self._docs)
        return self._rescue.step(timeout)


class _Rescue:
    """The documents of a batch whose worker died, read one at a time by the one-worker pool
    (``_Extractors.alone``): their second and last try. Alone, a document that kills the worker
    again is the one to blame, and nothing else is lost with it."""

    def __init__(self, docs: list[Document], extractors: _Extractors) -> None:
        self._docs = docs
        self._extractors = extractors
        self._out: list[Extraction | _Failure] = []
        self._pending: _Pending | None = None

    def step(self, timeout: float) -> list[Extraction | _Failure] | None:
        """All the readings once every document was read again; None while one still runs."""
        while len(self._out) < len(self._docs):
            doc = self._docs[len(self._out)]
            if self._pending is None:
                self._pending = self._extractors.alone(doc)
            try:
                readings = self._pending.get(timeout)
            except BrokenProcessPool:
                failure = self._extractors.died(doc)
                if failure.fatal:  # the run stops at this document: read no more
                    return [*self._out, *[failure] * (len(self._docs) - len(self._out))]
                readings = [failure]
            else:
                if readings is None:
                    return None
                self._extractors.survived()
            self._out.append(readings[0])
            self._pending = None
        return self._out


class _Extractors:
    """Where batches are read: in this process (one worker) or a pool of spawned processes,
    each loading its extractor once. Started on the first batch, so a run with nothing to
    extract (a resumed one) never loads spaCy.

    ``concurrent.futures.ProcessPoolExecutor`` rather than ``multiprocessing.Pool``: when a
    worker is killed, ``Pool`` starts a new one but never settles the batch the dead one held,
    so the run waited for it forever; the executor fails every batch it had in flight with
    ``BrokenProcessPool``. Those batches are rescued (``_Task``) and new ones go to a fresh pool.
    """

    def __init__(self, workers: int, factory: ExtractorFactory | None, settings: Settings) -> None:
        self.workers = workers
        self._factory = factory
        self._settings = settings
        self._pool: ProcessPoolExecutor | None = None
        self._quarantine: ProcessPoolExecutor | None = None  # one worker, for rescues
        self._deaths: list[str] = []  # ids that killed the lone worker since it last read one
        self._local: Any = None

    def submit(self, docs: list[Document]) -> _Task:
        if self.workers == 1:
            return _Task(docs, None, self)
        self._pool, pending = self._send(self._pool, self.workers, docs)
        return _Task(docs, pending, self)

    def alone(self, doc: Document) -> _Pending:
        """``doc`` read by itself in the one-worker pool (a fresh one after a death)."""
        self._quarantine, pending = self._send(self._quarantine, 1, [doc])
        return pending

    def _send(self, pool: ProcessPoolExecutor | None, size: int,
              docs: list[Document]) -> tuple[ProcessPoolExecutor, _Pending]:
        if pool is not None:
            try:
                return pool, _Pending(pool, docs)
            except BrokenProcessPool:
                pool.shutdown(wait=False)  # a worker died; its tasks are rescued by their owners
        pool = ProcessPoolExecutor(
            size,
            # Spawned, not forked: the parent holds open store connections and threads.
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self._get_factory(), self._settings),
        )
        return pool, _Pending(pool, docs)

    def rescue(self, docs: list[Document]) -> _Rescue:
        ids = ", ".join(doc.id for doc in docs)
        log.warning("an extraction worker process died (killed by the OS? out of memory?); "
                    "reading its batch's %d documents again one at a time: %s", len(docs), ids)
        return _Rescue(docs, self)

    def died(self, doc: Document) -> _Failure:
        """Why ``doc`` is skipped: it killed its worker in its batch and again alone. Fatal
        after ``_DEATHS_IN_A_ROW`` such documents with none read in between: then the workers
        cannot run at all, and going on would start one per document for the whole corpus."""
        self._deaths.append(doc.id)
        if len(self._deaths) >= _DEATHS_IN_A_ROW:
            return _Failure("E000", (
                f"extraction workers keep dying: {len(self._deaths)} documents in a row killed a "
                f"fresh worker ({', '.join(self._deaths)}); check the memory limit (dmesg) and "
                "the model"), fatal=True)
        return _Failure("E000", "the extraction worker process died while reading this "
                                "document, in its batch and again alone in a fresh worker "
                                "(killed by the OS, e.g. out of memory, or crashed)")

    def survived(self) -> None:
        self._deaths.clear()

    def run_here(self, docs: list[Document]) -> list[Extraction | _Failure]:
        if self._local is None:
            try:
                self._local = self._get_factory()(self._settings)
            except Exception as exc:
                return [_Failure.of(exc, fatal=True)] * len(docs)
        return extract_batch(self._local, docs)

    def _get_factory(self) -> ExtractorFactory:
        if self._factory is None:
            # Looked up when first needed: importing spaCy costs a second a resumed run saves.
            from graphsvc import extract

            self._factory = extract.Extractor
        return self._factory

    def close(self, abandon: bool) -> None:
        """Stop the workers: at once with ``abandon`` (batches in flight are dropped; nothing
        was written from them), else after the batches they hold."""
        for pool in (self._pool, self._quarantine):
            if pool is not None:
                if abandon:
                    # Killed workers break the pool, which fails the batches still queued; not
                    # cancelled here too, as a cancelled one kills 3.11's pool manager thread.
                    _kill_workers(pool)
                pool.shutdown(wait=True)
        self._pool = self._quarantine = None


# -- the run -----------------------------------------------------------------------------------


@dataclass
class IngestSummary:
    """What one run did: per-status counts, ``extracted`` (documents sent to the extractor;
    0 for a resumed run over stored documents), ``reused`` (copies that took another
    document's reading), ``elapsed`` seconds, and whether it was ``interrupted``."""

    created: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: int = 0
    extracted: int = 0
    reused: int = 0
    elapsed: float = 0.0
    interrupted: bool = False

    @property
    def done(self) -> int:
        """Inputs dealt with: stored, found unchanged or skipped."""
        return self.created + self.replaced + self.unchanged + self.skipped

    @property
    def rate(self) -> float:
        """Inputs dealt with per second."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0


@dataclass
class _Slot:
    """One input between reading and writing; exactly one way to its outcome is set."""

    item: InputItem
    skip: Skip | None = None
    result: IngestResult | None = None
    extraction: Extraction | None = None  # ready to write (a reused reading)
    task: _Task | None = None
    index: int = 0
    copy_of: _Slot | None = None  # same text and date as an earlier slot still being read
    digest: str | None = None
    outcome: Extraction | _Failure | None = None  # the original's reading, for its copies
    batched: bool = False


@dataclass
class _Run:
    store: Store
    settings: Settings
    extractors: _Extractors
    strict: bool
    on_result: Callable[[IngestResult], None] | None
    on_skip: Callable[[Skip], None] | None
    stop: threading.Event | None
    summary: IngestSummary = field(default_factory=IngestSummary)
    pending: deque[_Slot] = field(default_factory=deque)
    batch: list[_Slot] = field(default_factory=list)
    by_text: dict[str, _Slot] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    tasks: int = 0  # submitted batches whose results were not taken yet

    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def admit(self, item: InputItem) -> None:
        slot = _Slot(item)
        self.pending.append(slot)
        error = check_item(item, self.settings, self.seen)
        if error is not None:
            if self.strict:
                raise error
            slot.skip = Skip.of(item, error)
            return
        doc = item.doc
        assert doc is not None
        plan = plan_write(self.store, doc)
        slot.result, slot.extraction = plan.result, plan.extraction
        if slot.result is not None:
            return
        if slot.extraction is not None:
            self.summary.reused += 1
            return
        slot.digest = doc.content_hash
        first = self.by_text.get(slot.digest)
        if first is not None and first.item.doc is not None and first.item.doc.date == doc.date:
            slot.copy_of = first
            return
        self.by_text.setdefault(slot.digest, slot)
        slot.batched = True
        self.batch.append(slot)
        if len(self.batch) >= CHUNK_SIZE:
            self.submit()

    def submit(self) -> None:
        if not self.batch:
            return
        task = self.extractors.submit([slot.item.doc for slot in self.batch if slot.item.doc])
        for index, slot in enumerate(self.batch):
            slot.task, slot.index = task, index
        self.summary.extracted += len(self.batch)
        self.batch = []
        self.tasks += 1

    def drain(self, everything: bool = False) -> bool:
        """Write settled inputs from the front, in order, until within the in-flight limits
        (or all of them); False when the run was asked to stop."""
        limit = self.extractors.workers * _TASKS_PER_WORKER
        if everything:
            self.submit()
        while self.pending and (
            everything or self.tasks >= limit or len(self.pending) > _MAX_PENDING
        ):
            if self.stopped():
                return False
            self.settle_front(wait=True)
        return True

    def finish_ready(self) -> None:
        """After a stop: write what is read already, in order, up to the first input still
        being read (that and everything after it is left for the next run)."""
        while self.pending and self.settle_front(wait=False):
            pass

    def settle_front(self, wait: bool) -> bool:
        """Write (or report) the first pending input; False when it is still being read (after
        waiting up to ``_POLL`` seconds with ``wait``, at once without)."""
        slot = self.pending[0]
        if slot.batched and slot.task is None:
            if not wait:
                return False
            self.submit()
        if slot.task is not None:
            if not wait and not slot.task.done():
                return False
            results = slot.task.result(_POLL)
            if results is None:
                return False
            if slot.index == 0:
                self.tasks -= 1
            slot.outcome = results[slot.index]
        self.pending.popleft()
        if slot.digest is not None and self.by_text.get(slot.digest) is slot:
            del self.by_text[slot.digest]
        self.finish(slot)
        return True

    def finish(self, slot: _Slot) -> None:
        item = slot.item
        if slot.skip is not None:
            self.skipped(slot.skip)
        elif slot.result is not None:
            self.report(slot.result)
        elif slot.extraction is not None:
            self.write(item, slot.extraction)
        elif slot.copy_of is not None:
            self.summary.reused += 1
            self.write_reading(item, slot.copy_of.outcome)
        else:
            # The outcome stays on the slot: later copies of this text (``copy_of``) read it.
            self.write_reading(item, slot.outcome)

    def write_reading(self, item: InputItem, outcome: Extraction | _Failure | None) -> None:
        assert item.doc is not None and outcome is not None
        if isinstance(outcome, _Failure):
            if outcome.fatal or self.strict:
                raise outcome.error()
            self.skipped(Skip(item.source, item.line, item.doc.id, outcome.code, outcome.reason))
            return
        if outcome.id != item.doc.id:
            outcome = relabel(outcome, item.doc.id)
        self.write(item, outcome)

    def write(self, item: InputItem, extraction: Extraction) -> None:
        assert item.doc is not None
        try:
            result = self.store.add_document(item.doc, extraction)
        except GraphsvcError as exc:
            if self.strict:
                raise
            self.skipped(Skip.of(item, exc))
            return
        self.report(result)

    def report(self, result: IngestResult) -> None:
        setattr(self.summary, result.status, getattr(self.summary, result.status) + 1)
        if self.on_result is not None:
            self.on_result(result)

    def skipped(self, skip: Skip) -> None:
        self.summary.skipped += 1
        if self.on_skip is not None:
            self.on_skip(skip)


def ingest_corpus(
    items: Iterable[InputItem],
    store: Store,
    settings: Settings,
    *,
    workers: int | None = None,
    strict: bool = False,
    extractor_factory: ExtractorFactory | None = None,
    on_result: Callable[[IngestResult], None] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
    stop: threading.Event | None = None,
) -> IngestSummary:
    """Ingest ``items`` (a ``Corpus``, or any iterable of ``InputItem``) into ``store``.

    ``workers`` overrides ``settings.ingest_workers`` (0: one per core; 1: no pool, extraction
    in this process). ``extractor_factory(settings)`` builds each worker's extractor (default
    ``graphsvc.extract.Extractor``). ``on_result`` / ``on_skip`` are called in input order as
    each input is settled. Setting ``stop`` ends the run soon: documents already read are
    written (in order, up to the first one still being read), batches still being extracted are
    dropped, the summary says ``interrupted``, and the next run over the same inputs resumes
    (stored documents are ``unchanged``).

    ``strict``: ``items`` is read twice (it must be re-iterable): first every input is checked
    and the first problem raised before anything is written, then the run stops at the first
    document the extractor or the store refuses. Otherwise problems are ``Skip`` s.
    Raises ``ModelMissing`` (nothing extracted) when the extractor cannot be loaded.
    """
    started = time.monotonic()
    if strict:
        seen: set[str] = set()
        for item in items:
            error = check_item(item, settings, seen)
            if error is not None:
                raise error
    extractors = _Extractors(resolve_workers(settings, workers), extractor_factory, settings)
    run = _Run(store, settings, extractors, strict, on_result, on_skip, stop)
    finished = False
    try:
        for item in items:
            if run.stopped() or not run.drain():
                break
            run.admit(item)
        else:
            finished = run.drain(everything=True)
        if not finished:
            run.finish_ready()
    finally:
        extractors.close(abandon=not finished)
        run.summary.elapsed = time.monotonic() - started
    run.summary.interrupted = not finished
    return run.summary
