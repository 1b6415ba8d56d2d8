"""graphsvc.Client (over HTTP, through the FastAPI app) and graphsvc.open (local mode).

The same tests run against both through the ``kg`` fixture, and ``test_modes_agree`` checks that
every method gives the two modes identical answers (errors included). A fake extractor stands in
for spaCy; its sentences are made up here.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
import pytest
from fastapi.testclient import TestClient

import graphsvc
from graphsvc import errors
from graphsvc.api.app import create_app
from graphsvc.client import (
    EVENTS,
    EXPORT_FORMATS,
    GRAPH_FORMATS,
    AuthError,
    Client,
    GraphsvcHTTPError,
    NotFoundError,
    Paths,
    PayloadTooLargeError,
    Records,
    ServerError,
    ValidationError,
    default_doc_id,
    error_from_problem,
    graph_from_json,
    graph_to_json,
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
# (source, label, target, trigger, cameo, plover, goldstein, quad, symmetric, confidence)
CODES = [
    ("Q_MARA", "met_with", "Q_TEO", "met", "040", "CONSULT", 1.0, 1, True, 0.9),
    ("Q_MARA", "criticized", "Q_ORBIS", "criticised", "111", "ACCUSE", -2.0, 3, False, 0.8),
    ("Q_TEO", "praised", "Q_ORBIS", "praised", "051", "SUPPORT", 3.4, 1, False, 0.7),
    ("Q_ORBIS", "threatened", "Q_TEO", "threaten", "130", "THREATEN", -4.4, 3, False, 0.6),
]
# (id, date, title, text). Default view: met_with, criticized, praised. Also in view=all: the
# negated criticism and the future (modality) threat.
DOCS = [
    ("d-mar", "2023-03-10", "Geneva talks", "Mara Quill met Teo Vance in Geneva on Friday."),
    ("d-may", "2023-05-02", None, "Mara Quill criticised Orbis Holdings over its mining permits."),
    ("d-may2", "2023-05-20", None, "Teo Vance praised Orbis Holdings for new jobs. "
                                   "Mara Quill did not criticised Orbis Holdings again."),
    ("d-jun", "2023-06-12", None, "Orbis Holdings will threaten Teo Vance with a lawsuit."),
]


class FakeExtractor:
    """Finds the names and triggers above in any text; evidence offsets are real."""

    def extract(self, doc: Document) -> Extraction:
        relations = []
        for match in re.finditer(r"[^.]+\.", doc.text):
            sentence = match.group().strip()
            start = match.start() + match.group().index(sentence)
            for source, label, target, trigger, cameo, plover, score, quad, sym, conf in CODES:
                names = (PEOPLE[source].name, PEOPLE[target].name)
                if all(n in sentence for n in names) and f" {trigger} " in sentence:
                    relations.append(Relation(
                        source=source, target=target, relation=label, cameo=cameo,
                        plover=plover, goldstein=score, quad_class=quad, date=doc.date,
                        negated=" not " in sentence, symmetric=sym, confidence=conf,
                        modality="future" if " will " in sentence else "asserted",
                        evidence=[Evidence(doc_id=doc.id, sentence=sentence, start=start,
                                           end=start + len(sentence), trigger=trigger,
                                           extractor_version="fake-1")]))
        found = [e for e in PEOPLE.values() if e.name in doc.text]
        return Extraction(id=doc.id, date=doc.date, entities=found, relations=relations)


def _service(tmp_path: Path, api_key: str | None = None) -> GraphService:
    settings = Settings(data_dir=tmp_path / "data", seeds_dir=tmp_path / "none", api_key=api_key)
    service = GraphService(settings, extractor=FakeExtractor())
    service.ingest_many(Document(id=i, date=d, title=t, text=x) for i, d, t, x in DOCS)
    return service


@pytest.fixture
def service(tmp_path: Path) -> Iterator[GraphService]:
    svc = _service(tmp_path)
    yield svc
    svc.close()


@pytest.fixture
def http_client(service: GraphService) -> Iterator[Client]:
    with TestClient(create_app(service.settings, service)) as http, Client(http=http) as client:
        yield client


@pytest.fixture(params=["http", "local"])
def kg(request: pytest.FixtureRequest, service: GraphService) -> Iterator[Any]:
    if request.param == "local":
        with LocalClient(service.settings, service) as local:
            yield local
        return
    yield request.getfixturevalue("http_client")


def _key(kg: Any, relation: str) -> str:
    return str(next(e["key"] for e in kg.events(view="all") if e["relation"] == relation))


# -- both modes agree -------------------------------------------------------------------------

CALLS: list[tuple[str, Callable[[Any], Any]]] = [
    ("health", lambda kg: kg.health()),
    ("search", lambda kg: kg.search("quil")),
    ("search-typo", lambda kg: kg.search("Orbis Holdigns", type="ORG")),
    ("list", lambda kg: kg.search(limit=2)),
    ("entity", lambda kg: kg.entity("Mara Quill")),
    ("neighbourhood", lambda kg: kg.neighbourhood("Q_MARA", depth=2)),
    ("neighbourhood-all", lambda kg: kg.neighbourhood("Q_TEO", 3, view="all", direction="in")),
    ("neighbourhood-filters", lambda kg: kg.neighbourhood(
        "Q_MARA", 2, relation="met_with,praised", since="2023", min_confidence=0.5)),
    *[(f"neighbourhood-{fmt}", lambda kg, fmt=fmt: kg.neighbourhood_file("Q_MARA", fmt, 2))
      for fmt in GRAPH_FORMATS],
    ("paths", lambda kg: kg.paths("Orbis Holdings", "Mara Quill", relation=["praised",
                                                                            "met_with"])),
    ("paths-none", lambda kg: kg.paths("Q_ORBIS", "Q_MARA", relation="praised")),
    ("events", lambda kg: kg.events(view="all")),
    ("events-page", lambda kg: kg.events_page(page_size=2)),
    ("events-dyad", lambda kg: kg.events(dyad=("Q_TEO", "Q_ORBIS"), include_negated=True,
                                         modality=["asserted", "future"])),
    ("timeline", lambda kg: kg.timeline("Q_ORBIS", view="all")),
    ("timeline-dyad", lambda kg: kg.timeline("Q_TEO", "Q_MARA", granularity="year")),
    ("relation", lambda kg: kg.relation(_key(kg, "criticized"))),
    ("provenance", lambda kg: kg.provenance(_key(kg, "met_with"))),
    ("provenance-page", lambda kg: kg.provenance(_key(kg, "met_with"), offset=0, limit=1,
                                                 evidence_limit=0)),
    ("provenance-past-end", lambda kg: kg.provenance(_key(kg, "met_with"), offset=5, limit=1)),
    ("neighbourhood-no-evidence", lambda kg: kg.neighbourhood("Q_MARA", 2, evidence_limit=0)),
    ("neighbourhood-file-no-evidence", lambda kg: kg.neighbourhood_file(
        "Q_MARA", "node-link", 2, evidence_limit=0)),
    ("paths-no-evidence", lambda kg: kg.paths("Q_ORBIS", "Q_MARA", evidence_limit=0)),
    ("events-no-evidence", lambda kg: kg.events(view="all", evidence_limit=0)),
    ("relation-no-evidence", lambda kg: kg.relation(_key(kg, "praised"), evidence_limit=0)),
    ("stats", lambda kg: kg.stats()),
    ("event-types", lambda kg: kg.event_types()),
    ("documents", lambda kg: kg.documents(offset=1, limit=2)),
    ("document", lambda kg: kg.document("d-may2")),
    *[(f"export-{fmt}", lambda kg, fmt=fmt: kg.export(fmt)) for fmt in EXPORT_FORMATS],
    # Errors: the same class, status, code, instance and fields.
    ("no-entity", lambda kg: kg.entity("nobody-at-all-xyz")),
    ("bad-depth", lambda kg: kg.neighbourhood("Q_MARA", depth=9)),
    ("bad-since", lambda kg: kg.events(since="May 2023")),
    ("bad-cameo", lambda kg: kg.paths("Q_MARA", "Q_TEO", cameo="xx")),
    ("bad-modality", lambda kg: kg.timeline("Q_MARA", modality="perhaps")),
    ("bad-token", lambda kg: kg.events_page(page_token="not-a-token")),
    # One id where the route wants two: both modes parse it in graphsvc.query (local mode
    # once split it unchecked).
    ("bad-dyad", lambda kg: kg._call(EVENTS, params={"dyad": "Q_MARA", "page_size": 10})),
    ("bad-hops", lambda kg: kg.paths("Q_MARA", "Q_TEO", max_hops=7)),
    ("no-relation", lambda kg: kg.provenance("r_0000000000000000")),
    ("bad-evidence-limit", lambda kg: kg.neighbourhood("Q_MARA", evidence_limit=101)),
    ("bad-evidence-limit-events", lambda kg: kg.events_page(evidence_limit=-1)),
    ("bad-provenance-limit", lambda kg: kg.provenance(_key(kg, "met_with"), limit=0)),
    ("bad-provenance-offset", lambda kg: kg.provenance(_key(kg, "met_with"), offset=-1)),
    ("no-document", lambda kg: kg.document("nope")),
    ("bad-date", lambda kg: kg.ingest("Teo Vance praised Orbis Holdings.", date="2023-02-30")),
    ("bad-batch", lambda kg: kg.ingest_many([{"text": "x", "date": "soon"}])),
    ("far-date", lambda kg: kg.ingest("Teo Vance praised Orbis Holdings.", date="9999-12-31")),
    ("wide-since", lambda kg: kg.events(since="２０２３")),
    ("far-until", lambda kg: kg.timeline("Q_MARA", until="9999")),
    ("slash-id", lambda kg: kg.document("c/d")),
    ("bidi-id", lambda kg: kg.delete_document("a\u202eb")),
    ("slash-id-ingest", lambda kg: kg.ingest("Teo Vance praised Orbis Holdings.", "c/d")),
]


def _outcome(call: Callable[[Any], Any], kg: Any) -> Any:
    """A comparable form of a call's result or failure."""
    try:
        result = call(kg)
    except GraphsvcHTTPError as error:
        return (type(error).__name__, error.status, error.code, error.instance,
                sorted(e["field"] for e in error.errors))
    if isinstance(result, nx.MultiDiGraph):
        return graph_to_json(result), result.graph.get("center")
    if isinstance(result, Paths):
        return result.to_dict()
    return result


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[name for name, _call in CALLS])
def test_modes_agree(http_client: Client, service: GraphService, name: str,
                     call: Callable[[Any], Any]) -> None:
    with LocalClient(service.settings, service) as local:
        assert _outcome(call, http_client) == _outcome(call, local)


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
    assert {"id", "name", "type", "country", "aliases", "score", "degree"} <= set(hits[0])


