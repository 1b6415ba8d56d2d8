"""Edge filters: which edges of the snapshot a query sees.

An ``EdgeFilter`` is a frozen set of conditions on one edge's attribute dict (as stored in the
snapshot by ``graphsvc.graph.snapshot.edge_attributes``); calling it answers whether the edge
passes. Every graph query (neighbourhood, paths, events, timeline) takes one, so the same
parameters mean the same thing everywhere.

Dates are ISO strings at the precision the text gave ("YYYY", "YYYY-MM", "YYYY-MM-DD"). A bound
and an event date are compared at the coarser of the two precisions, so a date is kept when its
period overlaps the window: "2022" is within since=2022-01-01..until=2022-12-31 (and within
since=2022-06-01 too, since the event may have happened then), "2022-05" is not within
since=2022-06-01. Undated edges (standing facts included) fail any date bound.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphsvc.errors import BadInput
from graphsvc.ontology import FACT_LABELS, event_types
from graphsvc.records import MODALITIES, parse_partial_date

__all__ = [
    "ALL_EDGES",
    "DEFAULT_FILTER",
    "EdgeFilter",
    "date_interval",
    "make_filter",
]


def date_interval(value: str) -> tuple[str, str]:
    """First and last day (YYYY-MM-DD, inclusive) of a partial date: "2022-02" →
    ("2022-02-01", "2022-02-28"). Raises ``BadInput`` for anything that breaks
    ``graphsvc.records.DATE_RULE``."""
    try:
        year, month, day = parse_partial_date(value)
    except ValueError as exc:
        raise BadInput(f"not a date: {exc}") from None
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return value, value


@dataclass(frozen=True, slots=True)
class EdgeFilter:
    """Conditions an edge must meet; ``None`` (or empty) means "any".

    - ``relations``: relation labels (``met_with``, ``leader_of`` …), exact.
    - ``cameo``: CAMEO codes or roots, matched as prefixes ("19" takes 190..196, "04" 040..046).
    - ``plover``: PLOVER types (``CONSULT``, ``ASSAULT`` …), exact.
    - ``since`` / ``until``: inclusive bounds on the event date, partial dates allowed (see the
      module docstring).
    - ``min_confidence``: 0..1, inclusive.
    - ``include_negated``: negated events and ``denied`` ones pass only when True.
    - ``modalities``: the modalities events may have (default ``asserted``); standing facts
      (``leader_of``, ``member_of``, ``part_of``) pass whatever their modality, since "X is
      reported to lead Y" still says who X is. ``None`` lets every modality through.
    """

    relations: frozenset[str] | None = None
    cameo: tuple[str, ...] | None = None
    plover: frozenset[str] | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float | None = None
    include_negated: bool = False
    modalities: frozenset[str] | None = frozenset({"asserted"})

    def __call__(self, data: Mapping[str, Any]) -> bool:
        return self.matches(data)

    def matches(self, data: Mapping[str, Any]) -> bool:
        """Whether an edge with these attributes passes."""
        modality = data.get("modality") or "asserted"
        if not self.include_negated and (data.get("negated") or modality == "denied"):
            return False
        relation = data.get("relation")
        if (
            self.modalities is not None
            and modality not in self.modalities
            and relation not in FACT_LABELS
        ):
            return False
        if self.relations is not None and relation not in self.relations:
            return False
        if self.cameo is not None:
            code = data.get("cameo")
            if not code or not str(code).startswith(self.cameo):
                return False
        if self.plover is not None and data.get("plover") not in self.plover:
            return False
        if self.since is not None or self.until is not None:
            date = data.get("date")
            if not date:
                return False
            if self.since is not None and date[: len(self.since)] < self.since[: len(date)]:
                return False
            if self.until is not None and date[: len(self.until)] > self.until[: len(date)]:
                return False
        if self.min_confidence is not None:
            confidence = data.get("confidence")
            if confidence is None or confidence < self.min_confidence:
                return False
        return True


def _clean(values: Iterable[str] | None) -> list[str] | None:
    if values is None:
        return None
    cleaned = [v.strip() for v in values if v and v.strip()]
    return cleaned or None


def make_filter(
    *,
    relations: Iterable[str] | None = None,
    cameo: Iterable[str] | None = None,
    plover: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
    include_negated: bool | None = None,
    modalities: Iterable[str] | None = None,
    view: str = "asserted",
) -> EdgeFilter:
    """An ``EdgeFilter`` from query parameters, validated.

    ``view="all"`` changes the defaults to "negated and every modality too"; explicit
    ``include_negated`` / ``modalities`` win over it. ``plover`` is upper-cased, ``cameo``
    must be 2–4 digits. Raises ``BadInput`` (with ``errors``, one per bad field) for unknown
    modalities, malformed codes or dates, ``since`` after ``until`` and a confidence outside 0..1.
    """
    errors: list[dict[str, str]] = []
    if view not in ("asserted", "all"):
        errors.append(_error("view", "must be asserted or all"))
    cameo_list = _clean(cameo)
    for code in cameo_list or []:
        if not (code.isdigit() and 2 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20):
            errors.append(_error("cameo", f"not a CAMEO code or root: {code!r}"))
    modality_list = _clean(modalities)
    for modality in modality_list or []:
        if modality not in MODALITIES:
            errors.append(
                _error("modality", f"{modality!r} is not one of {', '.join(MODALITIES)}")
            )
    for name, value in (("since", since), ("until", until)):
        if value is not None:
            try:
                date_interval(value)
            except BadInput as exc:
                errors.append(_error(name, exc.detail))
    if since and until and not errors and date_interval(since)[0] > date_interval(until)[1]:
        errors.append(_error("until", f"until {until} is before since {since}"))
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        errors.append(_error("min_confidence", "must be between 0 and 1"))
    # PLOVER types are a closed set (the ontology's), so an unknown one is a typo. Relation
    # labels stay open: an extractor may emit labels the ontology does not code.
    known = _plover_types()
    for value in _clean(plover) or []:
        if value.strip().upper() not in known:
            errors.append(_error("plover", f"{value!r} is not one of {', '.join(sorted(known))}"))
    if errors:
        raise BadInput("; ".join(f"{e['field']}: {e['message']}" for e in errors), errors=errors)
    labels = _clean(relations)
    plovers = _clean(plover)
    if modality_list is not None:
        modality_set: frozenset[str] | None = frozenset(modality_list)
    else:
        modality_set = None if view == "all" else frozenset({"asserted"})
    return EdgeFilter(
        relations=frozenset(labels) if labels else None,
        cameo=tuple(cameo_list) if cameo_list else None,
        plover=frozenset(p.upper() for p in plovers) if plovers else None,
        since=since or None,
        until=until or None,
        min_confidence=min_confidence,
        include_negated=(view == "all") if include_negated is None else include_negated,
        modalities=modality_set,
    )


@lru_cache(maxsize=1)
def _plover_types() -> frozenset[str]:
    return frozenset(row.plover for row in event_types() if row.plover)


def _error(field: str, message: str) -> dict[str, str]:
    return {"field": f"query.{field}", "message": message, "type": "value_error"}


DEFAULT_FILTER = EdgeFilter()
"""Events that happened (asserted, not negated or denied) plus standing facts."""

ALL_EDGES = EdgeFilter(include_negated=True, modalities=None)
"""Every edge."""
