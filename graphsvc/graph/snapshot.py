"""The in-memory graph: a ``networkx.MultiDiGraph`` snapshot of the store.

Nodes are entity ids; edges are keyed by ``Relation.key`` and run source → target. Attribute
lists (aliases, roles, evidence) are never mutated in place, only replaced, because
``MultiDiGraph.copy()`` copies attribute dicts shallowly: an in-place append on a copy would leak
into the snapshot readers still hold.

Merge rules mirror ``graphsvc.store.sql`` so an incrementally built snapshot equals one rebuilt
from the store: the first reading's name, type, ends and coding stand and later ones only fill
unknown (None) fields; aliases are a sorted union; roles a first-seen union; evidence is appended
once per distinct reading; edge confidence is the max over its readings.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from graphsvc.records import Entity, Extraction, Relation
from graphsvc.store.base import Store, StoreChanges

__all__ = [
    "NODE_FILL_FIELDS",
    "apply_changes",
    "apply_extraction",
    "apply_extractions",
    "build_graph",
    "edge_attributes",
    "incident_edges",
    "node_attributes",
]

NODE_FILL_FIELDS = ("country", "sector")
_EDGE_FILL_FIELDS = ("cameo", "plover", "goldstein", "quad_class", "location")


def incident_edges(
    graph: nx.MultiDiGraph, node: str
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Every edge touching ``node`` once, as ``(u, v, key, data)`` in its stored direction
    (a self-loop is both an out- and an in-edge; it is yielded once)."""
    seen: set[str] = set()
    for u, v, key, data in itertools.chain(
        graph.out_edges(node, keys=True, data=True), graph.in_edges(node, keys=True, data=True)
    ):
        if key not in seen:
            seen.add(key)
            yield u, v, key, data


def node_attributes(entity: Entity) -> dict[str, Any]:
    """Node attributes of an entity (its id is the node)."""
    return {
        "name": entity.name,
        "type": entity.type,
        "country": entity.country,
        "sector": entity.sector,
        "aliases": sorted(set(entity.aliases)),
        "roles": [role.model_dump() for role in entity.roles],
    }


def edge_attributes(relation: Relation) -> dict[str, Any]:
    """Edge attributes of a relation (its key is the edge key, source → target the ends)."""
    evidence = _unique([ev.model_dump() for ev in relation.evidence])
    return {
        "relation": relation.relation,
        "cameo": relation.cameo,
        "plover": relation.plover,
        "goldstein": relation.goldstein,
        "quad_class": relation.quad_class,
        "date": relation.date,
        "negated": relation.negated,
        "modality": relation.modality,
        "confidence": relation.confidence,
        "symmetric": relation.symmetric,
        "location": relation.location,
        "evidence": evidence,
        "mentions": len(evidence),
    }


def build_graph(store: Store) -> nx.MultiDiGraph:
    """A fresh graph of everything in the store (one edge per relation key)."""
    graph = nx.MultiDiGraph()
    for entity in store.iter_entities():
        graph.add_node(entity.id, **node_attributes(entity))
    for relation in store.iter_relations():
        for end in (relation.source, relation.target):
            # Entities and relations are two reads; a writer in another process may land
            # between them, so fetch an end we have not seen rather than add a bare node.
            if end not in graph:
                stored = store.get_entity(end)
                graph.add_node(end, **({} if stored is None else node_attributes(stored)))
        graph.add_edge(relation.source, relation.target, key=relation.key,
                       **edge_attributes(relation))
    return graph


