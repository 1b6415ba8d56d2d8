"""Whole-graph statistics of a snapshot: sizes and distributions analysts check first."""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

from graphsvc.graph.deadline import Deadline
from graphsvc.graph.snapshot import incident_edges
from graphsvc.ontology import FACT_LABELS

__all__ = ["entity_activity", "graph_stats"]

_CACHE: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[str, Any]] = weakref.WeakKeyDictionary()


def graph_stats(
    graph: nx.MultiDiGraph, top: int = 10, *, deadline: Deadline | None = None
) -> dict[str, Any]:
    """Counts over the snapshot, computed once per frozen snapshot (one pass over the edges).

    ``nodes``, ``edges`` (parallel edges counted each), ``events`` (edges with a CAMEO code or
    any non-fact label) and ``facts``; ``entity_types`` and ``countries`` (ISO-3) count nodes;
    ``relations``, ``quad_classes`` (1..4 as strings), ``modalities``, ``years`` count edges;
    ``negated`` counts negated edges; ``first_date`` / ``last_date`` bound the event dates;
    ``top_entities``: the ``top`` highest-degree entity ids with their degree (both directions).

    Raises ``QueryTimeout`` once ``deadline`` passes (ticked per node and edge read); counts
    left unfinished are not cached, so the next call starts over.
    """
    cached = _CACHE.get(graph) if nx.is_frozen(graph) else None
    if cached is not None:
        return cached
    types: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    for _node, attrs in graph.nodes(data=True):
        if deadline is not None:
            deadline.tick()
        types[str(attrs.get("type") or "UNKNOWN")] += 1
        if attrs.get("country"):
            countries[str(attrs["country"])] += 1
    relations: Counter[str] = Counter()
    quads: Counter[str] = Counter()
    modalities: Counter[str] = Counter()
    years: Counter[str] = Counter()
    negated = facts = 0
    dates: list[str] = []
    for _u, _v, data in graph.edges(data=True):
        if deadline is not None:
            deadline.tick()
        label = str(data.get("relation"))
        relations[label] += 1
        if label in FACT_LABELS:
            facts += 1
        if data.get("quad_class") is not None:
            quads[str(data["quad_class"])] += 1
        modalities[str(data.get("modality") or "asserted")] += 1
        if data.get("negated"):
            negated += 1
        date = data.get("date")
        if date:
            years[date[:4]] += 1
            dates.append(date)
    degrees = sorted(graph.degree, key=lambda item: (-item[1], str(item[0])))[:top]
    if deadline is not None:
        deadline.check()
    stats: dict[str, Any] = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "events": graph.number_of_edges() - facts,
        "facts": facts,
        "negated": negated,
        "entity_types": dict(types.most_common()),
        "countries": dict(countries.most_common()),
        "relations": dict(relations.most_common()),
        "quad_classes": dict(sorted(quads.items())),
        "modalities": dict(modalities.most_common()),
        "years": dict(sorted(years.items())),
        "first_date": min(dates) if dates else None,
        "last_date": max(dates) if dates else None,
        "top_entities": [{"id": str(node), "degree": degree} for node, degree in degrees],
    }
    if nx.is_frozen(graph):
        _CACHE[graph] = stats
    return stats


def entity_activity(
    graph: nx.MultiDiGraph,
    entity_id: str,
    edge_filter: Callable[[Mapping[str, Any]], bool] | None = None,
    *,
    deadline: Deadline | None = None,
) -> dict[str, dict[str, int]]:
    """Counts of one entity's events (edges either way, standing facts excluded) passing
    ``edge_filter``: ``by_type`` per relation label, ``by_year`` per YYYY of the event date
    (undated events under ``"undated"``), ``by_quad_class`` per quad class 1..4, and
    ``by_role``: ``source`` (what it did), ``target`` (what was done to it); a symmetric event
    counts as ``source``. Reads only the entity's own edges; the id must be in ``graph``.
    Raises ``QueryTimeout`` once ``deadline`` passes (ticked per edge read)."""
    by_type: Counter[str] = Counter()
    by_year: Counter[str] = Counter()
    by_quad: Counter[str] = Counter()
    by_role: Counter[str] = Counter()
    for u, _v, _key, data in incident_edges(graph, entity_id):
        if deadline is not None:
            deadline.tick()
        if data.get("relation") in FACT_LABELS:
            continue
        if edge_filter is not None and not edge_filter(data):
            continue
        by_type[str(data.get("relation"))] += 1
        date = data.get("date")
        by_year[date[:4] if date else "undated"] += 1
        if data.get("quad_class") is not None:
            by_quad[str(data["quad_class"])] += 1
        by_role["source" if u == entity_id or data.get("symmetric") else "target"] += 1
    return {
        "by_type": dict(by_type.most_common()),
        "by_year": dict(sorted(by_year.items())),
        "by_quad_class": dict(sorted(by_quad.items())),
        "by_role": dict(sorted(by_role.items())),
    }
