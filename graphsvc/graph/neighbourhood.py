"""Bounded neighbourhoods: the part of the graph within a few hops of one entity."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

import networkx as nx

from graphsvc.errors import BadInput, NotFound
from graphsvc.graph.deadline import Deadline, ticked
from graphsvc.graph.filters import DEFAULT_FILTER

__all__ = [
    "DIRECTIONS",
    "Direction",
    "EdgePredicate",
    "asserted_edges",
    "neighbourhood",
]

Direction = Literal["out", "in", "both"]
DIRECTIONS: tuple[str, ...] = ("out", "in", "both")
_CACHE_MIN_DEGREE = 512  # nodes at least this connected keep their sorted edges per snapshot
_HUB_ORDER: weakref.WeakKeyDictionary[
    nx.MultiDiGraph, dict[tuple[str, str], list[tuple[str, str, str]]]
] = weakref.WeakKeyDictionary()
EdgePredicate = Callable[[dict[str, Any]], bool]
"""Any edge test; ``graphsvc.graph.filters.EdgeFilter`` instances are the usual ones."""

# The default view under its older name: one filter says what "asserted" means (events that
# happened, not negated or denied, plus standing facts), so the two cannot drift apart.
asserted_edges = DEFAULT_FILTER


def neighbourhood(
    graph: nx.MultiDiGraph,
    entity_id: str,
    depth: int = 1,
    direction: str = "both",
    limit: int = 500,
    edge_filter: EdgePredicate | None = None,
    *,
    deadline: Deadline | None = None,
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

    Raises ``NotFound`` for an unknown entity, ``BadInput`` for a bad direction or bound, and
    ``QueryTimeout`` once ``deadline`` passes (ticked per edge read, filtered-out ones included,
    since a filter rejecting most of a hub's edges is the slow case).
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
            for u, v, key, data in _incident(graph, node, direction, edge_filter, deadline):
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
    graph: nx.MultiDiGraph,
    node: str,
    direction: str,
    edge_filter: EdgePredicate | None,
    deadline: Deadline | None = None,
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """The node's edges in walking order (best-evidenced first), filtered lazily so the caller
    can stop at its limit without testing every edge of a hub."""
    if graph.degree(node) >= _CACHE_MIN_DEGREE and nx.is_frozen(graph):
        succ = graph.succ
        ordered: Iterable[tuple[str, str, str, dict[str, Any]]] = (
            (u, v, key, succ[u][v][key]) for u, v, key in _cached_order(graph, node, direction)
        )
    else:
        ordered = _ordered(graph, node, direction)
    ordered = ticked(ordered, deadline)
    if edge_filter is None:
        return iter(ordered)
    return (edge for edge in ordered if edge_filter(edge[3]))


def _ordered(
    graph: nx.MultiDiGraph, node: str, direction: str
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
    edges.sort(key=lambda e: (-e[3].get("mentions", 0), -e[3].get("confidence", 0.0), e[2]))
    return edges


def _cached_order(graph: nx.MultiDiGraph, node: str, direction: str) -> list[tuple[str, str, str]]:
    # Sorting a hub's tens of thousands of edges costs more than the whole rest of a query;
    # a frozen snapshot never changes, so each hub's order is sorted once per snapshot.
    per_graph = _HUB_ORDER.get(graph)
    if per_graph is None:
        per_graph = {}
        _HUB_ORDER[graph] = per_graph
    cached = per_graph.get((node, direction))
    if cached is None:
        # Ids only: tuples of strings are untracked by the cyclic GC, so a cache of millions
        # of entries adds nothing to collection pauses.
        cached = [(u, v, key) for u, v, key, _data in _ordered(graph, node, direction)]
        per_graph[(node, direction)] = cached
    return cached
