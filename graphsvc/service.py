"""The service object: store + extractor + the current graph snapshot, behind one API.

Snapshot model: ``graph`` is an immutable (frozen) ``MultiDiGraph`` that readers take by
reference and use without any lock. A write builds the next snapshot off to the side and swaps
the reference under ``_write_lock``, so a reader sees a document wholly or not at all.

Why copy-on-write rather than one mutable graph behind a read/write lock: reads (neighbourhood,
search, export) vastly outnumber ingests and an export may walk the whole graph for seconds;
with a lock every such read would stall ingest, or ingest would stall every request. The price
is a ``graph.copy()`` per write, O(nodes + edges): negligible for the tens of thousands of edges
a news corpus yields, but measured at ~0.8 s per 200k edges on the 2-core box, so ~4 s near a
million edges (docs/benchmarks.md). ``ingest_many`` therefore swaps once per batch.

Every swap goes through the store's change log (``Store.read_changes``): after its own writes,
and on ``refresh()`` for writes other processes made to a shared store, the service re-reads only
the edges and entities those writes touched and patches a copy. So a replaced or deleted document
costs the same as an added one, and several API replicas on one PostgreSQL database converge on
the same graph. Each patch is read from one database snapshot, so a refresh never shows half of
another process's document.

Under concurrent writes (docs/benchmarks.md, "Write load"): extraction runs outside every lock,
in worker processes when the service was opened with ``pool=True`` (``graphsvc serve``), and
writes that arrive together share one snapshot swap (``graphsvc.group_commit``), so neither the
extraction nor the copy per write makes concurrent POSTs queue behind each other.

Readers (the API) take ``service.graph`` once per request and read only that object, so one
response never mixes two snapshots (see ``graphsvc.api.deps``).

After each swap ``gc.freeze()`` moves the snapshot's millions of objects out of the cyclic
collector's reach: otherwise every full collection walks the whole graph, which showed up as
~150 ms p99 request stalls on a 100k-edge graph (scripts/bench_query). Snapshots hold no
reference cycles, so a replaced one is still freed by reference counting.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx

from graphsvc.documents import read_path
from graphsvc.graph.snapshot import apply_changes, build_graph
from graphsvc.group_commit import GroupCommit
from graphsvc.records import Document, Extraction
from graphsvc.settings import Settings
from graphsvc.store import open_store
from graphsvc.store.base import IngestResult, Store
from graphsvc.writes import plan_write, validate_document

__all__ = ["REBUILD_AFTER", "GraphService"]

# A refresh more than this many store changes behind rebuilds the snapshot instead.
REBUILD_AFTER = 5000


# Seeds written per transaction on first start (see ``GraphService.ingest_seeds``).
SEED_CHUNK = 32

class GraphService:
    """Ingests documents into the store and keeps the graph snapshot in step with it."""

    def __init__(
        self,
        settings: Settings,
        store: Store | None = None,
        extractor: object | None = None,
        *,
        pool: bool = False,
    ) -> None:
        """``pool``: without an ``extractor``, extract in ``settings.extract_processes``
        worker processes (``graphsvc.extract_pool``), started and loaded here, closed by
        ``close``; otherwise the extractor is built in this process on first use."""
        self.settings = settings
        self._owns_store = store is None
        self.store: Store = store if store is not None else open_store(settings)
        self._extractor: Any = extractor
        self._owned_pool: Any = None
        # Extraction runs outside the write lock (it is the slow part). An extractor that is
        # not ``thread_safe`` (a spaCy pipeline in this process) reads one document at a time.
        self._extract_lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._commits = GroupCommit(self._write_lock, self._catch_up)
        # The last store change the snapshot reflects. Read before building, so a write that
        # lands during the build is applied (again, harmlessly) by the next refresh.
        self._seq = self.store.change_seq()
        self._graph: nx.MultiDiGraph = self._fresh_snapshot()
        gc.freeze()
        if pool and extractor is None:
            self._start_pool()

    def _start_pool(self) -> None:
        from graphsvc.extract_pool import ExtractorPool

        pool = ExtractorPool(self.settings)
        try:
            pool.start()
        except BaseException:
            pool.close()
            self.close()
            raise
        self._extractor = self._owned_pool = pool

    # -- reads ------------------------------------------------------------------------------

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The current snapshot. Frozen: take it once per request and do not mutate it."""
        return self._graph

    # -- writes -----------------------------------------------------------------------------

    def ingest(self, doc: Document) -> IngestResult:
        """Extract and store one document, then publish the new snapshot.

        Raises ``BadInput`` for empty text or a field that is not valid Unicode (lone
        surrogates) and ``PayloadTooLarge`` beyond ``settings.max_text_chars``; nothing is
        written then.
        """
        validate_document(doc, self.settings)
        plan = plan_write(self.store, doc)
        if plan.result is not None:
            return plan.result
        extraction = plan.extraction
        if extraction is None:
            extraction = self._extract_one(doc)
        return self._store_batch([(doc, extraction)])[0]

    def ingest_many(self, docs: Iterable[Document]) -> list[IngestResult]:
        """Ingest documents in order, all or nothing: every one is validated, then extracted,
        before one store transaction writes them all and one new snapshot is published. A
        failure anywhere (a bad document, the extractor, the store) leaves the store as it was.

        Uses the extractor's ``extract_many`` (batched spaCy) when it has one; every extraction
        is held until the write, so callers bound the batch (the API: ``MAX_BATCH``). Results
        come back in input order.
        """
        docs = list(docs)
        for doc in docs:
            validate_document(doc, self.settings)
        results: dict[int, IngestResult] = {}
        pending: list[tuple[int, Document, Extraction | None]] = []
        for index, doc in enumerate(docs):
            plan = plan_write(self.store, doc)
            if plan.result is None:
                pending.append((index, doc, plan.extraction))
            else:
                results[index] = plan.result
        extracted = iter(list(self._extract_stream(
            [doc for _index, doc, reused in pending if reused is None])))
        writes = [(doc, reused if reused is not None else next(extracted))
                  for _index, doc, reused in pending]
        stored = self._store_batch(writes) if writes else []
        for (index, _doc, _reused), result in zip(pending, stored, strict=True):
            results[index] = result
        return [results[index] for index in range(len(docs))]

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and what only it supported; False when there was no such id."""
        with self._write_lock:
            deleted = self.store.delete_document(doc_id)
            if deleted:
                self._catch_up()
            return deleted

    def ingest_seeds(self, seeds_dir: Path) -> list[IngestResult]:
        """Ingest ``seeds_dir`` (.txt / .jsonl) into a store that holds no document yet, and
        finish that job on a later start if this one is killed half-way.

        The store records seeding (``Store.begin_seeding``): claimed while it is empty,
        ``done`` once every seed is in. A start that finds it claimed but not done ingests the
        seeds again: those already stored are ``unchanged`` (same id and content hash, not
        extracted again), the rest are created, so it completes without duplicates. Seeds are
        read before the store is claimed, so a missing directory or one without seed files
        changes nothing, as before.

        Seeds are written ``SEED_CHUNK`` at a time (each chunk all or nothing), so a start
        killed half-way keeps whole chunks and at most one chunk's extractions sit in memory.

        An unreadable or empty seed file raises ``BadInput`` naming it before anything is
        written: seeds are the operator's own files, and a silently partial graph would be
        harder to notice than a refusal to start.
        """
        if not Path(seeds_dir).is_dir() or self.store.seeding_state() == "done":
            return []
        docs = list(read_path(Path(seeds_dir)))
        if not docs or not self.store.begin_seeding():
            return []
        results: list[IngestResult] = []
        for first in range(0, len(docs), SEED_CHUNK):
            results.extend(self.ingest_many(docs[first:first + SEED_CHUNK]))
        self.store.finish_seeding()
        return results

    def refresh(self) -> int:
        """Bring the snapshot up to date with writes other processes made to a shared store
        (other ``serve`` replicas, ``graphsvc ingest``); returns how many document writes it
        applied. Cheap when nothing changed: one ``MAX(seq)`` query."""
        with self._write_lock:
            return self._catch_up()

    def _catch_up(self) -> int:
        """Apply the store's changes since ``self._seq`` to a new snapshot (write lock held).

        Only the touched edges and nodes are re-read; past ``REBUILD_AFTER`` changes (a replica
        that was far behind) a full rebuild is cheaper than that many keyed reads.
        """
        latest = self.store.change_seq()
        if latest <= self._seq:
            return 0
        if latest - self._seq > REBUILD_AFTER:
            behind = latest - self._seq
            self._seq = latest
            self._publish(self._fresh_snapshot())
            return behind
        changes = self.store.read_changes(self._seq)
        if changes.documents:
            with _collector_paused():
                patched = apply_changes(self._graph, changes)
            self._publish(nx.freeze(patched))
        self._seq = changes.seq
        return changes.documents

    def _publish(self, graph: nx.MultiDiGraph) -> None:
        """Swap in a new frozen snapshot (one reference assignment: atomic for readers)."""
        self._graph = graph
        gc.freeze()

    def _fresh_snapshot(self) -> nx.MultiDiGraph:
        graph = build_graph(self.store)
        # Which sovereignty the part_of edges of contested regions follow travels with the graph
        # (and its exports), so a reader of Crimea part_of Ukraine knows it is a policy.
        graph.graph["territory_policy"] = self.settings.territory_policy
        return nx.freeze(graph)

    def close(self) -> None:
        if self._owned_pool is not None:
            self._owned_pool.close()
            self._owned_pool = None
        if self._owns_store:
            self.store.close()

    # -- internals --------------------------------------------------------------------------

    def _get_extractor(self) -> Any:
        if self._extractor is None:
            # Imported here: loading spaCy is slow and tests with a fake extractor skip it.
            from graphsvc.extract import Extractor

            self._extractor = Extractor(self.settings)
        return self._extractor

    def _extract_one(self, doc: Document) -> Extraction:
        with self._extract_lock:
            extractor = self._get_extractor()
        if getattr(extractor, "thread_safe", False):
            extracted: Extraction = extractor.extract(doc)
            return extracted
        with self._extract_lock:
            extracted = extractor.extract(doc)
            return extracted

    def _extract_stream(self, docs: list[Document]) -> Iterator[Extraction]:
        if not docs:
            return
        with self._extract_lock:
            extractor = self._get_extractor()
        if getattr(extractor, "thread_safe", False):
            yield from extractor.extract_many(docs)
            return
        many = getattr(extractor, "extract_many", None)
        stream: Iterator[Extraction] = (
            iter(many(docs)) if callable(many) else (extractor.extract(d) for d in docs)
        )
        while True:
            with self._extract_lock:
                extraction = next(stream, None)
            if extraction is None:
                return
            yield extraction

    def _store_batch(self, batch: list[tuple[Document, Extraction]]) -> list[IngestResult]:
        """Write the documents in one transaction (all or nothing), then swap in a new
        snapshot: one swap for this batch and every other write queued meanwhile
        (``GroupCommit``). The swap happens also after a failed (rolled back) write, and picks
        up what other processes wrote in the meantime."""
        return self._commits.run(lambda: self.store.add_documents(batch))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic collector off while a snapshot copy allocates its million dicts: each
    collection it would trigger walks the half-built copy, which made the copy 1.4x slower
    (0.72 s against 0.50 s at 100k edges). The copy holds no cycles, so nothing is left to
    collect later; write-lock holders only, so two never overlap."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