def test_search_filters_and_listing(kg: Any) -> None:
    assert [h["id"] for h in kg.search("o", type="ORG")] == ["Q_ORBIS"]
    assert all(h["country"] == "DEU" for h in kg.search("a", country="DEU"))
    # Without a query: the best connected first, without a score.
    listed = kg.search()
    assert [h["id"] for h in listed] == ["Q_ORBIS", "Q_MARA", "Q_TEO"]
    assert [h["degree"] for h in listed] == [4, 3, 3] and listed[0]["score"] is None


@pytest.mark.parametrize("ref", ["Q_TEO", "Teo Vance", "teo"])
def test_entity_by_id_or_name(kg: Any, ref: str) -> None:
    entity = kg.entity(ref)
    assert entity["id"] == "Q_TEO" and kg.resolve(ref) == "Q_TEO"
    assert entity["degree"] == 3
    # Activity counts the default view: the future threat is left out.
    assert entity["activity"]["by_type"] == {"met_with": 1, "praised": 1}
    assert entity["activity"]["by_role"] == {"source": 2}


def test_neighbourhood_is_the_servers_graph(kg: Any, service: GraphService) -> None:
    graph = kg.neighbourhood("Mara Quill", depth=2)
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.graph["truncated"] is False and graph.graph["center"] == "Q_MARA"
    assert set(graph) == {"Q_MARA", "Q_TEO", "Q_ORBIS"}
    for node, attrs in graph.nodes(data=True):
        assert attrs == service.graph.nodes[node]
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        # One sentence each here, under the evidence limit: all of it, plus the wire's fields.
        wire = {"evidence_truncated": False, "provenance": f"/relations/{key}/provenance"}
        assert attrs == {**service.graph.edges[u, v, key], **wire}
    # Default view: the negated criticism and the future threat are left out.
    assert sorted(d["relation"] for _u, _v, d in graph.edges(data=True)) == [
        "criticized", "met_with", "praised"]


