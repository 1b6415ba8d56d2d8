"""Writes: POST /documents statuses, DELETE, and the API key guard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from apifakes import TEXT, FakeExtractor
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.service import GraphService
from graphsvc.settings import Settings

NEW = {"id": "doc-2", "text": "Bob Sample met Ann Example in Bonn.", "date": "2023-01-05"}


def test_post_creates_then_unchanged_then_replaced(client: TestClient) -> None:
    created = client.post("/documents", json=NEW)
    assert created.status_code == 201
    assert created.json() == {"doc_id": "doc-2", "status": "created", "entities": 2, "relations": 1}
    assert created.headers["location"] == "/documents/doc-2"

    again = client.post("/documents", json=NEW)
    assert again.status_code == 200
    assert again.json()["status"] == "unchanged"

    changed = client.post("/documents", json={**NEW, "text": "Ann Example criticised Gamma Corp."})
    assert changed.status_code == 200
    assert changed.json()["status"] == "replaced"


def test_posted_document_reaches_the_graph(client: TestClient) -> None:
    client.post("/documents", json=NEW)
    edges = client.get("/relations", params={"relation": "met_with"}).json()["items"]
    assert {e["date"] for e in edges} == {"2022-12-30", "2023-01-05"}


def test_delete_document(client: TestClient) -> None:
    assert client.delete("/documents/doc-1").status_code == 204
    assert client.get("/documents/doc-1").status_code == 404
    assert client.delete("/documents/doc-1").status_code == 404


@pytest.fixture
def keyed_client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "keyed", api_key="s3cret")
    service = GraphService(settings, extractor=FakeExtractor())
    with TestClient(create_app(settings, service)) as client:
        yield client
    service.close()


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"X-API-Key": "wrong"}, 401), ({"X-API-Key": "s3cret"}, 201)],
)
def test_writes_need_the_api_key(
    keyed_client: TestClient, headers: dict[str, str], status: int
) -> None:
    response = keyed_client.post("/documents", json={"id": "k", "text": TEXT}, headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "E004"
    deleted = keyed_client.delete("/documents/k", headers=headers)
    assert deleted.status_code == (204 if status == 201 else 401)


def test_reads_stay_open_with_an_api_key(keyed_client: TestClient) -> None:
    assert keyed_client.get("/health").status_code == 200
    assert keyed_client.get("/documents").status_code == 200
