"""Python client for the graphsvc HTTP API, for notebooks and scripts.

``Client(base_url)`` speaks HTTP (httpx); ``graphsvc.open(data_dir)`` (``graphsvc.local``) is
the same ``Client`` over a local store without a server. Each method is written once, here, and
sends an ``Endpoint`` call through a ``Transport``: ``HTTPTransport`` makes it an HTTP request,
local mode's transport calls the same ``graphsvc.query`` function the API route calls. Both
answer the API's wire JSON, so both modes shape results identically:

- entities, relations, provenance, stats as plain dicts (the API's JSON);
- graphs as ``networkx.MultiDiGraph``: nodes are entity ids, edges run source → target keyed by
  relation key, with the API's node and edge attributes (each edge's newest evidence
  sentences: ``evidence_limit``, the server's default unless given);
- paths as ``Paths`` (a list of ``{nodes, edges}`` with ``length``, ``truncated``, ``entities``);
- events, timeline rows, search hits, event types as ``Records`` (dicts with ``to_pandas()``);
- failures as ``GraphsvcHTTPError`` subclasses carrying the RFC 9457 problem+json fields, each
  also the ``graphsvc.errors`` class of its problem (``NotFoundError`` is a ``NotFound``).

Every graph query takes the API's filters as keywords (``Filters``): ``relation``, ``cameo``,
``plover``, ``modality`` (a string or a list), ``since``/``until`` (YYYY[-MM[-DD]]),
``min_confidence``, ``include_negated``, ``view`` ("asserted" or "all"). Wherever a method takes
an entity, an id or a name works: names are resolved with ``search`` (best hit).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Protocol, Self, TypedDict, Unpack
from urllib.parse import quote

import httpx
import networkx as nx

from graphsvc.api.models import MAX_PROVENANCE_PAGE
from graphsvc.errors import (
    BadInput,
    Conflict,
    GraphsvcError,
    NotFound,
    PayloadTooLarge,
    QueryTimeout,
    Unauthorized,
    UnsupportedMediaType,
)
from graphsvc.records import check_doc_id, content_hash

__all__ = [
    "EXPORT_FORMATS",
    "FILTER_NAMES",
    "GRAPH_FORMATS",
    "AuthError",
    "BaseClient",
    "Client",
    "ConflictError",
    "Endpoint",
    "Filters",
    "GraphsvcHTTPError",
    "HTTPTransport",
    "NotFoundError",
    "Paths",
    "PayloadTooLargeError",
    "QueryTimeoutError",
    "Records",
    "ServerError",
    "Transport",
    "UnsupportedMediaTypeError",
    "ValidationError",
    "default_doc_id",
    "error_from_problem",
    "graph_from_json",
    "graph_to_json",
]

EXPORT_FORMATS: tuple[str, ...] = (
    "graphml", "gexf", "json", "node-link", "cytoscape", "nodes.csv", "edges.csv",
)
"""Whole-graph exports, as the names under ``GET /export/``."""

GRAPH_FORMATS: tuple[str, ...] = ("graphml", "gexf", "node-link", "cytoscape")
"""Neighbourhood downloads (``format=`` of ``GET /entities/{id}/neighbourhood``)."""


class Filters(TypedDict, total=False):
    """The edge filters every graph query takes (the API's query parameters)."""

    relation: str | Sequence[str]
    cameo: str | Sequence[str]
    plover: str | Sequence[str]
    since: str
    until: str
    min_confidence: float
    include_negated: bool
    modality: str | Sequence[str]
    view: Literal["asserted", "all"]


FILTER_NAMES: tuple[str, ...] = tuple(Filters.__annotations__)


def _filters(filters: Mapping[str, Any]) -> dict[str, Any]:
    """The filters, refusing unknown names: the server would silently ignore a misspelt
    parameter and answer an unfiltered query."""
    unknown = sorted(set(filters) - set(FILTER_NAMES))
    if unknown:
        raise TypeError(f"unknown filter(s) {', '.join(unknown)}; filters: "
                        f"{', '.join(FILTER_NAMES)}")
    return dict(filters)


# -- errors -----------------------------------------------------------------------------------


class GraphsvcHTTPError(GraphsvcError):
    """A problem+json answer (RFC 9457). ``status`` is HTTP; ``code`` the stable graphsvc code
    (E + 3 digits); ``errors`` the per-field failures of a 422; ``extra`` any other members.

    Each subclass is also the core class of its problem (``NotFoundError`` is a
    ``graphsvc.errors.NotFound`` …), so one ``except`` serves the server code, local mode
    and HTTP alike; the fields are those of the answer received, not the class defaults."""

    # A received problem names its own type: a plain attribute in place of the core property.
    type: str = "about:blank"

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        *,
        type: str = "about:blank",
        code: str | None = None,
        instance: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.args = (f"{status} {title}: {detail}" + (f" [{code}]" if code else ""),)
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type
        # None when the answer was not graphsvc's (a proxy's error page): no stable code.
        self.code = code  # type: ignore[assignment]
        self.instance = instance
        self.errors = errors or []
        self.extra = dict(extra or {})

    @property
    def problem(self) -> dict[str, Any]:
        """The problem document as received (or as it would have been sent)."""
        body: dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            **self.extra,
        }
        for name in ("code", "instance"):
            if getattr(self, name) is not None:
                body[name] = getattr(self, name)
        if self.errors:
            body["errors"] = self.errors
        return body


