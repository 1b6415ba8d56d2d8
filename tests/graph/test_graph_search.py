"""Entity search: tier ranking, accents, filters."""

from __future__ import annotations

import networkx as nx
import pytest

from graphsvc.graph import search_entities
from graphsvc.graph.search import normalise


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    nodes = [
        ("Q1", "Sāo Velmar", "COUNTRY", "SVL", ["Velmar", "S.V."]),
        ("Q2", "Velmar City", "CITY", "SVL", []),
        ("Q3", "New Velmar Party", "ORG", "SVL", []),
        ("Q4", "Port Agnès", "CITY", "KRT", ["Agnes Harbour"]),
        ("Q5", "Kortland", "COUNTRY", "KRT", ["KRT", "the Kortish state"]),
        ("Q6", "Velmara Institute", "ORG", None, []),
        ("Q7", "Zelmar", "PERSON", "KRT", []),
    ]
    for node_id, name, etype, country, aliases in nodes:
        g.add_node(node_id, name=name, type=etype, country=country, aliases=aliases, roles=[])
    g.add_edge("Q2", "Q5", key="e1")
    return nx.freeze(g)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Sāo  Velmar", "sao velmar"), ("U.S.", "us"), ("ÉTAT-Major", "etat major"),
     ("  ", "")],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("Sao Velmar", "Q1"),      # exact name, accent-insensitive
        ("sāo velmar", "Q1"),
        ("velmar", "Q1"),          # exact alias beats the prefix of "Velmar City"
        ("sv", "Q1"),              # alias "S.V." with dots dropped
        ("port agnes", "Q4"),
        ("Kortland", "Q5"),
        ("Kortlnd", "Q5"),         # one typo
        ("Q7", "Q7"),              # an id matches like a name
    ],
)
def test_best_match(graph: nx.MultiDiGraph, q: str, first: str) -> None:
    results = search_entities(graph, q)
    assert results and results[0][0] == first


def test_tier_order(graph: nx.MultiDiGraph) -> None:
    ranked = search_entities(graph, "velmar")
    ids = [node_id for node_id, _score in ranked]
    assert ids[0] == "Q1"                      # alias
    assert set(ids[1:3]) == {"Q2", "Q6"}       # prefixes of a name ("Velmar City", "Velmara…")
    assert ids[3] == "Q3"                      # a word prefix inside "New Velmar Party"
    scores = [score for _id, score in ranked]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 0.9 and all(0 < s < 0.9 for s in scores[1:])
    assert ids[-1] == "Q7"                     # "zelmar": one letter off, the fuzzy tier
    assert 0.3 <= scores[-1] < 0.4


def test_substring_and_fuzzy_tiers(graph: nx.MultiDiGraph) -> None:
    (top, score), *_ = search_entities(graph, "ortlan")
    assert (top, 0.5 <= score < 0.6) == ("Q5", True)
    fuzzy = dict(search_entities(graph, "Zelmarr"))
    assert 0.3 <= fuzzy["Q7"] < 0.4


@pytest.mark.parametrize(
    ("kwargs", "ids"),
    [({"type": "CITY"}, {"Q2"}), ({"country": "SVL"}, {"Q1", "Q2", "Q3"}),
     ({"type": "ORG", "country": "SVL"}, {"Q3"}), ({"limit": 1}, {"Q1"})],
)
def test_filters_and_limit(graph: nx.MultiDiGraph, kwargs: dict[str, object],
                           ids: set[str]) -> None:
    found = {node_id for node_id, _ in search_entities(graph, "velmar", **kwargs)}  # type: ignore[arg-type]
    assert found == ids


@pytest.mark.parametrize("q", ["", "   ", "!!!", "nothing-like-this"])
def test_no_match(graph: nx.MultiDiGraph, q: str) -> None:
    assert search_entities(graph, q) == []


def test_unfrozen_graph_is_not_cached() -> None:
    g = nx.MultiDiGraph()
    g.add_node("A", name="Alpha")
    assert search_entities(g, "alpha") == [("A", 1.0)]
    g.nodes["A"]["name"] = "Beta"
    assert search_entities(g, "beta") == [("A", 1.0)]
