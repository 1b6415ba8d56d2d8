"""Entities: search, one entity, and its neighbourhood in the graph snapshot."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from graphsvc.api.deps import GraphDep, ServiceDep, SettingsDep
from graphsvc.api.models import (
    EntityDetail,
    EntityHit,
    EntityList,
    Neighbourhood,
    edge_out,
    node_out,
    problems,
)
from graphsvc.errors import NotFound
from graphsvc.graph.neighbourhood import asserted_edges, neighbourhood
from graphsvc.graph.search import search_entities

__all__ = ["router"]

router = APIRouter(prefix="/entities", tags=["entities"])


@router.get("", response_model=EntityList, responses=problems(422))
def list_entities(
    graph: GraphDep,
    q: Annotated[str | None, Query(max_length=200, description="Name or alias to find.")] = None,
    type: Annotated[str | None, Query(description="PERSON, COUNTRY, ORG, ...")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-3.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
) -> EntityList:
    """Entities matching ``q`` best first; without ``q``, the best-connected entities."""
    hits: list[tuple[str, float | None]]
    if q and q.strip():
        found = search_entities(graph, q.strip(), type=type, country=country, limit=limit)
        hits = [(node, score) for node, score in found]
    else:
        nodes = [
            node
            for node, attrs in graph.nodes(data=True)
            if (type is None or attrs.get("type") == type)
            and (country is None or attrs.get("country") == country)
        ]
        nodes.sort(key=lambda node: (-graph.degree(node), str(graph.nodes[node].get("name"))))
        hits = [(node, None) for node in nodes[:limit]]
    items = [
        EntityHit.model_validate({**node_out(node, graph.nodes[node]).model_dump(), "score": s})
        for node, s in hits
    ]
    return EntityList(items=items)


@router.get("/{entity_id}", response_model=EntityDetail, responses=problems(404))
def get_entity(entity_id: str, service: ServiceDep, graph: GraphDep) -> EntityDetail:
    entity = service.store.get_entity(entity_id)
    if entity is None:
        raise NotFound(f"No entity with id {entity_id!r}")
    degree = graph.degree(entity_id) if entity_id in graph else 0
    return EntityDetail.model_validate({**entity.model_dump(), "degree": degree})


@router.get(
    "/{entity_id}/neighbourhood", response_model=Neighbourhood, responses=problems(404, 422)
)
def get_neighbourhood(
    entity_id: str,
    graph: GraphDep,
    settings: SettingsDep,
    depth: Annotated[int, Query(ge=1, le=3, description="Hops from the entity.")] = 1,
    direction: Annotated[
        Literal["out", "in", "both"], Query(description="Follow edges out of, into, or both.")
    ] = "both",
    limit: Annotated[
        int | None, Query(ge=1, description="Most edges; capped by the server's limit.")
    ] = None,
    view: Annotated[
        Literal["asserted", "all"],
        Query(
            description="asserted: events that happened and standing facts; all: also "
            "negated, denied, future, hypothetical and reported events."
        ),
    ] = "asserted",
) -> Neighbourhood:
    """The entity, the entities within ``depth`` hops, and the edges walked to reach them."""
    if entity_id not in graph:
        raise NotFound(f"No entity with id {entity_id!r}")
    cap = settings.neighbourhood_limit
    sub, truncated = neighbourhood(
        graph,
        entity_id,
        depth=depth,
        direction=direction,
        limit=min(limit or cap, cap),
        edge_filter=asserted_edges if view == "asserted" else None,
    )
    return Neighbourhood(
        nodes=[node_out(node, attrs) for node, attrs in sub.nodes(data=True)],
        edges=[edge_out(u, v, key, attrs) for u, v, key, attrs in sub.edges(keys=True, data=True)],
        truncated=truncated,
    )
