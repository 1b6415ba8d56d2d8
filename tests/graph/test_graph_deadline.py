"""Cooperative deadlines: the Deadline itself (on a fake clock) and every traversal stopping
with QueryTimeout once its deadline has passed, while a generous one changes nothing."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx
import pytest

from graphsvc.errors import QueryTimeout
from graphsvc.graph import Deadline
from graphsvc.graph.deadline import stream_within, ticked
from graphsvc.graph.events import list_events
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
from graphsvc.graph.filters import ALL_EDGES, DEFAULT_FILTER
from graphsvc.graph.neighbourhood import neighbourhood
from graphsvc.graph.paths import shortest_paths
from graphsvc.graph.search import search_entities
from graphsvc.graph.stats import entity_activity, graph_stats
from graphsvc.graph.timeline import timeline


class FakeClock:
    """A monotonic clock that moves only when told (or by ``step`` on every read)."""

    def __init__(self, step: float = 0.0) -> None:
        self.now = 100.0
        self.step = step
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        self.now += self.step
        return self.now


def expired() -> Deadline:
    clock = FakeClock()
    deadline = Deadline(0.5, clock=clock)
    clock.now += 2.0
    return deadline


# -- the Deadline -----------------------------------------------------------------------------


def test_check_raises_past_the_limit_with_the_numbers() -> None:
    clock = FakeClock()
    deadline = Deadline(1.5, clock=clock)
    clock.now += 1.0
    deadline.check()
    assert not deadline.expired and deadline.remaining == pytest.approx(0.5)
    clock.now += 0.75
    with pytest.raises(QueryTimeout) as raised:
        deadline.check()
    error = raised.value
    assert (error.code, error.status) == ("E012", 503)
    assert error.extra == {"limit_seconds": 1.5, "elapsed_seconds": 1.75}
    problem = error.to_problem(instance="/paths")
    assert problem["limit_seconds"] == 1.5 and "1.5 s limit" in problem["detail"]
    assert deadline.expired and deadline.elapsed == pytest.approx(1.75)


def test_tick_reads_the_clock_only_every_kth_call() -> None:
    clock = FakeClock()
    deadline = Deadline(10.0, every=100, clock=clock)
    reads_at_start = clock.reads
    for _ in range(1000):
        deadline.tick()
    # The first tick checks (an already spent budget stops at once), then every 100th.
    assert clock.reads - reads_at_start == 10


def test_tick_stops_a_loop_soon_after_the_limit() -> None:
    clock = FakeClock(step=0.01)  # each clock read: 10 ms of "work"
    deadline = Deadline(0.05, every=50, clock=clock)
    done = 0
    with pytest.raises(QueryTimeout):
        for _ in range(100_000):
            deadline.tick()
            done += 1
    assert 100 <= done <= 300


def test_never_never_passes() -> None:
    deadline = Deadline.never()
    assert deadline.limit == math.inf and deadline.remaining == math.inf
    for _ in range(1000):
        deadline.tick()
    deadline.check()


def test_after_uses_the_real_clock() -> None:
    deadline = Deadline.after(60.0)
    deadline.check()
    assert 0.0 <= deadline.elapsed < 5.0 and deadline.limit == 60.0


@pytest.mark.parametrize(("limit", "every"), [(0.0, 1), (-1.0, 1), (math.nan, 1), (1.0, 0)])
def test_bad_arguments_are_refused(limit: float, every: int) -> None:
    with pytest.raises(ValueError):
        Deadline(limit, every=every)


def test_paused_time_does_not_count() -> None:
    clock = FakeClock()
    deadline = Deadline(1.0, clock=clock)
    clock.now += 0.5
    deadline.pause()
    clock.now += 100.0
    deadline.check()  # paused: never expires
    assert deadline.elapsed == pytest.approx(0.5)
    deadline.resume()
    clock.now += 0.25
    deadline.check()
    assert deadline.elapsed == pytest.approx(0.75)
    clock.now += 0.5
    with pytest.raises(QueryTimeout) as raised:
        deadline.check()
    assert raised.value.extra["elapsed_seconds"] == pytest.approx(1.25)


@pytest.mark.parametrize(("chunks", "times_out"), [(5, False), (20, True)])
def test_stream_within_counts_building_not_reading(chunks: int, times_out: bool) -> None:
    clock = FakeClock()
    deadline = Deadline(1.0, clock=clock)

    def build() -> Iterator[bytes]:
        for index in range(chunks):
            clock.now += 0.1  # building a chunk
            yield str(index).encode()

    received: list[bytes] = []

    def download() -> None:
        for chunk in stream_within(build(), deadline):
            clock.now += 10.0  # a slow client reading it
            received.append(chunk)

    if times_out:
        with pytest.raises(QueryTimeout):
            download()
        assert 5 <= len(received) <= 10
    else:
        download()
        assert len(received) == chunks


def test_ticked_without_a_deadline_is_the_items_themselves() -> None:
    items = [1, 2, 3]
    assert ticked(items, None) is items
    assert list(ticked(items, Deadline.never())) == items


# -- every traversal ----------------------------------------------------------------------------


def _plain(result: Any) -> Any:
    """Results made comparable: graphs as their nodes and edges, streams as their bytes."""
    if isinstance(result, nx.MultiDiGraph):
        return (sorted(result.nodes), sorted(result.edges(keys=True)))
    if isinstance(result, tuple):
        return tuple(_plain(part) for part in result)
    if isinstance(result, Iterator):
        return b"".join(result)
    return result


Call = Callable[[nx.MultiDiGraph, Deadline | None], Any]
CALLS: list[tuple[str, Call]] = [
    ("neighbourhood", lambda g, d: neighbourhood(g, "A", depth=2, deadline=d)),
    ("neighbourhood-filtered",
     lambda g, d: neighbourhood(g, "A", depth=3, edge_filter=DEFAULT_FILTER, deadline=d)),
    ("paths", lambda g, d: shortest_paths(g, "A", "E", ALL_EDGES, deadline=d)),
    ("events", lambda g, d: list_events(g, ALL_EDGES, deadline=d)),
    ("events-of-one", lambda g, d: list_events(g, source="A", deadline=d)),
    ("timeline", lambda g, d: timeline(g, "A", deadline=d)),
    ("stats", lambda g, d: graph_stats(g, deadline=d)),
    ("activity", lambda g, d: entity_activity(g, "A", deadline=d)),
    ("search", lambda g, d: search_entities(g, "alder", deadline=d)),
    ("to_graphml", lambda g, d: to_graphml(g, deadline=d)),
    ("to_gexf", lambda g, d: to_gexf(g, deadline=d)),
    ("to_node_link", lambda g, d: to_node_link(g, deadline=d)),
    ("to_cytoscape", lambda g, d: to_cytoscape(g, deadline=d)),
    ("iter_graphml", lambda g, d: iter_graphml(g, deadline=d)),
    ("iter_gexf", lambda g, d: iter_gexf(g, deadline=d)),
    ("iter_node_link", lambda g, d: iter_node_link(g, deadline=d)),
    ("iter_nodes_csv", lambda g, d: iter_nodes_csv(g, deadline=d)),
    ("iter_edges_csv", lambda g, d: iter_edges_csv(g, deadline=d)),
]
IDS = [name for name, _call in CALLS]


@pytest.mark.parametrize(("name", "call"), CALLS, ids=IDS)
def test_an_expired_deadline_stops_the_query(kg: nx.MultiDiGraph, name: str, call: Call) -> None:
    with pytest.raises(QueryTimeout) as raised:
        _plain(call(kg, expired()))
    assert raised.value.extra["limit_seconds"] == 0.5


@pytest.mark.parametrize(("name", "call"), CALLS, ids=IDS)
def test_a_generous_deadline_changes_nothing(kg: nx.MultiDiGraph, name: str, call: Call) -> None:
    # Bounded first: per-snapshot caches (stats, search index, event order) are then filled
    # by the bounded run and must equal what an unbounded one computes on a fresh graph.
    bounded = _plain(call(kg, Deadline.after(60.0)))
    fresh = nx.freeze(nx.MultiDiGraph(kg))
    assert bounded == _plain(call(fresh, None))
    assert bounded


def test_a_hub_with_every_edge_filtered_out_still_stops() -> None:
    # The slow neighbourhood is the one whose filter rejects a hub's edges one by one.
    graph = nx.MultiDiGraph()
    for index in range(2000):
        graph.add_edge("hub", f"n{index}", key=f"k{index}", relation="met_with",
                       modality="future", mentions=1, confidence=0.5)
    graph = nx.freeze(graph)
    clock = FakeClock(step=0.01)
    deadline = Deadline(0.05, every=64, clock=clock)
    with pytest.raises(QueryTimeout):
        neighbourhood(graph, "hub", depth=1, edge_filter=DEFAULT_FILTER, deadline=deadline)
    # Stopped after a few checks, not after reading all 2000 edges (2000 / 64 = 31 checks).
    assert clock.reads < 10
    sub, truncated = neighbourhood(graph, "hub", depth=1, edge_filter=DEFAULT_FILTER)
    assert list(sub.nodes) == ["hub"] and sub.number_of_edges() == 0 and not truncated
