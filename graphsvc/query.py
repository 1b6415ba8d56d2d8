"""The query layer: one plain function per API endpoint, over a graph snapshot (or the
service) and typed parameters, answering with the API's wire models.

The HTTP routes (``graphsvc.api.routes``) and local mode (``graphsvc.local``) both call these,
so an endpoint's logic, its parameter bounds and its checks (``dyad`` parsing, ``depth``
1..3 …) exist once. No FastAPI here: a route declares its parameters for OpenAPI with the
bounds defined below and FastAPI refuses what is out of them; the checks here give local mode
the same 422 (``BadInput`` naming ``query.<name>``) and are a no-op behind a route.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict
from typing import cast

import networkx as nx

from graphsvc import __version__
from graphsvc.api.models import (
    MAX_BATCH,
    MAX_PROVENANCE_PAGE,
    PROVENANCE_PAGE,
    BatchOut,
    DocumentDetail,
    DocumentIn,
    DocumentList,
    DocumentSummary,
    EdgeOut,
    EntityDetail,
    EntityHit,
    EntityList,
    EntityOut,
    EventList,
    Health,
    IngestOut,
    Neighbourhood,
    PathList,
    PathOut,
    ProvenanceOut,
    RelationList,
    Stats,
    Timeline,
    TimelineRowOut,
    edge_out,
    hop_out,
    node_out,
    provenance_out,
)
from graphsvc.errors import BadInput, NotFound, PayloadTooLarge
from graphsvc.graph.deadline import Deadline, ticked
from graphsvc.graph.events import edge_by_key, list_events
from graphsvc.graph.evidence import cap_evidence
from graphsvc.graph.export import (
    iter_edges_csv,
    iter_gexf,
    iter_graphml,
    iter_node_link,
    iter_nodes_csv,
    to_cytoscape,
    to_gexf,
    to_graphml,
    to_node_link,
)
from graphsvc.graph.filters import DEFAULT_FILTER, EdgeFilter, make_filter
from graphsvc.graph.neighbourhood import neighbourhood as walk_neighbourhood
from graphsvc.graph.paths import shortest_paths
from graphsvc.graph.search import search_entities
from graphsvc.graph.stats import entity_activity, graph_stats
from graphsvc.graph.timeline import GRANULARITIES, Granularity
from graphsvc.graph.timeline import timeline as timeline_rows
from graphsvc.ontology import event_types as ontology_event_types
from graphsvc.records import MODALITIES, Document, EventType
from graphsvc.service import GraphService
from graphsvc.settings import MAX_EVIDENCE_LIMIT, Settings
from graphsvc.store.base import Store

__all__ = [
    "DIRECTIONS", "EXPORT_WRITERS", "MAX_DEPTH", "MAX_DOC_OFFSET", "MAX_DOC_PAGE", "MAX_HOPS",
    "MAX_PAGE_SIZE", "MAX_PATHS", "MAX_Q", "MAX_SEARCH",
    "check_range", "delete_document", "document", "documents", "edge_filter",
    "entity", "event_types", "events", "evidence_limit", "export_chunks", "graph_file",
    "health", "ingest", "ingest_batch", "neighbourhood", "neighbourhood_graph", "parse_dyad",
    "paths", "provenance", "relation", "relations", "search", "split_listed", "stats",
    "timeline",
]

# Parameter bounds, declared by the routes (OpenAPI) and checked here for local mode.
MAX_Q = 200  # characters of a search
MAX_SEARCH = 500  # hits of one search
MAX_DEPTH = 3  # hops of a neighbourhood
MAX_HOPS = 6  # longest path considered
MAX_PATHS = 100  # most paths returned
MAX_PAGE_SIZE = 1000  # events per page, relations per list
MAX_DOC_PAGE = 1000  # documents per page
# SQLite's OFFSET is a signed 64-bit integer; beyond it the driver overflows (a 500).
MAX_DOC_OFFSET = 2**63 - 1
DIRECTIONS: tuple[str, ...] = ("out", "in", "both")


# -- parameters -------------------------------------------------------------------------------


def _refuse(name: str, message: str, kind: str = "value_error") -> BadInput:
    field = f"query.{name}"
    return BadInput(f"{field}: {message}",
                    errors=[{"field": field, "message": message, "type": kind}])


def check_range(name: str, value: int | None, low: int | None = None,
                high: int | None = None) -> None:
    """A route's ``ge``/``le`` bounds on an integer parameter (None: not given)."""
    if value is None:
        return
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"at least {low}" if high is None else f"between {low} and {high}"
        raise _refuse(name, f"must be {bounds}")


def _check_choice(name: str, value: str | None, allowed: Sequence[str]) -> None:
    if value is not None and value not in allowed:
        raise _refuse(name, f"must be one of {', '.join(allowed)}")


