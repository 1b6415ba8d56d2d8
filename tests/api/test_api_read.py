"""Reads: health, entities, neighbourhood, relations, documents, export."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_health_counts_the_store(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["documents"] == 1
    assert body["entities"] == 3
    assert body["relations"] == 2


def test_search_finds_entity_by_name(client: TestClient) -> None:
    response = client.get("/entities", params={"q": "Ann Example"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert items[0]["id"] == "Q_ANN"
    assert items[0]["country"] == "FRA"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"Q_ANN", "Q_BOB", "Q_GAMMA"}),
        ({"type": "PERSON"}, {"Q_ANN", "Q_BOB"}),
        ({"country": "DEU"}, {"Q_BOB", "Q_GAMMA"}),
        ({"type": "ORG", "country": "FRA"}, set()),
        ({"limit": 1}, {"Q_ANN"}),  # best connected first
    ],
)
def test_listing_filters(
    client: TestClient, params: dict[str, str | int], expected: set[str]
) -> None:
    items = client.get("/entities", params=params).json()["items"]
    assert {item["id"] for item in items} == expected


def test_entity_detail(client: TestClient) -> None:
    body = client.get("/entities/Q_ANN").json()
    assert body["name"] == "Ann Example"
    assert body["type"] == "PERSON"
    assert body["degree"] == 2


def test_neighbourhood_has_edge_with_evidence(client: TestClient) -> None:
    body = client.get("/entities/Q_BOB/neighbourhood", params={"depth": 1}).json()
    assert {n["id"] for n in body["nodes"]} >= {"Q_ANN", "Q_BOB"}
    (edge,) = [e for e in body["edges"] if e["relation"] == "met_with"]
    assert edge["date"] == "2022-12-30"
    assert edge["symmetric"] is True
    assert edge["key"].startswith("r_")
    evidence = edge["evidence"][0]
    assert "met" in evidence["sentence"]
    assert evidence["doc_id"] == "doc-1"
    assert body["truncated"] is False


def test_neighbourhood_depth_two_reaches_further(client: TestClient) -> None:
    body = client.get("/entities/Q_BOB/neighbourhood", params={"depth": 2}).json()
    assert "Q_GAMMA" in {n["id"] for n in body["nodes"]}


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({}, 2),
        ({"relation": "met_with"}, 1),
        ({"relation": "criticize", "source": "Q_ANN"}, 1),
        ({"relation": "criticize", "source": "Q_GAMMA"}, 0),  # directed: wrong way round
        ({"source": "Q_BOB", "target": "Q_ANN"}, 1),  # symmetric: either end
        ({"limit": 1}, 1),
    ],
)
def test_relations_filter(client: TestClient, params: dict[str, str | int], count: int) -> None:
    body = client.get("/relations", params=params).json()
    assert len(body["items"]) == count
    assert body["truncated"] is (params.get("limit") == 1)


def test_documents_list_and_detail(client: TestClient) -> None:
    listing = client.get("/documents").json()
    assert [d["id"] for d in listing["items"]] == ["doc-1"]
    assert listing["items"][0]["title"] == "A meeting"
    detail = client.get("/documents/doc-1").json()
    assert detail["date"] == "2022-12-30"
    assert len(detail["content_hash"]) == 64
    assert {e["id"] for e in detail["entities"]} == {"Q_ANN", "Q_BOB", "Q_GAMMA"}
    assert {r["relation"] for r in detail["relations"]} == {"met_with", "criticize"}


@pytest.mark.parametrize(
    ("path", "media_type", "marker"),
    [
        ("/export/graphml", "application/graphml+xml", b"<graphml"),
        ("/export/gexf", "application/gexf+xml", b"<gexf"),
        ("/export/json", "application/json", b"Q_ANN"),
    ],
)
def test_export(client: TestClient, path: str, media_type: str, marker: bytes) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert marker in response.content
    assert b"Q_ANN" in response.content


def test_root_serves_the_explorer_and_openapi_is_served(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/entities/{entity_id}/neighbourhood" in paths