@pytest.mark.parametrize(
    ("entity", "kwargs", "relations"),
    [
        ("Q_MARA", {"depth": 1}, ["criticized", "met_with"]),
        ("Q_MARA", {"depth": 1, "direction": "out"}, ["criticized", "met_with"]),
        ("Q_TEO", {"depth": 1, "direction": "in"}, ["met_with"]),  # stored Q_MARA → Q_TEO
        ("Q_MARA", {"depth": 1, "view": "all"}, ["criticized", "criticized", "met_with"]),
        ("Q_MARA", {"relation": "met_with"}, ["met_with"]),
        ("Q_MARA", {"relation": ["met_with", "praised"]}, ["met_with", "praised"]),
        ("Q_MARA", {"relation": "met_with,praised"}, ["met_with", "praised"]),
        ("Q_MARA", {"cameo": "11"}, ["criticized"]),
        ("Q_MARA", {"cameo": ["04", "05"]}, ["met_with", "praised"]),
        ("Q_MARA", {"plover": "consult"}, ["met_with"]),
        ("Q_MARA", {"since": "2023-05"}, ["criticized", "praised"]),
        ("Q_MARA", {"until": "2023-04"}, ["met_with"]),
        ("Q_MARA", {"since": "2023-05-10", "until": "2023-05-31"}, []),
        ("Q_MARA", {"min_confidence": 0.75}, ["criticized", "met_with"]),
        ("Q_MARA", {"include_negated": True},
         ["criticized", "criticized", "met_with", "praised"]),
        ("Q_MARA", {"modality": ["asserted", "future"]},
         ["criticized", "met_with", "praised", "threatened"]),
        ("Q_MARA", {"modality": "future"}, []),
        ("Q_MARA", {"view": "all"},
         ["criticized", "criticized", "met_with", "praised", "threatened"]),
        ("Q_MARA", {"view": "all", "include_negated": False},
         ["criticized", "met_with", "praised", "threatened"]),
    ],
)
def test_neighbourhood_filters(kg: Any, entity: str, kwargs: dict[str, Any],
                               relations: list[str]) -> None:
    graph = kg.neighbourhood(entity, **{"depth": 2, **kwargs})
    assert sorted(d["relation"] for _u, _v, d in graph.edges(data=True)) == relations
    assert graph.graph["truncated"] is False


