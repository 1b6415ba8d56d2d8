"""GET /paths: shortest paths between two entities, each hop with its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc.api.deps import DeadlineDep, EvidenceLimitDep, FilterDep, GraphDep
from graphsvc.api.models import EntityOut, PathList, PathOut, hop_out, node_out, problems
from graphsvc.graph.paths import shortest_paths

__all__ = ["router"]

router = APIRouter(tags=["paths"])


@router.get("/paths", response_model=PathList, responses=problems(404, 422, 503))
def get_paths(
    graph: GraphDep,
    edge_filter: FilterDep,
    deadline: DeadlineDep,
    evidence_limit: EvidenceLimitDep,
    source: Annotated[str, Query(description="Entity id to start from.", examples=["Q15031"])],
    target: Annotated[str, Query(description="Entity id to reach.", examples=["Q7747"])],
    max_hops: Annotated[int, Query(ge=1, le=6, description="Longest path considered.")] = 4,
    max_paths: Annotated[int, Query(ge=1, le=100, description="Most paths returned.")] = 10,
) -> PathList:
    """All shortest paths (fewest hops) from ``source`` to ``target`` walking edges either
    way, under the filters. A hop is the best-evidenced edge between two consecutive
    entities, in its stored direction, with ``parallel`` counting the others."""
    result = shortest_paths(
        graph, source, target, edge_filter, max_hops=max_hops, max_paths=max_paths,
        deadline=deadline,
    )
    items = [
        PathOut(
            nodes=nodes,
            edges=[
                hop_out(hop.source, hop.target, hop.key,
                        graph.edges[hop.source, hop.target, hop.key], hop.parallel,
                        evidence_limit)
                for hop in hops
            ],
        )
        for nodes, hops in zip(result.paths, result.hops, strict=True)
    ]
    on_paths = dict.fromkeys(node for nodes in result.paths for node in nodes)
    entities: list[EntityOut] = [node_out(node, graph.nodes[node]) for node in on_paths]
    return PathList(
        source=source,
        target=target,
        length=len(result.paths[0]) - 1 if result.paths else None,
        items=items,
        entities=entities,
        truncated=result.truncated,
    )
