"""Dyad timelines: the conflict/cooperation curve between two actors, or one actor and all."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from graphsvc.errors import BadInput, NotFound
from graphsvc.graph.deadline import Deadline
from graphsvc.graph.snapshot import incident_edges
from graphsvc.ontology import FACT_LABELS

__all__ = ["GRANULARITIES", "Granularity", "TimelineRow", "timeline"]

Predicate = Callable[[Mapping[str, Any]], bool]
Granularity = Literal["month", "year"]
GRANULARITIES: tuple[str, ...] = ("month", "year")
_WIDTH = {"month": 7, "year": 4}


@dataclass(slots=True)
class TimelineRow:
    """One period (``YYYY-MM`` or ``YYYY``): how many events, how many in each GDELT quad class
    (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict), and
    the sum of their Goldstein scores (−10 conflict … +10 cooperation; uncoded events add 0)."""

    period: str
    events: int = 0
    quad_1: int = 0
    quad_2: int = 0
    quad_3: int = 0
    quad_4: int = 0
    goldstein: float = 0.0

    def add(self, data: Mapping[str, Any]) -> None:
        self.events += 1
        quad = data.get("quad_class")
        if quad in (1, 2, 3, 4):
            setattr(self, f"quad_{quad}", getattr(self, f"quad_{quad}") + 1)
        self.goldstein = round(self.goldstein + float(data.get("goldstein") or 0.0), 3)


def timeline(
    graph: nx.MultiDiGraph,
    actor: str,
    other: str | None = None,
    edge_filter: Predicate | None = None,
    granularity: str = "month",
    *,
    deadline: Deadline | None = None,
) -> list[TimelineRow]:
    """Events between entity ``actor`` and entity ``other`` (or anyone, when None), in either
    direction, counted per period, oldest first; periods without events are left out.

    Only events count: standing facts, undated events and events dated less precisely than the
    granularity (a bare "2022" in a monthly timeline) are left out. Reads only ``actor``'s own
    edges. Raises ``NotFound`` for unknown ids, ``BadInput`` for an unknown granularity and
    ``QueryTimeout`` once ``deadline`` passes (ticked per edge read).
    """
    if granularity not in _WIDTH:
        raise BadInput(f"granularity must be one of {', '.join(GRANULARITIES)}")
    for node in (actor, other):
        if node is not None and node not in graph:
            raise NotFound(f"No entity with id {node!r}", entity_id=node)
    width = _WIDTH[granularity]
    rows: dict[str, TimelineRow] = {}
    for u, v, _key, data in incident_edges(graph, actor):
        if deadline is not None:
            deadline.tick()
        if other is not None and (v if u == actor else u) != other:
            continue
        date = data.get("date")
        if not date or len(date) < width or data.get("relation") in FACT_LABELS:
            continue
        if edge_filter is not None and not edge_filter(data):
            continue
        period = date[:width]
        rows.setdefault(period, TimelineRow(period=period)).add(data)
    return [rows[period] for period in sorted(rows)]
