"""Wire shapes of the HTTP API, kept apart from the internal records so either can change.

Nodes and edges are built from the graph snapshot's attribute dicts; unknown attributes are
ignored so the graph may grow fields without breaking responses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graphsvc.graph.evidence import newest_evidence
from graphsvc.records import (
    DATE_RULE,
    ID_RULE,
    PARTIAL_DATE_PATTERN,
    check_doc_id,
    check_partial_date,
)

__all__ = [
    "MAX_BATCH",
    "MAX_PROVENANCE_PAGE",
    "PROVENANCE_PAGE",
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
    "hop_out",
    "node_out",
    "problems",
    "provenance_out",
    "provenance_path",
]

MAX_BATCH = 1000  # documents per POST /documents/batch
PROVENANCE_PAGE = 100  # evidence sentences per provenance page, by default
MAX_PROVENANCE_PAGE = 1000

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
    evidence: list[EvidenceOut] = Field(
        default_factory=list,
        description="The newest evidence_limit sentences (default GRAPHSVC_EVIDENCE_LIMIT), "
        "oldest of them first; every one is in `provenance`.",
    )
    mentions: int = Field(default=0, description="Distinct evidence sentences, all of them.")
    evidence_truncated: bool = Field(
        default=False, description="True when `evidence` holds only the newest of `mentions`."
    )
    provenance: str | None = Field(
        default=None, examples=["/relations/r_350c43c9a9124607/provenance"],
        description="Path of the relation's provenance, which pages through every sentence.",
    )


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
    documents: int = Field(description="Distinct documents behind the relation (all pages).")
    total: int = Field(description="Evidence sentences behind the relation (all pages).")
    offset: int = Field(description="Index of the first item among all of them.")
    limit: int
    next_offset: int | None = Field(
        default=None, description="Pass as offset for the next page; None on the last page."
    )
    items: list[ProvenanceItem] = Field(description="In the order they were read, oldest first.")


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


def provenance_path(key: str) -> str:
    return f"/relations/{quote(key, safe='')}/provenance"


def _edge_fields(
    source: str, target: str, key: str, attrs: dict[str, Any], evidence_limit: int | None
) -> dict[str, Any]:
    evidence = attrs.get("evidence") or []
    kept = newest_evidence(evidence, evidence_limit)
    return {
        **attrs, "source": source, "target": target, "key": key, "evidence": kept,
        "mentions": attrs.get("mentions", len(evidence)),
        "evidence_truncated": len(kept) < len(evidence), "provenance": provenance_path(key),
    }


def edge_out(
    source: str, target: str, key: str, attrs: dict[str, Any], evidence_limit: int | None = None
) -> EdgeOut:
    """An edge of the graph snapshot as it goes on the wire, with its newest
    ``evidence_limit`` sentences (all when None)."""
    return EdgeOut.model_validate(_edge_fields(source, target, key, attrs, evidence_limit))


def hop_out(
    source: str, target: str, key: str, attrs: dict[str, Any], parallel: int,
    evidence_limit: int | None,
) -> HopOut:
    """One step of a path (an edge and how many others join the same two entities)."""
    fields = _edge_fields(source, target, key, attrs, evidence_limit)
    return HopOut.model_validate({**fields, "parallel": parallel})


def provenance_out(
    source: str, target: str, key: str, attrs: dict[str, Any],
    get_document: Callable[[str], Any], *, offset: int, limit: int, evidence_limit: int,
) -> ProvenanceOut:
    """One page of an edge's evidence, each sentence with its document's title, date and url
    (``get_document`` reads a document by id; it is called once per document of the page)."""
    evidence = attrs.get("evidence") or []
    # Only the page is validated: an edge may carry thousands of sentences.
    page = [EvidenceOut.model_validate(ev) for ev in evidence[offset:offset + limit]]
    documents: dict[str, Any] = {}
    items = []
    for item in page:
        if item.doc_id not in documents:
            documents[item.doc_id] = get_document(item.doc_id)
        doc = documents[item.doc_id]
        items.append(ProvenanceItem(
            **item.model_dump(), title=doc.title if doc else None,
            date=doc.date if doc else None, url=doc.url if doc else None))
    after = offset + len(page)
    return ProvenanceOut(
        relation=edge_out(source, target, key, attrs, evidence_limit),
        documents=len({ev["doc_id"] for ev in evidence}), total=len(evidence),
        offset=offset, limit=limit, next_offset=after if after < len(evidence) else None,
        items=items,
    )


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting the problem+json errors a route can return."""
    return {
        status: {"model": Problem, "content": {"application/problem+json": {}}}
        for status in statuses
    }