def split_listed(values: str | Iterable[str] | None) -> list[str] | None:
    """A list filter given repeated and/or comma-separated (``relation=a,b&relation=c``)."""
    if values is None:
        return None
    items = [values] if isinstance(values, str) else list(values)
    return [part for item in items for part in str(item).split(",") if part.strip()]


def edge_filter(
    *, relation: str | Iterable[str] | None = None, cameo: str | Iterable[str] | None = None,
    plover: str | Iterable[str] | None = None, since: str | None = None,
    until: str | None = None, min_confidence: float | None = None,
    include_negated: bool | None = None, modality: str | Iterable[str] | None = None,
    view: str | None = "asserted",
) -> EdgeFilter:
    """The filter every graph query takes, from its query parameters; a 422 names the field.

    A modality is one enum value each, never comma-split (the API's ``list[Modality]``)."""
    modalities = [modality] if isinstance(modality, str) else list(modality or [])
    for index, value in enumerate(modalities):
        if value not in MODALITIES:
            message = f"Input should be one of {', '.join(map(repr, MODALITIES))}"
            raise _refuse(f"modality.{index}", message, "enum")
    return make_filter(
        relations=split_listed(relation), cameo=split_listed(cameo),
        plover=split_listed(plover), since=since, until=until,
        min_confidence=None if min_confidence is None else float(min_confidence),
        include_negated=include_negated, modalities=modalities or None,
        view=view or "asserted")


def evidence_limit(settings: Settings, value: int | None) -> int:
    """Evidence sentences per edge of a graph answer: ``value``, or the server's default."""
    check_range("evidence_limit", value, 0, MAX_EVIDENCE_LIMIT)
    return settings.evidence_limit if value is None else value


def parse_dyad(dyad: str | None) -> tuple[str, str] | None:
    """``"A,B"`` as the pair of entity ids; anything but two ids is a 422."""
    if dyad is None:
        return None
    parts = [part.strip() for part in dyad.split(",") if part.strip()]
    if len(parts) != 2:
        raise BadInput("dyad must be two entity ids separated by a comma",
                       errors=[{"field": "query.dyad", "message": "expected two ids: A,B",
                                "type": "value_error"}])
    return parts[0], parts[1]


def _edge_ref(graph: nx.MultiDiGraph, key: str) -> tuple[str, str, str]:
    ref = edge_by_key(graph, key)
    if ref is None:
        raise NotFound(f"No relation with key {key!r}")
    return ref


def _known(graph: nx.MultiDiGraph, entity_id: str) -> None:
    if entity_id not in graph:
        raise NotFound(f"No entity with id {entity_id!r}")


# -- reads ------------------------------------------------------------------------------------


def health(service: GraphService) -> Health:
    counts = service.store.counts()
    return Health(version=__version__, documents=counts.get("documents", 0),
                  entities=counts.get("entities", 0), relations=counts.get("relations", 0))


def search(graph: nx.MultiDiGraph, q: str | None, *, type: str | None, country: str | None,
           limit: int, deadline: Deadline) -> EntityList:
    """Entities matching ``q`` best first; without ``q`` the best-connected ones."""
    check_range("limit", limit, 1, MAX_SEARCH)
    if q is not None:
        check_range("q", len(q), 0, MAX_Q)
    hits: list[tuple[str, float | None]]
    if q and q.strip():
        found = search_entities(graph, q.strip(), type=type, country=country, limit=limit,
                                deadline=deadline)
        hits = [(node, score) for node, score in found]
    else:
        nodes = [node for node, attrs in ticked(graph.nodes(data=True), deadline)
                 if (type is None or attrs.get("type") == type)
                 and (country is None or attrs.get("country") == country)]
        nodes.sort(key=lambda node: (-graph.degree(node), str(graph.nodes[node].get("name"))))
        hits = [(node, None) for node in nodes[:limit]]
    return EntityList(items=[
        EntityHit.model_validate({**graph.nodes[node], "id": node, "score": score,
                                  "degree": graph.degree(node)})
        for node, score in hits])


def entity(graph: nx.MultiDiGraph, entity_id: str, deadline: Deadline) -> EntityDetail:
    """Attributes, degree and the default view's activity counts of one entity."""
    _known(graph, entity_id)
    return EntityDetail.model_validate({
        **graph.nodes[entity_id], "id": entity_id, "degree": graph.degree(entity_id),
        "activity": entity_activity(graph, entity_id, DEFAULT_FILTER, deadline=deadline)})


