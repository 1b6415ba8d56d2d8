"""The in-memory graph: snapshots of the store and the queries over them (filters,
neighbourhoods, paths, events, timelines, statistics, search, exports), each bounded by an
optional cooperative ``Deadline``."""

from graphsvc.graph.deadline import Deadline
from graphsvc.graph.events import EventPage, edge_by_key, list_events
from graphsvc.graph.export import to_cytoscape, to_gexf, to_graphml, to_node_link
from graphsvc.graph.filters import ALL_EDGES, DEFAULT_FILTER, EdgeFilter, make_filter
from graphsvc.graph.neighbourhood import asserted_edges, neighbourhood
from graphsvc.graph.paths import PathResult, shortest_paths
from graphsvc.graph.search import search_entities
from graphsvc.graph.snapshot import apply_extraction, apply_extractions, build_graph
from graphsvc.graph.stats import entity_activity, graph_stats
from graphsvc.graph.timeline import TimelineRow, timeline

__all__ = [
    "ALL_EDGES",
    "DEFAULT_FILTER",
    "Deadline",
    "EdgeFilter",
    "EventPage",
    "PathResult",
    "TimelineRow",
    "apply_extraction",
    "apply_extractions",
    "asserted_edges",
    "build_graph",
    "edge_by_key",
    "entity_activity",
    "graph_stats",
    "list_events",
    "make_filter",
    "neighbourhood",
    "search_entities",
    "shortest_paths",
    "timeline",
    "to_cytoscape",
    "to_gexf",
    "to_graphml",
    "to_node_link",
]
