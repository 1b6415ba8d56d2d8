"""Hubs: the per-snapshot sorted edge order gives the same answer as sorting each time."""

from __future__ import annotations

import networkx as nx
import pytest

from graphsvc.graph.filters import DEFAULT_FILTER
from graphsvc.graph.neighbourhood import neighbourhood


def hub_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i in range(700):
        g.add_edge("hub", f"n{i}", key=f"k{i}", relation="met_with", modality="asserted",
                   negated=i % 7 == 0, mentions=i % 5, confidence=(i % 10) / 10)
        g.add_edge(f"n{i}", f"m{i}", key=f"j{i}", relation="met_with", modality="asserted",
                   mentions=1, confidence=0.5)
    return g


@pytest.mark.parametrize(("depth", "limit"), [(1, 10), (1, 1000), (2, 50), (2, 5000)])
def test_frozen_hub_matches_unfrozen(depth: int, limit: int) -> None:
    plain = hub_graph()
    frozen = nx.freeze(hub_graph())
    a, cut_a = neighbourhood(plain, "hub", depth, "both", limit, DEFAULT_FILTER)
    b, cut_b = neighbourhood(frozen, "hub", depth, "both", limit, DEFAULT_FILTER)
    assert list(a.edges(keys=True)) == list(b.edges(keys=True))
    assert cut_a == cut_b
    assert not any(d.get("negated") for *_e, d in b.edges(data=True))
