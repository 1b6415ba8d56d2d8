"""Extraction in worker processes, for a server that takes writes from many clients at once.

Why processes: extraction (spaCy parse, resolution, event reading) is CPU-bound Python, so
threads share one core through the GIL, and a spaCy pipeline is not safe to call from several
threads anyway. The server used to read one document at a time behind a lock; under 20 clients
a POST waited for every extraction queued before it (docs/benchmarks.md, "Write load"). Each
worker here loads its own pipeline once and reads whole documents, so N workers read N
documents at once on N cores, and the server's own threads stay free for reads and writes.

``ExtractorPool`` has the extractor interface ``GraphService`` uses (``extract``,
``extract_many``) and may be called from any number of threads at once (``thread_safe``).
Workers are spawned, not forked: the server holds store connections and threads that a fork
would copy in an undefined state. A worker that dies (killed, out of memory) breaks the
executor; the pool then starts a new one for later calls and the calls in flight fail with a
503 ``ExtractionFailed`` rather than hang.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from graphsvc.errors import ExtractionFailed
from graphsvc.records import Document, Extraction
from graphsvc.settings import Settings

__all__ = ["CHUNK", "ExtractorPool", "resolve_processes"]

# Documents per task of a batch: one spaCy ``nlp.pipe`` call, and enough tasks that a batch
# keeps every worker busy.
CHUNK = 8

_worker: dict[str, Any] = {}


def resolve_processes(settings: Settings) -> int:
    """Worker processes for ``settings.extract_processes`` (0: one per core)."""
    return settings.extract_processes or max(1, os.cpu_count() or 1)


def _init_worker(settings: Settings) -> None:
    # Ctrl-C reaches the whole process group; the server decides what it means and stops us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        # A SIGKILLed server leaves no one to stop us: exit when it is gone.
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()
    _worker["settings"] = settings


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def _extractor() -> Any:
    extractor = _worker.get("extractor")
    if extractor is None:
        # Built in the first task, not the initializer: an initializer that raises (a missing
        # model) is retried forever, while a task's exception reaches the caller.
        from graphsvc.extract import Extractor

        extractor = _worker["extractor"] = Extractor(_worker["settings"])
    return extractor


def _load() -> int:
    _extractor()
    return os.getpid()


def _extract(docs: list[Document]) -> list[Extraction]:
    return list(_extractor().extract_many(docs))


class ExtractorPool:
    """``processes`` spawned workers, each with its own ``graphsvc.extract.Extractor``."""

    thread_safe = True

    def __init__(self, settings: Settings, processes: int | None = None) -> None:
        self.settings = settings
        self.processes = processes or resolve_processes(settings)
        self._lock = threading.Lock()
        self._closed = False
        self._executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.settings,),
        )

    def start(self) -> None:
        """Start every worker and load its model; raises what loading raised (``ModelMissing``).
        Without it workers start on the first documents, which then wait for the model."""
        loads = [self._submit(_load) for _ in range(self.processes)]
        for future in loads:
            self._result(future)

    def extract(self, doc: Document) -> Extraction:
        return self._result(self._submit(_extract, [doc]))[0]

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        """Extractions in input order; chunks of ``CHUNK`` documents read in parallel. All
        chunks are submitted at once (a batch is bounded by the API, 1000 documents)."""
        docs = list(docs)
        futures = [self._submit(_extract, docs[i:i + CHUNK]) for i in range(0, len(docs), CHUNK)]
        try:
            for future in futures:
                yield from self._result(future)
        finally:
            for future in futures:
                future.cancel()

    def close(self) -> None:
        """Stop the workers; requests still waiting for one fail with ``ExtractionFailed``."""
        with self._lock:
            self._closed = True
            self._executor.shutdown(wait=True, cancel_futures=True)

    def _submit(self, fn: Any, *args: Any) -> Future[Any]:
        with self._lock:
            if self._closed:
                raise ExtractionFailed("The server is shutting down; nothing was written")
            try:
                return self._executor.submit(fn, *args)
            except BrokenProcessPool:
                # A worker died since the last call: every later call would fail the same way.
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._new_executor()
                return self._executor.submit(fn, *args)

    def _result(self, future: Future[Any]) -> Any:
        try:
            return future.result()
        except CancelledError as exc:
            raise ExtractionFailed("The server is shutting down; nothing was written") from exc
        except BrokenProcessPool as exc:
            raise ExtractionFailed(
                "An extraction worker process died (killed, out of memory, or it could not "
                "start); nothing was written. Retry; check the server's memory if it recurs"
            ) from exc