@pytest.mark.parametrize(("limit", "edges", "truncated"), [(1, 1, True), (3, 3, False)])
def test_neighbourhood_limit(kg: Any, limit: int, edges: int, truncated: bool) -> None:
    graph = kg.neighbourhood("Q_MARA", depth=2, limit=limit)
    assert graph.number_of_edges() == edges
    assert graph.graph["truncated"] is truncated


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_neighbourhood_file(kg: Any, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"hood.{fmt}"
    data = kg.neighbourhood_file("Mara Quill", fmt, depth=1, path=path)
    assert path.read_bytes() == data
    if fmt == "graphml":
        graph = nx.read_graphml(io.BytesIO(data))
    elif fmt == "gexf":
        graph = nx.read_gexf(io.BytesIO(data))
    elif fmt == "node-link":
        graph = nx.node_link_graph(json.loads(data), edges="edges")
    else:
        elements = json.loads(data)["elements"]
        graph = nx.MultiDiGraph([(e["data"]["source"], e["data"]["target"])
                                 for e in elements["edges"]])
    assert set(graph) == {"Q_MARA", "Q_TEO", "Q_ORBIS"} and graph.number_of_edges() == 2


def test_neighbourhood_file_rejects_unknown_format(kg: Any) -> None:
    with pytest.raises(ValueError, match="graphml"):
        kg.neighbourhood_file("Q_MARA", "svg")


def test_paths_carry_evidence(kg: Any) -> None:
    paths = kg.paths("Teo Vance", "Mara Quill")
    assert isinstance(paths, Paths)
    assert (paths.source, paths.target, paths.length, paths.truncated) == (
        "Q_TEO", "Q_MARA", 1, False)
    assert len(paths) == 1 and paths[0]["nodes"] == ["Q_TEO", "Q_MARA"]
    (hop,) = paths[0]["edges"]
    # The hop keeps the edge's stored direction, against the walk here.
    assert (hop["source"], hop["relation"], hop["target"]) == ("Q_MARA", "met_with", "Q_TEO")
    assert hop["evidence"][0]["sentence"] == "Mara Quill met Teo Vance in Geneva on Friday."
    assert hop["evidence"][0]["doc_id"] == "d-mar" and hop["parallel"] == 0
    assert paths.entities["Q_MARA"]["name"] == "Mara Quill"


@pytest.mark.parametrize(
    ("source", "target", "kwargs", "nodes", "relations", "parallel"),
    [
        ("Q_ORBIS", "Q_TEO", {}, [["Q_ORBIS", "Q_TEO"]], [["praised"]], [[0]]),
        # view=all adds the threat between the two; the better-evidenced praise stays the hop.
        ("Q_ORBIS", "Q_TEO", {"view": "all"}, [["Q_ORBIS", "Q_TEO"]], [["praised"]], [[1]]),
        ("Q_ORBIS", "Q_TEO", {"view": "all", "max_hops": 1, "relation": "threatened"},
         [["Q_ORBIS", "Q_TEO"]], [["threatened"]], [[0]]),
        ("Q_ORBIS", "Q_MARA", {"relation": ["praised", "met_with"]},
         [["Q_ORBIS", "Q_TEO", "Q_MARA"]], [["praised", "met_with"]], [[0, 0]]),
        ("Q_ORBIS", "Q_MARA", {"relation": "praised"}, [], [], []),
        ("Q_ORBIS", "Q_MARA", {"relation": ["praised", "met_with"], "max_hops": 1}, [], [], []),
        ("Q_MARA", "Q_MARA", {}, [["Q_MARA"]], [[]], [[]]),
    ],
)
def test_paths(kg: Any, source: str, target: str, kwargs: dict[str, Any],
               nodes: list[list[str]], relations: list[list[str]],
               parallel: list[list[int]]) -> None:
    paths = kg.paths(source, target, **kwargs)
    assert [p["nodes"] for p in paths] == nodes
    assert [[h["relation"] for h in p["edges"]] for p in paths] == relations
    assert [[h["parallel"] for h in p["edges"]] for p in paths] == parallel
    assert paths.length == (len(nodes[0]) - 1 if nodes else None)
    assert set(paths.entities) == {n for path in nodes for n in path}


def test_two_shortest_paths(kg: Any) -> None:
    # Mara — Teo and Mara — Orbis: from Teo to Orbis through Mara only when the direct edges
    # are filtered out, which leaves met_with and criticized: one two-hop path.
    paths = kg.paths("Q_TEO", "Q_ORBIS", relation=["met_with", "criticized"], max_paths=1)
    assert [p["nodes"] for p in paths] == [["Q_TEO", "Q_MARA", "Q_ORBIS"]]


@pytest.mark.parametrize(
    ("kwargs", "relations"),
    [
        ({}, ["met_with", "criticized", "praised"]),
        ({"since": "2023-05"}, ["criticized", "praised"]),
        ({"until": "2023-04-01"}, ["met_with"]),
        ({"source": "Teo Vance"}, ["met_with", "praised"]),  # symmetric met_with: either end
        ({"target": "Q_ORBIS"}, ["criticized", "praised"]),
        ({"source": "Q_MARA", "target": "Q_ORBIS", "view": "all"}, ["criticized",
                                                                     "criticized"]),
        ({"dyad": ("Orbis Holdings", "Teo Vance"), "view": "all"}, ["praised", "threatened"]),
        ({"include_negated": True}, ["met_with", "criticized", "praised", "criticized"]),
        ({"view": "all"}, ["met_with", "criticized", "praised", "criticized", "threatened"]),
        ({"plover": ["ACCUSE", "THREATEN"], "view": "all"}, ["criticized", "criticized",
                                                              "threatened"]),
        ({"min_confidence": 0.8}, ["met_with", "criticized"]),
        ({"max_items": 2}, ["met_with", "criticized"]),
        ({"max_items": 2, "page_size": 1}, ["met_with", "criticized"]),
    ],
)
def test_events(kg: Any, kwargs: dict[str, Any], relations: list[str]) -> None:
    events = kg.events(**kwargs)
    assert isinstance(events, Records)
    assert [e["relation"] for e in events] == relations
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)


