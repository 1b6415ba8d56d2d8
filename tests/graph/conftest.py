"""A small hand-built snapshot for the graph-layer tests.

    A ──met_with (2022-03-10, sym)── B          E ──leader_of (reported fact)──▶ D
    A ──criticize (2022-05)────────▶ C          D ──provided_aid ("2022")──────▶ E
    A ──threaten (future)──────────▶ B          C ──fought (2023-01-15)────────▶ D
    B ──criticize (negated)────────▶ C          F (no edges)
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest


def edge(relation: str, cameo: str | None = None, plover: str | None = None,
         goldstein: float | None = None, quad: int | None = None, date: str | None = None,
         negated: bool = False, modality: str = "asserted", confidence: float = 0.8,
         symmetric: bool = False, mentions: int = 1) -> dict[str, Any]:
    evidence = [
        {"doc_id": f"doc-{relation}-{i}", "sentence": f"Sentence {i} about {relation}.",
         "start": 10 * i, "end": 10 * i + 9, "trigger": relation, "extractor_version": "t"}
        for i in range(mentions)
    ]
    return {"relation": relation, "cameo": cameo, "plover": plover, "goldstein": goldstein,
            "quad_class": quad, "date": date, "negated": negated, "modality": modality,
            "confidence": confidence, "symmetric": symmetric, "location": None,
            "evidence": evidence, "mentions": mentions}


def build() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node, name, kind, country in [
        ("A", "Anna Alder", "PERSON", "FRA"), ("B", "Bruno Birch", "PERSON", "DEU"),
        ("C", "Cedar Works", "ORG", "DEU"), ("D", "Dornland", "COUNTRY", "RUS"),
        ("E", "Erik Elm", "PERSON", "RUS"), ("F", "Fern Lone", "PERSON", None),
    ]:
        g.add_node(node, name=name, type=kind, country=country, sector=None, aliases=[],
                   roles=[])
    g.add_edge("A", "B", key="k_met", **edge("met_with", "040", "CONSULT", 1.0, 1,
                                             "2022-03-10", symmetric=True, confidence=0.9,
                                             mentions=2))
    g.add_edge("A", "C", key="k_crit", **edge("criticize", "111", "DISAPPROVE", -2.0, 3,
                                              "2022-05", confidence=0.6))
    g.add_edge("C", "D", key="k_fought", **edge("fought", "190", "ASSAULT", -10.0, 4,
                                                "2023-01-15"))
    g.add_edge("E", "D", key="k_leads", **edge("leader_of", modality="reported",
                                               confidence=0.9))
    g.add_edge("B", "C", key="k_neg", **edge("criticize", "111", "DISAPPROVE", -2.0, 3,
                                             "2022-06-01", negated=True, confidence=0.7))
    g.add_edge("A", "B", key="k_threat", **edge("threaten", "130", "THREATEN", -4.4, 3,
                                                "2022-07-01", modality="future", confidence=0.5))
    g.add_edge("D", "E", key="k_aid", **edge("provided_aid", "070", "AID", 7.0, 2, "2022",
                                             confidence=0.4))
    return nx.freeze(g)


@pytest.fixture
def kg() -> nx.MultiDiGraph:
    return build()
