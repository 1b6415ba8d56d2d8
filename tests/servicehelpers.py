"""Queries on a ``GraphService``'s current snapshot with the service's defaults, for tests.

The service itself only ingests and keeps the snapshot current; the API and the local client
query ``service.graph`` through ``graphsvc.graph``, and so do these helpers.
"""

from __future__ import annotations

import networkx as nx

from graphsvc.graph import DEFAULT_FILTER, Deadline, neighbourhood
from graphsvc.service import GraphService

__all__ = ["neighbourhood_of"]


def neighbourhood_of(
    service: GraphService,
    entity_id: str,
    depth: int = 1,
    limit: int | None = None,
    *,
    deadline: Deadline | None = None,
) -> tuple[nx.MultiDiGraph, bool]:
    """``entity_id``'s neighbourhood in the default view, at most ``limit`` edges (default:
    ``settings.neighbourhood_limit``, as the API)."""
    limit = service.settings.neighbourhood_limit if limit is None else limit
    return neighbourhood(service.graph, entity_id, depth, "both", limit, DEFAULT_FILTER,
                         deadline=deadline)
