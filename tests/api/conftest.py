"""Fixtures: a real GraphService on a temp data dir, fed by the fake extractor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from apifakes import TEXT, FakeExtractor
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.records import Document
from graphsvc.service import GraphService
from graphsvc.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", seeds_dir=tmp_path / "no-seeds")


@pytest.fixture
def service(settings: Settings) -> Iterator[GraphService]:
    svc = GraphService(settings, extractor=FakeExtractor())
    svc.ingest(Document(id="doc-1", text=TEXT, date="2022-12-30", title="A meeting"))
    yield svc
    svc.close()


@pytest.fixture
def client(settings: Settings, service: GraphService) -> Iterator[TestClient]:
    with TestClient(create_app(settings, service)) as test_client:
        yield test_client
