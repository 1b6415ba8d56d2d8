"""How much evidence an edge carries in a graph answer.

An edge keeps every sentence it was read from, in the order they were stored (oldest first),
and a much-reported one carries thousands: one edge mentioned 6,040 times made a one-edge
neighbourhood weigh 894 KB. Graph answers (neighbourhoods, paths, events, relations) therefore
carry only the newest few sentences of each edge; the count stays in ``mentions`` and the
relation's provenance pages through all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import networkx as nx

__all__ = ["cap_evidence", "newest_evidence"]

_T = TypeVar("_T")


def newest_evidence(evidence: Sequence[_T], limit: int | None) -> list[_T]:
    """The last ``limit`` items of ``evidence`` (the newest, still oldest first); all of them
    when ``limit`` is None."""
    if limit is None:
        return list(evidence)
    if limit <= 0:
        return []  # evidence[-0:] would be the whole list
    return list(evidence[-limit:])


def cap_evidence(graph: nx.MultiDiGraph, limit: int | None) -> nx.MultiDiGraph:
    """``graph`` with each edge's ``evidence`` cut to its newest ``limit`` items, in place.

    Only for a graph built for one answer (a neighbourhood): its edge attribute dicts are its
    own, so the list is replaced there and the snapshot it was copied from is left alone.
    """
    for _u, _v, data in graph.edges(data=True):
        evidence = data.get("evidence")
        if evidence is not None:
            data["evidence"] = newest_evidence(evidence, limit)
    return graph
