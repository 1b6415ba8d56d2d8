"""Local mode: the one ``Client`` over a data directory, without a server.

``graphsvc.open("data")`` opens the SQLite store there (as ``graphsvc serve --data-dir data``
would) and gives a ``Client`` whose transport answers each endpoint call in this process, by
calling the same ``graphsvc.query`` function the API route calls, with the same parameter
checks. Answers are the route's wire models as JSON, so they equal the server's (byte for
byte for exports), and failures raise the same ``GraphsvcHTTPError`` subclasses with the same
codes. Each call reads one graph snapshot, like one request, and is bounded by
``settings.query_timeout`` as a request is (``QueryTimeout`` → the same 503 ``ServerError``,
code E012). spaCy loads on the first ``ingest``.

Why not run the FastAPI app in process (httpx's ASGI/WSGI transports, Starlette's
``TestClient``): that would import FastAPI into ``graphsvc.open`` and add an event-loop hop,
middleware and JSON encoding and decoding to every call, for no difference in the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import pydantic

from graphsvc import query
from graphsvc.api.models import DocumentIn
from graphsvc.client import (
    DELETE_DOCUMENT,
    DOCUMENT,
    DOCUMENTS,
    ENTITIES,
    ENTITY,
    EVENT_TYPES,
    EVENTS,
    EXPORT,
    FILTER_NAMES,
    HEALTH,
    INGEST,
    INGEST_BATCH,
    NEIGHBOURHOOD,
    NEIGHBOURHOOD_FILE,
    PATHS,
    PROVENANCE,
    RELATION,
    STATS,
    TIMELINE,
    Client,
    Endpoint,
    error_from_problem,
)
from graphsvc.errors import BadInput, GraphsvcError
from graphsvc.graph.deadline import Deadline
from graphsvc.graph.filters import EdgeFilter
from graphsvc.service import GraphService
from graphsvc.settings import Settings

__all__ = ["LocalClient", "LocalTransport", "open"]

_Model = TypeVar("_Model", bound=pydantic.BaseModel)
Params = Mapping[str, Any]


def _wire(model: pydantic.BaseModel) -> Any:
    return model.model_dump(mode="json")


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


class LocalTransport:
    """Endpoint calls answered by ``graphsvc.query`` on a ``GraphService`` in this process.

    A given ``service`` is used as is and not closed by ``close()``."""

    def __init__(self, settings: Settings, service: GraphService | None = None) -> None:
        self.settings = settings
        self._owns_service = service is None
        self.service = service if service is not None else GraphService(settings)

    def call(self, endpoint: Endpoint, arg: str | None, params: Params, body: Any) -> Any:
        try:
            return _HANDLERS[endpoint](self, arg, params, body)
        except GraphsvcError as error:
            # The problem a server would have answered for this request's path.
            problem = error.to_problem(instance=endpoint.url(arg, quote_arg=False))
            raise error_from_problem(problem, status=error.status) from error

    def close(self) -> None:
        if self._owns_service:
            self.service.close()

    def __repr__(self) -> str:
        return f"graphsvc.open({str(self.settings.data_dir)!r})"

    def deadline(self, export: bool = False) -> Deadline:
        """One call's budget, as ``graphsvc.api.deps.get_deadline`` (or, for a whole-graph
        export, ``get_export_deadline``) gives one request."""
        settings = self.settings
        return Deadline.after(settings.export_timeout if export else settings.query_timeout)

    def evidence_limit(self, params: Params) -> int:
        return query.evidence_limit(self.settings, params.get("evidence_limit"))


def _filter(params: Params) -> EdgeFilter:
    return query.edge_filter(**{name: params.get(name) for name in FILTER_NAMES})


# -- handlers: one an endpoint, each only unpacking parameters for its query function ---------

Handler = Callable[[LocalTransport, Any, Params, Any], Any]


def _entities(t: LocalTransport, _arg: None, p: Params, _body: None) -> Any:
    return _wire(query.search(t.service.graph, p.get("q"), type=p.get("type"),
                              country=p.get("country"), limit=p["limit"],
                              deadline=t.deadline()))


def _subgraph(t: LocalTransport, entity_id: str, p: Params) -> Any:
    """The neighbourhood subgraph, its ``truncated`` flag and the call's deadline."""
    deadline = t.deadline()
    sub, truncated = query.neighbourhood_graph(
        t.service.graph, entity_id, depth=p["depth"], direction=p["direction"],
        limit=p.get("limit"),
        cap=t.settings.neighbourhood_limit, edge_filter=_filter(p), deadline=deadline)
    return sub, truncated, deadline


