"""Streamed GraphML / GEXF: networkx reads the hand-rolled documents back into the same graph
as it reads its own writers' output (a private reference path below), with the same declared
attribute types, namespaces and GEXF graph mode; chunks come before the end; deadlines stop it.
"""

from __future__ import annotations

import io
import math
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx
import pytest

from graphsvc.errors import QueryTimeout
from graphsvc.graph import export
from graphsvc.graph.deadline import Deadline
from graphsvc.graph.export import (
    _CHUNK,
    flatten_attributes,
    iter_gexf,
    iter_graphml,
    to_gexf,
    to_graphml,
)
from graphsvc.graph.filters import date_interval

# -- the reference: what export.py did before, through networkx's own writers -----------------


def _reference_flat_copy(graph: nx.MultiDiGraph, gephi: bool) -> nx.MultiDiGraph:
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = flatten_attributes(data)
        if gephi and "name" in attrs:
            attrs["label"] = attrs["name"]
        flat.add_node(node, **attrs)
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = flatten_attributes(data)
        if gephi:
            attrs.pop("start", None)
            attrs.pop("end", None)
            if data.get("date"):
                attrs["start"], attrs["end"] = date_interval(str(data["date"]))
        flat.add_edge(u, v, key=key, **attrs)
    return flat


def reference_graphml(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(_reference_flat_copy(graph, gephi=False), buffer, encoding="utf-8",
                     infer_numeric_types=True)
    return buffer.getvalue()


def reference_gexf(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(_reference_flat_copy(graph, gephi=True), buffer, encoding="utf-8")
    return buffer.getvalue()


def read_graphml(data: bytes) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(data), force_multigraph=True)


def read_gexf(data: bytes) -> nx.Graph:
    return nx.read_gexf(io.BytesIO(data))


def typed(data: dict[str, Any]) -> dict[str, tuple[type, Any]]:
    # 1 == 1.0 == True in Python: compare the types as well as the values.
    return {name: (type(value), typed(value) if isinstance(value, dict) else value)
            for name, value in data.items()}


def summary(graph: nx.Graph) -> dict[str, Any]:
    """Everything a reader got: graph class and data, nodes, and edges by (u, v, key)."""
    edges = (graph.edges(keys=True, data=True) if graph.is_multigraph()
             else ((u, v, None, d) for u, v, d in graph.edges(data=True)))
    return {
        "class": type(graph).__name__,
        "graph": typed(graph.graph),
        "nodes": {node: typed(data) for node, data in graph.nodes(data=True)},
        "edges": {(u, v, type(key), key): typed(data) for u, v, key, data in edges},
    }


# -- graphs with awkward content ---------------------------------------------------------------

EVIDENCE = [{"doc_id": "d-1", "sentence": "Ostrava hosted the talks.", "start": 0, "end": 25,
             "trigger": None, "extractor_version": "t"}]


def event(relation: str, date: str | None = None, **extra: Any) -> dict[str, Any]:
    base = {"relation": relation, "cameo": "040", "plover": "CONSULT", "goldstein": 1.5,
            "quad_class": 1, "date": date, "negated": False, "modality": "asserted",
            "confidence": 0.75, "symmetric": False, "location": None, "evidence": EVIDENCE,
            "mentions": 1}
    return {**base, **extra}


def entity(name: str | None, **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": "PERSON", "country": None, "sector": None, "aliases": [],
            "roles": [], **extra}


def g_empty() -> nx.MultiDiGraph:
    return nx.MultiDiGraph()


def g_bare_nodes() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_nodes_from(["lonely", "also lonely"])
    return g


def g_self_loops() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("Q1", **entity("Vaclav Kos"))
    g.add_edge("Q1", "Q1", key="loop-a", **event("praise", "2021-03-02"))
    g.add_edge("Q1", "Q1", key="loop-b", **event("criticize"))
    return g


def g_parallel_and_symmetric() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("CZE", **entity("Czechia", type="COUNTRY"))
    g.add_node("SVK", **entity("Slovakia", type="COUNTRY"))
    for index in range(3):
        g.add_edge("CZE", "SVK", key=f"talks-{index}",
                   **event("met_with", f"2020-0{index + 1}", symmetric=True))
    g.add_edge("SVK", "CZE", key="talks-back", **event("met_with", "2020", symmetric=True))
    return g


def g_int_keys() -> nx.MultiDiGraph:
    # networkx's own keys (0, 1, …), as a subgraph built without relation keys has.
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", weight=2)
    g.add_edge("a", "b", weight=3)
    g.add_edge("b", "a")
    return g


def g_nones_lists_dicts() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("P", **entity("Petra Nová", sector="GOV", aliases=["P. Nová", "Nová"],
                             roles=[{"relation": "leader_of", "target": "CZE", "start": "2019",
                                     "end": None, "title": "Minister"}]))
    g.add_node("Q", **entity(None))  # no name: the GEXF label is the id
    g.add_edge("P", "Q", key="k", **event("consult", cameo=None, plover=None, goldstein=None,
                                          location={"id": "PRG", "name": "Prague"},
                                          evidence=[], quad_class=None))
    g.add_edge("Q", "P", key="t", tags=("x", "y"))
    return g


def g_unicode() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("Q-ж", **entity("Жанна Лисова", aliases=["Ж. Л."]))
    g.add_node("جمهورية", **entity("الجمهورية 🇵🇸", country="PSE"))
    g.add_node("東京", **entity("東京都 — Tōkyō"))
    g.add_edge("Q-ж", "جمهورية", key="ключ-1",
               **event("visit", "2022-12-31", evidence=[{"sentence": "Визит « в » 東京 😀"}]))
    g.add_edge("東京", "Q-ж", key="鍵", **event("host"))
    return g


def g_xml_specials() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    nasty = 'A <b>&amp; "quoted" \'single\' ]]> & < >'
    g.add_node('<node "1">&', **entity(nasty, sector="  padded  "))
    g.add_node("tab\tnew\nline", **entity("line one\nline two\ttabbed", country=""))
    g.add_edge('<node "1">&', "tab\tnew\nline", key='k<&>"', **event(nasty, note="x]]>y"))
    g.add_edge("tab\tnew\nline", '<node "1">&', key="k2", **{'odd "name" <&>': "v"})
    return g


def g_ints_floats_bools() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("x", score=4.25, ratio=0.5, flag=True)
    g.add_node("y", score=3, ratio=2.0, flag=False)
    # Float first in each column: networkx's GEXF writer types a column by its first value.
    g.add_edge("x", "y", key="e1", **event("a", goldstein=-4.4, mentions=2, negated=True))
    g.add_edge("x", "y", key="e2", **event("b", goldstein=7, mentions=3, confidence=1))
    g.add_edge("y", "x", key="e3", **event("c", goldstein=0.0, confidence=math.inf,
                                           odds=-math.inf))
    g.add_edge("y", "y", key="e4", **event("d", goldstein=10, big=2**70))
    return g


def g_dated_and_undated() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node in "ABCD":
        g.add_node(node, **entity(f"Actor {node}"))
    g.add_edge("A", "B", key="day", **event("meet", "2024-02-29"))
    g.add_edge("A", "C", key="month", **event("meet", "2023-02"))
    g.add_edge("A", "D", key="year", **event("meet", "2019"))
    g.add_edge("B", "C", key="fact", **event("member_of", None, cameo=None))
    # An edge's own start/end give way to its date in GEXF (undated: dropped).
    g.add_edge("C", "D", key="own-times", **event("meet", "2020-06", start="x", end="y"))
    g.add_edge("D", "A", key="own-times-undated", **event("meet", None, start=1, end=2))
    return g


def g_undated_only() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_edge("A", "B", key="f1", **event("leader_of"))
    g.add_edge("B", "C", key="f2", **event("member_of"))
    return g


def g_gexf_fields() -> nx.MultiDiGraph:
    # Names networkx's GEXF writer lifts into XML attributes of the element.
    g = nx.MultiDiGraph()
    g.add_node("n1", label="Label only", pid="p0", kind="x")
    g.add_node("n2", **entity("Named", label="ignored for the name"))
    g.add_edge("n1", "n2", key="w", weight=2.5, label="edge label", relation="r")
    g.add_edge("n2", "n1", key="i", id="custom-id", relation="r")
    g.add_edge("n2", "n1", key="j", relation="r")  # counted id skips nothing here
    return g


GRAPHS: dict[str, Callable[[], nx.MultiDiGraph]] = {
    "empty": g_empty,
    "bare-nodes": g_bare_nodes,
    "self-loops": g_self_loops,
    "parallel-symmetric": g_parallel_and_symmetric,
    "int-keys": g_int_keys,
    "nones-lists-dicts": g_nones_lists_dicts,
    "unicode": g_unicode,
    "xml-specials": g_xml_specials,
    "ints-floats-bools": g_ints_floats_bools,
    "dated-undated": g_dated_and_undated,
    "undated-only": g_undated_only,
    "gexf-fields": g_gexf_fields,
}


def graphml_keys(data: bytes) -> set[tuple[str | None, ...]]:
    root = ET.fromstring(data)
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    return {(k.get("for"), k.get("attr.name"), k.get("attr.type"))
            for k in root.findall(f"{ns}key")}


def gexf_declarations(data: bytes) -> dict[str, Any]:
    root = ET.fromstring(data)
    ns = "{http://www.gexf.net/1.2draft}"
    graph = root.find(f"{ns}graph")
    assert graph is not None
    attributes = {(a.get("class"), a.get("mode"), b.get("title"), b.get("type"))
                  for a in graph.findall(f"{ns}attributes") for b in a}
    return {"root": (root.tag, dict(root.attrib)), "graph": dict(graph.attrib),
            "attributes": attributes}


@pytest.mark.parametrize("build", GRAPHS.values(), ids=GRAPHS.keys())
def test_graphml_reads_back_as_networkx_output(build: Callable[[], nx.MultiDiGraph]) -> None:
    graph = nx.freeze(build())
    new, old = to_graphml(graph), reference_graphml(graph)
    assert summary(read_graphml(new)) == summary(read_graphml(old))
    assert graphml_keys(new) == graphml_keys(old)
    root_new, root_old = ET.fromstring(new), ET.fromstring(old)
    assert (root_new.tag, root_new.attrib) == (root_old.tag, root_old.attrib)


@pytest.mark.parametrize("build", GRAPHS.values(), ids=GRAPHS.keys())
def test_gexf_reads_back_as_networkx_output(build: Callable[[], nx.MultiDiGraph]) -> None:
    graph = nx.freeze(build())
    new, old = to_gexf(graph), reference_gexf(graph)
    assert summary(read_gexf(new)) == summary(read_gexf(old))
    assert gexf_declarations(new) == gexf_declarations(old)


def test_gexf_dated_edges_are_dynamic_intervals() -> None:
    back = read_gexf(to_gexf(nx.freeze(g_dated_and_undated())))
    assert back.graph["mode"] == "dynamic"
    # No parallel edges, so networkx reads a DiGraph: the pairs name the edges.
    times = {u + v: (d.get("start"), d.get("end")) for u, v, d in back.edges(data=True)}
    assert times == {
        "AB": ("2024-02-29", "2024-02-29"), "AC": ("2023-02-01", "2023-02-28"),
        "AD": ("2019-01-01", "2019-12-31"), "BC": (None, None),
        "CD": ("2020-06-01", "2020-06-30"), "DA": (None, None),
    }
    assert read_gexf(to_gexf(nx.freeze(g_undated_only()))).graph["mode"] == "static"


@pytest.mark.parametrize(
    ("export", "read"), [(to_graphml, read_graphml), (to_gexf, read_gexf)], ids=["graphml", "gexf"]
)
def test_characters_xml_cannot_hold_are_replaced_and_cr_kept(
    export: Callable[..., bytes], read: Callable[[bytes], nx.Graph]
) -> None:
    # networkx writes \x01 raw (no parser accepts the file), fails to encode a lone surrogate
    # and writes a raw \r (read back as \n).
    graph = nx.MultiDiGraph()
    graph.add_node("n\x02", name="bell\x07 nul\x00 \ufffe lone\ud800", note="cr\r\nlf")
    graph.add_edge("n\x02", "m", key="k\x1f", relation="r\x0b", text="a\rb")
    back = read(export(nx.freeze(graph)))
    node = back.nodes["n\ufffd"]
    assert node["name"] == "bell\ufffd nul\ufffd \ufffd lone\ufffd"
    assert node["note"] == "cr\r\nlf"
    (_u, _v, data), = back.edges(data=True)
    assert (data["relation"], data["text"]) == ("r\ufffd", "a\rb")
    graph.nodes["n\x02"]["name"] = "bell\x07"
    with pytest.raises(ET.ParseError):
        ET.fromstring(reference_graphml(nx.freeze(graph)))


@pytest.mark.parametrize(
    ("values", "declared", "expected"),
    [
        ([1, 2.5], "double", [1.0, 2.5]),  # int first: networkx's GEXF would declare long
        ([2.5, 1], "double", [2.5, 1.0]),
        ([True, 3], "long", [1, 3]),  # networkx writes "True" under long: unreadable
        ([False, 0.5], "double", [0.0, 0.5]),
        ([True, "x"], "string", None),  # per format: GraphML "True", GEXF "true"
    ],
)
def test_mixed_columns_take_one_general_type(
    values: list[Any], declared: str, expected: list[Any] | None
) -> None:
    graph = nx.MultiDiGraph()
    for index, value in enumerate(values):
        graph.add_edge("a", "b", key=f"e{index}", v=value)
    graph = nx.freeze(graph)
    assert ("edge", "v", declared) in graphml_keys(to_graphml(graph))
    assert ("edge", "static", "v", declared) in gexf_declarations(to_gexf(graph))["attributes"]
    for data, gexf in [(read_graphml(to_graphml(graph)), False),
                       (read_gexf(to_gexf(graph)), True)]:
        got = [data.edges["a", "b", f"e{i}"]["v"] for i in range(len(values))]
        if expected is None:
            assert got == [("true" if gexf else "True"), "x"]
        else:
            assert got == expected
            assert [type(g) for g in got] == [type(e) for e in expected]


# -- streaming ---------------------------------------------------------------------------------


def big_graph(edges: int, sentence: str = "short") -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for index in range(edges):
        graph.add_edge(f"n{index % 97}", f"n{(index * 7) % 89}", key=f"k{index}",
                       **event("meet", "2022-01", evidence=[{"sentence": sentence}]))
    return nx.freeze(graph)


WRITERS: list[tuple[str, Callable[..., Iterator[bytes]], bytes]] = [
    ("graphml", iter_graphml, b"</graphml>"),
    ("gexf", iter_gexf, b"</gexf>"),
]


@pytest.mark.parametrize(("name", "writer", "closing"), WRITERS, ids=[w[0] for w in WRITERS])
def test_chunks_come_before_the_end(
    name: str, writer: Callable[..., Iterator[bytes]], closing: bytes
) -> None:
    graph = big_graph(3 * _CHUNK + 7)
    chunks = writer(graph)
    first, second = next(chunks), next(chunks)
    assert first.startswith(b"<?xml") and b"<edge " not in first  # the header alone
    assert closing not in first + second
    rest = list(chunks)
    assert len(rest) >= 4 and rest[-1].rstrip().endswith(closing)
    whole = b"".join([first, second, *rest])
    assert max(len(chunk) for chunk in rest) < len(whole) / 3
    reader = read_graphml if name == "graphml" else read_gexf
    assert reader(whole).number_of_edges() == graph.number_of_edges()


@pytest.mark.parametrize(("name", "writer", "closing"), WRITERS, ids=[w[0] for w in WRITERS])
def test_memory_stays_below_the_document_size(
    name: str, writer: Callable[..., Iterator[bytes]], closing: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Smaller chunks stand in for a bigger graph: memory is a chunk's worth, whatever the size.
    monkeypatch.setattr(export, "_CHUNK", 50)
    graph = big_graph(2400, sentence="A sentence of evidence, long enough to count. " * 10)
    tracemalloc.start()
    try:
        size = sum(len(chunk) for chunk in writer(graph))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Not the whole document, nor a tree of it: networkx's writers peak at several times size.
    assert size > 2_000_000
    assert peak < size / 8


class StepClock:
    """A clock that moves one second per read."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.mark.parametrize(("name", "writer", "closing"), WRITERS, ids=[w[0] for w in WRITERS])
def test_a_deadline_stops_the_stream_midway(
    name: str, writer: Callable[..., Iterator[bytes]], closing: bytes
) -> None:
    graph = big_graph(4 * _CHUNK)
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    # every=1: one clock read a record; the budget runs out half way through writing the edges
    # (after the type pass over nodes and edges and the written nodes).
    deadline = Deadline(2 * nodes + edges + edges / 2, every=1, clock=StepClock())
    got: list[bytes] = []
    with pytest.raises(QueryTimeout):
        for chunk in writer(graph, deadline=deadline):
            got.append(chunk)
    text = b"".join(got)
    assert b"<edge " in text and closing not in text
    assert text.count(b"<edge ") < edges


@pytest.mark.parametrize(("name", "writer", "closing"), WRITERS, ids=[w[0] for w in WRITERS])
def test_an_expired_deadline_stops_before_the_first_chunk(
    name: str, writer: Callable[..., Iterator[bytes]], closing: bytes
) -> None:
    deadline = Deadline(0.5, clock=StepClock())  # the first check reads 1.0 s past a 0.5 s start
    chunks = writer(nx.freeze(g_empty()), deadline=deadline)
    with pytest.raises(QueryTimeout):
        next(chunks)


def test_gexf_edge_ids_skip_ids_given_by_attributes() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b", key="x", id="1")
    for index in range(3):
        graph.add_edge("a", "b", key=f"y{index}")
    graph = nx.freeze(graph)
    new, old = read_gexf(to_gexf(graph)), read_gexf(reference_gexf(graph))
    assert summary(new) == summary(old)
    ids = sorted(d["id"] for *_e, d in new.edges(keys=True, data=True))
    assert ids == ["0", "1", "2", "3"] and len(set(ids)) == 4

