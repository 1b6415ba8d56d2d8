"""Entity search over a graph snapshot by name and alias."""

from __future__ import annotations

import difflib
import re
import unicodedata
import weakref
from typing import Any

import networkx as nx

from graphsvc.graph.deadline import Deadline

__all__ = ["normalise", "search_entities"]

# Tiers, best first; a score is its tier's base plus up to 0.09 for closeness within the tier.
_EXACT_NAME, _EXACT_ALIAS, _PREFIX, _WORD_PREFIX, _SUBSTRING, _FUZZY = 1.0, 0.9, 0.7, 0.6, 0.5, 0.3
_FUZZY_CUTOFF = 0.8
_NON_WORD = re.compile(r"[^\w]+")

# Per-snapshot index of normalised names. Only frozen graphs are cached: the service's snapshots
# are frozen and never change, and a weak key lets a replaced snapshot's index go with it.
_INDEX: weakref.WeakKeyDictionary[nx.MultiDiGraph, list[tuple[str, str, list[str]]]] = (
    weakref.WeakKeyDictionary()
)


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form: "Zelenskyy, V." → "zelenskyy v"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Dots vanish rather than split so "U.S." and "US" meet.
    return " ".join(_NON_WORD.sub(" ", bare.replace(".", "")).casefold().split())


def search_entities(
    graph: nx.MultiDiGraph,
    q: str,
    type: str | None = None,
    country: str | None = None,
    limit: int = 20,
    *,
    deadline: Deadline | None = None,
) -> list[tuple[str, float]]:
    """Entity ids matching ``q``, best first, with a score in (0, 1].

    Ranking: exact name (or id) > exact alias > prefix > prefix of a later word ("velmar" in
    "New Velmar Party") > substring > small typo (difflib ratio ≥ 0.8), all on ``normalise``d
    text; within a tier, the larger the share of the candidate the query covers, the higher.
    Ties go to the better-connected entity, then the id.
    ``type`` and ``country`` filter on the node attributes exactly. Every node is scored, so
    ``deadline`` (ticked per node, also while the name index is built) raises ``QueryTimeout``
    once it passes; an index left unfinished is not cached.
    """
    needle = normalise(q)
    if not needle or limit <= 0:
        return []
    scored: list[tuple[float, int, str]] = []
    for node_id, name, aliases in _index(graph, deadline):
        if deadline is not None:
            deadline.tick()
        data = graph.nodes[node_id]
        if type is not None and data.get("type") != type:
            continue
        if country is not None and data.get("country") != country:
            continue
        score = _score(needle, q.strip() == node_id, name, aliases)
        if score > 0:
            scored.append((score, graph.degree(node_id), node_id))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
    return [(node_id, round(score, 4)) for score, _degree, node_id in scored[:limit]]


def _score(needle: str, is_id: bool, name: str, aliases: list[str]) -> float:
    if is_id or needle == name:
        return _EXACT_NAME
    if needle in aliases:
        return _EXACT_ALIAS
    best = 0.0
    for candidate in [name, *aliases]:
        if not candidate:
            continue
        coverage = len(needle) / len(candidate)
        if candidate.startswith(needle):
            best = max(best, _PREFIX + 0.09 * coverage)
        elif any(word.startswith(needle) for word in candidate.split()):
            best = max(best, _WORD_PREFIX + 0.09 * coverage)
        elif needle in candidate:
            best = max(best, _SUBSTRING + 0.09 * coverage)
        elif best < _FUZZY and abs(len(candidate) - len(needle)) <= max(2, len(needle) // 4):
            matcher = difflib.SequenceMatcher(None, needle, candidate, autojunk=False)
            if matcher.real_quick_ratio() >= _FUZZY_CUTOFF and matcher.quick_ratio() >= (
                _FUZZY_CUTOFF
            ):
                ratio = matcher.ratio()
                if ratio >= _FUZZY_CUTOFF:
                    best = max(best, _FUZZY + 0.09 * ratio)
    return best


def _index(
    graph: nx.MultiDiGraph, deadline: Deadline | None = None
) -> list[tuple[str, str, list[str]]]:
    cached = _INDEX.get(graph) if nx.is_frozen(graph) else None
    if cached is not None:
        return cached
    index: list[tuple[str, str, list[str]]] = []
    for node_id, data in graph.nodes(data=True):
        if deadline is not None:
            deadline.tick()
        index.append((str(node_id), normalise(str(data.get("name") or "")), _aliases(data)))
    if nx.is_frozen(graph):
        _INDEX[graph] = index
    return index


def _aliases(data: dict[str, Any]) -> list[str]:
    return [a for a in (normalise(str(alias)) for alias in data.get("aliases") or []) if a]
