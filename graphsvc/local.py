"""Local mode: the ``Client`` methods over a data directory, without a server.

``graphsvc.open("data")`` opens the SQLite store there (as ``graphsvc serve --data-dir data``
would) and answers from its graph snapshot. Results have the same shapes as ``Client``'s and
failures raise the same ``GraphsvcHTTPError`` subclasses, so notebook code runs unchanged
against either. spaCy is loaded only on the first ``ingest``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import networkx as nx

from graphsvc.client import (
    EXPORT_FORMATS,
    NotFoundError,
    Records,
    _by_date,
    default_doc_id,
    edge_filter,
    error_from_problem,
    shortest_paths,
    timeline_rows,
)
from graphsvc.errors import BadInput, GraphsvcError, NotFound
from graphsvc.graph.export import to_gexf, to_graphml, to_node_link
from graphsvc.records import Document
from graphsvc.service import GraphService
from graphsvc.settings import Settings

__all__ = ["LocalClient", "open"]


@contextmanager
def _as_client_errors() -> Iterator[None]:
    """Core errors become the client's typed exceptions, as if a server had answered."""
    try:
        yield
    except GraphsvcError as error:
        raise error_from_problem(error.to_problem(), status=error.status) from error


class LocalClient:
    """``Client``'s methods on a ``GraphService`` in this process.

    Build it with ``graphsvc.open(data_dir)``; or pass a ready ``service`` (then it is not
    closed by ``close()``).
    """

    def __init__(self, settings: Settings, service: GraphService | None = None) -> None:
        self.settings = settings
        self._owns_service = service is None
        self.service = service if service is not None else GraphService(settings)

    # -- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        if self._owns_service:
            self.service.close()

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
        return f"graphsvc.open({str(self.settings.data_dir)!r})"

    # -- reads ----------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        from graphsvc import __version__

        counts = self.service.store.counts()
        return {"status": "ok", "version": __version__,
                **{k: counts.get(k, 0) for k in ("documents", "entities", "relations")}}

    def search(
        self, q: str, *, type: str | None = None, country: str | None = None, limit: int = 20
    ) -> Records:
        graph = self.service.graph
        hits = self.service.search(q, type=type, country=country, limit=limit)
        return Records({**_node(graph, node), "score": score} for node, score in hits)

    def entity(self, entity: str) -> dict[str, Any]:
        entity_id = self.resolve(entity)
        stored = self.service.store.get_entity(entity_id)
        if stored is None:  # a bare end of an edge, known to the graph only
            return {**_node(self.service.graph, entity_id),
                    "degree": self.service.graph.degree(entity_id)}
        graph = self.service.graph
        degree = graph.degree(entity_id) if entity_id in graph else 0
        return {**stored.model_dump(), "degree": degree}

    def resolve(self, entity: str) -> str:
        graph = self.service.graph
        if entity in graph or self.service.store.get_entity(entity) is not None:
            return entity
        hits = self.service.search(entity, limit=1)
        if not hits:
            raise error_from_problem(NotFound(f"No entity with id or name {entity!r}")
                                     .to_problem())
        return hits[0][0]

    def neighbourhood(
        self,
        entity: str,
        depth: int = 1,
        *,
        direction: str = "both",
        limit: int | None = None,
        **filters: Any,
    ) -> nx.MultiDiGraph:
        entity_id = self.resolve(entity)
        cap = self.settings.neighbourhood_limit
        with _as_client_errors():
            if not 1 <= depth <= 3:
                raise BadInput("depth must be 1, 2 or 3")
            sub, truncated = self.service.neighbourhood(
                entity_id, depth, direction, min(limit or cap, cap), edge_filter(**filters))
        # A private copy: the snapshot's attribute values are shared and must stay frozen.
        graph = copy.deepcopy(nx.MultiDiGraph(sub))
        graph.graph.update(truncated=truncated, center=entity_id)
        return graph

    def paths(
        self, source: str, target: str, *, max_hops: int = 4, **filters: Any
    ) -> list[list[dict[str, Any]]]:
        source_id, target_id = self.resolve(source), self.resolve(target)
        found = shortest_paths(self.service.graph, source_id, target_id, max_hops=max_hops,
                               keep=edge_filter(**filters))
        return copy.deepcopy(found)

    def iter_events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        page_size: int = 100,
        **filters: Any,
    ) -> Iterator[dict[str, Any]]:
        source_id = self.resolve(source) if source else None
        target_id = self.resolve(target) if target else None
        keep = edge_filter(**filters)
        graph = self.service.graph
        found = []
        for u, v, key, data in graph.edges(keys=True, data=True):
            ends = [(u, v), (v, u)] if data.get("symmetric") else [(u, v)]
            if not any((source_id is None or s == source_id)
                       and (target_id is None or t == target_id) for s, t in ends):
                continue
            if keep(data):
                found.append({**data, "source": u, "target": v, "key": key})
        for event in sorted(found, key=_by_date):
            yield copy.deepcopy(event)

    def events(
        self,
        *,
        source: str | None = None,
        target: str | None = None,
        max_items: int | None = None,
        page_size: int = 100,
        **filters: Any,
    ) -> Records:
        records = Records()
        for item in self.iter_events(source=source, target=target, **filters):
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
        source_id = self.resolve(source)
        target_id = self.resolve(target) if target else None
        events = {e["key"]: e for e in self.iter_events(source=source_id, target=target_id,
                                                         **filters)}
        for event in self.iter_events(source=target_id, target=source_id, **filters):
            events.setdefault(event["key"], event)
        return timeline_rows(events.values(), granularity)

    def documents(self, offset: int = 0, limit: int = 100) -> Records:
        docs = self.service.store.list_documents(offset=offset, limit=limit)
        return Records({"id": d.id, "date": d.date, "url": d.url, "title": d.title,
                        "chars": len(d.text)} for d in docs)

    def document(self, doc_id: str) -> dict[str, Any]:
        doc = self.service.store.get_document(doc_id)
        if doc is None:
            raise error_from_problem(NotFound(f"No document with id {doc_id!r}").to_problem())
        extraction = self.service.store.document_extraction(doc_id)
        return {
            **doc.model_dump(),
            "content_hash": doc.content_hash,
            "entities": [e.model_dump() for e in (extraction.entities if extraction else [])],
            "relations": [{**r.model_dump(), "key": r.key}
                          for r in (extraction.relations if extraction else [])],
        }

    def export(self, format: str = "graphml", path: str | Path | None = None) -> bytes:
        if format not in EXPORT_FORMATS:
            raise ValueError(f"format must be one of {', '.join(EXPORT_FORMATS)}")
        graph = self.service.graph
        if format == "graphml":
            data = to_graphml(graph)
        elif format == "gexf":
            data = to_gexf(graph)
        else:
            data = json.dumps(to_node_link(graph), ensure_ascii=False).encode("utf-8")
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
        with _as_client_errors():
            try:
                doc = Document(id=doc_id or default_doc_id(text), text=text, date=date, url=url,
                               title=title)
            except ValueError as error:
                raise BadInput(str(error)) from error
            return asdict(self.service.ingest(doc))

    def delete_document(self, doc_id: str) -> None:
        if not self.service.delete_document(doc_id):
            raise NotFoundError(404, "Not found", f"No document with id {doc_id!r}", code="E002")


def _node(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    return copy.deepcopy({**graph.nodes[node], "id": node})


def open(data_dir: str | Path = "data", **settings: Any) -> LocalClient:
    """A ``LocalClient`` on the store in ``data_dir``; other ``Settings`` fields (e.g.
    ``spacy_model``) as keywords. Nothing is seeded: ingest with ``.ingest``."""
    return LocalClient(Settings(data_dir=Path(data_dir), **settings))
