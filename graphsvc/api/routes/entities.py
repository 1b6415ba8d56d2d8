"""Entities: search, one entity with its activity, and its neighbourhood in the snapshot."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Response

from graphsvc import query
from graphsvc.api.deps import DeadlineDep, EvidenceLimitDep, FilterDep, GraphDep, SettingsDep
from graphsvc.api.models import EntityDetail, EntityList, Neighbourhood, problems

__all__ = ["GRAPH_FORMATS", "router"]

router = APIRouter(prefix="/entities", tags=["entities"])

GraphFormat = Literal["json", "graphml", "gexf", "node-link", "cytoscape"]
GRAPH_FORMATS: dict[str, str] = {
    "json": "application/json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "node-link": "application/vnd.graphsvc.node-link+json",
    "cytoscape": "application/vnd.cytoscape+json",
}
_BY_MEDIA_TYPE = {media: name for name, media in GRAPH_FORMATS.items()}


@router.get("", response_model=EntityList, responses=problems(422, 503))
def list_entities(
    graph: GraphDep,
    deadline: DeadlineDep,
    q: Annotated[
        str | None,
        Query(max_length=query.MAX_Q, description="Name or alias to find; case, accents and "
              "small typos are forgiven.", examples=["Xi Jinping"]),
    ] = None,
    type: Annotated[str | None, Query(description="PERSON, COUNTRY, ORG, ...")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-3.")] = None,
    limit: Annotated[int, Query(ge=1, le=query.MAX_SEARCH)] = 20,
) -> EntityList:
    """Entities matching ``q`` best first (exact name, alias, prefix, word prefix, substring,
    typo); without ``q``, the best-connected entities. Each hit carries its degree."""
    return query.search(graph, q, type=type, country=country, limit=limit, deadline=deadline)


@router.get("/{entity_id}", response_model=EntityDetail, responses=problems(404, 503))
def get_entity(entity_id: str, graph: GraphDep, deadline: DeadlineDep) -> EntityDetail:
    """Attributes, dated roles (leader_of …), degree, and counts of its events by type, year,
    quad class and role (default view: asserted, not negated)."""
    return query.entity(graph, entity_id, deadline)


@router.get(
    "/{entity_id}/neighbourhood",
    response_model=Neighbourhood,
    responses={
        **problems(404, 422, 503),
        200: {
            "description": "nodes + edges JSON, or the graph in the requested format",
            "content": {media: {} for media in GRAPH_FORMATS.values() if media != "json"},
        },
    },
)
def get_neighbourhood(
    entity_id: str,
    graph: GraphDep,
    settings: SettingsDep,
    edge_filter: FilterDep,
    deadline: DeadlineDep,
    evidence_limit: EvidenceLimitDep,
    depth: Annotated[
        int, Query(ge=1, le=query.MAX_DEPTH, description="Hops from the entity.")
    ] = 1,
    direction: Annotated[
        Literal["out", "in", "both"],
        Query(description="Follow edges out of (what it did), into (what was done to it), or "
              "both."),
    ] = "both",
    limit: Annotated[
        int | None, Query(ge=1, description="Most edges; capped by the server's limit.")
    ] = None,
    format: Annotated[
        GraphFormat | None,
        Query(description="Output format; otherwise chosen from the Accept header "
              "(application/graphml+xml, application/gexf+xml, ...), JSON by default."),
    ] = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Neighbourhood | Response:
    """The entity, the entities within ``depth`` hops, and the edges walked to reach them,
    best-evidenced first, at most ``limit`` edges (``truncated`` says when more qualified).
    The traversal stops at the limit, so a hub costs its limit, not its degree. Each edge
    carries its newest ``evidence_limit`` sentences, in every format."""
    sub, truncated = query.neighbourhood_graph(
        graph, entity_id, depth=depth, direction=direction, limit=limit,
        cap=settings.neighbourhood_limit, edge_filter=edge_filter, deadline=deadline)
    chosen = format or _from_accept(accept)
    if chosen != "json":
        content = query.graph_file(sub, entity_id, truncated, evidence_limit, chosen, deadline)
        return Response(content, media_type=GRAPH_FORMATS[chosen])
    return query.neighbourhood(sub, truncated, evidence_limit)


def _from_accept(accept: str | None) -> str:
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in _BY_MEDIA_TYPE:
            return _BY_MEDIA_TYPE[media]
    return "json"
