"""Local mode: the ``Client`` methods over a data directory, without a server.

``graphsvc.open("data")`` opens the SQLite store there (as ``graphsvc serve --data-dir data``
would) and answers each endpoint primitive of ``BaseClient`` by calling the same graph-layer
function the API route calls (``graphsvc.graph.paths.shortest_paths``,
``graph.events.list_events``, ``graph.timeline.timeline`` …) with the same filter
(``graph.filters.make_filter``), then shaping the answer with the API's wire models
(``graphsvc.api.models``, pydantic only). Results therefore equal the server's, byte for byte
for exports, and failures raise the same ``GraphsvcHTTPError`` subclasses with the same codes.
Each call reads one graph snapshot, like one request, and is bounded by
``settings.query_timeout`` as a request is (``QueryTimeout`` → the same 503 ``ServerError``, code
E012). spaCy loads on the first ``ingest``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
import pydantic

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
    Stats,
    Timeline,
    TimelineRowOut,
    edge_out,
    hop_out,
    node_out,
    provenance_out,
)
from graphsvc.client import BaseClient, error_from_problem
from graphsvc.errors import BadInput, GraphsvcError, NotFound, PayloadTooLarge
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
from graphsvc.graph.neighbourhood import neighbourhood
from graphsvc.graph.paths import shortest_paths
from graphsvc.graph.search import search_entities
from graphsvc.graph.stats import entity_activity, graph_stats
from graphsvc.graph.timeline import GRANULARITIES, timeline
from graphsvc.ontology import event_types
from graphsvc.records import MODALITIES, Document
from graphsvc.service import GraphService
from graphsvc.settings import MAX_EVIDENCE_LIMIT, Settings

__all__ = ["LocalClient", "open"]

_Model = TypeVar("_Model", bound=pydantic.BaseModel)
_T = TypeVar("_T")


@contextmanager
def _as_client_errors(instance: str) -> Iterator[None]:
    """Core errors become the client's typed exceptions, as if a server had answered the
    request for ``instance`` (its path)."""
    try:
        yield
    except GraphsvcError as error:
        raise error_from_problem(error.to_problem(instance=instance),
                                 status=error.status) from error


def _wire(model: pydantic.BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


def _check(name: str, value: Any, low: int | None = None, high: int | None = None) -> None:
    """The route's bounds on an integer query parameter, refused as the API refuses them."""
    if value is None:
        return
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"at least {low}" if high is None else f"between {low} and {high}"
        message = f"must be {bounds}"
        raise BadInput(f"query.{name}: {message}",
                       errors=[{"field": f"query.{name}", "message": message,
                                "type": "value_error"}])