def test_events_pages(kg: Any) -> None:
    first = kg.events_page(page_size=2, view="all")
    assert len(first["items"]) == 2 and first["next_page_token"]
    second = kg.events_page(page_size=2, page_token=first["next_page_token"], view="all")
    third = kg.events_page(page_size=2, page_token=second["next_page_token"], view="all")
    assert third["next_page_token"] is None
    served = [e["key"] for page in (first, second, third) for e in page["items"]]
    assert served == [e["key"] for e in kg.events(view="all")]
    assert len(set(served)) == 5
    # iter_events follows the tokens lazily.
    assert [e["key"] for e in kg.iter_events(page_size=1, view="all")] == served


def test_timeline(kg: Any) -> None:
    rows = kg.timeline("Mara Quill")
    assert isinstance(rows, Records)
    assert [r["period"] for r in rows] == ["2023-03", "2023-05"]
    assert rows[1] == {"period": "2023-05", "events": 1, "quad_1": 0, "quad_2": 0,
                       "quad_3": 1, "quad_4": 0, "goldstein": -2.0}
    dyad = kg.timeline("Q_TEO", "Q_MARA")
    assert [(r["period"], r["events"]) for r in dyad] == [("2023-03", 1)]
    yearly = kg.timeline("Orbis Holdings", granularity="year")
    assert [(r["period"], r["events"], r["goldstein"]) for r in yearly] == [("2023", 2, 1.4)]
    everything = kg.timeline("Orbis Holdings", granularity="year", view="all")
    assert [(r["events"], r["quad_3"], r["goldstein"]) for r in everything] == [(4, 3, -5.0)]
    assert kg.timeline("Q_ORBIS", cameo="13") == []


