"""GET /paths: shortest paths between two entities, each hop with its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc import query
from graphsvc.api.deps import DeadlineDep, EvidenceLimitDep, FilterDep, GraphDep
from graphsvc.api.models import PathList, problems

__all__ = ["router"]

router = APIRouter(tags=["paths"])


@router.get("/paths", response_model=PathList, responses=problems(404, 422, 503))
def get_paths(
    graph: GraphDep,
    edge_filter: FilterDep,
    deadline: DeadlineDep,
    evidence_limit: EvidenceLimitDep,
    source: Annotated[str, Query(description="Entity id to start from.", examples=["Q15031"])],
    target: Annotated[str, Query(description="Entity id to reach.", examples=["Q7747"])],
    max_hops: Annotated[
        int, Query(ge=1, le=query.MAX_HOPS, description="Longest path considered.")
    ] = 4,
    max_paths: Annotated[
        int, Query(ge=1, le=query.MAX_PATHS, description="Most paths returned.")
    ] = 10,
) -> PathList:
    """All shortest paths (fewest hops) from ``source`` to ``target`` walking edges either
    way, under the filters. A hop is the best-evidenced edge between two consecutive
    entities, in its stored direction, with ``parallel`` counting the others."""
    return query.paths(graph, source, target, edge_filter, max_hops=max_hops,
                       max_paths=max_paths, evidence_limit=evidence_limit, deadline=deadline)
