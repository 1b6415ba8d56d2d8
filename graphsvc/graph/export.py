"""Graph exports: GraphML and GEXF (for Gephi, yEd, Cytoscape), node-link JSON, Cytoscape.js
JSON and CSV (nodes.csv, edges.csv).

The ``to_*`` functions return a whole document; the ``iter_*`` ones yield it in chunks for a
streamed HTTP response. JSON and CSV are written record by record, so memory stays flat however
large the graph; GraphML and GEXF go through networkx's writers, which build the XML tree
before yielding its lines (a flattened copy of the graph plus the tree: fine for a news corpus,
the thing to replace with a hand-rolled writer if exports of millions of edges are needed).

In GEXF, dated edges carry Gephi time intervals: ``start``/``end`` are the first and last day
of the event date at its precision ("2022-05" → 2022-05-01..2022-05-31), so Gephi's timeline
shows when each event was; undated edges (standing facts) are present throughout.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import networkx as nx

from graphsvc.graph.filters import date_interval

__all__ = [
    "EDGE_CSV_COLUMNS",
    "NODE_CSV_COLUMNS",
    "flatten_attributes",
    "iter_edges_csv",
    "iter_gexf",
    "iter_graphml",
    "iter_node_link",
    "iter_nodes_csv",
    "to_cytoscape",
    "to_gexf",
    "to_graphml",
    "to_node_link",
]

NODE_CSV_COLUMNS = ("id", "name", "type", "country", "sector", "aliases", "roles")
EDGE_CSV_COLUMNS = (
    "key", "source", "target", "relation", "cameo", "plover", "goldstein", "quad_class", "date",
    "negated", "modality", "confidence", "symmetric", "location", "mentions", "evidence",
)
_CHUNK = 500  # records per yielded chunk

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


def _flat_copy(graph: nx.MultiDiGraph, gephi: bool = False) -> nx.MultiDiGraph:
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = flatten_attributes(data)
        if gephi and "name" in attrs:
            attrs["label"] = attrs["name"]
        flat.add_node(node, **attrs)
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = flatten_attributes(data)
        if gephi:
            # networkx's GEXF writer turns start/end into the edge's time interval.
            attrs.pop("start", None)
            attrs.pop("end", None)
            if data.get("date"):
                attrs["start"], attrs["end"] = date_interval(str(data["date"]))
        flat.add_edge(u, v, key=key, **attrs)
    return flat


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML (UTF-8); edge ids are relation keys, so a reader keeps parallel edges apart."""
    buffer = io.BytesIO()
    # infer_numeric_types: a column mixing int and float is written as one double key.
    nx.write_graphml(_flat_copy(graph), buffer, encoding="utf-8", infer_numeric_types=True)
    return buffer.getvalue()


def _batched_lines(lines: Iterator[str]) -> Iterator[bytes]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= _CHUNK:
            yield ("\n".join(batch) + "\n").encode("utf-8")
            batch = []
    if batch:
        yield ("\n".join(batch) + "\n").encode("utf-8")


def iter_graphml(graph: nx.MultiDiGraph) -> Iterator[bytes]:
    """``to_graphml`` as chunks of UTF-8 lines."""
    yield to_graphml(graph)


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 (UTF-8); node labels are entity names, ids entity ids, dated edges have time
    intervals (``mode="dynamic"``, ``timeformat="date"``)."""
    buffer = io.BytesIO()
    nx.write_gexf(_flat_copy(graph, gephi=True), buffer, encoding="utf-8")
    return buffer.getvalue()


def iter_gexf(graph: nx.MultiDiGraph) -> Iterator[bytes]:
    """``to_gexf`` as chunks of UTF-8 lines."""
    lines = nx.generate_gexf(_flat_copy(graph, gephi=True), encoding="utf-8")
    yield from _batched_lines(lines)


def to_node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """JSON-ready node-link data: ``nodes`` with ``id``, ``edges`` with source, target, key."""
    data: dict[str, Any] = nx.node_link_data(
        graph, source="source", target="target", name="id", key="key", edges="edges"
    )
    return data


def iter_node_link(graph: nx.MultiDiGraph) -> Iterator[bytes]:
    """``to_node_link`` serialised as UTF-8 JSON, a chunk of records at a time."""
    head = {"directed": True, "multigraph": True, "graph": dict(graph.graph)}
    yield json.dumps(head, ensure_ascii=False, default=str)[:-1].encode("utf-8")
    yield b', "nodes": ['
    records = ({**data, "id": node} for node, data in graph.nodes(data=True))
    yield from _json_records(records)
    yield b'], "edges": ['
    edges = (
        {**data, "source": u, "target": v, "key": key}
        for u, v, key, data in graph.edges(keys=True, data=True)
    )
    yield from _json_records(edges)
    yield b"]}"


def _json_records(records: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    batch: list[str] = []
    first = True
    for record in records:
        batch.append(json.dumps(record, ensure_ascii=False, default=str))
        if len(batch) >= _CHUNK:
            yield (("" if first else ",") + ",".join(batch)).encode("utf-8")
            first, batch = False, []
    if batch:
        yield (("" if first else ",") + ",".join(batch)).encode("utf-8")


def to_cytoscape(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape.js elements JSON: ``{"elements": {"nodes": [{"data": …}], "edges": […]}}``.

    Node data carry ``id`` (entity id), ``label`` (its name) and the node attributes; edge
    data carry ``id`` (relation key), ``source``, ``target``, ``label`` (relation) and the edge
    attributes. (``networkx.cytoscape_data`` would overwrite the entities' ``name``.)
    """
    nodes = [
        {"data": {**data, "id": node, "label": data.get("name", node)}}
        for node, data in graph.nodes(data=True)
    ]
    edges = [
        {"data": {**data, "id": key, "source": u, "target": v, "label": data.get("relation")}}
        for u, v, key, data in graph.edges(keys=True, data=True)
    ]
    return {
        "data": dict(graph.graph),
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }


def iter_nodes_csv(graph: nx.MultiDiGraph) -> Iterator[bytes]:
    """nodes.csv: one row per entity, columns ``NODE_CSV_COLUMNS``; lists are JSON text."""
    rows = (
        [node, *(_cell(data.get(column)) for column in NODE_CSV_COLUMNS[1:])]
        for node, data in graph.nodes(data=True)
    )
    yield from _csv_chunks(NODE_CSV_COLUMNS, rows)


def iter_edges_csv(graph: nx.MultiDiGraph) -> Iterator[bytes]:
    """edges.csv: one row per edge (source → target), columns ``EDGE_CSV_COLUMNS``; the
    evidence list is JSON text."""
    rows = (
        [key, u, v, *(_cell(data.get(column)) for column in EDGE_CSV_COLUMNS[3:])]
        for u, v, key, data in graph.edges(keys=True, data=True)
    )
    yield from _csv_chunks(EDGE_CSV_COLUMNS, rows)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _csv_chunks(header: tuple[str, ...], rows: Iterator[list[str]]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for count, row in enumerate(rows, start=1):
        writer.writerow(row)
        if count % _CHUNK == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")
