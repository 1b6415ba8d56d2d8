"""GET /events: relations in date order with the shared filters, paged by cursor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc.api.deps import DeadlineDep, EvidenceLimitDep, FilterDep, GraphDep
from graphsvc.api.models import EventList, edge_out, problems
from graphsvc.errors import BadInput
from graphsvc.graph.events import list_events

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
    page_size: Annotated[int, Query(ge=1, le=1000)] = 100,
    page_token: Annotated[
        str | None, Query(max_length=2000, description="next_page_token of the previous page.")
    ] = None,
) -> EventList:
    """Edges passing the filters, oldest first (undated ones, such as standing facts, last),
    ``page_size`` at a time; follow ``next_page_token`` until it is null."""
    pair: tuple[str, str] | None = None
    if dyad is not None:
        parts = [part.strip() for part in dyad.split(",") if part.strip()]
        if len(parts) != 2:
            raise BadInput(
                "dyad must be two entity ids separated by a comma",
                errors=[{"field": "query.dyad", "message": "expected two ids: A,B",
                         "type": "value_error"}],
            )
        pair = (parts[0], parts[1])
    page = list_events(
        graph, edge_filter, source=source, target=target, dyad=pair,
        page_size=page_size, page_token=page_token, deadline=deadline,
    )
    return EventList(
        items=[edge_out(u, v, key, graph.edges[u, v, key], evidence_limit)
               for u, v, key in page.items],
        next_page_token=page.next_page_token,
    )
