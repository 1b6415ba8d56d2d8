"""GET /relations: edges of the graph snapshot filtered by label and ends."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc.api.deps import GraphDep
from graphsvc.api.models import EdgeOut, RelationList, edge_out, problems

__all__ = ["router"]

router = APIRouter(prefix="/relations", tags=["relations"])


@router.get("", response_model=RelationList, responses=problems(422))
def list_relations(
    graph: GraphDep,
    relation: Annotated[str | None, Query(description="Label, e.g. met_with.")] = None,
    source: Annotated[str | None, Query(description="Entity id of the actor.")] = None,
    target: Annotated[str | None, Query(description="Entity id of the one acted on.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> RelationList:
    """Edges in graph order. A symmetric edge (met_with) matches ``source``/``target`` from
    either end, since its stored direction is arbitrary."""
    items: list[EdgeOut] = []
    for u, v, key, attrs in graph.edges(keys=True, data=True):
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