class ValidationError(GraphsvcHTTPError, BadInput):
    """422 (or 400): a parameter or body field was refused; see ``errors``."""


class NotFoundError(GraphsvcHTTPError, NotFound):
    """404: no such entity, document, relation or route."""


class AuthError(GraphsvcHTTPError, Unauthorized):
    """401 / 403: a write without the right ``X-API-Key``."""


class ConflictError(GraphsvcHTTPError, Conflict):
    """409."""


class PayloadTooLargeError(GraphsvcHTTPError, PayloadTooLarge):
    """413: the text or body exceeds the server's limit."""


class UnsupportedMediaTypeError(GraphsvcHTTPError, UnsupportedMediaType):
    """415."""


class ServerError(GraphsvcHTTPError):
    """5xx, or a server that is not graphsvc (an answer that is not problem+json)."""


class QueryTimeoutError(ServerError, QueryTimeout):
    """503 with code E012: the query ran past the server's ``query_timeout`` (seconds, in
    ``extra["limit_seconds"]``). Retrying the same query will not help; narrow it (depth,
    limit, filters) or ask for a higher limit."""


_BY_STATUS: dict[int, type[GraphsvcHTTPError]] = {
    400: ValidationError,
    401: AuthError,
    403: AuthError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    422: ValidationError,
}
# Problems told apart by their stable code where the status alone is ambiguous (503).
_BY_CODE: dict[str, type[GraphsvcHTTPError]] = {"E012": QueryTimeoutError}
_KNOWN_MEMBERS = ("type", "title", "status", "detail", "code", "instance", "errors")


def error_from_problem(problem: Mapping[str, Any], status: int | None = None) -> GraphsvcHTTPError:
    """The typed exception for a problem document; ``status`` overrides the body's."""
    code = int(status if status is not None else problem.get("status") or 500)
    error_class = _BY_CODE.get(str(problem.get("code"))) or _BY_STATUS.get(
        code, ServerError if code >= 500 else GraphsvcHTTPError
    )
    errors = problem.get("errors")
    return error_class(
        code,
        str(problem.get("title") or "Error"),
        str(problem.get("detail") or ""),
        type=str(problem.get("type") or "about:blank"),
        code=problem.get("code"),
        instance=problem.get("instance"),
        errors=list(errors) if isinstance(errors, list) else None,
        extra={k: v for k, v in problem.items() if k not in _KNOWN_MEMBERS},
    )


def _raise_for_problem(response: httpx.Response) -> None:
    if response.is_success:
        return
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        body = {"title": response.reason_phrase, "detail": response.text[:500]}
    raise error_from_problem(body, status=response.status_code)


# -- results ----------------------------------------------------------------------------------


