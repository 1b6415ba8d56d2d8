"""Writes under concurrency (issue 13 item 10): extraction does not queue behind a global lock,
writes that arrive together share one snapshot swap (``GroupCommit``), every concurrent write
lands, and no reader ever sees half of a document.

The throughput itself is measured by ``scripts/bench_load`` (docs/benchmarks.md, "Write load");
these tests pin the mechanisms and their correctness with a rule-based extractor (no spaCy).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
import pytest
from test_reliability_http_fakes import PairExtractor, live_server, make_service, pair_text

from graphsvc.api.app import create_app
from graphsvc.errors import BadInput
from graphsvc.graph import build_graph
from graphsvc.group_commit import GroupCommit
from graphsvc.records import Document, Extraction
from graphsvc.service import GraphService

PER_DOC = 3  # relations in each pair_text story


def doc(n: int, prefix: str = "w") -> Document:
    return Document(id=f"{prefix}-{n:03d}", text=pair_text(f"{prefix.upper()}{n}"),
                    date="2024-05-16")


class ThreadSafePairs(PairExtractor):
    """PairExtractor that declares itself safe to call from many threads, as
    ``ExtractorPool`` does; ``during`` runs inside each extraction."""

    thread_safe = True

    def __init__(self, during: Callable[[], None] = lambda: None) -> None:
        self.during = during

    def extract(self, doc: Document) -> Extraction:
        self.during()
        return super().extract(doc)


def service_with(tmp_path: Path, extractor: Any) -> GraphService:
    service = make_service(tmp_path)
    service._extractor = extractor
    return service


def per_doc(graph: nx.MultiDiGraph) -> Counter[str]:
    return Counter(ev["doc_id"] for _u, _v, data in graph.edges(data=True)
                   for ev in data["evidence"])


def run_threads(targets: list[Callable[[], Any]], timeout: float = 60) -> list[BaseException]:
    errors: list[BaseException] = []

    def guarded(target: Callable[[], Any]) -> None:
        try:
            target()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
        assert not thread.is_alive(), "a writer hung"
    return errors


# -- the queues that used to serialise writes ---------------------------------------------------


def test_extractions_of_concurrent_writes_run_at_the_same_time(tmp_path: Path) -> None:
    # Four writers must be inside extraction at once to pass the barrier. Behind the old global
    # extraction lock the first waits alone until the barrier breaks.
    barrier = threading.Barrier(4, timeout=10)
    service = service_with(tmp_path, ThreadSafePairs(during=barrier.wait))
    try:
        errors = run_threads([lambda n=n: service.ingest(doc(n)) for n in range(4)])
        assert errors == []
        assert service.store.counts()["documents"] == 4
    finally:
        service.close()


def test_writes_queued_during_a_swap_share_the_next_one(tmp_path: Path) -> None:
    service = service_with(tmp_path, ThreadSafePairs())
    swaps: list[int] = []
    first_swap = threading.Event()
    release = threading.Event()
    publish = service._publish

    def slow_publish(graph: nx.MultiDiGraph) -> None:
        swaps.append(graph.number_of_edges())
        if len(swaps) == 1:
            first_swap.set()
            assert release.wait(20)
        publish(graph)

    service._publish = slow_publish  # type: ignore[method-assign]
    try:
        first = threading.Thread(target=service.ingest, args=(doc(0),))
        first.start()
        assert first_swap.wait(20)
        # Five more writes arrive while the first one's swap is still copying the graph.
        later = [threading.Thread(target=service.ingest, args=(doc(n),)) for n in range(1, 6)]
        for thread in later:
            thread.start()
        time.sleep(0.5)
        release.set()
        for thread in [first, *later]:
            thread.join(30)
        # One swap per write before: six. Now the five queued ones share a single swap.
        assert len(swaps) == 2
        assert per_doc(service.graph) == {f"w-{n:03d}": PER_DOC for n in range(6)}
    finally:
        release.set()
        service.close()


# -- correctness under concurrent writes ------------------------------------------------------


def test_concurrent_writes_all_land_and_readers_never_see_half_a_document(
    tmp_path: Path,
) -> None:
    service = service_with(tmp_path, ThreadSafePairs(during=lambda: time.sleep(0.002)))
    stop = threading.Event()
    torn: list[dict[str, int]] = []
    snapshots: set[int] = set()

    def reader() -> None:
        while not stop.is_set():
            graph = service.graph  # one snapshot, as a request takes it
            counts = per_doc(graph)
            snapshots.add(len(counts))
            bad = {d: n for d, n in counts.items() if n != PER_DOC}
            if bad:
                torn.append(bad)

    def single(writer: int) -> Callable[[], None]:
        return lambda: [service.ingest(doc(n, f"s{writer}")) for n in range(8)]

    def batch(writer: int) -> Callable[[], None]:
        return lambda: service.ingest_many([doc(n, f"b{writer}") for n in range(20)])

    readers = [threading.Thread(target=reader) for _ in range(3)]
    for thread in readers:
        thread.start()
    try:
        errors = run_threads([single(w) for w in range(8)] + [batch(w) for w in range(2)])
    finally:
        stop.set()
        for thread in readers:
            thread.join(10)
    try:
        assert errors == []
        assert torn == []
        assert len(snapshots) > 2, "readers did not overlap the writes"
        expected = 8 * 8 + 2 * 20
        assert service.store.counts()["documents"] == expected
        counts = per_doc(service.graph)
        assert len(counts) == expected and set(counts.values()) == {PER_DOC}
        # The graph the writes published equals one rebuilt from the store.
        rebuilt = build_graph(service.store)
        assert sorted(service.graph.edges(keys=True)) == sorted(rebuilt.edges(keys=True))
    finally:
        service.close()


def test_concurrent_posts_over_http_all_land_whole(tmp_path: Path) -> None:
    # Six clients POST at once (one a batch) while two read the whole graph: every write is
    # answered 201, no response shows part of a document, and all of them are there after.
    service = service_with(tmp_path, ThreadSafePairs(during=lambda: time.sleep(0.005)))
    stop = threading.Event()
    torn: list[dict[str, int]] = []
    statuses: list[int] = []

    def writer(base: str, w: int) -> Callable[[], None]:
        def run() -> None:
            with httpx.Client(base_url=base, timeout=60) as http:
                if w == 0:
                    batch = [{"id": d.id, "text": d.text, "date": d.date}
                             for d in (doc(n, "hb") for n in range(20))]
                    statuses.append(http.post("/documents/batch", json=batch).status_code)
                    return
                for n in range(6):
                    item = doc(n, f"h{w}")
                    body = {"id": item.id, "text": item.text, "date": item.date}
                    statuses.append(http.post("/documents", json=body).status_code)
        return run

    def reader(base: str) -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            while not stop.is_set():
                edges = http.get("/export/json").json()["edges"]
                counts = Counter(ev["doc_id"] for edge in edges for ev in edge["evidence"])
                bad = {d: n for d, n in counts.items() if n != PER_DOC}
                if bad:
                    torn.append(bad)

    with live_server(create_app(service.settings, service)) as base:
        readers = [threading.Thread(target=reader, args=(base,)) for _ in range(2)]
        for thread in readers:
            thread.start()
        try:
            errors = run_threads([writer(base, w) for w in range(6)])
        finally:
            stop.set()
            for thread in readers:
                thread.join(30)
    try:
        assert errors == [] and torn == []
        assert sorted(statuses) == [200] + [201] * 30  # the batch answers 200
        counts = per_doc(service.graph)
        assert len(counts) == 20 + 5 * 6 and set(counts.values()) == {PER_DOC}
    finally:
        service.close()


def test_a_failing_write_fails_only_its_own_caller(tmp_path: Path) -> None:
    service = service_with(tmp_path, ThreadSafePairs(during=lambda: time.sleep(0.01)))
    # Its relations name entities neither it nor the store holds: the store refuses it.
    bad_doc = Document(id="bad", text=pair_text("BAD"), date="2024-05-16")
    bad = PairExtractor().extract(bad_doc).model_copy(update={"entities": []})
    outcomes: dict[str, Any] = {}

    def write(name: str, call: Callable[[], Any]) -> Callable[[], None]:
        def run() -> None:
            try:
                outcomes[name] = call()
            except Exception as exc:
                outcomes[name] = exc
        return run

    targets = [write(f"good-{n}", lambda n=n: service.ingest(doc(n))) for n in range(6)]
    targets.append(write("bad", lambda: service._store_batch([(bad_doc, bad)])))
    try:
        assert run_threads(targets) == []
        assert isinstance(outcomes.pop("bad"), BadInput)
        assert {r.status for r in outcomes.values()} == {"created"}
        assert service.store.get_document("bad") is None
        assert len(per_doc(service.graph)) == 6
    finally:
        service.close()


# -- GroupCommit on its own --------------------------------------------------------------------


def test_group_commit_alone_runs_and_publishes_each_write() -> None:
    published: list[int] = []
    commits = GroupCommit(threading.RLock(), lambda: published.append(1))
    assert [commits.run(lambda n=n: n * 2) for n in range(3)] == [0, 2, 4]
    assert len(published) == 3 and commits.groups == 3


def test_group_commit_publish_failure_reaches_the_writes_it_would_have_shown() -> None:
    def publish() -> None:
        raise RuntimeError("snapshot failed")

    commits = GroupCommit(threading.RLock(), publish)
    with pytest.raises(RuntimeError, match="snapshot failed"):
        commits.run(lambda: 1)

    def own_failure() -> int:
        raise ValueError("own")

    with pytest.raises(ValueError, match="own"):  # its own error wins over the publish's
        commits.run(own_failure)
