"""Python client for the graphsvc HTTP API, for notebooks and scripts.

``Client(base_url)`` speaks HTTP (httpx); ``graphsvc.open(data_dir)`` (``graphsvc.local``) offers
the same methods over a local store without a server. Both return:

- entities as plain dicts (the API's JSON: ``id``, ``name``, ``type``, ``country`` …);
- graphs as ``networkx.MultiDiGraph``: nodes are entity ids, edges run source → target keyed by
  relation key, with the same attributes as the server's snapshot;
- lists of events or timeline rows as ``Records`` (a list of dicts with ``to_pandas()``);
- failures as ``GraphsvcHTTPError`` subclasses carrying the RFC 9457 problem+json fields.

Filters (``since``, ``until``, ``min_confidence``, ``relation``, ``cameo``, ``plover``,
``include_negated``, ``modality``, ``view`` …) are passed through as query parameters; lists
become repeated parameters. The pure helpers at the bottom (``edge_filter``, ``shortest_paths``,
``timeline_rows``) serve the local mode and servers that predate an endpoint.
"""

from __future__ import annotations

import hashlib
import importlib
import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote

import httpx
import networkx as nx

__all__ = [
    "EXPORT_FORMATS",
    "AuthError",
    "Client",
    "ConflictError",
    "GraphsvcHTTPError",
    "NotFoundError",
    "PayloadTooLargeError",
    "Records",
    "ServerError",
    "UnsupportedMediaTypeError",
    "ValidationError",
    "default_doc_id",
    "edge_filter",
    "error_from_problem",
    "graph_from_json",
    "graph_to_json",
    "shortest_paths",
    "timeline_rows",
]

EXPORT_FORMATS: tuple[str, ...] = ("graphml", "gexf", "json")
_FACT_LABELS = frozenset({"leader_of", "member_of", "part_of"})
_FALLBACK_PAGE = 1000  # /relations' largest limit, used when the server has no /events


# -- errors -----------------------------------------------------------------------------------


class GraphsvcHTTPError(Exception):
    """A problem+json answer (RFC 9457). ``status`` is HTTP; ``code`` the stable graphsvc code
    (E + 3 digits); ``errors`` the per-field failures of a 422; ``extra`` any other members."""

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
        super().__init__(f"{status} {title}: {detail}" + (f" [{code}]" if code else ""))
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type
        self.code = code
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


class ValidationError(GraphsvcHTTPError):
    """422 (or 400): a parameter or body field was refused; see ``errors``."""


class NotFoundError(GraphsvcHTTPError):
    """404: no such entity, document, relation or route."""


class AuthError(GraphsvcHTTPError):
    """401 / 403: a write without the right ``X-API-Key``."""


class ConflictError(GraphsvcHTTPError):
    """409."""


class PayloadTooLargeError(GraphsvcHTTPError):
    """413: the text or body exceeds the server's limit."""


class UnsupportedMediaTypeError(GraphsvcHTTPError):
    """415."""


class ServerError(GraphsvcHTTPError):
    """5xx, or a server that is not graphsvc (an answer that is not problem+json)."""


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
_KNOWN_MEMBERS = ("type", "title", "status", "detail", "code", "instance", "errors")


def error_from_problem(problem: Mapping[str, Any], status: int | None = None) -> GraphsvcHTTPError:
    """The typed exception for a problem document; ``status`` overrides the body's."""
    code = int(status if status is not None else problem.get("status") or 500)
    error_class = _BY_STATUS.get(code, ServerError if code >= 500 else GraphsvcHTTPError)
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


# -- records ----------------------------------------------------------------------------------


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
    """A document id derived from its text, so ingesting the same text twice is idempotent."""
    return "doc-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _params(filters: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Query parameters: None dropped, booleans as true/false, sequences repeated."""
    params: list[tuple[str, str]] = []
    for name, value in filters.items():
        values = value if isinstance(value, list | tuple | set | frozenset) else [value]
        for item in values:
            if item is None:
                continue
            params.append((name, ("true" if item else "false") if isinstance(item, bool)
                           else str(item)))
    return params


