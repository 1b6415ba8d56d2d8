"""GET /timeline: events per month (or year) between two actors, or one actor and everyone."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from graphsvc import query
from graphsvc.api.deps import DeadlineDep, FilterDep, GraphDep
from graphsvc.api.models import Timeline, problems

__all__ = ["router"]

router = APIRouter(tags=["timeline"])


@router.get("/timeline", response_model=Timeline, responses=problems(404, 422, 503))
def get_timeline(
    graph: GraphDep,
    edge_filter: FilterDep,
    deadline: DeadlineDep,
    source: Annotated[str, Query(description="Entity id of one actor.", examples=["Q15031"])],
    target: Annotated[
        str | None, Query(description="Entity id of the other actor; omit for everyone.")
    ] = None,
    granularity: Annotated[Literal["month", "year"], Query()] = "month",
) -> Timeline:
    """The conflict/cooperation curve: per period, events between the two (either direction)
    with counts per quad class and summed Goldstein score. Standing facts and events dated
    less precisely than the granularity are left out."""
    return query.timeline(graph, source, target, edge_filter, granularity, deadline)
