"""GET /export/<format>: the whole graph snapshot as a streamed file download.

Formats: GraphML, GEXF (dated edges as Gephi time intervals), node-link JSON, Cytoscape.js
JSON, and CSV as two files (``/export/nodes.csv``, ``/export/edges.csv``: one table each, so
spreadsheet tools and ``pandas.read_csv`` open them directly, no archive to unpack).

Building an export is bounded by ``settings.export_timeout`` (``ExportDeadlineDep``); the time the
client takes to download it is not (``stream_within`` pauses the deadline between chunks). The
first chunk is built before the response starts, so a timeout there is a proper 503 problem;
one later in the stream can only cut the connection, since the 200 status is already sent.
"""

from __future__ import annotations

import itertools

import networkx as nx
from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from graphsvc import query
from graphsvc.api.deps import ExportDeadlineDep, GraphDep
from graphsvc.api.models import problems
from graphsvc.graph.deadline import Deadline, stream_within

__all__ = ["router"]

router = APIRouter(prefix="/export", tags=["export"])


def _download(
    format: str, graph: nx.MultiDiGraph, deadline: Deadline, media_type: str, filename: str
) -> StreamingResponse:
    """``graph`` in ``format`` (``query.EXPORT_WRITERS``) as an attachment, built within
    ``deadline``."""
    stream = stream_within(query.export_chunks(graph, format, deadline), deadline)
    # Built here, in the route, so a query that is over its limit from the start still gets
    # its 503; the rest is built as the client reads.
    first = next(stream, None)
    return StreamingResponse(
        itertools.chain([] if first is None else [first], stream),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _doc(media_type: str, what: str) -> dict[int | str, dict[str, object]]:
    return {200: {"content": {media_type: {}}, "description": what}, **problems(503)}


@router.get("/graphml", response_class=StreamingResponse,
            responses=_doc("application/graphml+xml", "GraphML (networkx, yEd, Cytoscape)"))
def export_graphml(graph: GraphDep, deadline: ExportDeadlineDep) -> StreamingResponse:
    """GraphML; lists (aliases, roles, evidence) are JSON strings; edge ids are relation keys."""
    return _download("graphml", graph, deadline, "application/graphml+xml", "graphsvc.graphml")


@router.get("/gexf", response_class=StreamingResponse,
            responses=_doc("application/gexf+xml", "GEXF 1.2 (Gephi), dynamic"))
def export_gexf(graph: GraphDep, deadline: ExportDeadlineDep) -> StreamingResponse:
    """GEXF for Gephi: dated edges carry start/end (the event date's first and last day), so
    Gephi's timeline plays the events; undated standing facts are always present."""
    return _download("gexf", graph, deadline, "application/gexf+xml", "graphsvc.gexf")


@router.get("/json", response_class=StreamingResponse,
            responses=_doc("application/json", "node-link JSON"))
def export_json(graph: GraphDep, deadline: ExportDeadlineDep) -> StreamingResponse:
    """networkx node-link JSON: ``{nodes: [{id, …}], edges: [{source, target, key, …}]}``;
    ``networkx.node_link_graph(data, edges="edges")`` loads it back."""
    return _download("json", graph, deadline, "application/json", "graphsvc.json")


@router.get("/node-link", response_class=StreamingResponse,
            responses=_doc("application/json", "node-link JSON"), include_in_schema=True)
def export_node_link(graph: GraphDep, deadline: ExportDeadlineDep) -> StreamingResponse:
    """The same as ``/export/json``."""
    return _download("node-link", graph, deadline, "application/json", "graphsvc.json")


@router.get("/cytoscape", response_class=StreamingResponse,
            responses=_doc("application/vnd.cytoscape+json", "Cytoscape.js elements JSON"))
def export_cytoscape(graph: GraphDep, deadline: ExportDeadlineDep) -> StreamingResponse:
    """Cytoscape.js ``{elements: {nodes: [{data}], edges: [{data}]}}``."""
    return _download("cytoscape", graph, deadline, "application/vnd.cytoscape+json",
                     "graphsvc.cyjs")


@router.get("/nodes.csv", response_class=StreamingResponse,
            responses=_doc("text/csv", "one row per entity"))
def export_nodes_csv(graph: GraphDep, deadline: ExportDeadlineDep) -> StreamingResponse:
    """nodes.csv: id, name, type, country, sector, aliases, roles (lists as JSON text).
    Safe in a spreadsheet: text cells are quoted, and a text starting with = + - @, tab, CR,
    NUL or ' gets a leading ' (remove one to restore it); numbers are written bare."""
    return _download("nodes.csv", graph, deadline, "text/csv; charset=utf-8", "nodes.csv")


@router.get("/edges.csv", response_class=StreamingResponse,
            responses=_doc("text/csv", "one row per edge"))
def export_edges_csv(graph: GraphDep, deadline: ExportDeadlineDep) -> StreamingResponse:
    """edges.csv: key, source, target, relation, CAMEO/PLOVER/Goldstein, date, negated,
    modality, confidence, ..., evidence (JSON text). Text cells are neutralised against
    spreadsheet formulas as in nodes.csv; numbers, negative Goldstein scores included, are
    written bare."""
    return _download("edges.csv", graph, deadline, "text/csv; charset=utf-8", "edges.csv")