# -- the HTTP client --------------------------------------------------------------------------


class Client:
    """The graphsvc HTTP API as Python methods.

    ``base_url`` is the server root (``http://127.0.0.1:8000``); ``api_key`` is sent as
    ``X-API-Key`` (needed for writes when the server sets ``GRAPHSVC_API_KEY``); ``timeout`` is
    in seconds. ``http`` injects a ready ``httpx.Client`` or one with the same interface (e.g.
    FastAPI's ``TestClient``), which is then not closed by ``close()``. Wherever a method takes
    an entity, an id or a name works: names are resolved with ``search`` (best hit).
    """

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        api_key: str | None = None,
        timeout: float = 30.0,
        *,
        http: Any = None,
    ) -> None:
        headers = {"Accept": "application/json"}
        if api_key is not None:
            headers["X-API-Key"] = api_key
        self._owns_http = http is None
        if http is None:
            http = httpx.Client(base_url=base_url, timeout=timeout)
        self._http = http
        self._headers = headers
        self._routes: frozenset[str] | None = None

    # -- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"graphsvc.Client({str(self._http.base_url)!r})"

    # -- reads ----------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        """Status, version and counts of documents, entities and relations."""
        return self._json("GET", "/health")

    def search(
        self, q: str, *, type: str | None = None, country: str | None = None, limit: int = 20
    ) -> Records:
        """Entities matching ``q`` by name or alias, best first, each with a ``score``."""
        body = self._json("GET", "/entities", params=_params(
            {"q": q, "type": type, "country": country, "limit": limit}))
        return Records(body.get("items", []))

    def entity(self, entity: str) -> dict[str, Any]:
        """One entity (by id or name) with its attributes and ``degree``."""
        return self._json("GET", f"/entities/{quote(self.resolve(entity), safe='')}")

    def resolve(self, entity: str) -> str:
        """The entity id for an id or a name; raises ``NotFoundError`` when nothing matches."""
        try:
            found = self._json("GET", f"/entities/{quote(entity, safe='')}")
            return str(found["id"])
        except NotFoundError:
            hits = self.search(entity, limit=1)
            if not hits:
                raise
            return str(hits[0]["id"])

    def neighbourhood(
        self,
        entity: str,
        depth: int = 1,
        *,
        direction: str = "both",
        limit: int | None = None,
        **filters: Any,
    ) -> nx.MultiDiGraph:
        """The entity and what lies within ``depth`` hops (1..3), as a ``MultiDiGraph``;
        ``graph.graph["truncated"]`` says whether the edge ``limit`` cut it short.
        ``direction``: out (what it did), in (what was done to it) or both."""
        entity_id = self.resolve(entity)
        params = _params({"depth": depth, "direction": direction, "limit": limit, **filters})
        body = self._json("GET", f"/entities/{quote(entity_id, safe='')}/neighbourhood",
                          params=params)
        graph = graph_from_json(body)
        graph.graph["center"] = entity_id
        return graph

    def paths(
        self, source: str, target: str, *, max_hops: int = 4, **filters: Any
    ) -> list[list[dict[str, Any]]]:
        """Shortest paths between two entities, each a list of hops (edge dicts with their
        evidence) from ``source`` to ``target``; edges are followed either way."""
        source_id, target_id = self.resolve(source), self.resolve(target)
        if self._has_route("/paths"):
            body = self._json("GET", "/paths", params=_params(
                {"source": source_id, "target": target_id, **filters}))
            return _paths_from_body(body)
        # Older server: search the bounded neighbourhood of the source instead.
        hood = self.neighbourhood(source_id, min(max_hops, 3), **filters)
        return shortest_paths(hood, source_id, target_id, max_hops=max_hops,
                              keep=edge_filter(**filters))

    def iter_events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        page_size: int = 100,
        **filters: Any,
    ) -> Iterator[dict[str, Any]]:
        """Events (relations) sorted by date, fetched page by page as you iterate.
        ``source``/``target`` take ids or names; other filters go to the server as they are."""
        ends = {
            "source": self.resolve(source) if source else None,
            "target": self.resolve(target) if target else None,
        }
        if not self._has_route("/events"):
            yield from self._events_from_relations(ends, filters)
            return
        token: str | None = None
        while True:
            params = _params({**ends, **filters, "page_size": page_size, "page_token": token})
            body = self._json("GET", "/events", params=params)
            yield from body.get("items", [])
            token = body.get("next_page_token")
            if not token:
                return

    def events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        max_items: int | None = None,
        page_size: int = 100,
        **filters: Any,
    ) -> Records:
        """``iter_events`` collected into ``Records`` (at most ``max_items``)."""
        records = Records()
        for item in self.iter_events(source=source, target=target, page_size=page_size,
                                     **filters):
            if max_items is not None and len(records) >= max_items:
                break
            records.append(item)
        return records

    def timeline(
        self,
        source: str,
        target: str | None = None,
        *,
        granularity: str = "month",
        **filters: Any,
    ) -> Records:
        """Events per month (or year) between ``source`` and ``target`` (or anyone), either
        direction: rows of ``period``, ``events``, ``quad_1``..``quad_4`` counts and summed
        ``goldstein`` — the conflict/cooperation curve. See ``timeline_rows``."""
        source_id = self.resolve(source)
        target_id = self.resolve(target) if target else None
        if self._has_route("/timeline"):
            body = self._json("GET", "/timeline", params=_params(
                {"source": source_id, "target": target_id, "granularity": granularity,
                 **filters}))
            rows = body.get("items", body.get("months")) if isinstance(body, dict) else body
            return Records(rows or [])
        events = {e["key"]: e for e in self.iter_events(source=source_id, target=target_id,
                                                         **filters)}
        # Either direction counts: what the other did to the actor belongs to the dyad too.
        for event in self.iter_events(source=target_id, target=source_id, **filters):
            events.setdefault(event["key"], event)
        return timeline_rows(events.values(), granularity)

    def documents(self, offset: int = 0, limit: int = 100) -> Records:
        """Stored documents (id, date, url, title, chars)."""
        body = self._json("GET", "/documents", params=_params({"offset": offset, "limit": limit}))
        return Records(body.get("items", []))

    def document(self, doc_id: str) -> dict[str, Any]:
        """A document's text with the entities and relations read from it."""
        return self._json("GET", f"/documents/{quote(doc_id, safe='')}")

    def export(self, format: str = "graphml", path: str | Path | None = None) -> bytes:
        """The whole graph as GraphML, GEXF or node-link JSON bytes; also written to ``path``
        when given. ``networkx.read_graphml(io.BytesIO(data))`` loads GraphML back."""
        if format not in EXPORT_FORMATS:
            raise ValueError(f"format must be one of {', '.join(EXPORT_FORMATS)}")
        response = self._request("GET", f"/export/{format}")
        data = response.content
        if path is not None:
            Path(path).write_bytes(data)
        return data

    # -- writes ---------------------------------------------------------------------------

    def ingest(
        self,
        text: str,
        doc_id: str | None = None,
        *,
        date: str | None = None,
        url: str | None = None,
        title: str | None = None,
    ) -> dict[str, Any]:
        """Extract and store one document; ``doc_id`` defaults to a hash of the text. Returns
        ``{doc_id, status (created|unchanged|replaced), entities, relations}``."""
        body = {"id": doc_id or default_doc_id(text), "text": text, "date": date, "url": url,
                "title": title}
        return self._json("POST", "/documents", json={k: v for k, v in body.items()
                                                      if v is not None})

    def delete_document(self, doc_id: str) -> None:
        """Remove a document and the edges only it supported."""
        self._request("DELETE", f"/documents/{quote(doc_id, safe='')}")

    # -- internals ------------------------------------------------------------------------

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response: httpx.Response = self._http.request(method, path, headers=self._headers, **kwargs)
        _raise_for_problem(response)
        return response

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._request(method, path, **kwargs).json()

    def _has_route(self, path: str) -> bool:
        """Whether the server's OpenAPI document lists ``path`` (asked once per client)."""
        if self._routes is None:
            try:
                spec = self._json("GET", "/openapi.json")
                self._routes = frozenset(spec.get("paths", {}))
            except (GraphsvcHTTPError, ValueError):
                self._routes = frozenset()
        return path in self._routes

    def _events_from_relations(
        self, ends: Mapping[str, str | None], filters: Mapping[str, Any]
    ) -> Iterator[dict[str, Any]]:
        labels = filters.get("relation")
        params = _params({**ends, "limit": _FALLBACK_PAGE})
        if isinstance(labels, str):
            params.append(("relation", labels))
        items = self._json("GET", "/relations", params=params).get("items", [])
        keep = edge_filter(**{k: v for k, v in filters.items() if k != "page_token"})
        yield from sorted((e for e in items if keep(e)), key=_by_date)


