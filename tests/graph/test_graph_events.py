"""list_events: date order, ends, dyads, filters, cursor pages that survive graph changes."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from graphsvc.errors import BadInput, NotFound
from graphsvc.graph.events import decode_token, edge_by_key, encode_token, list_events
from graphsvc.graph.filters import DEFAULT_FILTER, make_filter


def listed(graph: nx.MultiDiGraph, **kwargs: Any) -> list[str]:
    page = list_events(graph, kwargs.pop("edge_filter", DEFAULT_FILTER), **kwargs)
    return [key for _u, _v, key in page.items]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        # "2022" sorts before any 2022 day; the undated fact comes last.
        ({}, ["k_aid", "k_met", "k_crit", "k_fought", "k_leads"]),
        ({"source": "A"}, ["k_met", "k_crit"]),
        ({"source": "B"}, ["k_met"]),  # symmetric: either end is the source
        ({"target": "D"}, ["k_fought", "k_leads"]),
        ({"source": "A", "target": "C"}, ["k_crit"]),
        ({"dyad": ("D", "E")}, ["k_aid", "k_leads"]),
        ({"dyad": ("B", "A")}, ["k_met"]),
        ({"edge_filter": make_filter(view="all"), "dyad": ("A", "B")}, ["k_met", "k_threat"]),
        ({"edge_filter": make_filter(since="2022-05-01")}, ["k_aid", "k_crit", "k_fought"]),
        ({"edge_filter": None, "source": "B"}, ["k_met", "k_neg"]),
    ],
)
def test_listing(kg: nx.MultiDiGraph, kwargs: dict[str, Any], expected: list[str]) -> None:
    assert listed(kg, **kwargs) == expected


@pytest.mark.parametrize("size", [1, 2, 3, 5, 10])
def test_pages_cover_everything_once(kg: nx.MultiDiGraph, size: int) -> None:
    seen: list[str] = []
    token: str | None = None
    while True:
        page = list_events(kg, None, page_size=size, page_token=token)
        seen.extend(key for _u, _v, key in page.items)
        assert len(page.items) <= size
        token = page.next_page_token
        if token is None:
            break
    assert len(seen) == kg.number_of_edges() == len(set(seen))


def test_token_survives_graph_changes(kg: nx.MultiDiGraph) -> None:
    first = list_events(kg, DEFAULT_FILTER, page_size=2)
    assert [k for *_e, k in first.items] == ["k_aid", "k_met"]
    changed = nx.MultiDiGraph(kg)
    changed.remove_edge("D", "E", key="k_aid")  # before the cursor: must not shift the page
    changed.add_edge("A", "C", key="k_early", relation="praise", date="2021-01-01")
    second = list_events(changed, DEFAULT_FILTER, page_size=2,
                         page_token=first.next_page_token)
    assert [k for *_e, k in second.items] == ["k_crit", "k_fought"]


def test_token_roundtrip_and_garbage() -> None:
    position = (0, "2022-03-10", "k_met")
    assert decode_token(encode_token(position)) == position
    for bad in ["%%%", "bm90IGpzb24", encode_token((0, "x", "y"))[:-3] + "!!"]:
        with pytest.raises(BadInput) as raised:
            decode_token(bad)
        assert raised.value.extra["errors"][0]["field"] == "query.page_token"


@pytest.mark.parametrize("kwargs", [{"source": "zz"}, {"target": "zz"}, {"dyad": ("A", "zz")}])
def test_unknown_entities(kg: nx.MultiDiGraph, kwargs: dict[str, Any]) -> None:
    with pytest.raises(NotFound):
        list_events(kg, None, **kwargs)


def test_edge_by_key(kg: nx.MultiDiGraph) -> None:
    assert edge_by_key(kg, "k_fought") == ("C", "D", "k_fought")
    assert edge_by_key(kg, "k_none") is None