def neighbourhood_graph(
    graph: nx.MultiDiGraph, entity_id: str, *, depth: int, direction: str, limit: int | None,
    cap: int, edge_filter: EdgeFilter, deadline: Deadline,
) -> tuple[nx.MultiDiGraph, bool]:
    """The subgraph within ``depth`` hops and whether ``limit`` (at most ``cap``) cut it."""
    check_range("depth", depth, 1, MAX_DEPTH)
    _check_choice("direction", direction, DIRECTIONS)
    check_range("limit", limit, 1)
    _known(graph, entity_id)
    return walk_neighbourhood(graph, entity_id, depth=depth, direction=direction,
                              limit=min(limit or cap, cap), edge_filter=edge_filter,
                              deadline=deadline)


def neighbourhood(sub: nx.MultiDiGraph, truncated: bool, evidence_limit: int) -> Neighbourhood:
    """``neighbourhood_graph``'s answer on the wire (JSON)."""
    return Neighbourhood(
        nodes=[node_out(node, attrs) for node, attrs in sub.nodes(data=True)],
        edges=[edge_out(u, v, key, attrs, evidence_limit)
               for u, v, key, attrs in sub.edges(keys=True, data=True)],
        truncated=truncated)


def graph_file(sub: nx.MultiDiGraph, center: str, truncated: bool, evidence_limit: int,
               format: str, deadline: Deadline) -> bytes:
    """``neighbourhood_graph``'s answer as a file: graphml, gexf, node-link or cytoscape."""
    sub.graph.update({"center": center, "truncated": truncated})
    cap_evidence(sub, evidence_limit)
    if format == "graphml":
        return to_graphml(sub, deadline=deadline)
    if format == "gexf":
        return to_gexf(sub, deadline=deadline)
    data = (to_cytoscape(sub, deadline=deadline) if format == "cytoscape"
            else to_node_link(sub, deadline=deadline))
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


def paths(graph: nx.MultiDiGraph, source: str, target: str, edge_filter: EdgeFilter, *,
          max_hops: int, max_paths: int, evidence_limit: int, deadline: Deadline) -> PathList:
    """All shortest paths between two entities, each hop with its evidence."""
    check_range("max_hops", max_hops, 1, MAX_HOPS)
    check_range("max_paths", max_paths, 1, MAX_PATHS)
    result = shortest_paths(graph, source, target, edge_filter, max_hops=max_hops,
                            max_paths=max_paths, deadline=deadline)
    items = [
        PathOut(nodes=nodes, edges=[
            hop_out(hop.source, hop.target, hop.key,
                    graph.edges[hop.source, hop.target, hop.key], hop.parallel, evidence_limit)
            for hop in hops])
        for nodes, hops in zip(result.paths, result.hops, strict=True)
    ]
    on_paths = dict.fromkeys(node for nodes in result.paths for node in nodes)
    entities: list[EntityOut] = [node_out(node, graph.nodes[node]) for node in on_paths]
    return PathList(source=source, target=target,
                    length=len(result.paths[0]) - 1 if result.paths else None, items=items,
                    entities=entities, truncated=result.truncated)


def events(graph: nx.MultiDiGraph, edge_filter: EdgeFilter, *, source: str | None,
           target: str | None, dyad: str | None, page_size: int, page_token: str | None,
           evidence_limit: int, deadline: Deadline) -> EventList:
    """One page of the edges passing the filters, oldest first."""
    check_range("page_size", page_size, 1, MAX_PAGE_SIZE)
    page = list_events(graph, edge_filter, source=source, target=target, dyad=parse_dyad(dyad),
                       page_size=page_size, page_token=page_token, deadline=deadline)
    return EventList(items=[edge_out(u, v, key, graph.edges[u, v, key], evidence_limit)
                            for u, v, key in page.items],
                     next_page_token=page.next_page_token)


def timeline(graph: nx.MultiDiGraph, source: str, target: str | None, edge_filter: EdgeFilter,
             granularity: str, deadline: Deadline) -> Timeline:
    """Events per period between two actors (or one and everyone)."""
    _check_choice("granularity", granularity, GRANULARITIES)
    checked = cast(Granularity, granularity)  # local mode passes what its caller gave
    rows = timeline_rows(graph, source, target, edge_filter, checked, deadline=deadline)
    return Timeline(source=source, target=target, granularity=checked,
                    items=[TimelineRowOut.model_validate(asdict(row)) for row in rows])


