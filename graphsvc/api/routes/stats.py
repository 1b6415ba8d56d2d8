"""GET /stats: counts and distributions of the current graph snapshot."""

from __future__ import annotations

from fastapi import APIRouter

from graphsvc.api.deps import DeadlineDep, GraphDep, ServiceDep
from graphsvc.api.models import Stats, problems
from graphsvc.graph.stats import graph_stats

__all__ = ["router"]

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=Stats, responses=problems(503))
def get_stats(graph: GraphDep, service: ServiceDep, deadline: DeadlineDep) -> Stats:
    """Nodes, edges, events and facts; entities per type and country; edges per relation,
    quad class, modality and year; the date range; the best-connected entities."""
    counts = service.store.counts()
    return Stats.model_validate(
        {
            **graph_stats(graph, deadline=deadline),
            "documents": counts.get("documents", 0),
            "evidence": counts.get("evidence", 0),
        }
    )