def test_relation_and_provenance(kg: Any) -> None:
    key = _key(kg, "met_with")
    relation = kg.relation(key)
    assert (relation["key"], relation["relation"], relation["mentions"]) == (key, "met_with", 1)
    provenance = kg.provenance(key)
    assert provenance["relation"] == relation and provenance["documents"] == 1
    (item,) = provenance["items"]
    text = DOCS[0][3]
    assert (item["doc_id"], item["title"], item["date"]) == ("d-mar", "Geneva talks",
                                                             "2023-03-10")
    assert text[item["start"]:item["end"]] == item["sentence"]


def test_evidence_is_capped_and_provenance_pages(kg: Any, service: GraphService) -> None:
    """An edge read 1,201 times: graph answers carry its newest sentences, ``provenance``
    with ``limit=None`` follows the pages (1,000 at most each) to every one of them."""
    text = " ".join(f"Mara Quill met Teo Vance in Geneva on day {i}." for i in range(1200))
    service.ingest(Document(id="d-many", date="2023-03-10", text=text))
    key = _key(kg, "met_with")
    relation = kg.relation(key)
    assert relation["mentions"] == 1201 and relation["evidence_truncated"] is True
    assert [e["sentence"] for e in relation["evidence"]] == [
        f"Mara Quill met Teo Vance in Geneva on day {i}." for i in range(1195, 1200)]
    assert len(kg.relation(key, evidence_limit=100)["evidence"]) == 100
    graph = kg.neighbourhood("Q_MARA", relation="met_with", evidence_limit=1)
    assert [len(d["evidence"]) for _u, _v, d in graph.edges(data=True)] == [1]
    everything = kg.provenance(key)
    assert everything["total"] == 1201 and len(everything["items"]) == 1201
    assert everything["next_offset"] is None and everything["relation"] == relation
    assert everything["items"][0]["doc_id"] == "d-mar"
    page = kg.provenance(key, offset=1200, limit=10)
    assert [i["sentence"] for i in page["items"]] == [relation["evidence"][-1]["sentence"]]


def test_stats(kg: Any) -> None:
    stats = kg.stats()
    assert (stats["documents"], stats["nodes"], stats["edges"], stats["negated"]) == (4, 3, 5, 1)
    assert stats["modalities"] == {"asserted": 4, "future": 1}
    assert (stats["first_date"], stats["last_date"]) == ("2023-03-10", "2023-06-12")
    assert stats["top_entities"][0] == {"id": "Q_ORBIS", "degree": 4}