class Records(list[dict[str, Any]]):
    """A list of dict records (events, timeline rows, search hits) with ``to_pandas()``."""

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame``, one row per record. pandas is optional: ImportError names
        it when it is missing."""
        try:
            pandas = importlib.import_module("pandas")
        except ImportError as error:
            raise ImportError("Records.to_pandas() needs pandas: pip install pandas") from error
        return pandas.DataFrame.from_records(list(self))


class Paths(list[dict[str, Any]]):
    """Shortest paths from ``source`` to ``target`` (entity ids), as ``GET /paths`` answers.

    Each item is ``{"nodes": [ids from source to target], "edges": [hops]}``; a hop is the
    best-evidenced edge between two consecutive entities, in its stored direction (which may
    run against the walk), with its ``evidence`` sentences and ``parallel`` (how many other
    edges join the same two). ``length`` is the hop count (None when no path), ``truncated``
    whether a bound cut the search short, ``entities`` every entity on the paths by id.
    """

    def __init__(self, body: Mapping[str, Any]) -> None:
        super().__init__(body.get("items", []))
        self.source: str = body["source"]
        self.target: str = body["target"]
        self.length: int | None = body.get("length")
        self.truncated: bool = bool(body.get("truncated", False))
        self.entities: dict[str, dict[str, Any]] = {e["id"]: e for e in body.get("entities", [])}

    def to_dict(self) -> dict[str, Any]:
        """The wire shape again: ``{source, target, length, items, entities, truncated}``."""
        return {"source": self.source, "target": self.target, "length": self.length,
                "items": list(self), "entities": list(self.entities.values()),
                "truncated": self.truncated}


def graph_from_json(body: Mapping[str, Any]) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` from ``{nodes, edges}`` JSON: node ``id`` becomes the node, edge
    ``source``/``target``/``key`` the ends and key; every other member stays an attribute.
    ``truncated`` (when present) goes to ``graph.graph["truncated"]``."""
    graph = nx.MultiDiGraph()
    for node in body.get("nodes", []):
        graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in body.get("edges", body.get("links", [])):
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target", "key")}
        graph.add_edge(edge["source"], edge["target"], key=edge.get("key"), **attrs)
    if "truncated" in body:
        graph.graph["truncated"] = bool(body["truncated"])
    return graph


