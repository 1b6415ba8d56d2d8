"""The closed vocabulary of event labels and their CAMEO / PLOVER / Goldstein coding.

The table lives in ``graphsvc/data/event_types.json`` (one ``EventType`` per row, canonical
order) and is loaded once. CAMEO codes and Goldstein scores follow the CAMEO codebook and GDELT's
Goldstein table; PLOVER types follow the 2021 CAMEO→PLOVER mapping, so codes under roots 01/02
(statements, appeals), which PLOVER drops, carry ``plover = None``.

Choices worth knowing:

* ``invaded``, ``occupied`` and ``annexed`` are all CAMEO 192 "occupy territory" (root 19), the
  way PETRARCH codes "invade"; PLOVER files 192 under COERCE.
* ``supported`` (political support) is 051 "praise or endorse": CAMEO has no plain "support".
  Material support is ``provided_aid`` / ``provided_military_aid`` (07x).
* ``sanctioned`` and ``restricted_trade`` are 163, which PLOVER moves to COERCE.
* Several labels may share a code (``attacked`` / ``fought`` = 190); ``by_cameo`` returns the
  first row of a code in table order, which is the canonical label for it.
* Standing facts (``leader_of``, ``member_of``, ``part_of``) have no code, score or quad class.

A few aliases (spelling variants such as ``recognized``, and common synonyms such as
``military_drills``) are accepted by ``event_type`` and ``canonical_label``; ``labels()`` lists
canonical labels only.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from graphsvc.errors import BadInput
from graphsvc.records import EventType

__all__ = [
    "FACT_LABELS",
    "by_cameo",
    "cameo_root",
    "canonical_label",
    "event_type",
    "event_types",
    "label_root",
    "labels",
    "quad_class_of_root",
]

_CODE = re.compile(r"^[0-9]{2,4}$")
_LABEL_SEP = re.compile(r"[\s\-]+")


class _Table:
    """The loaded table plus its indexes; immutable once built."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.rows: tuple[EventType, ...] = tuple(
            EventType.model_validate(row) for row in raw["event_types"]
        )
        by_label: dict[str, EventType] = {}
        by_code: dict[str, EventType] = {}
        for row in self.rows:
            if row.label in by_label:
                raise ValueError(f"duplicate event label {row.label!r}")
            by_label[row.label] = row
            # First row wins: table order puts the canonical label of a shared code first.
            if row.cameo is not None:
                by_code.setdefault(row.cameo, row)
        aliases: dict[str, str] = dict(raw.get("aliases", {}))
        for alias, target in aliases.items():
            if target not in by_label or alias in by_label:
                raise ValueError(f"bad alias {alias!r} -> {target!r}")
        self.by_label = MappingProxyType(by_label)
        self.by_code = MappingProxyType(by_code)
        self.aliases = MappingProxyType(aliases)
        self.labels = frozenset(by_label)
        self.facts = frozenset(row.label for row in self.rows if row.fact)


@lru_cache(maxsize=1)
def _table() -> _Table:
    text = resources.files("graphsvc").joinpath("data/event_types.json").read_text("utf-8")
    return _Table(json.loads(text))


# Standing facts (the table's ``fact`` column): relations that say who an actor is, not what it
# did, so they have no code, score, quad class or date, and pass every modality filter. A module
# constant rather than a call: edge filters test it once per edge.
FACT_LABELS: frozenset[str] = _table().facts


def event_types() -> list[EventType]:
    """The whole table in canonical order (a fresh list; the rows themselves are shared)."""
    return list(_table().rows)


def labels() -> frozenset[str]:
    """All canonical labels (aliases excluded)."""
    return _table().labels


def canonical_label(label: str) -> str | None:
    """The canonical label for ``label`` or one of its aliases, else None.

    Case, spaces and hyphens are forgiven: ``"Met-with"`` → ``"met_with"``.
    """
    table = _table()
    if label in table.by_label:
        return label
    key = _LABEL_SEP.sub("_", label.strip().lower())
    if key in table.by_label:
        return key
    return table.aliases.get(key)


def event_type(label: str) -> EventType:
    """The row for ``label`` (or an alias of it); raises ``BadInput`` for unknown labels."""
    canonical = canonical_label(label) if isinstance(label, str) else None
    if canonical is None:
        raise BadInput(f"unknown event type {label!r}", label=str(label))
    return _table().by_label[canonical]


def by_cameo(code: str) -> EventType | None:
    """The canonical row with exactly this CAMEO code ("0841", not "084"), else None."""
    return _table().by_code.get(code)


def label_root(label: str) -> int:
    """The CAMEO root of an event label as a number (``"attacked"`` → 19); 0 for facts."""
    code = event_type(label).cameo
    return int(code[:2]) if code else 0


def cameo_root(code: str) -> str:
    """The two-digit root of a CAMEO code: ``"192"`` → ``"19"``, ``"0841"`` → ``"08"``.

    Raises ``BadInput`` when ``code`` is not 2–4 digits under a root 01–20.
    """
    if not isinstance(code, str) or not _CODE.match(code) or not 1 <= int(code[:2]) <= 20:
        raise BadInput(f"not a CAMEO code: {code!r}", code=str(code))
    return code[:2]


def quad_class_of_root(root: str) -> int:
    """GDELT quad class of a CAMEO root: 01–05 → 1 verbal cooperation, 06–08 → 2 material
    cooperation, 09–13 → 3 verbal conflict, 14–20 → 4 material conflict.

    Raises ``BadInput`` unless ``root`` is exactly two digits 01–20.
    """
    if not isinstance(root, str) or len(root) != 2 or not _CODE.match(root):
        raise BadInput(f"not a CAMEO root: {root!r}", root=str(root))
    value = int(root)
    if not 1 <= value <= 20:
        raise BadInput(f"not a CAMEO root: {root!r}", root=root)
    if value <= 5:
        return 1
    if value <= 8:
        return 2
    if value <= 13:
        return 3
    return 4
