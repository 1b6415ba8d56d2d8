"""Event listing: the snapshot's edges in date order, filtered, one page at a time.

Order: dated edges first by date string, then undated ones (standing facts); ties by relation
key. Partial dates sort by their text, so "2022" comes before "2022-01-05".

Pagination is by cursor: the token encodes the sort position ``(date, key)`` of the last edge
served, and the next page starts strictly after it. A token therefore stays valid while the
graph changes between pages: edges added or removed before the cursor do not shift the page,
and nothing is served twice (an edge added behind the cursor is simply not seen).
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphsvc.errors import BadInput, NotFound
from graphsvc.graph.deadline import Deadline
from graphsvc.graph.snapshot import incident_edges

__all__ = [
    "EdgeRef",
    "EventPage",
    "decode_token",
    "edge_by_key",
    "encode_token",
    "list_events",
    "sort_key",
]

Predicate = Callable[[Mapping[str, Any]], bool]
SortKey = tuple[int, str, str]
EdgeRef = tuple[str, str, str]
"""(source, target, key) of an edge in the snapshot."""

_BY_KEY: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[str, EdgeRef]] = (
    weakref.WeakKeyDictionary()
)
_ORDER: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[list[SortKey], list[EdgeRef]]] = (
    weakref.WeakKeyDictionary()
)


@dataclass(frozen=True, slots=True)
class EventPage:
    """``items``: edges of this page in order; ``next_page_token``: None on the last page."""

    items: list[EdgeRef]
    next_page_token: str | None


def sort_key(data: Mapping[str, Any], key: str) -> SortKey:
    """Position of an edge in the listing: undated last, then date text, then key."""
    date = data.get("date")
    return (0, str(date), key) if date else (1, "", key)


def encode_token(position: SortKey) -> str:
    """Opaque, URL-safe cursor for a sort position."""
    raw = json.dumps([position[0], position[1], position[2]], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_token(token: str) -> SortKey:
    """The sort position in a cursor; ``BadInput`` naming ``query.page_token`` otherwise."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        undated, date, key = json.loads(raw.decode("utf-8"))
        if undated not in (0, 1) or not isinstance(date, str) or not isinstance(key, str):
            raise ValueError(token)
        return (int(undated), date, key)
    except (ValueError, binascii.Error, UnicodeDecodeError, TypeError):
        raise BadInput(
            "page_token is not a token this API issued",
            errors=[{"field": "query.page_token", "message": "invalid page token",
                     "type": "value_error"}],
        ) from None


def list_events(
    graph: nx.MultiDiGraph,
    edge_filter: Predicate | None = None,
    source: str | None = None,
    target: str | None = None,
    dyad: tuple[str, str] | None = None,
    page_size: int = 100,
    page_token: str | None = None,
    *,
    deadline: Deadline | None = None,
) -> EventPage:
    """One page of edges passing ``edge_filter``, in date order.

    ``source`` / ``target`` are entity ids of the actor and of the one acted on; a symmetric
    edge (``met_with``) matches them from either end, since its stored direction is arbitrary.
    ``dyad`` keeps edges between its two entities in either direction. Ids must exist
    (``NotFound`` otherwise). With an end given, only that entity's edges are read; without,
    the whole snapshot is walked in a date order computed once per frozen snapshot.

    Raises ``QueryTimeout`` once ``deadline`` passes (ticked per edge read, also while the date
    order is computed; an order left unfinished is not cached).
    """
    if page_size < 1:
        raise BadInput("page_size must be at least 1")
    after = decode_token(page_token) if page_token else None
    for node in (source, target, *(dyad or ())):
        if node is not None and node not in graph:
            raise NotFound(f"No entity with id {node!r}", entity_id=node)

    candidates: Iterable[tuple[SortKey, EdgeRef]]
    if source is None and target is None and dyad is None:
        candidates = _ordered(graph, after, deadline)
    else:
        candidates = sorted(_incident(graph, source, target, dyad, deadline))

    items: list[EdgeRef] = []
    last: SortKey | None = None
    for position, ref in candidates:
        if deadline is not None:
            deadline.tick()
        if after is not None and position <= after:
            continue
        data = graph.edges[ref]
        if edge_filter is not None and not edge_filter(data):
            continue
        if len(items) == page_size:
            return EventPage(items=items, next_page_token=encode_token(last) if last else None)
        items.append(ref)
        last = position
    return EventPage(items=items, next_page_token=None)


def _ordered(
    graph: nx.MultiDiGraph, after: SortKey | None, deadline: Deadline | None
) -> Iterator[tuple[SortKey, EdgeRef]]:
    keys, refs = _order(graph, deadline)
    start = bisect.bisect_right(keys, after) if after is not None else 0
    for index in range(start, len(keys)):
        yield keys[index], refs[index]


def _order(
    graph: nx.MultiDiGraph, deadline: Deadline | None
) -> tuple[list[SortKey], list[EdgeRef]]:
    cached = _ORDER.get(graph) if nx.is_frozen(graph) else None
    if cached is not None:
        return cached
    rows = sorted(_rows(graph, deadline))
    if deadline is not None:
        deadline.check()  # the sort itself cannot be interrupted; do not serve past the limit
    order = ([row[0] for row in rows], [row[1] for row in rows])
    if nx.is_frozen(graph):
        _ORDER[graph] = order
    return order


def _rows(
    graph: nx.MultiDiGraph, deadline: Deadline | None
) -> Iterator[tuple[SortKey, EdgeRef]]:
    for u, v, key, data in graph.edges(keys=True, data=True):
        if deadline is not None:
            deadline.tick()
        yield sort_key(data, key), (u, v, key)


def _incident(
    graph: nx.MultiDiGraph,
    source: str | None,
    target: str | None,
    dyad: tuple[str, str] | None,
    deadline: Deadline | None,
) -> Iterator[tuple[SortKey, EdgeRef]]:
    # Start from the most selective end; every candidate is then checked against all ends.
    anchor = dyad[0] if dyad else (source if source is not None else target)
    assert anchor is not None
    for u, v, key, data in incident_edges(graph, anchor):
        if deadline is not None:
            deadline.tick()
        if dyad is not None and {u, v} != set(dyad):
            continue
        ends = [(u, v), (v, u)] if data.get("symmetric") else [(u, v)]
        if not any(
            (source is None or s == source) and (target is None or t == target) for s, t in ends
        ):
            continue
        yield sort_key(data, key), (u, v, key)



def edge_by_key(graph: nx.MultiDiGraph, key: str) -> EdgeRef | None:
    """Where the edge with relation key ``key`` is, or None; the key index is built once per
    frozen snapshot (one pass over the edges)."""
    index = _BY_KEY.get(graph) if nx.is_frozen(graph) else None
    if index is None:
        index = {k: (u, v, k) for u, v, k in graph.edges(keys=True)}
        if nx.is_frozen(graph):
            _BY_KEY[graph] = index
    return index.get(key)
