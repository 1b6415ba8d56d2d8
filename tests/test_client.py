"""graphsvc.Client (over HTTP, through the FastAPI app) and graphsvc.open (local mode).

The same tests run against both through the ``kg`` fixture, so their results must agree. A fake
extractor stands in for spaCy; its sentences are made up here.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient

import graphsvc
from graphsvc.api.app import create_app
from graphsvc.client import (
    AuthError,
    Client,
    GraphsvcHTTPError,
    NotFoundError,
    PayloadTooLargeError,
    Records,
    ServerError,
    ValidationError,
    default_doc_id,
    edge_filter,
    error_from_problem,
    graph_from_json,
    graph_to_json,
    shortest_paths,
    timeline_rows,
)
from graphsvc.local import LocalClient
from graphsvc.records import Document, Entity, Evidence, Extraction, Relation
from graphsvc.service import GraphService
from graphsvc.settings import Settings

PEOPLE = {
    "Q_MARA": Entity(id="Q_MARA", name="Mara Quill", type="PERSON", country="FRA", sector="GOV",
                     aliases=["M. Quill"]),
    "Q_TEO": Entity(id="Q_TEO", name="Teo Vance", type="PERSON", country="DEU", sector="GOV"),
    "Q_ORBIS": Entity(id="Q_ORBIS", name="Orbis Holdings", type="ORG", country="DEU"),
}
# (source, label, target, trigger, cameo, plover, goldstein, quad, symmetric)
CODES = [
    ("Q_MARA", "met_with", "Q_TEO", "met", "040", "CONSULT", 1.0, 1, True),
    ("Q_MARA", "criticize", "Q_ORBIS", "criticised", "111", "DISAPPROVE", -2.0, 3, False),
    ("Q_TEO", "praise", "Q_ORBIS", "praised", "051", "COOPERATE", 3.4, 1, False),
]
DOCS = [
    ("d-mar", "2023-03-10", "Mara Quill met Teo Vance in Geneva on Friday."),
    ("d-may", "2023-05-02", "Mara Quill criticised Orbis Holdings over its mining permits."),
    ("d-may2", "2023-05-20", "Teo Vance praised Orbis Holdings for new jobs. "
                             "Mara Quill did not criticised Orbis Holdings again."),
]


class FakeExtractor:
    """Finds the names and triggers above in any text; evidence offsets are real."""

    def extract(self, doc: Document) -> Extraction:
        relations = []
        for match in re.finditer(r"[^.]+\.", doc.text):
            sentence = match.group().strip()
            start = match.start() + match.group().index(sentence)
            for source, label, target, trigger, cameo, plover, score, quad, sym in CODES:
                names = (PEOPLE[source].name, PEOPLE[target].name)
                if all(n in sentence for n in names) and f" {trigger} " in sentence:
                    relations.append(Relation(
                        source=source, target=target, relation=label, cameo=cameo,
                        plover=plover, goldstein=score, quad_class=quad, date=doc.date,
                        negated=" not " in sentence, symmetric=sym, confidence=0.8,
                        evidence=[Evidence(doc_id=doc.id, sentence=sentence, start=start,
                                           end=start + len(sentence), trigger=trigger,
                                           extractor_version="fake-1")]))
        found = [e for e in PEOPLE.values() if e.name in doc.text]
        return Extraction(id=doc.id, date=doc.date, entities=found, relations=relations)


def _service(tmp_path: Path, api_key: str | None = None) -> GraphService:
    settings = Settings(data_dir=tmp_path / "data", seeds_dir=tmp_path / "none", api_key=api_key)
    service = GraphService(settings, extractor=FakeExtractor())
    service.ingest_many(Document(id=i, date=d, text=t) for i, d, t in DOCS)
    return service


@pytest.fixture
def service(tmp_path: Path) -> Iterator[GraphService]:
    svc = _service(tmp_path)
    yield svc
    svc.close()


@pytest.fixture(params=["http", "local"])
def kg(request: pytest.FixtureRequest, service: GraphService) -> Iterator[Any]:
    if request.param == "local":
        with LocalClient(service.settings, service) as local:
            yield local
        return
    with TestClient(create_app(service.settings, service)) as http, Client(http=http) as client:
        yield client


# -- reads ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Mara Quill", "Q_MARA"), ("mara", "Q_MARA"), ("M. Quill", "Q_MARA"), ("Orbis", "Q_ORBIS"),
     ("Teo Vanse", "Q_TEO")],
)
def test_search(kg: Any, query: str, expected: str) -> None:
    hits = kg.search(query)
    assert isinstance(hits, Records)
    assert hits[0]["id"] == expected
    assert {"id", "name", "type", "country", "aliases", "score"} <= set(hits[0])


def test_search_filters(kg: Any) -> None:
    assert [h["id"] for h in kg.search("o", type="ORG")] == ["Q_ORBIS"]
    assert all(h["country"] == "DEU" for h in kg.search("a", country="DEU"))


@pytest.mark.parametrize("ref", ["Q_TEO", "Teo Vance", "teo"])
def test_entity_by_id_or_name(kg: Any, ref: str) -> None:
    entity = kg.entity(ref)
    assert entity["id"] == "Q_TEO"
    assert entity["degree"] == 2


def test_neighbourhood_is_the_servers_graph(kg: Any, service: GraphService) -> None:
    graph = kg.neighbourhood("Mara Quill", depth=2)
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.graph["truncated"] is False
    assert set(graph) == {"Q_MARA", "Q_TEO", "Q_ORBIS"}
    for node, attrs in graph.nodes(data=True):
        assert attrs == service.graph.nodes[node]
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        assert attrs == service.graph.edges[u, v, key]
    # Default view: the negated criticism is left out.
    assert not any(d["negated"] for _u, _v, d in graph.edges(data=True))


@pytest.mark.parametrize(
    ("kwargs", "edges"),
    [
        ({}, 2),
        ({"direction": "out"}, 2),
        ({"direction": "in"}, 1),  # met_with is stored Q_MARA → Q_TEO
        ({"limit": 1}, 1),
        ({"view": "all"}, 3),
    ],
)
def test_neighbourhood_options(kg: Any, kwargs: dict[str, Any], edges: int) -> None:
    graph = kg.neighbourhood("Q_MARA" if kwargs.get("direction") != "in" else "Q_TEO", **kwargs)
    assert graph.number_of_edges() == edges
    assert graph.graph["truncated"] is (kwargs.get("limit") == 1)


def test_paths_carry_evidence(kg: Any) -> None:
    paths = kg.paths("Teo Vance", "Mara Quill")
    assert len(paths) == 1 and len(paths[0]) == 1
    (hop,) = paths[0]
    assert hop["relation"] == "met_with"
    assert hop["evidence"][0]["sentence"].startswith("Mara Quill met Teo Vance")
    # Two hops, walking edges either way: Teo → Orbis ← Mara or Teo — Mara → Orbis.
    two = kg.paths("Q_ORBIS", "Q_TEO")
    assert two and all(len(path) == 1 for path in two)
    assert kg.paths("Q_ORBIS", "Q_MARA", relation="praise") == []


def test_events_sorted_and_filtered(kg: Any) -> None:
    events = kg.events()
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert {e["relation"] for e in events} == {"met_with", "criticize", "praise"}
    assert not any(e["negated"] for e in events)
    assert [e["relation"] for e in kg.events(since="2023-05")] == ["criticize", "praise"]
    assert [e["relation"] for e in kg.events(until="2023-04-01")] == ["met_with"]
    assert [e["relation"] for e in kg.events(source="Teo Vance")] == ["met_with", "praise"]
    assert len(kg.events(include_negated=True, view="all")) == 4
    assert len(kg.events(max_items=2)) == 2


def test_iter_events_pages(kg: Any) -> None:
    pages = list(kg.iter_events(page_size=1))
    assert len(pages) == 3
    assert len({e["key"] for e in pages}) == 3


def test_timeline(kg: Any) -> None:
    rows = kg.timeline("Mara Quill")
    assert [r["period"] for r in rows] == ["2023-03", "2023-05"]
    assert rows[1]["events"] == 1 and rows[1]["quad_3"] == 1 and rows[1]["goldstein"] == -2.0
    dyad = kg.timeline("Q_TEO", "Q_MARA")
    assert [(r["period"], r["events"]) for r in dyad] == [("2023-03", 1)]
    yearly = kg.timeline("Orbis Holdings", granularity="year")
    assert [(r["period"], r["events"], r["goldstein"]) for r in yearly] == [("2023", 2, 1.4)]


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export(kg: Any, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"graph.{fmt}"
    data = kg.export(fmt, path=path)
    assert path.read_bytes() == data
    if fmt == "graphml":
        graph = nx.read_graphml(io.BytesIO(data))
        assert set(graph) == {"Q_MARA", "Q_TEO", "Q_ORBIS"}
    assert b"Mara Quill" in data


def test_export_rejects_unknown_format(kg: Any) -> None:
    with pytest.raises(ValueError, match="graphml"):
        kg.export("pdf")


def test_documents(kg: Any) -> None:
    assert [d["id"] for d in kg.documents()] == sorted(d[0] for d in DOCS)
    doc = kg.document("d-mar")
    assert doc["date"] == "2023-03-10" and doc["relations"][0]["relation"] == "met_with"


# -- writes -----------------------------------------------------------------------------------


def test_ingest_then_unchanged_then_delete(kg: Any) -> None:
    text = "Teo Vance praised Orbis Holdings at the port."
    first = kg.ingest(text, date="2023-07-01")
    assert first == {"doc_id": default_doc_id(text), "status": "created", "entities": 2,
                     "relations": 1}
    assert kg.ingest(text, date="2023-07-01")["status"] == "unchanged"
    assert [r["period"] for r in kg.timeline("Q_TEO")][-1] == "2023-07"
    kg.delete_document(first["doc_id"])
    with pytest.raises(NotFoundError):
        kg.document(first["doc_id"])


# -- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "status", "code"),
    [
        (lambda kg: kg.entity("nobody-at-all-xyz"), NotFoundError, 404, "E002"),
        (lambda kg: kg.neighbourhood("Q_MARA", depth=9), ValidationError, 422, "E001"),
        (lambda kg: kg.document("no-such-doc"), NotFoundError, 404, "E002"),
        (lambda kg: kg.ingest("   "), ValidationError, 422, "E001"),
        (lambda kg: kg.delete_document("no-such-doc"), NotFoundError, 404, "E002"),
    ],
)
def test_typed_errors(kg: Any, call: Any, error: type[Exception], status: int, code: str) -> None:
    with pytest.raises(error) as raised:
        call(kg)
    assert isinstance(raised.value, GraphsvcHTTPError)
    assert raised.value.status == status
    assert raised.value.code == code
    assert raised.value.detail
    assert raised.value.problem["status"] == status


def test_validation_error_lists_fields(tmp_path: Path) -> None:
    svc = _service(tmp_path)
    with TestClient(create_app(svc.settings, svc)) as http, Client(http=http) as client:
        with pytest.raises(ValidationError) as raised:
            client.neighbourhood("Q_MARA", depth=0)
        assert raised.value.errors[0]["field"] == "query.depth"
        assert raised.value.instance == "/entities/Q_MARA/neighbourhood"
    svc.close()


@pytest.mark.parametrize(("key", "status"), [(None, 401), ("wrong", 401), ("s3cret", 201)])
def test_api_key(tmp_path: Path, key: str | None, status: int) -> None:
    svc = _service(tmp_path, api_key="s3cret")
    with TestClient(create_app(svc.settings, svc)) as http:
        client = Client(api_key=key, http=http)
        if status == 401:
            with pytest.raises(AuthError) as raised:
                client.ingest("Mara Quill met Teo Vance in Paris.")
            assert raised.value.code == "E004"
        else:
            assert client.ingest("Mara Quill met Teo Vance in Paris.")["status"] == "created"
        # Reads stay open with or without a key.
        assert client.search("Mara")
    svc.close()


@pytest.mark.parametrize(
    ("status", "expected"),
    [(400, ValidationError), (401, AuthError), (403, AuthError), (404, NotFoundError),
     (413, PayloadTooLargeError), (422, ValidationError), (500, ServerError),
     (503, ServerError), (418, GraphsvcHTTPError)],
)
def test_error_from_problem(status: int, expected: type[GraphsvcHTTPError]) -> None:
    problem = {"type": "https://graphsvc.dev/problems/x", "title": "T", "status": status,
               "detail": "D", "code": "E999", "instance": "/x", "limit": 5}
    error = error_from_problem(problem)
    assert type(error) is expected
    assert (error.status, error.code, error.instance, error.extra) == (status, "E999", "/x",
                                                                     {"limit": 5})
    assert error.problem == problem


def test_non_problem_answer_is_a_server_error() -> None:
    def handler(request: Any) -> Any:
        import httpx

        return httpx.Response(502, text="<html>bad gateway</html>")

    import httpx

    http = httpx.Client(base_url="http://proxy", transport=httpx.MockTransport(handler))
    with Client(http=http) as client, pytest.raises(ServerError) as raised:
        client.health()
    assert raised.value.status == 502 and "bad gateway" in raised.value.detail


# -- pure helpers -----------------------------------------------------------------------------

EDGE = {"relation": "criticize", "cameo": "111", "plover": "DISAPPROVE", "date": "2023-05-02",
        "negated": False, "modality": "asserted", "confidence": 0.7}


@pytest.mark.parametrize(
    ("edge", "filters", "kept"),
    [
        (EDGE, {}, True),
        (EDGE, {"relation": "met_with"}, False),
        (EDGE, {"relation": ["met_with", "criticize"]}, True),
        (EDGE, {"cameo": "11"}, True),
        (EDGE, {"cameo": "04"}, False),
        (EDGE, {"plover": "CONSULT"}, False),
        (EDGE, {"since": "2023-05"}, True),
        (EDGE, {"since": "2023-06-01"}, False),
        (EDGE, {"until": "2023"}, True),
        (EDGE, {"until": "2023-04-30"}, False),
        (EDGE, {"min_confidence": 0.7}, True),
        (EDGE, {"min_confidence": 0.71}, False),
        ({**EDGE, "negated": True}, {}, False),
        ({**EDGE, "negated": True}, {"include_negated": True}, True),
        ({**EDGE, "negated": True}, {"view": "all"}, True),
        ({**EDGE, "negated": True}, {"view": "all", "include_negated": False}, False),
        ({**EDGE, "modality": "future"}, {}, False),
        ({**EDGE, "modality": "future"}, {"view": "all"}, True),
        ({**EDGE, "modality": "future"}, {"modality": "future"}, True),
        ({**EDGE, "relation": "leader_of", "modality": "reported", "date": None}, {}, True),
        ({**EDGE, "date": None}, {"since": "2020"}, False),
    ],
)
def test_edge_filter(edge: dict[str, Any], filters: dict[str, Any], kept: bool) -> None:
    assert edge_filter(**filters)(edge) is kept


@pytest.mark.parametrize(
    ("events", "granularity", "rows"),
    [
        ([], "month", []),
        ([{"date": "2023-05-02", "quad_class": 4, "goldstein": -9.5, "relation": "attack"},
          {"date": "2023-05-30", "quad_class": 1, "goldstein": 1.0, "relation": "met_with"},
          {"date": "2023", "quad_class": 1, "goldstein": 1.0, "relation": "met_with"},
          {"date": None, "quad_class": 1, "goldstein": 1.0, "relation": "met_with"},
          {"date": "2023-01", "quad_class": None, "goldstein": None, "relation": "leader_of"}],
         "month",
         [{"period": "2023-05", "events": 2, "quad_1": 1, "quad_2": 0, "quad_3": 0, "quad_4": 1,
           "goldstein": -8.5}]),
        ([{"date": "2022-12-30", "quad_class": 2, "goldstein": 7.0, "relation": "aid"},
          {"date": "2021", "quad_class": 3, "goldstein": -2.0, "relation": "criticize"}],
         "year",
         [{"period": "2021", "events": 1, "quad_1": 0, "quad_2": 0, "quad_3": 1, "quad_4": 0,
           "goldstein": -2.0},
          {"period": "2022", "events": 1, "quad_1": 0, "quad_2": 1, "quad_3": 0, "quad_4": 0,
           "goldstein": 7.0}]),
    ],
)
def test_timeline_rows(events: list[dict[str, Any]], granularity: str,
                       rows: list[dict[str, Any]]) -> None:
    assert timeline_rows(events, granularity) == rows


def test_shortest_paths_bounded_and_either_direction() -> None:
    graph = nx.MultiDiGraph()
    for u, v in [("a", "b"), ("c", "b"), ("c", "d"), ("a", "e"), ("e", "d")]:
        graph.add_edge(u, v, key=f"{u}{v}", relation="r", mentions=1, confidence=0.5)
    paths = shortest_paths(graph, "a", "d")
    assert sorted([(h["source"], h["target"]) for h in p] for p in paths) == [
        [("a", "e"), ("e", "d")]]
    assert shortest_paths(graph, "b", "d", max_hops=1) == []
    assert [[h["key"] for h in p] for p in shortest_paths(graph, "b", "d")] == [["cb", "cd"]]
    assert shortest_paths(graph, "a", "zzz") == []
    assert shortest_paths(graph, "a", "a") == [[]]


def test_graph_json_round_trip(service: GraphService) -> None:
    again = graph_from_json(graph_to_json(service.graph))
    assert dict(again.nodes(data=True)) == dict(service.graph.nodes(data=True))
    assert sorted(again.edges(keys=True, data=True), key=lambda e: e[2]) == sorted(
        service.graph.edges(keys=True, data=True), key=lambda e: e[2])
    assert again.graph == {"truncated": False}


def test_to_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    records = Records([{"period": "2023-05", "events": 2}])
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="pip install pandas"):
            records.to_pandas()
    else:
        frame = records.to_pandas()
        assert list(frame.columns) == ["period", "events"]
    # Whatever is installed, a missing pandas is reported by name.
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        records.to_pandas()


# -- package surface --------------------------------------------------------------------------


def test_open_is_local_mode(tmp_path: Path) -> None:
    with graphsvc.open(tmp_path / "empty") as kg:
        assert isinstance(kg, LocalClient)
        assert kg.health()["documents"] == 0
        assert kg.search("anyone") == []
        with pytest.raises(NotFoundError):
            kg.neighbourhood("anyone")


def test_import_graphsvc_stays_light() -> None:
    code = ("import sys, graphsvc; heavy = [m for m in ('spacy', 'httpx', 'networkx', 'fastapi')"
            " if m in sys.modules]; assert not heavy, heavy; assert graphsvc.Client.__name__ =="
            " 'Client'; assert 'spacy' not in sys.modules; print(sorted(graphsvc.__all__))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['Client', '__version__', 'open']"
    with pytest.raises(AttributeError):
        _ = graphsvc.nothing_here
