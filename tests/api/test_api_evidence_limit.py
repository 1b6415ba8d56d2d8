"""Graph answers carry each edge's newest few evidence sentences, not all of them (issue 13,
item 7): the count stays in ``mentions``, ``evidence_truncated`` says when some were left out,
and the edge's ``provenance`` link pages through every sentence."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.records import Document
from graphsvc.service import GraphService
from graphsvc.settings import Settings

DOCS = 12
PER_DOC = 5
MENTIONS = 1 + DOCS * PER_DOC  # the fixture's doc-1 says it once


def _report(number: int) -> Document:
    """A document saying ``PER_DOC`` times, in distinct sentences, that Ann met Bob."""
    text = " ".join(f"Ann Example met Bob Sample in Lyon on day {number}-{i}."
                    for i in range(PER_DOC))
    return Document(id=f"rep-{number:02d}", text=text, date="2022-12-30")


@pytest.fixture
def http(settings: Settings, service: GraphService) -> Iterator[TestClient]:
    service.ingest_many(_report(n) for n in range(DOCS))
    with TestClient(create_app(settings, service)) as client:
        yield client


def _met(http: TestClient, **params: Any) -> dict[str, Any]:
    body = http.get("/relations", params={"relation": "met_with", **params}).json()
    (edge,) = body["items"]
    return dict(edge)


def _newest(count: int) -> list[str]:
    """The sentences of the last ``count`` evidence rows, in the order they were stored."""
    every = [f"Ann Example met Bob Sample in Lyon on day {n}-{i}."
             for n in range(DOCS) for i in range(PER_DOC)]
    return every[len(every) - count:] if count else []


def test_default_is_the_newest_five_with_the_count_and_a_link(http: TestClient) -> None:
    edge = _met(http)
    assert [ev["sentence"] for ev in edge["evidence"]] == _newest(5)
    assert {ev["doc_id"] for ev in edge["evidence"]} == {"rep-11"}
    assert edge["mentions"] == MENTIONS and edge["evidence_truncated"] is True
    assert edge["provenance"] == f"/relations/{edge['key']}/provenance"
    assert http.get(edge["provenance"]).status_code == 200


@pytest.mark.parametrize(("limit", "kept"), [(0, 0), (1, 1), (7, 7), (100, MENTIONS)])
def test_evidence_limit_parameter(http: TestClient, limit: int, kept: int) -> None:
    edge = _met(http, evidence_limit=limit)
    assert len(edge["evidence"]) == kept and edge["mentions"] == MENTIONS
    assert edge["evidence_truncated"] is (kept < MENTIONS)
    if 0 < kept < MENTIONS:
        assert [ev["sentence"] for ev in edge["evidence"]] == _newest(kept)


def _edges(http: TestClient, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every edge of a graph answer, whatever its shape."""
    body = http.get(path, params=params).json()
    if path == "/paths":
        return [hop for item in body["items"] for hop in item["edges"]]
    if path.endswith("/neighbourhood"):
        return list(body["edges"])
    if "items" in body:
        return list(body["items"])
    return [body]


GRAPH_ANSWERS = [
    ("/entities/Q_ANN/neighbourhood", {"limit": 1}),
    ("/paths", {"source": "Q_ANN", "target": "Q_BOB"}),
    ("/events", {"dyad": "Q_ANN,Q_BOB"}),
    ("/relations", {"relation": "met_with"}),
]


@pytest.mark.parametrize(("path", "params"), GRAPH_ANSWERS)
def test_every_graph_answer_is_capped(http: TestClient, path: str, params: dict[str, Any]) -> None:
    met = [e for e in _edges(http, path, params) if e["relation"] == "met_with"]
    assert met and all(len(e["evidence"]) == 5 and e["mentions"] == MENTIONS for e in met)
    met = [e for e in _edges(http, path, {**params, "evidence_limit": 2})
           if e["relation"] == "met_with"]
    assert met and all([ev["sentence"] for ev in e["evidence"]] == _newest(2) for e in met)


