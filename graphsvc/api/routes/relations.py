"""Relations: edges of the graph snapshot by label and ends, one edge by key, its provenance."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc import query
from graphsvc.api.deps import DeadlineDep, EvidenceLimitDep, GraphDep, ServiceDep
from graphsvc.api.models import (
    MAX_PROVENANCE_PAGE,
    PROVENANCE_PAGE,
    EdgeOut,
    ProvenanceOut,
    RelationList,
    problems,
)

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
    limit: Annotated[int, Query(ge=1, le=query.MAX_PAGE_SIZE)] = 100,
) -> RelationList:
    """Edges in graph order. A symmetric edge (met_with) matches ``source``/``target`` from
    either end, since its stored direction is arbitrary."""
    return query.relations(graph, relation=relation, source=source, target=target,
                           limit=limit, evidence_limit=evidence_limit, deadline=deadline)


@router.get("/{key}", response_model=EdgeOut, responses=problems(404, 422))
def get_relation(key: str, graph: GraphDep, evidence_limit: EvidenceLimitDep) -> EdgeOut:
    """One edge by its relation key (``r_`` + 16 hex digits) with its newest
    ``evidence_limit`` sentences; its provenance has them all."""
    return query.relation(graph, key, evidence_limit)


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
    return query.provenance(graph, service.store, key, offset=offset, limit=limit,
                            evidence_limit=evidence_limit)
