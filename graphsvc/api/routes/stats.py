"""GET /stats: counts and distributions of the current graph snapshot."""

from __future__ import annotations

from fastapi import APIRouter

from graphsvc import query
from graphsvc.api.deps import DeadlineDep, GraphDep, ServiceDep
from graphsvc.api.models import Stats, problems

__all__ = ["router"]

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=Stats, responses=problems(503))
def get_stats(graph: GraphDep, service: ServiceDep, deadline: DeadlineDep) -> Stats:
    """Nodes, edges, events and facts; entities per type and country; edges per relation,
    quad class, modality and year; the date range; the best-connected entities."""
    return query.stats(graph, service.store, deadline)
