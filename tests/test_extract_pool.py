"""``ExtractorPool``: extraction in spawned worker processes, for `graphsvc serve` under write load.

With the real model: the pool reads exactly what the in-process extractor reads, from many
threads at once; a worker killed from outside is replaced; a missing model is reported, not a
hang; a service opened with ``pool=True`` writes through it and stops its workers on close.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from graphsvc.errors import ExtractionFailed, ModelMissing
from graphsvc.extract import Extractor
from graphsvc.extract_pool import ExtractorPool, resolve_processes
from graphsvc.records import Document
from graphsvc.service import GraphService
from graphsvc.settings import Settings

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec(Settings().spacy_model) is None,
    reason="the spaCy model named by GRAPHSVC_SPACY_MODEL is not installed",
)

TEXTS = (
    "Kenya and Tanzania signed a border agreement in Arusha on Wednesday.",
    "The Chilean president criticised Peru over the fishing dispute.",
    "Polish troops held exercises near the border with Belarus last week.",
    "Japan imposed sanctions on North Korea after the missile launch.",
    "Officials in Ghana said police arrested two opposition leaders in Accra.",
)
DOCS = [Document(id=f"pool-{n}", text=text, date="2024-03-06") for n, text in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def pool() -> Iterator[ExtractorPool]:
    started = ExtractorPool(Settings(), processes=2)
    try:
        started.start()
        yield started
    finally:
        started.close()


def test_processes_default_to_one_per_core() -> None:
    assert resolve_processes(Settings(extract_processes=0)) == (os.cpu_count() or 1)
    assert resolve_processes(Settings(extract_processes=3)) == 3


def test_pool_reads_what_the_extractor_reads_from_many_threads(pool: ExtractorPool) -> None:
    expected = [Extractor(Settings()).extract(doc).model_dump() for doc in DOCS]
    assert [e.model_dump() for e in pool.extract_many(DOCS)] == expected
    got: dict[int, dict[str, object]] = {}

    def read(index: int) -> None:
        got[index] = pool.extract(DOCS[index]).model_dump()

    threads = [threading.Thread(target=read, args=(n,)) for n in range(len(DOCS))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [got[n] for n in range(len(DOCS))] == expected


def test_a_killed_worker_is_replaced(pool: ExtractorPool) -> None:
    executor = pool._executor
    victim = next(iter(executor._processes))  # type: ignore[attr-defined]
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while executor._broken is False and time.monotonic() < deadline:  # type: ignore[attr-defined]
        time.sleep(0.05)
    # The broken executor is dropped on the next call, which a fresh worker answers.
    assert pool.extract(DOCS[0]).relations
    assert pool._executor is not executor


def test_a_worker_dying_mid_document_is_a_503_not_a_hang() -> None:
    pool = ExtractorPool(Settings(), processes=1)
    try:
        dead: Future[object] = Future()
        dead.set_exception(BrokenProcessPool("a child process terminated abruptly"))
        with pytest.raises(ExtractionFailed) as caught:
            pool._result(dead)
        assert caught.value.status == 503
    finally:
        pool.close()


def test_missing_model_is_reported_by_start() -> None:
    pool = ExtractorPool(Settings(spacy_model="graphsvc_no_such_model"), processes=1)
    try:
        with pytest.raises(ModelMissing, match="graphsvc_no_such_model"):
            pool.start()
    finally:
        pool.close()


def test_service_with_a_pool_writes_through_it_and_stops_it(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, extract_processes=1)
    service = GraphService(settings, pool=True)
    workers = list(service._extractor._executor._processes.values())
    try:
        assert [r.status for r in service.ingest_many(DOCS[:2])] == ["created", "created"]
        assert service.ingest(DOCS[2]).status == "created"
        assert service.store.counts()["documents"] == 3
    finally:
        service.close()
    assert workers and all(not worker.is_alive() for worker in workers)


def test_a_closed_pool_refuses_with_a_503() -> None:
    pool = ExtractorPool(Settings(), processes=1)
    pool.close()
    with pytest.raises(ExtractionFailed, match="shutting down"):
        pool.extract(DOCS[0])
    cancelled: Future[object] = Future()
    cancelled.cancel()
    with pytest.raises(ExtractionFailed, match="shutting down"):
        pool._result(cancelled)
