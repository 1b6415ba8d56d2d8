"""Relations: edges of the graph snapshot by label and ends, one edge by key, its provenance."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc.api.deps import DeadlineDep, GraphDep, ServiceDep
from graphsvc.api.models import (
    EdgeOut,
    ProvenanceItem,
    ProvenanceOut,
    RelationList,
    edge_out,
    problems,
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
        items.append(edge_out(u, v, key, attrs))
    return RelationList(items=items, truncated=False)


@router.get("/{key}", response_model=EdgeOut, responses=problems(404))
def get_relation(key: str, graph: GraphDep) -> EdgeOut:
    """One edge by its relation key (``r_`` + 16 hex digits), with all its evidence."""
    ref = edge_by_key(graph, key)
    if ref is None:
        raise NotFound(f"No relation with key {key!r}")
    return edge_out(*ref, graph.edges[ref])


@router.get("/{key}/provenance", response_model=ProvenanceOut, responses=problems(404))
def get_provenance(key: str, graph: GraphDep, service: ServiceDep) -> ProvenanceOut:
    """Every document and sentence supporting the relation, with the sentence's character
    offsets in the document text and the document's title, date and URL."""
    ref = edge_by_key(graph, key)
    if ref is None:
        raise NotFound(f"No relation with key {key!r}")
    edge = edge_out(*ref, graph.edges[ref])
    documents = {}
    items: list[ProvenanceItem] = []
    for evidence in edge.evidence:
        if evidence.doc_id not in documents:
            documents[evidence.doc_id] = service.store.get_document(evidence.doc_id)
        doc = documents[evidence.doc_id]
        items.append(
            ProvenanceItem(
                **evidence.model_dump(),
                title=doc.title if doc else None,
                date=doc.date if doc else None,
                url=doc.url if doc else None,
            )
        )
    return ProvenanceOut(relation=edge, documents=len(documents), items=items)
