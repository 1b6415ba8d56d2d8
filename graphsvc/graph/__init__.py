"""The in-memory graph: snapshots of the store, neighbourhoods, search and exports."""

from graphsvc.graph.export import to_gexf, to_graphml, to_node_link
from graphsvc.graph.neighbourhood import asserted_edges, neighbourhood
from graphsvc.graph.search import search_entities
from graphsvc.graph.snapshot import apply_extraction, apply_extractions, build_graph

__all__ = [
    "apply_extraction",
    "apply_extractions",
    "asserted_edges",
    "build_graph",
    "neighbourhood",
    "search_entities",
    "to_gexf",
    "to_graphml",
    "to_node_link",
]
