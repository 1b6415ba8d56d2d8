"""Graph exports: GraphML and GEXF (for Gephi, yEd, Cytoscape) and node-link JSON."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

__all__ = ["flatten_attributes", "to_gexf", "to_graphml", "to_node_link"]

_SCALARS = (str, bool, int, float)


def flatten_attributes(data: dict[str, Any]) -> dict[str, str | bool | int | float]:
    """Attributes the XML formats can hold: lists and dicts become JSON strings, None goes."""
    flat: dict[str, str | bool | int | float] = {}
    for name, value in data.items():
        if value is None:
            continue
        if isinstance(value, _SCALARS):
            flat[name] = value
        elif isinstance(value, list | tuple | dict):
            flat[name] = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        else:
            flat[name] = str(value)
    return flat


def _flat_copy(graph: nx.MultiDiGraph, label_nodes: bool = False) -> nx.MultiDiGraph:
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = flatten_attributes(data)
        if label_nodes and "name" in attrs:
            attrs["label"] = attrs["name"]
        flat.add_node(node, **attrs)
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **flatten_attributes(data))
    return flat


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML (UTF-8); edge ids are relation keys, so a reader keeps parallel edges apart."""
    buffer = io.BytesIO()
    # infer_numeric_types: a column mixing int and float is written as one double key.
    nx.write_graphml(_flat_copy(graph), buffer, encoding="utf-8", infer_numeric_types=True)
    return buffer.getvalue()


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 (UTF-8); node labels are entity names, ids entity ids."""
    buffer = io.BytesIO()
    nx.write_gexf(_flat_copy(graph, label_nodes=True), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """JSON-ready node-link data: ``nodes`` with ``id``, ``edges`` with source, target, key."""
    data: dict[str, Any] = nx.node_link_data(
        graph, source="source", target="target", name="id", key="key", edges="edges"
    )
    return data