def _neighbourhood(t: LocalTransport, entity_id: str, p: Params, _body: None) -> Any:
    evidence_limit = t.evidence_limit(p)
    sub, truncated, _deadline = _subgraph(t, entity_id, p)
    return _wire(query.neighbourhood(sub, truncated, evidence_limit))


def _neighbourhood_file(t: LocalTransport, entity_id: str, p: Params, _body: None) -> bytes:
    evidence_limit = t.evidence_limit(p)
    sub, truncated, deadline = _subgraph(t, entity_id, p)
    return query.graph_file(sub, entity_id, truncated, evidence_limit, p["format"], deadline)


def _paths(t: LocalTransport, _arg: None, p: Params, _body: None) -> Any:
    evidence_limit = t.evidence_limit(p)
    return _wire(query.paths(t.service.graph, p["source"], p["target"], _filter(p),
                             max_hops=p["max_hops"], max_paths=p["max_paths"],
                             evidence_limit=evidence_limit, deadline=t.deadline()))


def _events(t: LocalTransport, _arg: None, p: Params, _body: None) -> Any:
    evidence_limit = t.evidence_limit(p)
    return _wire(query.events(t.service.graph, _filter(p), source=p.get("source"),
                              target=p.get("target"), dyad=p.get("dyad"),
                              page_size=p["page_size"], page_token=p.get("page_token"),
                              evidence_limit=evidence_limit, deadline=t.deadline()))


def _timeline(t: LocalTransport, _arg: None, p: Params, _body: None) -> Any:
    return _wire(query.timeline(t.service.graph, p["source"], p.get("target"), _filter(p),
                                p["granularity"], t.deadline()))


def _provenance(t: LocalTransport, key: str, p: Params, _body: None) -> Any:
    evidence_limit = t.evidence_limit(p)
    return _wire(query.provenance(t.service.graph, t.service.store, key,
                                  offset=p.get("offset"), limit=p.get("limit"),
                                  evidence_limit=evidence_limit))


def _export(t: LocalTransport, format: str, _p: Params, _body: None) -> bytes:
    chunks = query.export_chunks(t.service.graph, format, t.deadline(export=True))
    return b"".join(chunks)


def _ingest_batch(t: LocalTransport, _arg: None, _p: Params, bodies: list[Any]) -> Any:
    docs = [_body(DocumentIn, item, ("body", index)) for index, item in enumerate(bodies)]
    return _wire(query.ingest_batch(t.service, docs))


_HANDLERS: dict[Endpoint, Handler] = {
    HEALTH: lambda t, _a, _p, _b: _wire(query.health(t.service)),
    ENTITIES: _entities,
    ENTITY: lambda t, entity_id, _p, _b: _wire(
        query.entity(t.service.graph, entity_id, t.deadline())),
    NEIGHBOURHOOD: _neighbourhood,
    NEIGHBOURHOOD_FILE: _neighbourhood_file,
    PATHS: _paths,
    EVENTS: _events,
    TIMELINE: _timeline,
    RELATION: lambda t, key, p, _b: _wire(
        query.relation(t.service.graph, key, t.evidence_limit(p))),
    PROVENANCE: _provenance,
    STATS: lambda t, _a, _p, _b: _wire(
        query.stats(t.service.graph, t.service.store, t.deadline())),
    EVENT_TYPES: lambda _t, _a, _p, _b: [_wire(row) for row in query.event_types()],
    DOCUMENTS: lambda t, _a, p, _b: _wire(
        query.documents(t.service.store, offset=p["offset"], limit=p["limit"])),
    DOCUMENT: lambda t, doc_id, _p, _b: _wire(query.document(t.service.store, doc_id)),
    EXPORT: _export,
    INGEST: lambda t, _a, _p, body: _wire(
        query.ingest(t.service, _body(DocumentIn, body, ("body",)))),
    INGEST_BATCH: _ingest_batch,
    DELETE_DOCUMENT: lambda t, doc_id, _p, _b: query.delete_document(t.service, doc_id),
}


class LocalClient(Client):
    """``Client`` over a ``LocalTransport``: build it with ``graphsvc.open(data_dir)``, or
    pass a ready ``service`` (then it is not closed by ``close()``)."""

    def __init__(self, settings: Settings, service: GraphService | None = None) -> None:
        self.local = LocalTransport(settings, service)
        super().__init__(transport=self.local)

    @property
    def settings(self) -> Settings:
        return self.local.settings

    @property
    def service(self) -> GraphService:
        return self.local.service


def open(data_dir: str | Path = "data", **settings: Any) -> LocalClient:
    """A ``LocalClient`` on the store in ``data_dir``; other ``Settings`` fields (e.g.
    ``spacy_model``) as keywords. Nothing is seeded: ingest with ``.ingest``."""
    return LocalClient(Settings(data_dir=Path(data_dir), **settings))