def _choice(name: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        message = f"must be one of {', '.join(allowed)}"
        raise BadInput(f"query.{name}: {message}",
                       errors=[{"field": f"query.{name}", "message": message,
                                "type": "value_error"}])


def _listed(value: Any) -> list[str] | None:
    """A filter given as a string or a list, with comma-separated parts split as the API's
    repeated parameters are."""
    if value is None:
        return None
    values = [value] if isinstance(value, str) else list(value)
    return [part for item in values for part in str(item).split(",") if part.strip()]


def _edge_filter(params: dict[str, Any]) -> EdgeFilter:
    """``make_filter`` from the filter parameters, as ``graphsvc.api.deps.edge_filter``."""
    min_confidence = params.get("min_confidence")
    modality = params.get("modality")
    # Not comma-split: the API takes each modality as one enum value, item by item.
    modalities = [modality] if isinstance(modality, str) else modality
    for index, value in enumerate(modalities or []):
        if value not in MODALITIES:
            message = f"Input should be one of {', '.join(map(repr, MODALITIES))}"
            raise BadInput(f"query.modality.{index}: {message}",
                           errors=[{"field": f"query.modality.{index}", "message": message,
                                    "type": "enum"}])
    return make_filter(
        relations=_listed(params.get("relation")),
        cameo=_listed(params.get("cameo")),
        plover=_listed(params.get("plover")),
        since=params.get("since"),
        until=params.get("until"),
        min_confidence=None if min_confidence is None else float(min_confidence),
        include_negated=params.get("include_negated"),
        modalities=list(modalities) if modalities else None,
        view=params.get("view") or "asserted",
    )


def _body(model: type[_Model], data: Any, prefix: tuple[str | int, ...]) -> _Model:
    """A request body validated as the API validates it (422 naming ``body.<field>``)."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        errors = [{"field": ".".join(str(part) for part in (*prefix, *err["loc"])),
                   "message": err["msg"], "type": err["type"]}
                  for err in exc.errors(include_url=False, include_context=False)]
        raise BadInput("; ".join(f"{e['field']}: {e['message']}" for e in errors),
                       errors=errors) from None


class LocalClient(BaseClient):
    """``Client``'s methods on a ``GraphService`` in this process.

    Build it with ``graphsvc.open(data_dir)``; or pass a ready ``service`` (then it is not
    closed by ``close()``).
    """

    def __init__(self, settings: Settings, service: GraphService | None = None) -> None:
        self.settings = settings
        self._owns_service = service is None
        self.service = service if service is not None else GraphService(settings)

    def close(self) -> None:
        if self._owns_service:
            self.service.close()

    def __repr__(self) -> str:
        return f"graphsvc.open({str(self.settings.data_dir)!r})"

    def _deadline(self, export: bool = False) -> Deadline:
        """One call's budget, as ``graphsvc.api.deps.get_deadline`` (or, for a whole-graph
        export, ``get_export_deadline``) gives one request."""
        settings = self.settings
        return Deadline.after(settings.export_timeout if export else settings.query_timeout)

    def _evidence_limit(self, params: dict[str, Any]) -> int:
        """``evidence_limit`` as ``graphsvc.api.deps.get_evidence_limit`` reads it."""
        limit = params.get("evidence_limit")
        _check("evidence_limit", limit, 0, MAX_EVIDENCE_LIMIT)
        return self.settings.evidence_limit if limit is None else int(limit)

    def _run(self, instance: str, answer: Callable[[nx.MultiDiGraph], _T]) -> _T:
        """``answer`` on the current snapshot (read once, as one request does)."""
        with _as_client_errors(instance):
            return answer(self.service.graph)

    # -- primitives: reads ----------------------------------------------------------------

    def _health(self) -> dict[str, Any]:
        counts = self.service.store.counts()
        return _wire(Health(version=__version__, documents=counts.get("documents", 0),
                            entities=counts.get("entities", 0),
                            relations=counts.get("relations", 0)))

    def _entities(self, params: dict[str, Any]) -> dict[str, Any]:
        def answer(graph: nx.MultiDiGraph) -> dict[str, Any]:
            q, kind, country = (params.get(k) for k in ("q", "type", "country"))
            limit: int = params["limit"]
            _check("limit", limit, 1, 500)
            if q is not None and len(q) > 200:
                _check("q", len(q), 0, 200)
            hits: list[tuple[str, float | None]]
            deadline = self._deadline()
            if q and q.strip():
                found = search_entities(graph, q.strip(), type=kind, country=country,
                                        limit=limit, deadline=deadline)
                hits = [(node, score) for node, score in found]
            else:
                nodes = [node for node, attrs in ticked(graph.nodes(data=True), deadline)
                         if (kind is None or attrs.get("type") == kind)
                         and (country is None or attrs.get("country") == country)]
                nodes.sort(key=lambda n: (-graph.degree(n), str(graph.nodes[n].get("name"))))
                hits = [(node, None) for node in nodes[:limit]]
            return _wire(EntityList(items=[
                EntityHit.model_validate({**graph.nodes[node], "id": node, "score": score,
                                          "degree": graph.degree(node)})
                for node, score in hits]))

        return self._run("/entities", answer)

    def _entity(self, entity_id: str) -> dict[str, Any]:
        def answer(graph: nx.MultiDiGraph) -> dict[str, Any]:
            if entity_id not in graph:
                raise NotFound(f"No entity with id {entity_id!r}")
            return _wire(EntityDetail.model_validate({
                **graph.nodes[entity_id], "id": entity_id, "degree": graph.degree(entity_id),
                "activity": entity_activity(graph, entity_id, DEFAULT_FILTER,
                                            deadline=self._deadline())}))

        return self._run(f"/entities/{entity_id}", answer)

    def _subgraph(self, graph: nx.MultiDiGraph, entity_id: str, params: dict[str, Any],
                  deadline: Deadline) -> tuple[nx.MultiDiGraph, bool]:
        _check("depth", params.get("depth"), 1, 3)
        _choice("direction", params.get("direction"), ("out", "in", "both"))
        _check("limit", params.get("limit"), 1)
        edge_filter = _edge_filter(params)
        if entity_id not in graph:
            raise NotFound(f"No entity with id {entity_id!r}")
        cap = self.settings.neighbourhood_limit
        return neighbourhood(graph, entity_id, depth=params.get("depth") or 1,
                             direction=params.get("direction") or "both",
                             limit=min(params.get("limit") or cap, cap), edge_filter=edge_filter,
                             deadline=deadline)

    def _neighbourhood(self, entity_id: str, params: dict[str, Any]) -> dict[str, Any]:
        def answer(graph: nx.MultiDiGraph) -> dict[str, Any]:
            evidence_limit = self._evidence_limit(params)
            sub, truncated = self._subgraph(graph, entity_id, params, self._deadline())
            return _wire(Neighbourhood(
                nodes=[node_out(node, attrs) for node, attrs in sub.nodes(data=True)],
                edges=[edge_out(u, v, key, attrs, evidence_limit)
                       for u, v, key, attrs in sub.edges(keys=True, data=True)],
                truncated=truncated))

        return self._run(f"/entities/{entity_id}/neighbourhood", answer)

    def _neighbourhood_file(self, entity_id: str, params: dict[str, Any]) -> bytes:
        def answer(graph: nx.MultiDiGraph) -> bytes:
            deadline = self._deadline()
            evidence_limit = self._evidence_limit(params)
            sub, truncated = self._subgraph(graph, entity_id, params, deadline)
            sub.graph.update({"center": entity_id, "truncated": truncated})
            cap_evidence(sub, evidence_limit)
            name = params["format"]
            if name == "graphml":
                return to_graphml(sub, deadline=deadline)
            if name == "gexf":
                return to_gexf(sub, deadline=deadline)
            data = (to_cytoscape(sub, deadline=deadline) if name == "cytoscape"
                    else to_node_link(sub, deadline=deadline))
            return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")

        return self._run(f"/entities/{entity_id}/neighbourhood", answer)

    def _paths(self, params: dict[str, Any]) -> dict[str, Any]:
        def answer(graph: nx.MultiDiGraph) -> dict[str, Any]:
            _check("max_hops", params["max_hops"], 1, 6)
            _check("max_paths", params["max_paths"], 1, 100)
            evidence_limit = self._evidence_limit(params)
            source, target = params["source"], params["target"]
            result = shortest_paths(graph, source, target, _edge_filter(params),
                                    max_hops=params["max_hops"], max_paths=params["max_paths"],
                                    deadline=self._deadline())
            items = [
                PathOut(nodes=nodes, edges=[
                    hop_out(hop.source, hop.target, hop.key,
                            graph.edges[hop.source, hop.target, hop.key], hop.parallel,
                            evidence_limit)
                    for hop in hops])
                for nodes, hops in zip(result.paths, result.hops, strict=True)
            ]
            on_paths = dict.fromkeys(node for nodes in result.paths for node in nodes)
            return _wire(PathList(
                source=source, target=target,
                length=len(result.paths[0]) - 1 if result.paths else None, items=items,
                entities=[node_out(node, graph.nodes[node]) for node in on_paths],
                truncated=result.truncated))

        return self._run("/paths", answer)

    def _events(self, params: dict[str, Any]) -> dict[str, Any]:
        def answer(graph: nx.MultiDiGraph) -> dict[str, Any]:
            _check("page_size", params["page_size"], 1, 1000)
            evidence_limit = self._evidence_limit(params)
            edge_filter = _edge_filter(params)
            dyad = params.get("dyad")
            pair = tuple(dyad.split(",")) if dyad else None
            page = list_events(graph, edge_filter, source=params.get("source"),
                               target=params.get("target"),
                               dyad=(pair[0], pair[1]) if pair else None,
                               page_size=params["page_size"], page_token=params.get("page_token"),
                               deadline=self._deadline())
            return _wire(EventList(
                items=[edge_out(u, v, key, graph.edges[u, v, key], evidence_limit)
                       for u, v, key in page.items],
                next_page_token=page.next_page_token))

        return self._run("/events", answer)

    def _timeline(self, params: dict[str, Any]) -> dict[str, Any]:
        def answer(graph: nx.MultiDiGraph) -> dict[str, Any]:
            _choice("granularity", params["granularity"], GRANULARITIES)
            rows = timeline(graph, params["source"], params.get("target"), _edge_filter(params),
                            params["granularity"], deadline=self._deadline())
            return _wire(Timeline(
                source=params["source"], target=params.get("target"),
                granularity=params["granularity"],
                items=[TimelineRowOut.model_validate(asdict(row)) for row in rows]))

        return self._run("/timeline", answer)

    def _relation(self, key: str, params: dict[str, Any]) -> dict[str, Any]:
        def answer(graph: nx.MultiDiGraph) -> dict[str, Any]:
            evidence_limit = self._evidence_limit(params)
            ref = edge_by_key(graph, key)
            if ref is None:
                raise NotFound(f"No relation with key {key!r}")
            return _wire(edge_out(*ref, graph.edges[ref], evidence_limit))

        return self._run(f"/relations/{key}", answer)

    def _provenance(self, key: str, params: dict[str, Any]) -> dict[str, Any]:
        def answer(graph: nx.MultiDiGraph) -> dict[str, Any]:
            evidence_limit = self._evidence_limit(params)
            offset = params.get("offset")
            limit = params.get("limit")
            _check("offset", offset, 0)
            _check("limit", limit, 1, MAX_PROVENANCE_PAGE)
            ref = edge_by_key(graph, key)
            if ref is None:
                raise NotFound(f"No relation with key {key!r}")
            return _wire(provenance_out(
                *ref, graph.edges[ref], self.service.store.get_document,
                offset=offset or 0, limit=PROVENANCE_PAGE if limit is None else limit,
                evidence_limit=evidence_limit))

        return self._run(f"/relations/{key}/provenance", answer)

    def _stats(self) -> dict[str, Any]:
        def answer(graph: nx.MultiDiGraph) -> dict[str, Any]:
            counts = self.service.store.counts()
            return _wire(Stats.model_validate({**graph_stats(graph, deadline=self._deadline()),
                                               "documents": counts.get("documents", 0),
                                               "evidence": counts.get("evidence", 0)}))

        return self._run("/stats", answer)

    def _event_types(self) -> list[dict[str, Any]]:
        return [row.model_dump(mode="json") for row in event_types()]

    def _documents(self, params: dict[str, Any]) -> dict[str, Any]:
        offset, limit = params["offset"], params["limit"]
        with _as_client_errors("/documents"):
            _check("offset", offset, 0)
            _check("limit", limit, 1, 1000)
        docs = self.service.store.list_documents(offset=offset, limit=limit)
        return _wire(DocumentList(items=[
            DocumentSummary(**d.model_dump(exclude={"text"}), chars=len(d.text))
            for d in docs], offset=offset, limit=limit))

    def _document(self, doc_id: str) -> dict[str, Any]:
        with _as_client_errors(f"/documents/{doc_id}"):
            doc = self.service.store.get_document(doc_id)
            extraction = self.service.store.document_extraction(doc_id) if doc else None
            if doc is None or extraction is None:
                raise NotFound(f"No document with id {doc_id!r}")
        return _wire(DocumentDetail(
            **doc.model_dump(), content_hash=doc.content_hash,
            entities=[EntityOut.model_validate(e.model_dump()) for e in extraction.entities],
            relations=[edge_out(r.source, r.target, r.key, r.model_dump())
                       for r in extraction.relations]))

    def _export(self, format: str) -> bytes:
        def answer(graph: nx.MultiDiGraph) -> bytes:
            chunks: Iterator[bytes]
            deadline = self._deadline(export=True)
            if format == "cytoscape":
                return json.dumps(to_cytoscape(graph, deadline=deadline), ensure_ascii=False,
                                  default=str).encode("utf-8")
            writers = {"graphml": iter_graphml, "gexf": iter_gexf, "json": iter_node_link,
                       "node-link": iter_node_link, "nodes.csv": iter_nodes_csv,
                       "edges.csv": iter_edges_csv}
            chunks = writers[format](graph, deadline=deadline)
            return b"".join(chunks)

        return self._run(f"/export/{format}", answer)

    # -- primitives: writes ---------------------------------------------------------------

    def _ingest(self, body: dict[str, Any]) -> dict[str, Any]:
        with _as_client_errors("/documents"):
            doc = _body(DocumentIn, body, ("body",))
            result = self.service.ingest(Document.model_validate(doc.model_dump()))
        return _wire(IngestOut.model_validate(asdict(result)))

    def _ingest_batch(self, bodies: list[dict[str, Any]]) -> dict[str, Any]:
        with _as_client_errors("/documents/batch"):
            docs = [_body(DocumentIn, item, ("body", index)) for index, item in enumerate(bodies)]
            if len(docs) > MAX_BATCH:
                raise PayloadTooLarge(
                    f"A batch holds at most {MAX_BATCH} documents, got {len(docs)}")
            results = self.service.ingest_many(
                Document.model_validate(d.model_dump()) for d in docs)
        return _wire(BatchOut(items=[IngestOut.model_validate(asdict(r)) for r in results]))

    def _delete_document(self, doc_id: str) -> None:
        with _as_client_errors(f"/documents/{doc_id}"):
            if not self.service.delete_document(doc_id):
                raise NotFound(f"No document with id {doc_id!r}")



def open(data_dir: str | Path = "data", **settings: Any) -> LocalClient:
    """A ``LocalClient`` on the store in ``data_dir``; other ``Settings`` fields (e.g.
    ``spacy_model``) as keywords. Nothing is seeded: ingest with ``.ingest``."""
    return LocalClient(Settings(data_dir=Path(data_dir), **settings))
