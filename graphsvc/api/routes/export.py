"""GET /export/<format>: the whole graph snapshot as a file download."""

from __future__ import annotations

import json

from fastapi import APIRouter, Response

from graphsvc.api.deps import GraphDep
from graphsvc.graph.export import to_gexf, to_graphml, to_node_link

__all__ = ["router"]

router = APIRouter(prefix="/export", tags=["export"])


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    "/graphml",
    response_class=Response,
    responses={200: {"content": {"application/graphml+xml": {}}, "description": "GraphML"}},
)
def export_graphml(graph: GraphDep) -> Response:
    return _download(to_graphml(graph), "application/graphml+xml", "graphsvc.graphml")


@router.get(
    "/gexf",
    response_class=Response,
    responses={200: {"content": {"application/gexf+xml": {}}, "description": "GEXF (Gephi)"}},
)
def export_gexf(graph: GraphDep) -> Response:
    return _download(to_gexf(graph), "application/gexf+xml", "graphsvc.gexf")


@router.get(
    "/json",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}, "description": "node-link JSON"}},
)
def export_json(graph: GraphDep) -> Response:
    content = json.dumps(to_node_link(graph), ensure_ascii=False).encode("utf-8")
    return _download(content, "application/json", "graphsvc.json")
