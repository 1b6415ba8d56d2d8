"""PostgreSQL connection pool (issue 13): a process never opens more than
``GRAPHSVC_PG_POOL_MAX_SIZE`` connections however many threads use the store, nested calls reuse
their operation's connection (no self-deadlock at a small pool), a pool kept busy answers 503
``store-busy`` over HTTP, and a connection the server dropped is replaced, not failed."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psycopg
import pytest
from pydantic import ValidationError
from test_reliability_http_fakes import PairExtractor, live_server, pair_text
from test_write_load import run_threads

from graphsvc.api.app import create_app
from graphsvc.errors import StoreBusy
from graphsvc.records import Document
from graphsvc.service import GraphService
from graphsvc.settings import Settings
from graphsvc.store import open_store
from graphsvc.store.postgres import PostgresStore

THREADS = 16
MAX_SIZE = 3


def doc(n: int) -> Document:
    return Document(id=f"pool-{n:03d}", text=pair_text(f"Pool{n}"), date="2024-05-16")


@contextmanager
def backends_sampled(url: str) -> Iterator[list[int]]:
    """Counts, every 10 ms while the block runs, of the other sessions on ``url``'s database."""
    samples: list[int] = []
    stop = threading.Event()

    def sample() -> None:
        with psycopg.connect(url, autocommit=True) as monitor:
            while not stop.is_set():
                row = monitor.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                ).fetchone()
                samples.append(int(row[0]) if row else 0)
                time.sleep(0.01)

    thread = threading.Thread(target=sample)
    thread.start()
    try:
        yield samples
    finally:
        stop.set()
        thread.join(10)


def test_pool_sizes_are_settings(pg_database: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store_url=pg_database, pg_pool_min_size=2,
                        pg_pool_max_size=4, pg_pool_timeout=5)
    store = open_store(settings)
    try:
        assert isinstance(store, PostgresStore)
        stats = store.pool_stats()
        assert stats["pool_min"] == 2 and stats["pool_max"] == 4
    finally:
        store.close()
    with pytest.raises(ValidationError):
        Settings(pg_pool_max_size=1)  # a whole-graph read needs two at once


def test_many_threads_share_a_bounded_pool(pg_database: str) -> None:
    store = PostgresStore(pg_database, max_size=MAX_SIZE)
    extractor = PairExtractor()

    def worker(n: int) -> Callable[[], None]:
        def run() -> None:
            for round_ in range(3):
                item = doc(n * 3 + round_)
                store.add_document(item, extractor.extract(item))
                assert store.get_document(item.id) is not None
                store.counts()
                store.change_seq()
                assert store.document_extraction(item.id) is not None
        return run

    try:
        with backends_sampled(pg_database) as samples:
            errors = run_threads([worker(n) for n in range(THREADS)])
        assert errors == []
        assert store.counts()["documents"] == THREADS * 3
        # Before the pool: one connection per thread, so 16 here.
        assert samples and max(samples) <= MAX_SIZE
    finally:
        store.close()


def test_nested_calls_reuse_their_operations_connection(pg_database: str) -> None:
    store = PostgresStore(pg_database, max_size=2, timeout=2)
    item = doc(1)
    store.add_document(item, PairExtractor().extract(item))
    release = threading.Event()
    holding = threading.Event()

    def hold() -> None:
        with store._connection():
            holding.set()
            release.wait(20)

    other = threading.Thread(target=hold)
    other.start()
    try:
        assert holding.wait(10)
        # One connection left: document_extraction looks each entity up inside its operation.
        extraction = store.document_extraction(item.id)
        assert extraction is not None and len(extraction.entities) == 3
    finally:
        release.set()
        other.join(10)
        store.close()


def test_a_busy_pool_is_a_503_problem(pg_database: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store_url=pg_database, pg_pool_max_size=2,
                        pg_pool_timeout=0.5, seeds_dir=tmp_path / "none")
    service = GraphService(settings, extractor=PairExtractor())
    store = service.store
    assert isinstance(store, PostgresStore)
    release = threading.Event()
    held = threading.Barrier(3, timeout=10)

    def hold() -> None:
        with store._connection():
            held.wait()
            release.wait(20)

    holders = [threading.Thread(target=hold) for _ in range(2)]
    for thread in holders:
        thread.start()
    try:
        held.wait()
        with pytest.raises(StoreBusy):
            store.counts()
        with live_server(create_app(settings, service)) as base:
            response = httpx.get(f"{base}/documents", timeout=10)
        assert response.status_code == 503
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["code"] == "E015"
        assert response.headers["retry-after"] == "1"
    finally:
        release.set()
        for thread in holders:
            thread.join(10)
        service.close()


def test_concurrent_http_requests_on_postgresql(pg_database: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store_url=pg_database, pg_pool_max_size=MAX_SIZE,
                        seeds_dir=tmp_path / "none")
    service = GraphService(settings, extractor=PairExtractor())
    statuses: list[int] = []

    def client(n: int) -> Callable[[], None]:
        def run() -> None:
            with httpx.Client(base_url=base, timeout=60) as http:
                for round_ in range(3):
                    item = doc(n * 3 + round_)
                    body = {"id": item.id, "text": item.text, "date": item.date}
                    statuses.append(http.post("/documents", json=body).status_code)
                    statuses.append(http.get(f"/documents/{item.id}").status_code)
                    statuses.append(http.get("/documents", params={"limit": 5}).status_code)
                    statuses.append(http.get("/health").status_code)
        return run

    try:
        with live_server(create_app(settings, service)) as base, \
                backends_sampled(pg_database) as samples:
            errors = run_threads([client(n) for n in range(THREADS)])
        assert errors == []
        assert set(statuses) <= {200, 201} and len(statuses) == THREADS * 3 * 4
        assert service.store.counts()["documents"] == THREADS * 3
        assert samples and max(samples) <= MAX_SIZE
    finally:
        service.close()


def test_a_dropped_connection_is_replaced(pg_database: str) -> None:
    store = PostgresStore(pg_database, min_size=2, max_size=2)
    try:
        assert store.counts()["documents"] == 0
        with psycopg.connect(pg_database, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        assert store.counts()["documents"] == 0
        assert store.change_seq() == 0
    finally:
        store.close()


def test_an_unreachable_server_fails_at_once_with_its_reason() -> None:
    started = time.monotonic()
    unreachable = r"cannot connect to postgresql://nobody@127\.0\.0\.1:1/"
    with pytest.raises(RuntimeError, match=unreachable) as caught:
        PostgresStore("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(caught.value)
    assert time.monotonic() - started < 10
