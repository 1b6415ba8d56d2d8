"""shortest_paths: either direction, filters, bounds, several equal paths, errors."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from graphsvc.errors import BadInput, NotFound
from graphsvc.graph.filters import DEFAULT_FILTER, make_filter
from graphsvc.graph.paths import shortest_paths


@pytest.mark.parametrize(
    ("source", "target", "params", "paths"),
    [
        ("A", "B", {}, [["A", "B"]]),
        ("B", "A", {}, [["B", "A"]]),  # walked against the stored direction
        ("A", "D", {}, [["A", "C", "D"]]),
        ("E", "A", {}, [["E", "D", "C", "A"]]),
        ("B", "C", {}, [["B", "A", "C"]]),  # the negated B→C edge is not walked by default
        ("B", "C", {"view": "all"}, [["B", "C"]]),
        ("A", "D", {"relations": ["met_with"]}, []),
        ("A", "F", {}, []),
        ("A", "A", {}, [["A"]]),
    ],
)
def test_paths(kg: nx.MultiDiGraph, source: str, target: str, params: dict[str, Any],
               paths: list[list[str]]) -> None:
    assert shortest_paths(kg, source, target, make_filter(**params)).paths == paths


def test_hops_carry_the_best_edge_in_its_own_direction(kg: nx.MultiDiGraph) -> None:
    result = shortest_paths(kg, "B", "A", make_filter(view="all"))
    (hop,) = result.hops[0]
    # met_with has more mentions than the (future) threat between the same pair.
    assert (hop.source, hop.target, hop.key, hop.parallel) == ("A", "B", "k_met", 1)


def test_max_hops_bounds_the_search(kg: nx.MultiDiGraph) -> None:
    assert shortest_paths(kg, "E", "A", DEFAULT_FILTER, max_hops=2).paths == []


def test_all_equal_shortest_paths_and_max_paths() -> None:
    g = nx.MultiDiGraph()
    for middle in ("m1", "m2", "m3"):
        g.add_edge("s", middle, key=f"s{middle}", relation="x")
        g.add_edge(middle, "t", key=f"{middle}t", relation="x")
    g.add_edge("s", "x1", key="sx", relation="x")
    g.add_edge("x1", "x2", key="xx", relation="x")
    g.add_edge("x2", "t", key="xt", relation="x")
    result = shortest_paths(g, "s", "t")
    assert result.paths == [["s", "m1", "t"], ["s", "m2", "t"], ["s", "m3", "t"]]
    assert not result.truncated
    capped = shortest_paths(g, "s", "t", max_paths=2)
    assert len(capped.paths) == 2 and capped.truncated


def test_long_chain_meets_in_the_middle() -> None:
    g = nx.MultiDiGraph()
    nx.add_path(g, [f"n{i}" for i in range(7)], relation="x")
    assert shortest_paths(g, "n0", "n6", max_hops=6).paths == [[f"n{i}" for i in range(7)]]
    assert shortest_paths(g, "n0", "n6", max_hops=5).paths == []


@pytest.mark.parametrize(
    ("source", "target", "kwargs", "error"),
    [
        ("A", "nobody", {}, NotFound),
        ("nobody", "A", {}, NotFound),
        ("A", "B", {"max_hops": 0}, BadInput),
        ("A", "B", {"max_paths": 0}, BadInput),
    ],
)
def test_errors(kg: nx.MultiDiGraph, source: str, target: str, kwargs: dict[str, int],
                error: type[Exception]) -> None:
    with pytest.raises(error):
        shortest_paths(kg, source, target, **kwargs)
