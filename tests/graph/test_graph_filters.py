"""EdgeFilter: each condition, the view shorthand, partial dates, validation errors."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from graphsvc.errors import BadInput
from graphsvc.graph.filters import ALL_EDGES, DEFAULT_FILTER, date_interval, make_filter


def keys(graph: nx.MultiDiGraph, **params: Any) -> set[str]:
    keep = make_filter(**params)
    return {k for _u, _v, k, d in graph.edges(keys=True, data=True) if keep(d)}


DEFAULT = {"k_met", "k_crit", "k_fought", "k_leads", "k_aid"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, DEFAULT),
        ({"view": "all"}, DEFAULT | {"k_neg", "k_threat"}),
        ({"include_negated": True}, DEFAULT | {"k_neg"}),
        ({"modalities": ["future"]}, {"k_threat", "k_leads"}),  # facts always pass modality
        ({"view": "all", "include_negated": False}, DEFAULT | {"k_threat"}),
        ({"relations": ["met_with", "fought"]}, {"k_met", "k_fought"}),
        ({"cameo": ["19"]}, {"k_fought"}),
        ({"cameo": ["04", "070"]}, {"k_met", "k_aid"}),
        ({"plover": ["consult"]}, {"k_met"}),
        ({"since": "2022-06-01"}, {"k_fought", "k_aid"}),  # "2022" overlaps the window
        ({"until": "2022-04"}, {"k_met", "k_aid"}),
        ({"since": "2022-01-01", "until": "2022-12-31"}, {"k_met", "k_crit", "k_aid"}),
        ({"since": "2023"}, {"k_fought"}),
        ({"min_confidence": 0.8}, {"k_met", "k_fought", "k_leads"}),
        ({"relations": ["criticize"], "view": "all"}, {"k_crit", "k_neg"}),
    ],
)
def test_filter_conditions(kg: nx.MultiDiGraph, params: dict[str, Any],
                           expected: set[str]) -> None:
    assert keys(kg, **params) == expected


def test_named_filters(kg: nx.MultiDiGraph) -> None:
    assert {k for *_e, k, d in kg.edges(keys=True, data=True) if DEFAULT_FILTER(d)} == DEFAULT
    assert all(ALL_EDGES(d) for *_e, d in kg.edges(data=True))


@pytest.mark.parametrize(
    ("value", "interval"),
    [
        ("2022", ("2022-01-01", "2022-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023-02", ("2023-02-01", "2023-02-28")),
        ("2022-05-17", ("2022-05-17", "2022-05-17")),
    ],
)
def test_date_interval(value: str, interval: tuple[str, str]) -> None:
    assert date_interval(value) == interval


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"cameo": ["4"]}, "query.cameo"),
        ({"cameo": ["99"]}, "query.cameo"),
        ({"modalities": ["maybe"]}, "query.modality"),
        ({"since": "2022-13"}, "query.since"),
        ({"until": "2022-02-30"}, "query.until"),
        ({"since": "2023", "until": "2022"}, "query.until"),
        ({"min_confidence": 1.5}, "query.min_confidence"),
        ({"view": "some"}, "query.view"),
    ],
)
def test_bad_filters_name_the_field(params: dict[str, Any], field: str) -> None:
    with pytest.raises(BadInput) as raised:
        make_filter(**params)
    assert field in {e["field"] for e in raised.value.extra["errors"]}
