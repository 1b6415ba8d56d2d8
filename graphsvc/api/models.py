"""Wire shapes of the HTTP API, kept apart from the internal records so either can change.

Nodes and edges are built from the graph snapshot's attribute dicts; unknown attributes are
ignored so the graph may grow fields without breaking responses.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graphsvc.records import (
    DATE_RULE,
    ID_RULE,
    PARTIAL_DATE_PATTERN,
    check_doc_id,
    check_partial_date,
)

__all__ = [
    "MAX_BATCH",
    "BatchOut",
    "DocumentDetail",
    "DocumentIn",
    "DocumentList",
    "DocumentSummary",
    "EdgeOut",
    "EntityActivity",
    "EntityDetail",
    "EntityHit",
    "EntityList",
    "EntityOut",
    "EventList",
    "EvidenceOut",
    "FieldError",
    "Health",
    "HopOut",
    "IngestOut",
    "Neighbourhood",
    "PathList",
    "PathOut",
    "Problem",
    "ProvenanceItem",
    "ProvenanceOut",
    "Ready",
    "RelationList",
    "RoleOut",
    "Stats",
    "Timeline",
    "TimelineRowOut",
    "edge_out",
    "node_out",
    "problems",
]

MAX_BATCH = 1000  # documents per POST /documents/batch

# C0 controls and DEL, bar the whitespace ones (tab, newlines, form feed) real text carries.
# They are never news: they mean binary or mis-decoded input, and XML exports cannot hold them.
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_FIELD_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class FieldError(BaseModel):
    field: str = Field(description="Dotted location, e.g. body.text or query.depth.")
    message: str
    type: str


class Problem(BaseModel):
    """RFC 9457 problem details; ``code`` is the stable graphsvc error code (E + 3 digits)."""

    type: str = Field(examples=["https://graphsvc.dev/problems/not-found"])
    title: str
    status: int
    detail: str
    instance: str | None = Field(default=None, description="Path of the failed request.")
    code: str = Field(examples=["E002"])
    errors: list[FieldError] | None = Field(
        default=None, description="Validation failures, one per field (422 only)."
    )


class Health(_Out):
    status: Literal["ok"] = "ok"
    version: str
    documents: int
    entities: int
    relations: int


class Ready(_Out):
    status: Literal["ready"] = "ready"


class RoleOut(_Out):
    relation: str
    target: str = Field(description="Entity id of the state or body.")
    title: str | None = None
    start: str | None = None
    end: str | None = None


class EntityOut(_Out):
    id: str
    name: str
    type: str
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3, IGO, NGO or IMG.")
    sector: str | None = None
    aliases: list[str] = Field(default_factory=list)
    roles: list[RoleOut] = Field(default_factory=list)


class EntityHit(EntityOut):
    score: float | None = Field(default=None, description="Match score; None when listing.")
    degree: int = Field(default=0, description="Edges touching this entity, both directions.")


class EntityList(_Out):
    items: list[EntityHit]


class EntityActivity(_Out):
    """Counts of an entity's events (standing facts excluded) in the default view."""

    by_type: dict[str, int] = Field(description="Per relation label.", examples=[{"met_with": 3}])
    by_year: dict[str, int] = Field(
        description="Per year of the event date; 'undated' for events without one.",
        examples=[{"2022": 2, "undated": 1}],
    )
    by_quad_class: dict[str, int] = Field(
        description="Per GDELT quad class: 1 verbal / 2 material cooperation, 3 verbal / "
        "4 material conflict."
    )
    by_role: dict[str, int] = Field(
        description="source: events it did (symmetric ones included); target: done to it."
    )


class EntityDetail(EntityOut):
    degree: int = Field(description="Edges touching this entity, both directions.")
    activity: EntityActivity | None = Field(
        default=None, description="Event counts by type, year, quad class and role."
    )


class EvidenceOut(_Out):
    doc_id: str
    sentence: str
    start: int = Field(description="Offset of the sentence in the document text, inclusive.")
    end: int = Field(description="Offset of the sentence in the document text, exclusive.")
    trigger: str | None = None
    extractor_version: str | None = None


class EdgeOut(_Out):
    """A directed edge ``source`` → ``target``; ``key`` is its stable relation key."""

    key: str
    source: str
    target: str
    relation: str
    cameo: str | None = None
    plover: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    date: str | None = None
    negated: bool = False
    modality: str = "asserted"
    confidence: float | None = None
    symmetric: bool = False
    location: str | None = None
    evidence: list[EvidenceOut] = Field(default_factory=list)
    mentions: int = Field(default=0, description="Distinct evidence sentences.")


class Neighbourhood(_Out):
    nodes: list[EntityOut]
    edges: list[EdgeOut]
    truncated: bool = Field(description="True when the edge limit cut the answer short.")


class RelationList(_Out):
    items: list[EdgeOut]
    truncated: bool


class HopOut(EdgeOut):
    """One step of a path: the best-evidenced edge joining two consecutive entities, in its
    stored direction (which may run against the walk)."""

    parallel: int = Field(
        default=0, description="Other edges joining the same two entities under the filters."
    )


class PathOut(_Out):
    nodes: list[str] = Field(description="Entity ids from source to target.")
    edges: list[HopOut] = Field(description="len(nodes) - 1 hops, in walking order.")


class PathList(_Out):
    """Shortest paths between ``source`` and ``target``; empty when none within max_hops."""

    source: str
    target: str
    length: int | None = Field(description="Hops of the shortest path; None when none found.")
    items: list[PathOut]
    entities: list[EntityOut] = Field(description="Every entity on the paths.")
    truncated: bool = Field(
        description="True when max_paths or the search bound cut the answer short."
    )


