"""Shortest paths between two entities, following edges either way, under an edge filter."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphsvc.errors import BadInput, NotFound
from graphsvc.graph.deadline import Deadline

__all__ = ["Hop", "PathResult", "shortest_paths"]

Predicate = Callable[[Mapping[str, Any]], bool]


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path: the edge ``source`` → ``target`` (its stored direction, which may
    run against the walk) with relation key ``key``; ``parallel`` counts the other edges that
    also join the two entities under the filter."""

    source: str
    target: str
    key: str
    parallel: int


@dataclass(frozen=True, slots=True)
class PathResult:
    """``paths``: each a list of entity ids from source to target; ``hops``: the edges between
    consecutive ids; ``truncated``: the search stopped at ``max_visited`` or ``max_paths``
    before it could say there is nothing shorter or nothing more."""

    paths: list[list[str]]
    hops: list[list[Hop]]
    truncated: bool


def shortest_paths(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    edge_filter: Predicate | None = None,
    max_hops: int = 4,
    max_paths: int = 10,
    max_visited: int = 50_000,
    *,
    deadline: Deadline | None = None,
) -> PathResult:
    """All shortest paths (fewest hops, at most ``max_hops``) between two node ids.

    Edges are walked in either direction (an analyst asking how A and B are connected does not
    care who acted on whom); only edges passing ``edge_filter`` are walked. Each hop is the
    best-evidenced passing edge between its two entities (most mentions, then highest
    confidence, then key). At most ``max_paths`` paths, in a stable order.

    Bidirectional breadth-first search, always expanding the smaller frontier, with at most
    ``max_visited`` entities reached: a path between two hubs costs their degrees, not the
    graph. The graph is never copied.

    Raises ``NotFound`` for an unknown id, ``BadInput`` for bounds below 1, and
    ``QueryTimeout`` once ``deadline`` passes (ticked per adjacency read and per path step).
    """
    for node in (source, target):
        if node not in graph:
            raise NotFound(f"No entity with id {node!r}", entity_id=node)
    if max_hops < 1 or max_paths < 1 or max_visited < 1:
        raise BadInput("max_hops, max_paths and max_visited must be at least 1")
    if source == target:
        return PathResult(paths=[[source]], hops=[[]], truncated=False)

    # parents[side][node] = nodes one step nearer that side's root.
    parents: tuple[dict[str, list[str]], dict[str, list[str]]] = ({source: []}, {target: []})
    frontiers: tuple[list[str], list[str]] = ([source], [target])
    depth = [0, 0]
    meet: list[str] = []
    truncated = False
    while not meet and depth[0] + depth[1] < max_hops and frontiers[0] and frontiers[1]:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        mine, other = parents[side], parents[1 - side]
        next_level: dict[str, list[str]] = {}
        for node in frontiers[side]:
            for neighbour in _neighbours(graph, node, edge_filter, deadline):
                if neighbour in mine:
                    continue
                next_level.setdefault(neighbour, []).append(node)
        mine.update(next_level)
        depth[side] += 1
        frontiers[side].clear()
        frontiers[side].extend(sorted(next_level))
        meet = [node for node in frontiers[side] if node in other]
        if len(parents[0]) + len(parents[1]) > max_visited and not meet:
            truncated = True
            break

    paths: list[list[str]] = []
    for head in _branches(parents[0], meet, deadline):
        for tail in _branches(parents[1], [head[-1]], deadline):
            paths.append(head + tail[::-1][1:])
            if len(paths) > max_paths:
                break
        if len(paths) > max_paths:
            break
    if len(paths) > max_paths:
        paths, truncated = paths[:max_paths], True
    hops = [
        [_best_edge(graph, u, v, edge_filter) for u, v in itertools.pairwise(path)]
        for path in paths
    ]
    return PathResult(paths=paths, hops=hops, truncated=truncated)


def _neighbours(
    graph: nx.MultiDiGraph, node: str, keep: Predicate | None, deadline: Deadline | None
) -> Iterator[str]:
    seen: set[str] = set()
    for adjacency in (graph.succ[node], graph.pred[node]):
        for other, keyed in adjacency.items():
            if deadline is not None:
                deadline.tick()
            if other == node or other in seen:
                continue
            if keep is None or any(keep(data) for data in keyed.values()):
                seen.add(other)
                yield other


def _branches(
    parents: dict[str, list[str]], ends: list[str], deadline: Deadline | None
) -> Iterator[list[str]]:
    """Every chain root → … → end through ``parents``, for each end in order."""
    for end in ends:
        stack: list[list[str]] = [[end]]
        while stack:
            if deadline is not None:
                deadline.tick()
            partial = stack.pop()
            preds = parents[partial[0]]
            if not preds:
                yield partial
                continue
            stack.extend([pred, *partial] for pred in sorted(preds, reverse=True))


def _best_edge(graph: nx.MultiDiGraph, u: str, v: str, keep: Predicate | None) -> Hop:
    candidates = [
        (a, b, key, data)
        for a, b in ((u, v), (v, u))
        for key, data in graph.get_edge_data(a, b, default={}).items()
        if keep is None or keep(data)
    ]
    candidates.sort(
        key=lambda e: (-(e[3].get("mentions") or 0), -(e[3].get("confidence") or 0.0), e[2])
    )
    a, b, key, _data = candidates[0]
    return Hop(source=a, target=b, key=key, parallel=len(candidates) - 1)
