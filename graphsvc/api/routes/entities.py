"""Entities: search, one entity with its activity, and its neighbourhood in the snapshot."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

import networkx as nx
from fastapi import APIRouter, Header, Query, Response

from graphsvc.api.deps import DeadlineDep, EvidenceLimitDep, FilterDep, GraphDep, SettingsDep
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
from graphsvc.graph.deadline import Deadline, ticked
from graphsvc.graph.evidence import cap_evidence
from graphsvc.graph.export import to_cytoscape, to_gexf, to_graphml, to_node_link
from graphsvc.graph.filters import DEFAULT_FILTER
from graphsvc.graph.neighbourhood import neighbourhood
from graphsvc.graph.search import search_entities
from graphsvc.graph.stats import entity_activity

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
        Query(max_length=200, description="Name or alias to find; case, accents and small "
              "typos are forgiven.", examples=["Xi Jinping"]),
    ] = None,
    type: Annotated[str | None, Query(description="PERSON, COUNTRY, ORG, ...")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-3.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
) -> EntityList:
    """Entities matching ``q`` best first (exact name, alias, prefix, word prefix, substring,
    typo); without ``q``, the best-connected entities. Each hit carries its degree."""
    hits: list[tuple[str, float | None]]
    if q and q.strip():
        found = search_entities(
            graph, q.strip(), type=type, country=country, limit=limit, deadline=deadline
        )
        hits = [(node, score) for node, score in found]
    else:
        nodes = [
            node
            for node, attrs in ticked(graph.nodes(data=True), deadline)
            if (type is None or attrs.get("type") == type)
            and (country is None or attrs.get("country") == country)
        ]
        nodes.sort(key=lambda node: (-graph.degree(node), str(graph.nodes[node].get("name"))))
        hits = [(node, None) for node in nodes[:limit]]
    items = [
        EntityHit.model_validate(
            {**graph.nodes[node], "id": node, "score": score, "degree": graph.degree(node)}
        )
        for node, score in hits
    ]
    return EntityList(items=items)


@router.get("/{entity_id}", response_model=EntityDetail, responses=problems(404, 503))
def get_entity(entity_id: str, graph: GraphDep, deadline: DeadlineDep) -> EntityDetail:
    """Attributes, dated roles (leader_of …), degree, and counts of its events by type, year,
    quad class and role (default view: asserted, not negated)."""
    if entity_id not in graph:
        raise NotFound(f"No entity with id {entity_id!r}")
    return EntityDetail.model_validate(
        {
            **graph.nodes[entity_id],
            "id": entity_id,
            "degree": graph.degree(entity_id),
            "activity": entity_activity(graph, entity_id, DEFAULT_FILTER, deadline=deadline),
        }
    )


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
    depth: Annotated[int, Query(ge=1, le=3, description="Hops from the entity.")] = 1,
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
    if entity_id not in graph:
        raise NotFound(f"No entity with id {entity_id!r}")
    cap = settings.neighbourhood_limit
    sub, truncated = neighbourhood(
        graph,
        entity_id,
        depth=depth,
        direction=direction,
        limit=min(limit or cap, cap),
        edge_filter=edge_filter,
        deadline=deadline,
    )
    chosen = format or _from_accept(accept)
    if chosen != "json":
        sub.graph.update({"center": entity_id, "truncated": truncated})
        return _graph_response(cap_evidence(sub, evidence_limit), chosen, deadline)
    return Neighbourhood(
        nodes=[node_out(node, attrs) for node, attrs in sub.nodes(data=True)],
        edges=[edge_out(u, v, key, attrs, evidence_limit)
               for u, v, key, attrs in sub.edges(keys=True, data=True)],
        truncated=truncated,
    )


def _from_accept(accept: str | None) -> str:
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in _BY_MEDIA_TYPE:
            return _BY_MEDIA_TYPE[media]
    return "json"


def _graph_response(graph: nx.MultiDiGraph, name: str, deadline: Deadline) -> Response:
    content: bytes
    if name == "graphml":
        content = to_graphml(graph, deadline=deadline)
    elif name == "gexf":
        content = to_gexf(graph, deadline=deadline)
    else:
        data: dict[str, Any] = (
            to_cytoscape(graph, deadline=deadline)
            if name == "cytoscape"
            else to_node_link(graph, deadline=deadline)
        )
        content = json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    return Response(content, media_type=GRAPH_FORMATS[name])