def _paths_from_body(body: Any) -> list[list[dict[str, Any]]]:
    """Paths in whichever shape the server sends: a list of paths, ``{items|paths: [...]}``, each
    path a list of edges or ``{edges|hops: [...]}``."""
    raw = body.get("items", body.get("paths")) if isinstance(body, dict) else body
    paths: list[list[dict[str, Any]]] = []
    for path in raw or []:
        if isinstance(path, dict):
            path = path.get("edges", path.get("hops", []))
        paths.append([dict(hop) for hop in path])
    return paths


# -- pure helpers over edge attribute dicts ---------------------------------------------------


def _by_date(edge: Mapping[str, Any]) -> tuple[bool, str, str]:
    date = edge.get("date")
    return (date is None, str(date or ""), str(edge.get("key", "")))


def _as_set(value: Any) -> set[str] | None:
    if value is None:
        return None
    return {value} if isinstance(value, str) else {str(v) for v in value}


def edge_filter(
    *,
    view: str = "asserted",
    relation: str | Iterable[str] | None = None,
    cameo: str | Iterable[str] | None = None,
    plover: str | Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
    include_negated: bool | None = None,
    modality: str | Iterable[str] | None = None,
    **_ignored: Any,
) -> Callable[[Mapping[str, Any]], bool]:
    """A predicate over edge attributes implementing the query filters.

    ``view="asserted"`` (default) keeps events that happened and standing facts (as the
    server's default view); ``view="all"`` keeps everything. ``include_negated`` overrides
    whether negated and denied events pass (default: only in ``view="all"``); ``modality``
    keeps only the given modalities. ``cameo`` matches
    by prefix (a root such as "04" takes 040..046); ``since``/``until`` compare ISO dates at
    the precision given, inclusive, and drop undated events; ``min_confidence`` is 0..1.
    """
    labels, cameos, plovers, modalities = (
        _as_set(relation), _as_set(cameo), _as_set(plover), _as_set(modality))

    def keep(data: Mapping[str, Any]) -> bool:
        negative = bool(data.get("negated")) or data.get("modality") == "denied"
        if negative and not (view == "all" if include_negated is None else include_negated):
            return False
        if modalities is not None:
            if data.get("modality", "asserted") not in modalities:
                return False
        elif view == "asserted" and not negative and data.get("relation") not in _FACT_LABELS \
                and data.get("modality", "asserted") != "asserted":
            return False
        if labels is not None and data.get("relation") not in labels:
            return False
        if cameos is not None and not any(str(data.get("cameo") or "").startswith(c)
                                          for c in cameos):
            return False
        if plovers is not None and data.get("plover") not in plovers:
            return False
        date = data.get("date")
        if since is not None and (date is None or str(date)[: len(since)] < since):
            return False
        if until is not None and (date is None or str(date)[: len(until)] > until):
            return False
        confidence = data.get("confidence")
        return min_confidence is None or (confidence is not None and confidence >= min_confidence)

    return keep


