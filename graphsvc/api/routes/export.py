"""GET /export/<format>: the whole graph snapshot as a streamed file download.

Formats: GraphML, GEXF (dated edges as Gephi time intervals), node-link JSON, Cytoscape.js
JSON, and CSV as two files (``/export/nodes.csv``, ``/export/edges.csv``: one table each, so
spreadsheet tools and ``pandas.read_csv`` open them directly, no archive to unpack).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from graphsvc.api.deps import GraphDep
from graphsvc.graph.export import (
    iter_edges_csv,
    iter_gexf,
    iter_graphml,
    iter_node_link,
    iter_nodes_csv,
    to_cytoscape,
)

__all__ = ["router"]

router = APIRouter(prefix="/export", tags=["export"])


def _download(chunks: Iterator[bytes], media_type: str, filename: str) -> StreamingResponse:
    return StreamingResponse(
        chunks,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _doc(media_type: str, what: str) -> dict[int | str, dict[str, object]]:
    return {200: {"content": {media_type: {}}, "description": what}}


@router.get("/graphml", response_class=StreamingResponse,
            responses=_doc("application/graphml+xml", "GraphML (networkx, yEd, Cytoscape)"))
def export_graphml(graph: GraphDep) -> StreamingResponse:
    """GraphML; lists (aliases, roles, evidence) are JSON strings; edge ids are relation keys."""
    return _download(iter_graphml(graph), "application/graphml+xml", "graphsvc.graphml")


@router.get("/gexf", response_class=StreamingResponse,
            responses=_doc("application/gexf+xml", "GEXF 1.2 (Gephi), dynamic"))
def export_gexf(graph: GraphDep) -> StreamingResponse:
    """GEXF for Gephi: dated edges carry start/end (the event date's first and last day), so
    Gephi's timeline plays the events; undated standing facts are always present."""
    return _download(iter_gexf(graph), "application/gexf+xml", "graphsvc.gexf")


@router.get("/json", response_class=StreamingResponse,
            responses=_doc("application/json", "node-link JSON"))
def export_json(graph: GraphDep) -> StreamingResponse:
    """networkx node-link JSON: ``{nodes: [{id, …}], edges: [{source, target, key, …}]}``;
    ``networkx.node_link_graph(data, edges="edges")`` loads it back."""
    return _download(iter_node_link(graph), "application/json", "graphsvc.json")


@router.get("/node-link", response_class=StreamingResponse,
            responses=_doc("application/json", "node-link JSON"), include_in_schema=True)
def export_node_link(graph: GraphDep) -> StreamingResponse:
    """The same as ``/export/json``."""
    return _download(iter_node_link(graph), "application/json", "graphsvc.json")


@router.get("/cytoscape", response_class=StreamingResponse,
            responses=_doc("application/vnd.cytoscape+json", "Cytoscape.js elements JSON"))
def export_cytoscape(graph: GraphDep) -> StreamingResponse:
    """Cytoscape.js ``{elements: {nodes: [{data}], edges: [{data}]}}``."""
    body = json.dumps(to_cytoscape(graph), ensure_ascii=False, default=str).encode("utf-8")
    return _download(iter([body]), "application/vnd.cytoscape+json", "graphsvc.cyjs")


@router.get("/nodes.csv", response_class=StreamingResponse,
            responses=_doc("text/csv", "one row per entity"))
def export_nodes_csv(graph: GraphDep) -> StreamingResponse:
    """nodes.csv: id, name, type, country, sector, aliases, roles (lists as JSON text)."""
    return _download(iter_nodes_csv(graph), "text/csv; charset=utf-8", "nodes.csv")


@router.get("/edges.csv", response_class=StreamingResponse,
            responses=_doc("text/csv", "one row per edge"))
def export_edges_csv(graph: GraphDep) -> StreamingResponse:
    """edges.csv: key, source, target, relation, CAMEO/PLOVER/Goldstein, date, negated,
    modality, confidence, ..., evidence (JSON text)."""
    return _download(iter_edges_csv(graph), "text/csv; charset=utf-8", "edges.csv")
