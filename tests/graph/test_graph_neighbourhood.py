"""Bounded neighbourhoods: direction, depth, limit, truncation, filters."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from graphsvc.errors import BadInput, NotFound
from graphsvc.graph import asserted_edges, neighbourhood


def edge(relation: str = "consult", mentions: int = 1, confidence: float = 0.5,
         **fields: Any) -> dict[str, Any]:
    data = {"relation": relation, "negated": False, "modality": "asserted",
            "mentions": mentions, "confidence": confidence}
    data.update(fields)
    return data


@pytest.fixture
def chain() -> nx.MultiDiGraph:
    """A → B → C → D, E → A, plus a parallel A → B edge."""
    g = nx.MultiDiGraph()
    for n in "ABCDE":
        g.add_node(n, name=f"Node {n}")
    g.add_edge("A", "B", key="ab1", **edge())
    g.add_edge("A", "B", key="ab2", **edge("threaten"))
    g.add_edge("B", "C", key="bc", **edge())
    g.add_edge("C", "D", key="cd", **edge())
    g.add_edge("E", "A", key="ea", **edge())
    return nx.freeze(g)


def keys(sub: nx.MultiDiGraph) -> set[str]:
    return {k for _u, _v, k in sub.edges(keys=True)}


@pytest.mark.parametrize(
    ("start", "depth", "direction", "edges", "nodes"),
    [
        ("A", 1, "out", {"ab1", "ab2"}, {"A", "B"}),
        ("A", 1, "in", {"ea"}, {"A", "E"}),
        ("A", 1, "both", {"ab1", "ab2", "ea"}, {"A", "B", "E"}),
        ("A", 2, "out", {"ab1", "ab2", "bc"}, {"A", "B", "C"}),
        ("A", 3, "out", {"ab1", "ab2", "bc", "cd"}, {"A", "B", "C", "D"}),
        ("D", 2, "in", {"cd", "bc"}, {"B", "C", "D"}),
        ("D", 2, "out", set(), {"D"}),
        ("A", 0, "both", set(), {"A"}),
        ("B", 2, "both", {"ab1", "ab2", "bc", "cd", "ea"}, set("ABCDE")),
    ],
)
def test_direction_and_depth(chain: nx.MultiDiGraph, start: str, depth: int, direction: str,
                             edges: set[str], nodes: set[str]) -> None:
    sub, truncated = neighbourhood(chain, start, depth=depth, direction=direction)
    assert keys(sub) == edges
    assert set(sub.nodes) == nodes
    assert truncated is False
    assert sub.nodes[start]["name"] == f"Node {start}"


@pytest.mark.parametrize(("limit", "expected", "truncated"),
                         [(0, 0, True), (2, 2, True), (4, 4, True), (5, 5, False), (9, 5, False)])
def test_limit_counts_edges_and_flags_truncation(chain: nx.MultiDiGraph, limit: int,
                                                 expected: int, truncated: bool) -> None:
    sub, flag = neighbourhood(chain, "B", depth=5, direction="both", limit=limit)
    assert sub.number_of_edges() == expected
    assert flag is truncated


def test_hub_truncates_to_best_evidenced_edges_without_copying() -> None:
    g = nx.MultiDiGraph()
    g.add_node("hub")
    for i in range(2000):
        g.add_edge("hub", f"n{i}", key=f"k{i}", **edge(mentions=1 + (i % 7 == 0) * 10))
    g = nx.freeze(g)
    sub, truncated = neighbourhood(g, "hub", depth=2, limit=50)
    assert truncated and sub.number_of_edges() == 50
    assert all(d["mentions"] == 11 for _u, _v, d in sub.edges(data=True))


def test_edge_filter_skips_and_does_not_walk(chain: nx.MultiDiGraph) -> None:
    sub, _ = neighbourhood(chain, "A", depth=3, direction="out",
                           edge_filter=lambda d: d["relation"] != "threaten")
    assert keys(sub) == {"ab1", "bc", "cd"}
    blocked, _ = neighbourhood(chain, "A", depth=3, direction="out",
                               edge_filter=lambda d: False)
    assert set(blocked.nodes) == {"A"}


@pytest.mark.parametrize(
    ("data", "kept"),
    [
        (edge(), True),
        (edge(negated=True), False),
        (edge(modality="future"), False),
        (edge(modality="reported"), False),
        (edge(modality="denied"), False),
        (edge("member_of", modality="reported"), True),
        (edge("leader_of"), True),
        (edge("leader_of", negated=True), False),
    ],
)
def test_default_filter(data: dict[str, Any], kept: bool) -> None:
    assert asserted_edges(data) is kept


def test_self_loop_counted_once() -> None:
    g = nx.MultiDiGraph()
    g.add_edge("A", "A", key="aa", **edge())
    sub, truncated = neighbourhood(g, "A", direction="both")
    assert keys(sub) == {"aa"} and not truncated


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"entity_id": "Z"}, NotFound),
    ({"entity_id": "A", "direction": "sideways"}, BadInput),
    ({"entity_id": "A", "depth": -1}, BadInput),
])
def test_bad_arguments(chain: nx.MultiDiGraph, kwargs: dict[str, Any],
                       error: type[Exception]) -> None:
    with pytest.raises(error):
        neighbourhood(chain, **kwargs)


def test_source_graph_is_not_modified(chain: nx.MultiDiGraph) -> None:
    before = (chain.number_of_nodes(), chain.number_of_edges())
    sub, _ = neighbourhood(chain, "A", depth=2)
    sub.add_edge("X", "Y")  # the result is a new graph
    assert (chain.number_of_nodes(), chain.number_of_edges()) == before