def graph_to_json(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The inverse of ``graph_from_json``: ``{nodes, edges, truncated}``."""
    return {
        "nodes": [{**attrs, "id": node} for node, attrs in graph.nodes(data=True)],
        "edges": [
            {**attrs, "source": u, "target": v, "key": key}
            for u, v, key, attrs in graph.edges(keys=True, data=True)
        ],
        "truncated": bool(graph.graph.get("truncated", False)),
    }


def default_doc_id(text: str) -> str:
    """The id the server gives a text sent without one (``doc-`` + 16 hex digits of its
    SHA-256), so ingesting the same text twice is idempotent."""
    return "doc-" + content_hash(text)[:16]


def _write(data: bytes, path: str | Path | None) -> bytes:
    if path is not None:
        Path(path).write_bytes(data)
    return data


# -- endpoints and transports -----------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    """One API operation as the client sees it: ``path`` has at most one ``{}``, filled with
    the call's ``arg`` (an entity id, relation key, document id or export format);
    ``answer`` says what comes back (the JSON body, the raw bytes of a download, nothing)."""

    method: str
    path: str
    answer: Literal["json", "bytes", "none"] = "json"

    def url(self, arg: str | None, quote_arg: bool = True) -> str:
        """The request path (``quote_arg``: percent-encode ``arg`` as one path segment)."""
        if arg is None:
            return self.path
        return self.path.format(_segment(arg) if quote_arg else arg)


HEALTH = Endpoint("GET", "/health")
ENTITIES = Endpoint("GET", "/entities")
ENTITY = Endpoint("GET", "/entities/{}")
NEIGHBOURHOOD = Endpoint("GET", "/entities/{}/neighbourhood")
NEIGHBOURHOOD_FILE = Endpoint("GET", "/entities/{}/neighbourhood", "bytes")
PATHS = Endpoint("GET", "/paths")
EVENTS = Endpoint("GET", "/events")
TIMELINE = Endpoint("GET", "/timeline")
RELATION = Endpoint("GET", "/relations/{}")
PROVENANCE = Endpoint("GET", "/relations/{}/provenance")
STATS = Endpoint("GET", "/stats")
EVENT_TYPES = Endpoint("GET", "/ontology/event-types")
DOCUMENTS = Endpoint("GET", "/documents")
DOCUMENT = Endpoint("GET", "/documents/{}")
EXPORT = Endpoint("GET", "/export/{}", "bytes")
INGEST = Endpoint("POST", "/documents")
INGEST_BATCH = Endpoint("POST", "/documents/batch")
DELETE_DOCUMENT = Endpoint("DELETE", "/documents/{}", "none")


class Transport(Protocol):
    """Carries one endpoint call and answers its JSON (or bytes, or None, per
    ``endpoint.answer``); a failure raises a ``GraphsvcHTTPError`` subclass. ``params`` are
    query parameters with None meaning "not given"; ``body`` is the JSON request body."""

    def call(self, endpoint: Endpoint, arg: str | None, params: Mapping[str, Any],
             body: Any) -> Any: ...

    def close(self) -> None: ...


def _params(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Query parameters: None dropped, booleans as true/false, sequences repeated."""
    pairs: list[tuple[str, str]] = []
    for name, value in params.items():
        values = value if isinstance(value, list | tuple | set | frozenset) else [value]
        for item in values:
            if item is None:
                continue
            pairs.append((name, ("true" if item else "false") if isinstance(item, bool)
                          else str(item)))
    return pairs


def _segment(value: str) -> str:
    return quote(value, safe="")


class HTTPTransport:
    """Endpoint calls as HTTP requests through an ``httpx.Client`` (or one with the same
    interface, e.g. FastAPI's ``TestClient``); an injected ``http`` is not closed here."""

    def __init__(self, http: Any, headers: Mapping[str, str], owns_http: bool) -> None:
        self.http = http
        self._headers = dict(headers)
        self._owns_http = owns_http

    def call(self, endpoint: Endpoint, arg: str | None, params: Mapping[str, Any],
             body: Any) -> Any:
        extra = {} if body is None else {"json": body}
        response: httpx.Response = self.http.request(
            endpoint.method, endpoint.url(arg), params=_params(params), headers=self._headers,
            **extra)
        _raise_for_problem(response)
        if endpoint.answer == "bytes":
            return response.content
        return response.json() if endpoint.answer == "json" else None

    def close(self) -> None:
        if self._owns_http:
            self.http.close()

    def __repr__(self) -> str:
        return f"graphsvc.Client({str(self.http.base_url)!r})"


# -- the client -------------------------------------------------------------------------------


class Client:
    """The graphsvc API as Python methods, over a ``Transport``.

    ``Client(base_url)`` speaks HTTP: ``base_url`` is the server root
    (``http://127.0.0.1:8000``); ``api_key`` is sent as ``X-API-Key`` (needed for writes when
    the server sets ``GRAPHSVC_API_KEY``); ``timeout`` is in seconds. ``http`` injects a ready
    ``httpx.Client`` or one with the same interface (e.g. FastAPI's ``TestClient``), which is
    then not closed by ``close()``. ``transport`` replaces HTTP altogether: local mode
    (``graphsvc.open``) passes one that answers in this process.
    """

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        api_key: str | None = None,
        timeout: float = 30.0,
        *,
        http: Any = None,
        transport: Transport | None = None,
    ) -> None:
        if transport is None:
            headers = {"Accept": "application/json"}
            if api_key is not None:
                headers["X-API-Key"] = api_key
            owns = http is None
            if http is None:
                http = httpx.Client(base_url=base_url, timeout=timeout)
            transport = HTTPTransport(http, headers, owns)
        self.transport = transport

    def _call(self, endpoint: Endpoint, arg: str | None = None,
              params: Mapping[str, Any] | None = None, body: Any = None) -> Any:
        return self.transport.call(endpoint, arg, params or {}, body)

    def close(self) -> None:
        """Release the HTTP connection or the store this client owns."""
        self.transport.close()

    def __repr__(self) -> str:
        return repr(self.transport)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- entities -------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        """Status, version and counts of documents, entities and relations."""
        return self._call(HEALTH)

    def search(
        self,
        q: str | None = None,
        *,
        type: str | None = None,
        country: str | None = None,
        limit: int = 20,
    ) -> Records:
        """Entities matching ``q`` by name or alias (case, accents and small typos forgiven),
        best first, each with ``score`` and ``degree``; without ``q`` the best-connected
        entities. ``type`` (PERSON, COUNTRY …) and ``country`` (ISO-3) filter exactly."""
        body = self._call(ENTITIES, params={"q": q, "type": type, "country": country,
                                            "limit": limit})
        return Records(body["items"])

    def entity(self, entity: str) -> dict[str, Any]:
        """One entity by id or name: attributes, dated roles, ``degree`` and ``activity``
        (its event counts by type, year, quad class and role in the default view)."""
        try:
            return self._call(ENTITY, entity)
        except NotFoundError:
            hits = self.search(entity, limit=1)
            if not hits:
                raise
            return self._call(ENTITY, str(hits[0]["id"]))

    def resolve(self, entity: str) -> str:
        """The entity id for an id or a name; raises ``NotFoundError`` when nothing matches."""
        return str(self.entity(entity)["id"])

    # -- graph queries --------------------------------------------------------------------

    def neighbourhood(
        self,
        entity: str,
        depth: int = 1,
        *,
        direction: Literal["out", "in", "both"] = "both",
        limit: int | None = None,
        evidence_limit: int | None = None,
        **filters: Unpack[Filters],
    ) -> nx.MultiDiGraph:
        """The entity and what lies within ``depth`` hops (1..3) as a ``MultiDiGraph``;
        ``direction``: out (what it did), in (what was done to it) or both. At most ``limit``
        edges (capped by the server's limit): ``graph.graph["truncated"]`` says whether it
        cut the answer short; ``graph.graph["center"]`` is the entity id. Each edge carries
        its newest ``evidence_limit`` sentences (0..100; the server's default when None)."""
        entity_id = self.resolve(entity)
        body = self._call(NEIGHBOURHOOD, entity_id, {
            "depth": depth, "direction": direction, "limit": limit,
            "evidence_limit": evidence_limit, **_filters(filters)})
        graph = graph_from_json(body)
        graph.graph["center"] = entity_id
        return graph

    def neighbourhood_file(
        self,
        entity: str,
        format: str = "graphml",
        depth: int = 1,
        *,
        direction: Literal["out", "in", "both"] = "both",
        limit: int | None = None,
        evidence_limit: int | None = None,
        path: str | Path | None = None,
        **filters: Unpack[Filters],
    ) -> bytes:
        """``neighbourhood`` as a file for other tools: GraphML, GEXF, node-link JSON or
        Cytoscape.js JSON bytes (``GRAPH_FORMATS``), also written to ``path`` when given."""
        if format not in GRAPH_FORMATS:
            raise ValueError(f"format must be one of {', '.join(GRAPH_FORMATS)}")
        entity_id = self.resolve(entity)
        data = self._call(NEIGHBOURHOOD_FILE, entity_id, {
            "format": format, "depth": depth, "direction": direction, "limit": limit,
            "evidence_limit": evidence_limit, **_filters(filters)})
        return _write(data, path)

    def paths(
        self,
        source: str,
        target: str,
        *,
        max_hops: int = 4,
        max_paths: int = 10,
        evidence_limit: int | None = None,
        **filters: Unpack[Filters],
    ) -> Paths:
        """All shortest paths (fewest hops, at most ``max_hops`` ≤ 6, at most ``max_paths``)
        between two entities, walking edges either way under the filters; see ``Paths``.
        Each hop carries its newest ``evidence_limit`` sentences (server default when None)."""
        body = self._call(PATHS, params={
            "source": self.resolve(source), "target": self.resolve(target),
            "max_hops": max_hops, "max_paths": max_paths, "evidence_limit": evidence_limit,
            **_filters(filters)})
        return Paths(body)

    def events_page(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        dyad: tuple[str, str] | None = None,
        page_size: int = 100,
        page_token: str | None = None,
        evidence_limit: int | None = None,
        **filters: Unpack[Filters],
    ) -> dict[str, Any]:
        """One page of ``GET /events``: ``{items, next_page_token}``, oldest first (undated
        last). ``source`` acted on ``target``; ``dyad`` takes edges between two entities
        either way; a symmetric edge (met_with) matches from either end. Pass the
        ``next_page_token`` back as ``page_token``; it is None on the last page. Each event
        carries its newest ``evidence_limit`` sentences (server default when None)."""
        return self._call(EVENTS, params={
            "source": self.resolve(source) if source else None,
            "target": self.resolve(target) if target else None,
            "dyad": ",".join(self.resolve(end) for end in dyad) if dyad else None,
            "page_size": page_size,
            "page_token": page_token,
            "evidence_limit": evidence_limit,
            **_filters(filters),
        })

    def iter_events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        dyad: tuple[str, str] | None = None,
        page_size: int = 100,
        evidence_limit: int | None = None,
        **filters: Unpack[Filters],
    ) -> Iterator[dict[str, Any]]:
        """Every event of ``events_page``, fetched a page at a time as you iterate."""
        token: str | None = None
        while True:
            page = self.events_page(source=source, target=target, dyad=dyad,
                                    page_size=page_size, page_token=token,
                                    evidence_limit=evidence_limit, **filters)
            yield from page["items"]
            token = page.get("next_page_token")
            if not token:
                return

    def events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        dyad: tuple[str, str] | None = None,
        max_items: int | None = None,
        page_size: int = 100,
        evidence_limit: int | None = None,
        **filters: Unpack[Filters],
    ) -> Records:
        """``iter_events`` collected into ``Records`` (at most ``max_items``)."""
        records = Records()
        if max_items is not None and max_items <= 0:
            return records
        for item in self.iter_events(source=source, target=target, dyad=dyad,
                                     page_size=page_size, evidence_limit=evidence_limit,
                                     **filters):
            records.append(item)
            if max_items is not None and len(records) >= max_items:
                break
        return records

    def timeline(
        self,
        source: str,
        target: str | None = None,
        *,
        granularity: Literal["month", "year"] = "month",
        **filters: Unpack[Filters],
    ) -> Records:
        """The conflict/cooperation curve between ``source`` and ``target`` (or everyone),
        either direction: per ``period`` (YYYY-MM or YYYY, oldest first, empty ones left out)
        ``events``, ``quad_1``..``quad_4`` (verbal/material cooperation, verbal/material
        conflict) and summed ``goldstein``. Standing facts and undated events do not count."""
        body = self._call(TIMELINE, params={
            "source": self.resolve(source), "target": self.resolve(target) if target else None,
            "granularity": granularity, **_filters(filters)})
        return Records(body["items"])

    def relation(self, key: str, *, evidence_limit: int | None = None) -> dict[str, Any]:
        """One edge by relation key (``r_`` + 16 hex digits) with its newest
        ``evidence_limit`` sentences (server default when None; ``provenance`` has all)."""
        return self._call(RELATION, key, {"evidence_limit": evidence_limit})

    def provenance(
        self, key: str, *, offset: int = 0, limit: int | None = None,
        evidence_limit: int | None = None,
    ) -> dict[str, Any]:
        """The documents and sentences behind a relation: ``{relation, documents, total,
        offset, limit, next_offset, items}``, each item a sentence with its character offsets
        (``start`` inclusive, ``end`` exclusive) in the document and the document's ``title``,
        ``date`` and ``url``, oldest first. One page of ``limit`` items from ``offset``; with
        ``limit=None`` every item from ``offset``, fetched page by page (``next_offset`` is
        then None)."""
        params = {"offset": offset, "limit": MAX_PROVENANCE_PAGE if limit is None else limit,
                  "evidence_limit": evidence_limit}
        body = self._call(PROVENANCE, key, params)
        while limit is None and body.get("next_offset") is not None:
            page = self._call(PROVENANCE, key, {**params, "offset": body["next_offset"]})
            body = {**body, "items": [*body["items"], *page["items"]],
                    "next_offset": page.get("next_offset")}
        return body

    def stats(self) -> dict[str, Any]:
        """Counts and distributions of the graph: nodes, edges, events, facts; entities per
        type and country; edges per relation, quad class, modality and year; the date range;
        the best-connected entities."""
        return self._call(STATS)

    def event_types(self) -> Records:
        """The ontology: every event label with its CAMEO code, PLOVER type, Goldstein score
        and quad class (standing facts have none)."""
        return Records(self._call(EVENT_TYPES))

    # -- documents and exports ------------------------------------------------------------

    def documents(self, offset: int = 0, limit: int = 100) -> Records:
        """Stored documents by id (``id``, ``date``, ``url``, ``title``, ``outlet``,
        ``dateline``, ``chars``; ``outlet`` and ``dateline`` are read from the text)."""
        body = self._call(DOCUMENTS, params={"offset": offset, "limit": limit})
        return Records(body["items"])

    def document(self, doc_id: str) -> dict[str, Any]:
        """A document's text with the entities and relations read from it, and the ``outlet``
        and ``dateline`` place read from it (None when the text gives none)."""
        return self._call(DOCUMENT, _checked_id(doc_id))

    def export(self, format: str = "graphml", path: str | Path | None = None) -> bytes:
        """The whole graph in one of ``EXPORT_FORMATS`` (GraphML, GEXF with dated edges as
        time intervals, node-link JSON, Cytoscape.js JSON, nodes.csv, edges.csv) as bytes;
        also written to ``path`` when given. ``networkx.read_graphml(io.BytesIO(data))``
        loads GraphML back."""
        if format not in EXPORT_FORMATS:
            raise ValueError(f"format must be one of {', '.join(EXPORT_FORMATS)}")
        return _write(self._call(EXPORT, format), path)

    def ingest(
        self,
        text: str,
        doc_id: str | None = None,
        *,
        date: str | None = None,
        url: str | None = None,
        title: str | None = None,
    ) -> dict[str, Any]:
        """Extract and store one document (``date``: its publication date, YYYY[-MM[-DD]]);
        ``doc_id`` defaults to ``default_doc_id(text)``. Returns ``{doc_id, status
        (created|unchanged|replaced), entities, relations}``."""
        return self._call(INGEST, body=_document_body(text=text, id=doc_id, date=date,
                                                      url=url, title=title))

    def ingest_many(self, documents: Iterable[Mapping[str, Any]]) -> Records:
        """Ingest up to 1000 documents at once (``{text, id?, date?, url?, title?}`` each;
        all validated before any is written). One ``ingest`` result per document, in order."""
        bodies = [_document_body(**doc) for doc in documents]
        return Records(self._call(INGEST_BATCH, body=bodies)["items"])

    def delete_document(self, doc_id: str) -> None:
        """Remove a document, its evidence, and the edges only it supported."""
        self._call(DELETE_DOCUMENT, _checked_id(doc_id))


# Before local mode was a transport, both modes derived from an abstract BaseClient.
BaseClient = Client


def _checked_id(doc_id: str) -> str:
    """``doc_id`` when it follows the server's id rule; else the ``ValidationError`` (422) the
    server answers. Checked here because an id with "/" never reaches the server's route (the
    path splits), so over HTTP the same mistake would be a 404 and locally a 422."""
    try:
        return check_doc_id(doc_id)
    except ValueError as exc:
        message = f"Value error, {exc}"
        error = BadInput(f"path.doc_id: {message}", errors=[
            {"field": "path.doc_id", "message": message, "type": "value_error"}])
        raise error_from_problem(error.to_problem(instance=f"/documents/{doc_id}")) from None


def _document_body(
    text: str,
    id: str | None = None,
    date: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    body = {"id": id or default_doc_id(text), "text": text, "date": date, "url": url,
            "title": title}
    return {k: v for k, v in body.items() if v is not None}
