"""Relations: edges of the graph snapshot by label and ends, one edge by key, its provenance."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc.api.deps import DeadlineDep, EvidenceLimitDep, GraphDep, ServiceDep
from graphsvc.api.models import (
    MAX_PROVENANCE_PAGE,
    PROVENANCE_PAGE,
    EdgeOut,
    ProvenanceOut,
    RelationList,
    edge_out,
    problems,
    provenance_out,
)
from graphsvc.errors import NotFound
from graphsvc.graph.deadline import ticked
from graphsvc.graph.events import edge_by_key

__all__ = ["router"]

router = APIRouter(prefix="/relations", tags=["relations"])


@router.get("", response_model=RelationList, responses=problems(422, 503))
def list_relations(
    graph: GraphDep,
    deadline: DeadlineDep,
    evidence_limit: EvidenceLimitDep,
    relation: Annotated[str | None, Query(description="Label, e.g. met_with.")] = None,
    source: Annotated[str | None, Query(description="Entity id of the actor.")] = None,
    target: Annotated[str | None, Query(description="Entity id of the one acted on.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> RelationList:
    """Edges in graph order. A symmetric edge (met_with) matches ``source``/``target`` from
    either end, since its stored direction is arbitrary."""
    items: list[EdgeOut] = []
    # A label or end that matches little walks the whole snapshot: bounded like other queries.
    for u, v, key, attrs in ticked(graph.edges(keys=True, data=True), deadline):
        if relation is not None and attrs.get("relation") != relation:
            continue
        ends = [(u, v), (v, u)] if attrs.get("symmetric") else [(u, v)]
        if not any(
            (source is None or s == source) and (target is None or t == target) for s, t in ends
        ):
            continue
        if len(items) == limit:
            return RelationList(items=items, truncated=True)
        items.append(edge_out(u, v, key, attrs, evidence_limit))
    return RelationList(items=items, truncated=False)


@router.get("/{key}", response_model=EdgeOut, responses=problems(404, 422))
def get_relation(key: str, graph: GraphDep, evidence_limit: EvidenceLimitDep) -> EdgeOut:
    """One edge by its relation key (``r_`` + 16 hex digits) with its newest
    ``evidence_limit`` sentences; its provenance has them all."""
    ref = edge_by_key(graph, key)
    if ref is None:
        raise NotFound(f"No relation with key {key!r}")
    return edge_out(*ref, graph.edges[ref], evidence_limit)


@router.get("/{key}/provenance", response_model=ProvenanceOut, responses=problems(404, 422))
def get_provenance(
    key: str,
    graph: GraphDep,
    service: ServiceDep,
    evidence_limit: EvidenceLimitDep,
    offset: Annotated[int, Query(ge=0, description="Sentences to skip (next_offset).")] = 0,
    limit: Annotated[
        int, Query(ge=1, le=MAX_PROVENANCE_PAGE, description="Most sentences on this page.")
    ] = PROVENANCE_PAGE,
) -> ProvenanceOut:
    """The documents and sentences supporting the relation, ``limit`` at a time in the order
    they were read (follow ``next_offset``), each with the sentence's character offsets in
    the document text and the document's title, date and URL; ``total`` counts them all."""
    ref = edge_by_key(graph, key)
    if ref is None:
        raise NotFound(f"No relation with key {key!r}")
    return provenance_out(*ref, graph.edges[ref], service.store.get_document, offset=offset,
                          limit=limit, evidence_limit=evidence_limit)