class EventList(_Out):
    items: list[EdgeOut] = Field(description="Oldest first; undated edges last.")
    next_page_token: str | None = Field(
        default=None,
        description="Pass as page_token for the next page; None on the last page. Opaque; it "
        "stays valid while documents are added or deleted.",
    )


class TimelineRowOut(_Out):
    period: str = Field(examples=["2022-12"], description="YYYY-MM or YYYY.")
    events: int
    quad_1: int = Field(description="Verbal cooperation events.")
    quad_2: int = Field(description="Material cooperation events.")
    quad_3: int = Field(description="Verbal conflict events.")
    quad_4: int = Field(description="Material conflict events.")
    goldstein: float = Field(description="Sum of the events' Goldstein scores (-10..+10 each).")


class Timeline(_Out):
    source: str
    target: str | None = Field(description="None: the source against everyone.")
    granularity: Literal["month", "year"]
    items: list[TimelineRowOut] = Field(description="Oldest first; empty periods left out.")


class ProvenanceItem(_Out):
    """One sentence supporting a relation, located in its document."""

    doc_id: str
    title: str | None = None
    date: str | None = Field(default=None, description="Publication date of the document.")
    url: str | None = None
    sentence: str
    start: int = Field(description="Offset of the sentence in the document text, inclusive.")
    end: int = Field(description="Offset of the sentence in the document text, exclusive.")
    trigger: str | None = None
    extractor_version: str | None = None


class ProvenanceOut(_Out):
    relation: EdgeOut
    documents: int = Field(description="Distinct documents among the items.")
    items: list[ProvenanceItem]


class Stats(_Out):
    """Sizes and distributions of the current graph snapshot (plus the store's counts)."""

    documents: int
    evidence: int = Field(description="Evidence sentences in the store.")
    nodes: int
    edges: int
    events: int = Field(description="Edges that are events (not standing facts).")
    facts: int
    negated: int
    entity_types: dict[str, int]
    countries: dict[str, int] = Field(description="Entities per ISO 3166-1 alpha-3 code.")
    relations: dict[str, int]
    quad_classes: dict[str, int]
    modalities: dict[str, int]
    years: dict[str, int] = Field(description="Dated edges per year.")
    first_date: str | None
    last_date: str | None
    top_entities: list[dict[str, str | int]] = Field(
        description="Highest-degree entities: {id, degree}."
    )


class DocumentIn(BaseModel):
    """A news text to ingest; ``date`` is its publication date."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=200, examples=["reuters-2022-12-30-001"],
                    description=f"The {ID_RULE}.")
    text: str = Field(min_length=1, examples=["Xi Jinping met Vladimir Putin in Moscow."])
    date: str | None = Field(default=None, examples=["2022-12-30"],
                             description=f"Publication date: the {DATE_RULE}.",
                             json_schema_extra={"pattern": PARTIAL_DATE_PATTERN})
    url: str | None = None
    title: str | None = None

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        return _no_controls(value, _TEXT_CONTROL)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        return check_doc_id(value)

    @field_validator("url", "title")
    @classmethod
    def _single_line(cls, value: str | None) -> str | None:
        return None if value is None else _no_controls(value, _FIELD_CONTROL)

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return check_partial_date(value)


def _no_controls(value: str, pattern: re.Pattern[str]) -> str:
    found = pattern.search(value)
    if found:
        raise ValueError(
            f"control character U+{ord(found.group()):04X} at offset {found.start()}"
        )
    return value


def _outlet() -> Any:
    return Field(
        default=None, examples=["Reuters"],
        description="The outlet the story credits (its dateline credit, else the one outlet it "
        "names), read from the text by extraction; not an input. None when unclear or unknown.",
    )


def _dateline() -> Any:
    return Field(
        default=None, examples=["QUITO"],
        description="The place of the story's dateline as written, read from the text by "
        "extraction; not an input. None without one.",
    )


class DocumentSummary(_Out):
    id: str
    date: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = _outlet()
    dateline: str | None = _dateline()
    chars: int = Field(description="Length of the text in characters.")


class DocumentList(_Out):
    items: list[DocumentSummary]
    offset: int
    limit: int


class DocumentDetail(_Out):
    id: str
    text: str
    date: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = _outlet()
    dateline: str | None = _dateline()
    content_hash: str = Field(description="SHA-256 of the text.")
    entities: list[EntityOut] = Field(default_factory=list)
    relations: list[EdgeOut] = Field(
        default_factory=list, description="Edges read from this document, its evidence only."
    )


class IngestOut(_Out):
    doc_id: str
    status: Literal["created", "unchanged", "replaced"]
    entities: int
    relations: int


class BatchOut(_Out):
    items: list[IngestOut] = Field(description="One result per document, in input order.")


def node_out(entity_id: str, attrs: dict[str, Any]) -> EntityOut:
    """A node of the graph snapshot as it goes on the wire."""
    return EntityOut.model_validate({**attrs, "id": entity_id})


def edge_out(source: str, target: str, key: str, attrs: dict[str, Any]) -> EdgeOut:
    """An edge of the graph snapshot as it goes on the wire."""
    return EdgeOut.model_validate({**attrs, "source": source, "target": target, "key": key})


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting the problem+json errors a route can return."""
    return {
        status: {"model": Problem, "content": {"application/problem+json": {}}}
        for status in statuses
    }
