"""Bounded neighbourhoods: the part of the graph within a few hops of one entity."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import networkx as nx

from graphsvc.errors import BadInput, NotFound
from graphsvc.records import FACT_LABELS

__all__ = ["DIRECTIONS", "Direction", "EdgeFilter", "asserted_edges", "neighbourhood"]

Direction = Literal["out", "in", "both"]
DIRECTIONS: tuple[str, ...] = ("out", "in", "both")
EdgeFilter = Callable[[dict[str, Any]], bool]


def asserted_edges(data: dict[str, Any]) -> bool:
    """The service's default view: events that happened plus standing facts.

    Keeps an edge unless it is negated or denied; an event must be ``asserted`` (not future,
    hypothetical or merely reported), a fact (``leader_of``, ``member_of``, ``part_of``) may be
    reported as well.
    """
    if data.get("negated") or data.get("modality") == "denied":
        return False
    return data.get("relation") in FACT_LABELS or data.get("modality") == "asserted"


def neighbourhood(
    graph: nx.MultiDiGraph,
    entity_id: str,
    depth: int = 1,
    direction: str = "both",
    limit: int = 500,
    edge_filter: EdgeFilter | None = None,
) -> tuple[nx.MultiDiGraph, bool]:
    """Edges within ``depth`` hops of ``entity_id`` (a node id), at most ``limit`` edges.

    ``direction`` follows edges source → target: ``out`` walks from the entity to its targets
    (what it did), ``in`` from the entity to its sources (what was done to it), ``both`` either
    way. ``depth`` is in hops; ``limit`` counts edges (parallel edges count one each). The result
    holds every edge walked by a breadth-first traversal, nearer hops first and, within one node,
    the best-evidenced edges first (mentions, then confidence); edges that merely join two
    neighbours are not walked. Edges failing ``edge_filter`` are neither returned nor walked.

    Returns ``(subgraph, truncated)``; ``truncated`` is True when a qualifying edge was left out
    because of ``limit``. The subgraph is new but shares attribute values with ``graph``: treat
    both as read-only. The graph is never copied whole, so a hub costs only its own degree.

    Raises ``NotFound`` for an unknown entity and ``BadInput`` for a bad direction or bound.
    """
    if entity_id not in graph:
        raise NotFound(f"no entity {entity_id!r} in the graph", entity_id=entity_id)
    if direction not in DIRECTIONS:
        raise BadInput(f"direction must be one of {', '.join(DIRECTIONS)}")
    if depth < 0 or limit < 0:
        raise BadInput("depth and limit must not be negative")

    sub = nx.MultiDiGraph()
    sub.add_node(entity_id, **graph.nodes[entity_id])
    seen_edges: set[tuple[str, str, str]] = set()
    frontier = [entity_id]
    for _hop in range(depth):
        next_frontier: list[str] = []
        for node in frontier:
            for u, v, key, data in _incident(graph, node, direction, edge_filter):
                if (u, v, key) in seen_edges:
                    continue
                if len(seen_edges) >= limit:
                    return sub, True
                seen_edges.add((u, v, key))
                for end in (u, v):
                    if end not in sub:
                        sub.add_node(end, **graph.nodes[end])
                        next_frontier.append(end)
                sub.add_edge(u, v, key=key, **data)
        if not next_frontier:
            break
        frontier = next_frontier
    return sub, False


def _incident(
    graph: nx.MultiDiGraph, node: str, direction: str, edge_filter: EdgeFilter | None
) -> list[tuple[str, str, str, dict[str, Any]]]:
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    if direction in ("out", "both"):
        for v, keyed in graph.succ[node].items():
            edges.extend((node, v, key, data) for key, data in keyed.items())
    if direction in ("in", "both"):
        for u, keyed in graph.pred[node].items():
            # A self-loop is already in the out-edges when walking both ways.
            if u == node and direction == "both":
                continue
            edges.extend((u, node, key, data) for key, data in keyed.items())
    if edge_filter is not None:
        edges = [e for e in edges if edge_filter(e[3])]
    edges.sort(key=lambda e: (-e[3].get("mentions", 0), -e[3].get("confidence", 0.0), e[2]))
    return edges
