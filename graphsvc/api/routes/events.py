"""GET /events: relations in date order with the shared filters, paged by cursor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc import query
from graphsvc.api.deps import DeadlineDep, EvidenceLimitDep, FilterDep, GraphDep
from graphsvc.api.models import EventList, problems

__all__ = ["router"]

router = APIRouter(tags=["events"])


@router.get("/events", response_model=EventList, responses=problems(404, 422, 503))
def get_events(
    graph: GraphDep,
    edge_filter: FilterDep,
    deadline: DeadlineDep,
    evidence_limit: EvidenceLimitDep,
    source: Annotated[
        str | None, Query(description="Entity id of the actor (either end of a symmetric edge).")
    ] = None,
    target: Annotated[
        str | None, Query(description="Entity id of the one acted on (either end if symmetric).")
    ] = None,
    dyad: Annotated[
        str | None,
        Query(description="Two entity ids, comma-separated: edges between them either way.",
              examples=["Q15031,Q7747"]),
    ] = None,
    page_size: Annotated[int, Query(ge=1, le=query.MAX_PAGE_SIZE)] = 100,
    page_token: Annotated[
        str | None, Query(max_length=2000, description="next_page_token of the previous page.")
    ] = None,
) -> EventList:
    """Edges passing the filters, oldest first (undated ones, such as standing facts, last),
    ``page_size`` at a time; follow ``next_page_token`` until it is null."""
    return query.events(graph, edge_filter, source=source, target=target, dyad=dyad,
                        page_size=page_size, page_token=page_token,
                        evidence_limit=evidence_limit, deadline=deadline)