def test_event_types(kg: Any) -> None:
    types = kg.event_types()
    assert isinstance(types, Records)
    met = next(t for t in types if t["label"] == "met_with")
    assert (met["cameo"], met["plover"], met["quad_class"]) == ("040", "CONSULT", 1)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export(kg: Any, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"graph.{fmt}"
    data = kg.export(fmt, path=path)
    assert path.read_bytes() == data
    if fmt in ("graphml", "gexf"):
        reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
        graph = reader(io.BytesIO(data))
        assert set(graph) == set(PEOPLE) and graph.number_of_edges() == 5
    elif fmt in ("json", "node-link"):
        graph = nx.node_link_graph(json.loads(data), edges="edges")
        assert set(graph) == set(PEOPLE) and graph.number_of_edges() == 5
    elif fmt == "cytoscape":
        assert len(json.loads(data)["elements"]["edges"]) == 5
    else:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        assert len(rows) == 1 + (3 if fmt == "nodes.csv" else 5)
    assert "Mara Quill" in data.decode("utf-8")


def test_export_rejects_unknown_format(kg: Any) -> None:
    with pytest.raises(ValueError, match="graphml"):
        kg.export("pdf")


def test_unknown_filter_is_refused(kg: Any) -> None:
    # The server would ignore a misspelt parameter and answer unfiltered.
    with pytest.raises(TypeError, match="relations"):
        kg.events(relations="met_with")


def test_documents(kg: Any) -> None:
    listed = [d["id"] for d in kg.documents()]
    assert sorted(listed) == sorted(d[0] for d in DOCS)
    assert [d["id"] for d in kg.documents(offset=1, limit=2)] == listed[1:3]
    doc = kg.document("d-mar")
    assert doc["date"] == "2023-03-10" and doc["title"] == "Geneva talks"
    assert doc["relations"][0]["relation"] == "met_with"


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
    assert [r["period"] for r in kg.timeline("Q_TEO")][-1] == "2023-05"


def test_ingest_many(kg: Any) -> None:
    docs = [{"id": "b-1", "text": "Mara Quill met Teo Vance in Lyon.", "date": "2023-08-01"},
            {"text": "Teo Vance praised Orbis Holdings in Bonn.", "title": "Bonn"}]
    results = kg.ingest_many(docs)
    assert [(r["doc_id"], r["status"], r["relations"]) for r in results] == [
        ("b-1", "created", 1), (default_doc_id(docs[1]["text"]), "created", 1)]
    assert [r["status"] for r in kg.ingest_many(docs)] == ["unchanged", "unchanged"]
    assert kg.document(results[1]["doc_id"])["title"] == "Bonn"


# -- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "status", "code", "field"),
    [
        (lambda kg: kg.entity("nobody-at-all-xyz"), NotFoundError, 404, "E002", None),
        (lambda kg: kg.neighbourhood("Q_MARA", depth=9), ValidationError, 422, "E001",
         "query.depth"),
        (lambda kg: kg.neighbourhood("Q_MARA", depth=0), ValidationError, 422, "E001",
         "query.depth"),
        (lambda kg: kg.neighbourhood("Q_MARA", direction="sideways"), ValidationError, 422,
         "E001", "query.direction"),
        (lambda kg: kg.neighbourhood("Q_MARA", since="2023-13"), ValidationError, 422, "E001",
         "query.since"),
        (lambda kg: kg.events(since="2023-06", until="2023-05"), ValidationError, 422, "E001",
         "query.until"),
        (lambda kg: kg.events(min_confidence=1.5), ValidationError, 422, "E001",
         "query.min_confidence"),
        (lambda kg: kg.events(modality="perhaps"), ValidationError, 422, "E001",
         "query.modality.0"),
        (lambda kg: kg.events(cameo="7"), ValidationError, 422, "E001", "query.cameo"),
        (lambda kg: kg.events_page(page_token="zzz"), ValidationError, 422, "E001",
         "query.page_token"),
        (lambda kg: kg.events(page_size=0), ValidationError, 422, "E001", "query.page_size"),
        (lambda kg: kg.paths("Q_MARA", "Q_TEO", max_paths=0), ValidationError, 422, "E001",
         "query.max_paths"),
        (lambda kg: kg.timeline("Q_MARA", granularity="week"), ValidationError, 422, "E001",
         "query.granularity"),
        (lambda kg: kg.relation("r_0000000000000000"), NotFoundError, 404, "E002", None),
        (lambda kg: kg.provenance("r_0000000000000000"), NotFoundError, 404, "E002", None),
        (lambda kg: kg.document("no-such-doc"), NotFoundError, 404, "E002", None),
        (lambda kg: kg.ingest("   "), ValidationError, 422, "E001", None),
        (lambda kg: kg.ingest("Teo.", date="2023-13-01"), ValidationError, 422, "E001",
         "body.date"),
        (lambda kg: kg.delete_document("no-such-doc"), NotFoundError, 404, "E002", None),
    ],
)
def test_typed_errors(kg: Any, call: Any, error: type[Exception], status: int, code: str,
                      field: str | None) -> None:
    with pytest.raises(error) as raised:
        call(kg)
    assert isinstance(raised.value, GraphsvcHTTPError)
    assert raised.value.status == status
    assert raised.value.code == code
    assert raised.value.detail
    assert raised.value.problem["status"] == status
    if field is not None:
        assert field in [e["field"] for e in raised.value.errors]


