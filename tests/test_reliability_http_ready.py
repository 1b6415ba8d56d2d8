"""Readiness: /ready is 503 problem+json while startup loads (here: seeding held back by an
extractor that waits for the test), 200 once it is done; /health and data routes wait too."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from test_reliability_http_fakes import PairExtractor, live_server, pair_text, saved_logging

from graphsvc.api.app import create_app, open_service
from graphsvc.records import Document, Extraction
from graphsvc.service import GraphService
from graphsvc.settings import Settings

LOGGERS = ("graphsvc", "uvicorn", "uvicorn.access")


class HeldExtractor(PairExtractor):
    """Blocks every extraction until ``release`` is set: a slow model, under the test's control."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def extract(self, doc: Document) -> Extraction:
        assert self.release.wait(30), "the test never released the extractor"
        return super().extract(doc)

    def extract_many(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        for doc in docs:
            yield self.extract(doc)


def wait_ready(client: TestClient, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while client.get("/ready").status_code != 200:
        assert time.monotonic() < deadline, client.get("/ready").json()
        time.sleep(0.02)


@pytest.fixture
def seeded_settings(tmp_path: Path) -> Settings:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for n in range(3):
        (seeds / f"s{n}.txt").write_text(f"date 2024-03-0{n + 1}\n{pair_text(str(n))}\n")
    return Settings(data_dir=tmp_path / "data", seeds_dir=seeds)


@pytest.mark.parametrize(
    ("path", "status"),
    [("/ready", 503), ("/health", 503), ("/entities", 503), ("/stats", 503),
     ("/ontology/event-types", 200)],
)
def test_not_ready_while_seeding_then_ready(
    seeded_settings: Settings, path: str, status: int
) -> None:
    extractor = HeldExtractor()

    def load(settings: Settings) -> GraphService:
        service = GraphService(settings, extractor=extractor)
        service.ingest_seeds(settings.seeds_dir)
        return service

    with saved_logging(*LOGGERS), TestClient(create_app(seeded_settings, load=load)) as client:
        during = client.get(path)
        assert during.status_code == status
        if status == 503:
            assert during.headers["content-type"] == "application/problem+json"
            assert during.headers["retry-after"] == "1"
            assert during.json()["code"] == "E011"
            assert "Loading" in during.json()["detail"]
        extractor.release.set()
        wait_ready(client)
        assert client.get("/ready").json() == {"status": "ready"}
        assert client.get(path).status_code == 200
        assert client.get("/health").json()["documents"] == 3


def test_a_failed_startup_is_never_ready(seeded_settings: Settings) -> None:
    (seeded_settings.seeds_dir / "s9.txt").write_text("   \n")  # an empty seed: refused

    def load(settings: Settings) -> GraphService:
        return open_service_with_fake(settings)

    with saved_logging(*LOGGERS), TestClient(create_app(seeded_settings, load=load)) as client:
        deadline = time.monotonic() + 20
        while (body := client.get("/ready").json())["detail"].startswith("Loading"):
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert client.get("/ready").status_code == 503
        assert body["state"] == "failed"
        assert "s9" in body["detail"]
        assert client.get("/health").status_code == 503


def open_service_with_fake(settings: Settings) -> GraphService:
    """``open_service`` (the app's default loader) with the fake extractor in place of spaCy."""
    service = GraphService(settings, extractor=PairExtractor())
    try:
        service.ingest_seeds(settings.seeds_dir)
    except Exception:
        service.close()
        raise
    return service


def test_the_default_loader_is_open_service() -> None:
    assert create_app.__kwdefaults__ is not None
    assert create_app.__kwdefaults__["load"] is open_service


def test_a_given_service_is_ready_at_once(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "d", seeds_dir=tmp_path / "none")
    service = GraphService(settings, extractor=PairExtractor())
    with TestClient(create_app(settings, service)) as client:
        assert client.get("/ready").status_code == 200
    service.close()


def test_a_real_server_listens_before_it_is_ready(seeded_settings: Settings) -> None:
    """Over loopback with uvicorn: the port answers (503) while seeding, then /ready is 200."""
    extractor = HeldExtractor()

    def load(settings: Settings) -> GraphService:
        service = GraphService(settings, extractor=extractor)
        service.ingest_seeds(settings.seeds_dir)
        return service

    with saved_logging(*LOGGERS), live_server(create_app(seeded_settings, load=load)) as base:
        first = httpx.get(f"{base}/ready")
        assert first.status_code == 503 and first.json()["state"] == "loading"
        assert first.headers["x-request-id"]
        extractor.release.set()
        deadline = time.monotonic() + 20
        while httpx.get(f"{base}/ready").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert httpx.get(f"{base}/health").json()["documents"] == 3
