"""graph_stats and entity_activity over the hand-built snapshot."""

from __future__ import annotations

import networkx as nx

from graphsvc.graph.filters import DEFAULT_FILTER
from graphsvc.graph.stats import entity_activity, graph_stats


def test_graph_stats(kg: nx.MultiDiGraph) -> None:
    stats = graph_stats(kg)
    assert (stats["nodes"], stats["edges"], stats["facts"], stats["events"]) == (6, 7, 1, 6)
    assert stats["negated"] == 1
    assert stats["entity_types"] == {"PERSON": 4, "ORG": 1, "COUNTRY": 1}
    assert stats["relations"]["criticize"] == 2
    assert stats["quad_classes"] == {"1": 1, "2": 1, "3": 3, "4": 1}
    assert stats["years"] == {"2022": 5, "2023": 1}
    assert (stats["first_date"], stats["last_date"]) == ("2022", "2023-01-15")
    assert stats["top_entities"][0] == {"id": "A", "degree": 3}
    assert graph_stats(kg) is stats  # cached per frozen snapshot


def test_entity_activity(kg: nx.MultiDiGraph) -> None:
    activity = entity_activity(kg, "D", DEFAULT_FILTER)
    assert activity["by_type"] == {"fought": 1, "provided_aid": 1}
    assert activity["by_year"] == {"2022": 1, "2023": 1}
    assert activity["by_role"] == {"source": 1, "target": 1}
    assert entity_activity(kg, "B", None)["by_role"] == {"source": 2, "target": 1}
    assert entity_activity(kg, "F")["by_type"] == {}
