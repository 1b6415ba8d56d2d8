"""Exports: GraphML / GEXF load back through networkx; node-link is JSON-ready."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx
import pytest

from graphsvc.graph import to_gexf, to_graphml, to_node_link
from graphsvc.graph.export import flatten_attributes


def evidence(doc_id: str, sentence: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "sentence": sentence, "start": 0, "end": len(sentence),
            "trigger": None, "extractor_version": "t"}


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("NOR", name="Norvik", type="COUNTRY", country="NOR", sector=None,
               aliases=["Norvikian"], roles=[])
    g.add_node("p-ib", name="Ilse Brändt", type="PERSON", country="NOR", sector="GOV",
               aliases=[], roles=[{"relation": "leader_of", "target": "NOR", "title": "Chancellor",
                                   "start": "2021", "end": None}])
    g.add_node("OSM", name="Osmar <&> \"Republic\"", type="COUNTRY", country=None, sector=None,
               aliases=["Osmarian"], roles=[])
    base = {"cameo": None, "plover": None, "quad_class": None, "date": None, "negated": False,
            "modality": "asserted", "symmetric": False, "location": None}
    g.add_edge("NOR", "OSM", key="r_1", relation="threaten", goldstein=-4.4, confidence=0.4,
               evidence=[evidence("a", "Norvik threatened Osmar.")], mentions=1,
               **{**base, "cameo": "130", "quad_class": 3})
    # A parallel edge between the same pair, with an int-valued float column.
    g.add_edge("NOR", "OSM", key="r_2", relation="meet", goldstein=1, confidence=0.7,
               evidence=[evidence("a", "They met."), evidence("b", "Met again.")], mentions=2,
               **{**base, "symmetric": True, "location": "OSM", "date": "2024-05"})
    g.add_edge("p-ib", "NOR", key="r_3", relation="leader_of", goldstein=None, confidence=0.9,
               evidence=[evidence("c", "Ilse Brändt leads Norvik.")], mentions=1, **base)
    return nx.freeze(g)


def test_flatten_attributes() -> None:
    flat = flatten_attributes({"a": None, "b": [1, {"x": "é"}], "c": {"k": 1}, "d": True,
                               "e": 2, "f": 1.5, "g": "s", "h": ("t",), "i": object})
    assert "a" not in flat
    assert json.loads(str(flat["b"])) == [1, {"x": "é"}]
    assert json.loads(str(flat["c"])) == {"k": 1}
    assert (flat["d"], flat["e"], flat["f"], flat["g"]) == (True, 2, 1.5, "s")
    assert flat["h"] == '["t"]' and isinstance(flat["i"], str)


@pytest.mark.parametrize(
    ("export", "reader"),
    [
        (to_graphml, lambda data: nx.read_graphml(io.BytesIO(data), force_multigraph=True)),
        (to_gexf, lambda data: nx.read_gexf(io.BytesIO(data))),
    ],
)
def test_xml_round_trip(graph: nx.MultiDiGraph, export: Any, reader: Any) -> None:
    data = export(graph)
    assert isinstance(data, bytes)
    back = reader(data)
    assert back.is_directed() and back.is_multigraph()
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.number_of_edges("NOR", "OSM") == 2


def test_graphml_keeps_ids_keys_and_attributes(graph: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(io.BytesIO(to_graphml(graph)), force_multigraph=True)
    assert set(back.nodes) == {"NOR", "OSM", "p-ib"}
    assert back.nodes["p-ib"]["name"] == "Ilse Brändt"
    assert back.nodes["OSM"]["name"] == 'Osmar <&> "Republic"'
    assert json.loads(back.nodes["p-ib"]["roles"])[0]["title"] == "Chancellor"
    assert "sector" not in back.nodes["NOR"]  # None is dropped, not written as "None"
    edges = {k: d for _u, _v, k, d in back.edges(keys=True, data=True)}
    assert set(edges) == {"r_1", "r_2", "r_3"}
    assert edges["r_2"]["goldstein"] == 1.0 and edges["r_2"]["mentions"] == 2
    assert edges["r_2"]["symmetric"] is True
    assert len(json.loads(edges["r_2"]["evidence"])) == 2


def test_gexf_labels_nodes_with_names(graph: nx.MultiDiGraph) -> None:
    back = nx.read_gexf(io.BytesIO(to_gexf(graph)))
    assert back.nodes["NOR"]["label"] == "Norvik"


def test_node_link_is_json_and_loads_back(graph: nx.MultiDiGraph) -> None:
    data = to_node_link(graph)
    text = json.dumps(data)
    assert {n["id"] for n in data["nodes"]} == {"NOR", "OSM", "p-ib"}
    assert {e["key"] for e in data["edges"]} == {"r_1", "r_2", "r_3"}
    back = nx.node_link_graph(json.loads(text), edges="edges")
    assert (back.number_of_nodes(), back.number_of_edges()) == (3, 3)
    assert back.edges["NOR", "OSM", "r_2"]["evidence"][1]["doc_id"] == "b"


def test_empty_graph_exports() -> None:
    empty = nx.MultiDiGraph()
    assert nx.read_graphml(io.BytesIO(to_graphml(empty))).number_of_nodes() == 0
    assert nx.read_gexf(io.BytesIO(to_gexf(empty))).number_of_nodes() == 0
    assert to_node_link(empty)["nodes"] == []