def test_relation_by_key_and_neighbourhood_files_are_capped(http: TestClient) -> None:
    key = _met(http)["key"]
    assert len(http.get(f"/relations/{key}").json()["evidence"]) == 5
    assert len(http.get(f"/relations/{key}", params={"evidence_limit": 0}).json()["evidence"]) == 0
    data = json.loads(http.get("/entities/Q_ANN/neighbourhood",
                               params={"format": "node-link", "evidence_limit": 3}).content)
    (met,) = [e for e in data["edges"] if e["relation"] == "met_with"]
    assert [ev["sentence"] for ev in met["evidence"]] == _newest(3)
    assert met["mentions"] == MENTIONS
    graphml = http.get("/entities/Q_ANN/neighbourhood", params={"format": "graphml"}).text
    assert "day 11-4" in graphml and "day 0-0" not in graphml
    # The cut was made on the answer's own copy: the snapshot still holds every sentence.
    assert len(_met(http, evidence_limit=100)["evidence"]) == MENTIONS


@pytest.mark.parametrize("value", ["101", "-1", "many", "1e3"])
@pytest.mark.parametrize("path", ["/entities/Q_ANN/neighbourhood", "/paths", "/events",
                                  "/relations", "/relations/KEY", "/relations/KEY/provenance"])
def test_bad_evidence_limit_is_422(http: TestClient, path: str, value: str) -> None:
    params = {"evidence_limit": value, "source": "Q_ANN", "target": "Q_BOB"}
    response = http.get(path.replace("KEY", _met(http)["key"]), params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "E001"
    assert [e["field"] for e in problem["errors"]] == ["query.evidence_limit"]


def test_provenance_pages_through_every_sentence(http: TestClient) -> None:
    edge = _met(http)
    first = http.get(edge["provenance"]).json()
    assert (first["total"], first["documents"], first["offset"], first["limit"]) == (
        MENTIONS, 1 + DOCS, 0, 100)
    assert len(first["items"]) == MENTIONS and first["next_offset"] is None
    assert first["relation"] == edge  # capped the same way as any graph answer
    pages, offset = [], 0
    while offset is not None:
        page = http.get(edge["provenance"], params={"offset": offset, "limit": 25}).json()
        assert page["total"] == MENTIONS and page["documents"] == 1 + DOCS
        pages.append(page)
        offset = page["next_offset"]
    assert [p["next_offset"] for p in pages] == [25, 50, None]
    assert [i for p in pages for i in p["items"]] == first["items"]
    assert first["items"][0]["doc_id"] == "doc-1"  # oldest first
    assert first["items"][-1]["sentence"] == _newest(1)[0]
    beyond = http.get(edge["provenance"], params={"offset": 10**30}).json()
    assert beyond["items"] == [] and beyond["next_offset"] is None


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 1001}, {"offset": -1}])
def test_bad_provenance_page_is_422(http: TestClient, params: dict[str, int]) -> None:
    response = http.get(_met(http)["provenance"], params=params)
    assert response.status_code == 422 and response.json()["code"] == "E001"


def test_server_default_is_a_setting(tmp_path: Any) -> None:
    settings = Settings(data_dir=tmp_path / "data", seeds_dir=tmp_path / "none",
                        evidence_limit=2)
    from apifakes import FakeExtractor

    service = GraphService(settings, extractor=FakeExtractor())
    service.ingest_many(_report(n) for n in range(3))
    with TestClient(create_app(settings, service)) as http:
        edge = _met(http)
    service.close()
    assert len(edge["evidence"]) == 2 and edge["mentions"] == 3 * PER_DOC


@pytest.mark.parametrize("value", [-1, 101])
def test_setting_is_bounded(value: int) -> None:
    with pytest.raises(ValueError, match="evidence_limit"):
        Settings(evidence_limit=value)


def test_a_much_reported_edge_stays_small(settings: Settings, service: GraphService) -> None:
    """The outside test's case in small: one edge read 600 times. Before the cap, a one-edge
    neighbourhood carried all 600 sentences (about 90 KB); now 5."""
    text = " ".join(f"Ann Example met Bob Sample in Lyon at hour {i}." for i in range(600))
    service.ingest(Document(id="many", text=text, date="2022-12-30"))
    with TestClient(create_app(settings, service)) as http:
        hood = http.get("/entities/Q_ANN/neighbourhood", params={"limit": 1,
                                                                 "relation": "met_with"})
        paths = http.get("/paths", params={"source": "Q_ANN", "target": "Q_BOB"})
    assert len(hood.content) < 4_000 and len(paths.content) < 4_000
    assert hood.json()["edges"][0]["mentions"] == 601
