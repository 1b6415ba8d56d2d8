"""timeline: per-period counts, quad classes, Goldstein sums, dyads, granularity."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import networkx as nx
import pytest

from graphsvc.errors import BadInput, NotFound
from graphsvc.graph.filters import DEFAULT_FILTER, make_filter
from graphsvc.graph.timeline import timeline


def rows(graph: nx.MultiDiGraph, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
    return [
        (r.period, r.events, r.quad_1, r.quad_2, r.quad_3, r.quad_4, r.goldstein)
        for r in timeline(graph, *args, **kwargs)
    ]


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        (("A",), {"edge_filter": DEFAULT_FILTER},
         [("2022-03", 1, 1, 0, 0, 0, 1.0), ("2022-05", 1, 0, 0, 1, 0, -2.0)]),
        (("A", "B"), {"edge_filter": DEFAULT_FILTER}, [("2022-03", 1, 1, 0, 0, 0, 1.0)]),
        (("B", "A"), {"edge_filter": make_filter(view="all")},
         [("2022-03", 1, 1, 0, 0, 0, 1.0), ("2022-07", 1, 0, 0, 1, 0, -4.4)]),
        # A bare "2022" is too coarse for months, and standing facts never count.
        (("D",), {"edge_filter": DEFAULT_FILTER}, [("2023-01", 1, 0, 0, 0, 1, -10.0)]),
        (("D",), {"edge_filter": DEFAULT_FILTER, "granularity": "year"},
         [("2022", 1, 0, 1, 0, 0, 7.0), ("2023", 1, 0, 0, 0, 1, -10.0)]),
        (("C",), {"edge_filter": None, "granularity": "year"},
         [("2022", 2, 0, 0, 2, 0, -4.0), ("2023", 1, 0, 0, 0, 1, -10.0)]),
        (("F",), {}, []),
    ],
)
def test_timeline(kg: nx.MultiDiGraph, args: tuple[str, ...], kwargs: dict[str, Any],
                  expected: list[tuple[Any, ...]]) -> None:
    assert rows(kg, *args, **kwargs) == expected


def test_rows_are_plain_data(kg: nx.MultiDiGraph) -> None:
    (row, *_rest) = timeline(kg, "A")
    assert set(asdict(row)) == {"period", "events", "quad_1", "quad_2", "quad_3", "quad_4",
                                "goldstein"}


@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [(("zz",), {}, NotFound), (("A", "zz"), {}, NotFound),
     (("A",), {"granularity": "week"}, BadInput)],
)
def test_errors(kg: nx.MultiDiGraph, args: tuple[str, ...], kwargs: dict[str, str],
                error: type[Exception]) -> None:
    with pytest.raises(error):
        timeline(kg, *args, **kwargs)