def relations(graph: nx.MultiDiGraph, *, relation: str | None, source: str | None,
              target: str | None, limit: int, evidence_limit: int,
              deadline: Deadline) -> RelationList:
    """Edges in graph order; a symmetric edge matches ``source``/``target`` from either end,
    since its stored direction is arbitrary."""
    check_range("limit", limit, 1, MAX_PAGE_SIZE)
    items: list[EdgeOut] = []
    # A label or end that matches little walks the whole snapshot: bounded like other queries.
    for u, v, key, attrs in ticked(graph.edges(keys=True, data=True), deadline):
        if relation is not None and attrs.get("relation") != relation:
            continue
        ends = [(u, v), (v, u)] if attrs.get("symmetric") else [(u, v)]
        if not any((source is None or s == source) and (target is None or t == target)
                   for s, t in ends):
            continue
        if len(items) == limit:
            return RelationList(items=items, truncated=True)
        items.append(edge_out(u, v, key, attrs, evidence_limit))
    return RelationList(items=items, truncated=False)


def relation(graph: nx.MultiDiGraph, key: str, evidence_limit: int) -> EdgeOut:
    ref = _edge_ref(graph, key)
    return edge_out(*ref, graph.edges[ref], evidence_limit)


def provenance(graph: nx.MultiDiGraph, store: Store, key: str, *, offset: int | None,
               limit: int | None, evidence_limit: int) -> ProvenanceOut:
    """One page of the documents and sentences behind a relation."""
    check_range("offset", offset, 0)
    check_range("limit", limit, 1, MAX_PROVENANCE_PAGE)
    ref = _edge_ref(graph, key)
    return provenance_out(*ref, graph.edges[ref], store.get_document, offset=offset or 0,
                          limit=PROVENANCE_PAGE if limit is None else limit,
                          evidence_limit=evidence_limit)


def stats(graph: nx.MultiDiGraph, store: Store, deadline: Deadline) -> Stats:
    counts = store.counts()
    return Stats.model_validate({**graph_stats(graph, deadline=deadline),
                                 "documents": counts.get("documents", 0),
                                 "evidence": counts.get("evidence", 0)})


def event_types() -> list[EventType]:
    return ontology_event_types()


def documents(store: Store, *, offset: int, limit: int) -> DocumentList:
    check_range("offset", offset, 0, MAX_DOC_OFFSET)
    check_range("limit", limit, 1, MAX_DOC_PAGE)
    docs = store.list_documents(offset=offset, limit=limit)
    return DocumentList(items=[DocumentSummary(**d.model_dump(exclude={"text"}), chars=len(d.text))
                               for d in docs], offset=offset, limit=limit)


def document(store: Store, doc_id: str) -> DocumentDetail:
    """The text and what was read from it (relations carry this document's evidence only)."""
    doc = store.get_document(doc_id)
    extraction = store.document_extraction(doc_id) if doc is not None else None
    if doc is None or extraction is None:
        raise NotFound(f"No document with id {doc_id!r}")
    return DocumentDetail(
        **doc.model_dump(), content_hash=doc.content_hash,
        entities=[EntityOut.model_validate(e.model_dump()) for e in extraction.entities],
        relations=[edge_out(r.source, r.target, r.key, r.model_dump())
                   for r in extraction.relations])


def _cytoscape_json(graph: nx.MultiDiGraph, *, deadline: Deadline | None = None) -> Iterator[bytes]:
    yield json.dumps(to_cytoscape(graph, deadline=deadline), ensure_ascii=False,
                     default=str).encode("utf-8")


ExportWriter = Callable[..., Iterator[bytes]]
EXPORT_WRITERS: dict[str, ExportWriter] = {
    "graphml": iter_graphml, "gexf": iter_gexf, "json": iter_node_link,
    "node-link": iter_node_link, "cytoscape": _cytoscape_json, "nodes.csv": iter_nodes_csv,
    "edges.csv": iter_edges_csv,
}
"""Whole-graph exports by the name under ``GET /export/``."""


def export_chunks(graph: nx.MultiDiGraph, format: str, deadline: Deadline) -> Iterator[bytes]:
    """The whole graph in ``format`` as chunks, built lazily (a route streams them)."""
    return EXPORT_WRITERS[format](graph, deadline=deadline)


# -- writes -----------------------------------------------------------------------------------


def ingest(service: GraphService, body: DocumentIn) -> IngestOut:
    result = service.ingest(Document.model_validate(body.model_dump()))
    return IngestOut.model_validate(asdict(result))


def ingest_batch(service: GraphService, bodies: Sequence[DocumentIn]) -> BatchOut:
    """All or nothing: see ``GraphService.ingest_many``."""
    if len(bodies) > MAX_BATCH:
        raise PayloadTooLarge(f"A batch holds at most {MAX_BATCH} documents, got {len(bodies)}")
    results = service.ingest_many(Document.model_validate(d.model_dump()) for d in bodies)
    return BatchOut(items=[IngestOut.model_validate(asdict(r)) for r in results])


def delete_document(service: GraphService, doc_id: str) -> None:
    if not service.delete_document(doc_id):
        raise NotFound(f"No document with id {doc_id!r}")