def shortest_paths(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    max_hops: int = 4,
    max_paths: int = 10,
    keep: Callable[[Mapping[str, Any]], bool] | None = None,
) -> list[list[dict[str, Any]]]:
    """Shortest paths (fewest hops, at most ``max_hops``) between two node ids, following
    edges in either direction; at most ``max_paths``. Each path is a list of hops from
    ``source`` to ``target``; a hop is the best-evidenced edge (mentions, then confidence)
    between its two nodes, as a dict with ``source``/``target``/``key`` in the edge's own
    direction. Bounded breadth-first search: never copies ``graph``."""
    if source not in graph or target not in graph:
        return []
    if source == target:
        return [[]]
    parents: dict[str, list[str]] = {source: []}
    level = {source: 0}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        if level[node] >= max_hops or (target in level and level[node] >= level[target]):
            continue
        for other in _neighbours(graph, node, keep):
            if other not in level:
                level[other] = level[node] + 1
                parents[other] = [node]
                queue.append(other)
            elif level[other] == level[node] + 1:
                parents[other].append(node)
    if target not in level:
        return []
    paths: list[list[dict[str, Any]]] = []
    for nodes in _unwind(parents, target, max_paths):
        hops = [_best_edge(graph, u, v, keep) for u, v in itertools.pairwise(nodes)]
        paths.append([hop for hop in hops if hop is not None])
    return paths