def test_client_errors_are_the_core_classes(kg: Any) -> None:
    """One exception tree: what the client raises is also graphsvc.errors' class of the
    problem, in both modes."""
    with pytest.raises(errors.NotFound) as missing:
        kg.entity("nobody-at-all-xyz")
    with pytest.raises(errors.BadInput) as bad:
        kg.neighbourhood("Q_MARA", depth=9)
    assert isinstance(missing.value, NotFoundError) and missing.value.code == "E002"
    assert isinstance(bad.value, ValidationError) and bad.value.status == 422
    assert isinstance(bad.value, errors.GraphsvcError) and bad.value.type.endswith("bad-input")


def test_malformed_dyad_is_refused(kg: Any) -> None:
    with pytest.raises(ValidationError) as raised:
        kg._call(EVENTS, params={"dyad": "Q_MARA,", "page_size": 10})
    assert [e["field"] for e in raised.value.errors] == ["query.dyad"]


def test_error_instance_is_the_request_path(kg: Any) -> None:
    with pytest.raises(ValidationError) as raised:
        kg.neighbourhood("Q_MARA", depth=0)
    assert raised.value.instance == "/entities/Q_MARA/neighbourhood"


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
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, text="<html>bad gateway</html>")

    http = httpx.Client(base_url="http://proxy", transport=httpx.MockTransport(handler))
    with Client(http=http) as client, pytest.raises(ServerError) as raised:
        client.health()
    assert raised.value.status == 502 and "bad gateway" in raised.value.detail
    http.close()


def test_query_parameters_on_the_wire() -> None:
    seen: list[httpx.URL] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url)
        return httpx.Response(200, json={"items": [], "next_page_token": None})

    http = httpx.Client(base_url="http://kg", transport=httpx.MockTransport(handler))
    with Client(http=http) as client:
        client.events_page(relation=["met_with", "praised"], include_negated=False,
                           min_confidence=0.5, page_size=7)
    http.close()
    assert seen[0].path == "/events"
    assert sorted(seen[0].params.multi_items()) == [
        ("include_negated", "false"), ("min_confidence", "0.5"), ("page_size", "7"),
        ("relation", "met_with"), ("relation", "praised")]


# -- results ----------------------------------------------------------------------------------


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
        assert kg.stats()["nodes"] == 0
        with pytest.raises(NotFoundError):
            kg.neighbourhood("anyone")


def test_import_graphsvc_stays_light() -> None:
    code = ("import sys, graphsvc; heavy = [m for m in ('spacy', 'httpx', 'networkx', 'fastapi')"
            " if m in sys.modules]; assert not heavy, heavy; assert graphsvc.Client.__name__ =="
            " 'Client'; assert graphsvc.open.__name__ == 'open'; assert not [m for m in "
            "('spacy', 'fastapi') if m in sys.modules]; print(sorted(graphsvc.__all__))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['Client', '__version__', 'open']"
    with pytest.raises(AttributeError):
        _ = graphsvc.nothing_here
