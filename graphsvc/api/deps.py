"""Request-scoped dependencies: the service, its settings, the graph snapshot, the edge
filter shared by every graph query, the query deadline, and write guards.

One snapshot per request: FastAPI resolves ``get_graph`` once per request and hands the same
object to every dependency and to the route, and routes never read ``service.graph`` again. A
document ingested mid-request swaps in a new frozen snapshot for later requests; this one keeps
reading the old, complete one, so no reader sees a half-applied document.
"""

from __future__ import annotations

from typing import Annotated, Literal, cast

import networkx as nx
from fastapi import Depends, Query, Request, Security
from fastapi.security import APIKeyHeader

from graphsvc import query
from graphsvc.api.auth import check_api_key
from graphsvc.api.errors import API_KEY_HEADER
from graphsvc.api.media import require_media
from graphsvc.errors import NotReady
from graphsvc.graph.deadline import Deadline
from graphsvc.graph.filters import EdgeFilter
from graphsvc.records import DATE_RULE, PARTIAL_DATE_PATTERN, Modality
from graphsvc.service import GraphService
from graphsvc.settings import MAX_EVIDENCE_LIMIT, Settings

__all__ = [
    "DeadlineDep",
    "EvidenceLimitDep",
    "ExportDeadlineDep",
    "FilterDep",
    "GraphDep",
    "ServiceDep",
    "SettingsDep",
    "edge_filter",
    "get_deadline",
    "get_evidence_limit",
    "get_export_deadline",
    "get_graph",
    "get_service",
    "get_settings",
    "require_api_key",
    "require_json",
]


def get_service(request: Request) -> GraphService:
    """The app's service; ``NotReady`` (503) while it is still loading (see ``lifecycle``)."""
    service = getattr(request.app.state, "service", None)
    if service is None:
        readiness = getattr(request.app.state, "readiness", None)
        raise NotReady(readiness.detail if readiness is not None else "The service is loading")
    return cast(GraphService, service)


def get_settings(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


ServiceDep = Annotated[GraphService, Depends(get_service)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_graph(service: ServiceDep) -> nx.MultiDiGraph:
    """The current immutable snapshot: one request sees one consistent graph."""
    return service.graph


GraphDep = Annotated[nx.MultiDiGraph, Depends(get_graph)]


def get_deadline(settings: SettingsDep) -> Deadline:
    """This request's budget for graph work: ``settings.query_timeout`` seconds from when its
    parameters were resolved. Traversals run in worker threads that cannot be cancelled, so the
    route passes it down and they stop themselves with ``QueryTimeout`` (503, E012)."""
    return Deadline.after(settings.query_timeout)


DeadlineDep = Annotated[Deadline, Depends(get_deadline)]


def get_export_deadline(settings: SettingsDep) -> Deadline:
    """The budget for building a whole-graph export: ``settings.export_timeout`` seconds."""
    return Deadline.after(settings.export_timeout)


ExportDeadlineDep = Annotated[Deadline, Depends(get_export_deadline)]


def get_evidence_limit(
    settings: SettingsDep,
    evidence_limit: Annotated[
        int | None,
        Query(ge=0, le=MAX_EVIDENCE_LIMIT,
              description="Evidence sentences per edge, the newest (default: the server's "
              "GRAPHSVC_EVIDENCE_LIMIT, 5 unless set); mentions counts them all and the "
              "edge's provenance pages through them."),
    ] = None,
) -> int:
    """How many evidence sentences each edge of a graph answer carries."""
    return query.evidence_limit(settings, evidence_limit)


EvidenceLimitDep = Annotated[int, Depends(get_evidence_limit)]

def edge_filter(
    relation: Annotated[
        list[str] | None,
        Query(description="Relation labels (repeat or comma-separate).", examples=["met_with"]),
    ] = None,
    cameo: Annotated[
        list[str] | None,
        Query(description="CAMEO codes or roots, matched as prefixes: 19 takes 190..196.",
              examples=["04"]),
    ] = None,
    plover: Annotated[
        list[str] | None, Query(description="PLOVER types, e.g. CONSULT.", examples=["CONSULT"])
    ] = None,
    since: Annotated[
        str | None,
        Query(description="Earliest event date, inclusive: YYYY[-MM[-DD]]. An event dated "
              f"less precisely is kept when its period overlaps. The {DATE_RULE}.",
              json_schema_extra={"pattern": PARTIAL_DATE_PATTERN}, examples=["2022-01-01"]),
    ] = None,
    until: Annotated[
        str | None,
        Query(description="Latest event date, inclusive: YYYY[-MM[-DD]].",
              json_schema_extra={"pattern": PARTIAL_DATE_PATTERN}, examples=["2022-12-31"]),
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="Lowest edge confidence, 0..1.")
    ] = None,
    include_negated: Annotated[
        bool | None,
        Query(description="Also negated and denied events (default: false; true with view=all)."),
    ] = None,
    modality: Annotated[
        list[Modality] | None,
        Query(description="Modalities events may have (default: asserted; with view=all, any). "
              "Standing facts pass whatever their modality."),
    ] = None,
    view: Annotated[
        Literal["asserted", "all"],
        Query(description="Shorthand: asserted (the default view) or all (every edge)."),
    ] = "asserted",
) -> EdgeFilter:
    """The filter every graph query takes; invalid combinations are a 422 naming the field.

    PLOVER types are a closed set (the ontology's), so an unknown one is a typo: 422. Relation
    labels stay open (an extractor may emit labels the ontology does not code), so an unknown
    label simply matches nothing."""
    return query.edge_filter(relation=relation, cameo=cameo, plover=plover, since=since,
                             until=until, min_confidence=min_confidence,
                             include_negated=include_negated, modality=modality, view=view)


FilterDep = Annotated[EdgeFilter, Depends(edge_filter)]


_api_key_header = APIKeyHeader(
    name=API_KEY_HEADER,
    auto_error=False,
    description="Needed for writes when GRAPHSVC_API_KEY is set.",
)


def require_api_key(
    settings: SettingsDep, key: Annotated[str | None, Security(_api_key_header)] = None
) -> None:
    """Guards writes; reads stay open. Constant-time comparison so timing leaks nothing
    (``auth.check_api_key``; ``auth.WriteGuardMiddleware`` has already checked once)."""
    check_api_key(key, settings.api_key)


def require_json(request: Request) -> None:
    """Writes take JSON only (UTF-8); anything else is a 415 rather than a confusing field
    error."""
    require_media(request.headers.get("content-type"))