def _neighbours(
    graph: nx.MultiDiGraph, node: str, keep: Callable[[Mapping[str, Any]], bool] | None
) -> list[str]:
    found: dict[str, None] = {}
    for adjacency in (graph.succ[node], graph.pred[node]):
        for other, keyed in adjacency.items():
            if other != node and (keep is None or any(keep(d) for d in keyed.values())):
                found[other] = None
    return sorted(found)


def _unwind(parents: dict[str, list[str]], target: str, limit: int) -> Iterator[list[str]]:
    count = 0
    stack: list[list[str]] = [[target]]
    while stack and count < limit:
        partial = stack.pop()
        preds = parents[partial[0]]
        if not preds:
            count += 1
            yield partial
            continue
        stack.extend([pred, *partial] for pred in reversed(preds))


def _best_edge(
    graph: nx.MultiDiGraph, u: str, v: str, keep: Callable[[Mapping[str, Any]], bool] | None
) -> dict[str, Any] | None:
    candidates = [
        {**data, "source": a, "target": b, "key": key}
        for a, b in ((u, v), (v, u))
        for key, data in graph.get_edge_data(a, b, default={}).items()
        if keep is None or keep(data)
    ]
    candidates.sort(key=lambda e: (-(e.get("mentions") or 0), -(e.get("confidence") or 0.0)))
    return candidates[0] if candidates else None


def timeline_rows(events: Iterable[Mapping[str, Any]], granularity: str = "month") -> Records:
    """Rows per ``period`` (YYYY-MM for ``granularity="month"``, YYYY for ``"year"``), oldest
    first: ``events``, ``quad_1``..``quad_4`` (verbal/material cooperation, verbal/material
    conflict) and summed ``goldstein``. Standing facts, undated events and events dated less
    precisely than the granularity (a bare year in a monthly timeline) are left out."""
    if granularity not in ("month", "year"):
        raise ValueError("granularity must be 'month' or 'year'")
    width = 7 if granularity == "month" else 4
    periods: dict[str, dict[str, Any]] = {}
    for event in events:
        date = str(event.get("date") or "")
        if len(date) < width or event.get("relation") in _FACT_LABELS:
            continue
        period = date[:width]
        row = periods.setdefault(period, {"period": period, "events": 0, "quad_1": 0,
                                          "quad_2": 0, "quad_3": 0, "quad_4": 0,
                                          "goldstein": 0.0})
        row["events"] += 1
        if event.get("quad_class") in (1, 2, 3, 4):
            row[f"quad_{event['quad_class']}"] += 1
        row["goldstein"] = round(row["goldstein"] + float(event.get("goldstein") or 0.0), 3)
    return Records(periods[period] for period in sorted(periods))