def apply_changes(graph: nx.MultiDiGraph, changes: StoreChanges) -> nx.MultiDiGraph:
    """A new graph: ``graph`` brought up to the store state that ``changes`` was read from.

    Every touched edge is dropped and re-added from the store's current record, and every
    touched node's attributes replaced, so the result equals ``build_graph`` of that state
    (up to node and edge order) whatever ``graph`` already held of those changes. ``graph``
    itself is left untouched (copy-on-write).
    """
    new = graph.copy()
    for entity in changes.entities:
        if entity.id in new:
            new.nodes[entity.id].clear()
        new.add_node(entity.id, **node_attributes(entity))
    touched = [(key, source, target) for key, source, target in changes.removed_relations]
    touched += [(rel.key, rel.source, rel.target) for rel in changes.relations]
    for key, source, target in touched:
        for u, v in ((source, target), (target, source)):
            if new.has_edge(u, v, key):
                new.remove_edge(u, v, key)
    for relation in changes.relations:
        for end in (relation.source, relation.target):
            if end not in new:
                # Not named by the change log (an entity written by an older graphsvc): a
                # bare node until the next change or rebuild brings its attributes.
                new.add_node(end)
        new.add_edge(relation.source, relation.target, key=relation.key,
                     **edge_attributes(relation))
    for entity_id in changes.removed_entities:
        if entity_id in new and new.degree(entity_id) == 0:
            new.remove_node(entity_id)
    return new


def apply_extraction(graph: nx.MultiDiGraph, extraction: Extraction) -> nx.MultiDiGraph:
    """A new graph: ``graph`` plus one document's records; ``graph`` itself is left untouched.

    Only for additions (a created document). A replaced or deleted document withdraws evidence,
    which needs the other documents' evidence: rebuild from the store for those.
    """
    return apply_extractions(graph, [extraction])


def apply_extractions(
    graph: nx.MultiDiGraph, extractions: Iterable[Extraction]
) -> nx.MultiDiGraph:
    """Like ``apply_extraction`` for several documents with a single copy of ``graph``."""
    new = graph.copy()
    for extraction in extractions:
        _merge(new, extraction)
    return new


def _merge(graph: nx.MultiDiGraph, extraction: Extraction) -> None:
    for entity in extraction.entities:
        attrs = node_attributes(entity)
        if entity.id not in graph or not graph.nodes[entity.id]:
            graph.add_node(entity.id, **attrs)
            continue
        node = graph.nodes[entity.id]
        for field in NODE_FILL_FIELDS:
            if node.get(field) is None:
                node[field] = attrs[field]
        node["aliases"] = sorted(set(node.get("aliases", [])) | set(attrs["aliases"]))
        node["roles"] = _unique([*node.get("roles", []), *attrs["roles"]])
    for relation in extraction.relations:
        attrs = edge_attributes(relation)
        ends = _existing_ends(graph, relation)
        if ends is None:
            graph.add_edge(relation.source, relation.target, key=relation.key, **attrs)
            continue
        edge = graph.edges[ends[0], ends[1], relation.key]
        for field in _EDGE_FILL_FIELDS:
            if edge.get(field) is None:
                edge[field] = attrs[field]
        edge["evidence"] = _unique([*edge["evidence"], *attrs["evidence"]])
        edge["mentions"] = len(edge["evidence"])
        edge["confidence"] = max(edge["confidence"], attrs["confidence"])


def _existing_ends(graph: nx.MultiDiGraph, relation: Relation) -> tuple[str, str] | None:
    """Where the edge with this key already is: symmetric keys ignore direction."""
    key = relation.key
    if graph.has_edge(relation.source, relation.target, key):
        return relation.source, relation.target
    if relation.symmetric and graph.has_edge(relation.target, relation.source, key):
        return relation.target, relation.source
    return None


def _unique(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """``items`` without repeats, first-seen order. Linear: a much-reported edge carries
    thousands of evidence dicts, and a scan of ``out`` per item made every document that
    touched it cost seconds (2.9 s at 6,040 mentions), on ingest and on every rebuild."""
    out: list[dict[str, Any]] = []
    seen: set[frozenset[tuple[str, Any]]] = set()
    for item in items:
        try:
            # Equal exactly when the dicts are, for the flat records kept here.
            marker = frozenset(item.items())
        except TypeError:  # a nested value: compare the slow way
            if item not in out:
                out.append(item)
            continue
        if marker not in seen:
            seen.add(marker)
            out.append(item)
    return out
