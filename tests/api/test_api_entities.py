"""Entities: tolerant search with degree, detail with activity, neighbourhood filters/formats."""

from __future__ import annotations

import io
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("q", "expected"),
    [("Ann Example", "Q_ANN"), ("ann example", "Q_ANN"), ("Änn Exämple", "Q_ANN"),
     ("Ann Exmaple", "Q_ANN"), ("gamma", "Q_GAMMA"), ("Q_BOB", "Q_BOB")],
)
def test_search_is_tolerant(client: TestClient, q: str, expected: str) -> None:
    hit = client.get("/entities", params={"q": q}).json()["items"][0]
    assert hit["id"] == expected
    assert {"id", "type", "country", "aliases", "degree", "score"} <= set(hit)


def test_search_hit_has_degree(client: TestClient) -> None:
    (hit,) = client.get("/entities", params={"q": "Ann Example", "limit": 1}).json()["items"]
    assert hit["degree"] == 2


def test_entity_detail_counts_events(client: TestClient) -> None:
    body = client.get("/entities/Q_ANN").json()
    assert body["activity"]["by_type"] == {"met_with": 1, "criticize": 1}
    assert body["activity"]["by_year"] == {"2022": 2}
    assert body["activity"]["by_role"] == {"source": 2}
    assert client.get("/entities/Q_GAMMA").json()["activity"]["by_role"] == {"target": 1}


@pytest.mark.parametrize(
    ("params", "relations"),
    [
        ({}, {"met_with", "criticize"}),
        ({"relation": "met_with"}, {"met_with"}),
        ({"relation": ["met_with", "criticize"]}, {"met_with", "criticize"}),
        ({"relation": "met_with,criticize"}, {"met_with", "criticize"}),
        ({"cameo": "11"}, {"criticize"}),
        ({"plover": "CONSULT"}, set()),  # the fake extractor codes no PLOVER
        ({"since": "2023"}, set()),
        ({"until": "2022-12"}, {"met_with", "criticize"}),
        ({"min_confidence": 0.95}, set()),
        ({"direction": "in"}, set()),
        ({"modality": "future"}, set()),
        ({"include_negated": "true"}, {"met_with", "criticize"}),
    ],
)
def test_neighbourhood_filters(client: TestClient, params: dict[str, Any],
                               relations: set[str]) -> None:
    body = client.get("/entities/Q_ANN/neighbourhood", params=params).json()
    assert {e["relation"] for e in body["edges"]} == relations
    assert body["truncated"] is False


def test_neighbourhood_limit_sets_truncated(client: TestClient) -> None:
    body = client.get("/entities/Q_ANN/neighbourhood", params={"limit": 1}).json()
    assert len(body["edges"]) == 1 and body["truncated"] is True


def _graphml(data: bytes) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(data), force_multigraph=True)


def _gexf(data: bytes) -> nx.MultiDiGraph:
    return nx.read_gexf(io.BytesIO(data))


@pytest.mark.parametrize(
    ("params", "headers", "media_type"),
    [
        ({"format": "graphml"}, {}, "application/graphml+xml"),
        ({}, {"Accept": "application/graphml+xml"}, "application/graphml+xml"),
        ({"format": "gexf"}, {}, "application/gexf+xml"),
        ({}, {"Accept": "text/html, application/gexf+xml;q=0.9"}, "application/gexf+xml"),
        ({"format": "node-link"}, {}, "application/vnd.graphsvc.node-link+json"),
        ({"format": "cytoscape"}, {}, "application/vnd.cytoscape+json"),
        ({}, {"Accept": "application/json"}, "application/json"),
    ],
)
def test_neighbourhood_formats(client: TestClient, params: dict[str, str],
                               headers: dict[str, str], media_type: str) -> None:
    response = client.get("/entities/Q_ANN/neighbourhood", params=params, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    if "graphml" in media_type:
        assert set(_graphml(response.content)) == {"Q_ANN", "Q_BOB", "Q_GAMMA"}
    elif "gexf" in media_type:
        graph = _gexf(response.content)
        assert graph.number_of_edges() == 2
        assert all(d["start"] == "2022-12-30" for *_e, d in graph.edges(data=True))
    elif "cytoscape" in media_type:
        elements = response.json()["elements"]
        assert {n["data"]["id"] for n in elements["nodes"]} == {"Q_ANN", "Q_BOB", "Q_GAMMA"}
        assert {e["data"]["label"] for e in elements["edges"]} == {"met_with", "criticize"}
    elif "node-link" in media_type:
        body = response.json()
        assert body["graph"]["center"] == "Q_ANN" and len(body["edges"]) == 2
    else:
        assert len(response.json()["edges"]) == 2


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "yesterday"}, "query.since"),
        ({"until": "2022-02-30"}, "query.until"),
        ({"since": "2023", "until": "2022"}, "query.until"),
        ({"cameo": "ab"}, "query.cameo"),
        ({"min_confidence": 2}, "query.min_confidence"),
        ({"modality": "maybe"}, "query.modality.0"),
        ({"format": "pdf"}, "query.format"),
        ({"view": "some"}, "query.view"),
        ({"include_negated": "perhaps"}, "query.include_negated"),
    ],
)
def test_bad_filters_are_422_with_fields(client: TestClient, params: dict[str, Any],
                                         field: str) -> None:
    response = client.get("/entities/Q_ANN/neighbourhood", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert field in {e["field"] for e in response.json()["errors"]}
