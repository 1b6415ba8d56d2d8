"""The records that flow between stages: extract → resolve → code → store → graph → api.

Every record here is public: ``scripts/gen_schemas`` writes its JSON Schema to ``schemas/``.
Dates are ISO strings at the precision the text gives ("YYYY", "YYYY-MM", "YYYY-MM-DD"), so a
historical "in 2014" is never widened into a false day.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graphsvc.errors import BadInput

__all__ = [
    "DATE_RULE",
    "ENTITY_TYPES",
    "ID_RULE",
    "MAX_YEAR",
    "MIN_YEAR",
    "MODALITIES",
    "PARTIAL_DATE_PATTERN",
    "Document",
    "Entity",
    "EntityType",
    "EventType",
    "Evidence",
    "Extraction",
    "Mention",
    "Modality",
    "Relation",
    "Role",
    "check_doc_id",
    "check_partial_date",
    "check_unicode",
    "content_hash",
    "parse_partial_date",
    "relation_key",
]

EntityType = Literal["PERSON", "COUNTRY", "REGION", "CITY", "ORG", "IGO", "GROUP", "LOCATION"]
ENTITY_TYPES: tuple[str, ...] = EntityType.__args__  # type: ignore[attr-defined]

Modality = Literal["asserted", "future", "hypothetical", "reported", "denied"]
MODALITIES: tuple[str, ...] = Modality.__args__  # type: ignore[attr-defined]

# The one date rule, for every date that enters graphsvc (document dates from the API, the CLI
# and the clients; since/until; event dates) and the one regex behind it. Digits are [0-9]
# only: \d (and int()) take any Unicode digit, so "２０２４" would pass and then never compare
# equal to "2024". Years 1000-2999: four digits keep string order chronological, and the range
# leaves room for the calendar arithmetic done on dates (role spans end on the next year's first
# day, "tomorrow" and "3 years ago" are computed from the publication date), which Python's
# date() cannot do past 9999 or before 1. No real news date is outside it.
MIN_YEAR, MAX_YEAR = 1000, 2999
PARTIAL_DATE_PATTERN = r"^([12][0-9]{3})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?$"
_PARTIAL_DATE = re.compile(PARTIAL_DATE_PATTERN)
DATE_RULE = (
    f"date must be YYYY, YYYY-MM or YYYY-MM-DD (ASCII digits, a real calendar day, year "
    f"{MIN_YEAR} to {MAX_YEAR})"
)


def parse_partial_date(value: str) -> tuple[int, int | None, int | None]:
    """(year, month, day) of a date that follows ``DATE_RULE`` (month and day None when not
    given); ``ValueError`` naming the rule otherwise."""
    match = _PARTIAL_DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"{DATE_RULE}, got {_shown(value)}")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if day is not None:
        try:
            date(year, month or 1, day)  # 30 February, 31 April, 29 February 2023
        except ValueError:
            raise ValueError(f"{DATE_RULE}, got {_shown(value)}: no such day") from None
    return year, month, day


def check_partial_date(value: str | None) -> str | None:
    """``value`` unchanged when it follows ``DATE_RULE`` (or is None); ``ValueError`` otherwise."""
    if value is not None:
        parse_partial_date(value)
    return value


# The one rule for document ids, wherever one enters (API bodies and paths, the clients, the
# CLI's file names and JSON Lines rows). An id must survive a round trip through a URL path
# segment and a log line: "/" (even percent-encoded) splits the path, so GET /documents/c%2Fd
# never reaches the document; "." and ".." are dropped by URL normalisation; controls, format
# characters (bidi overrides such as U+202E, zero-width spaces and joiners, the BOM),
# surrogates and line/paragraph separators are invisible or reorder what a reader sees, so two
# ids that look the same would be different documents.
ID_RULE = (
    "id must be 1 to 200 characters, not '.' or '..', without '/', control, format (bidi, "
    "zero-width) or line separator characters"
)
_ID_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def check_doc_id(value: str) -> str:
    """``value`` unchanged when it is a valid document id (``ID_RULE``); ``ValueError`` naming
    the offending character otherwise."""
    if not 1 <= len(value) <= 200 or value in {".", ".."}:
        raise ValueError(f"{ID_RULE}, got {_shown(value)}")
    for offset, char in enumerate(value):
        category = unicodedata.category(char)
        if char == "/" or category in _ID_BAD_CATEGORIES:
            name = unicodedata.name(char, f"category {category}")
            raise ValueError(f"{ID_RULE}: U+{ord(char):04X} ({name}) at offset {offset}")
    return value


def _shown(value: object) -> str:
    """``value`` for an error message: repr (so controls show as escapes), cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_unicode(doc: Document) -> None:
    """Raise ``BadInput`` when a text field of ``doc`` holds a lone surrogate.

    JSON may carry them (``"\\ud800"`` escapes) but no UTF-8 store can hold one, and spaCy fails
    on them; caught here they are a refusal naming the field, not a crash.
    """
    for field in ("id", "text", "url", "title"):
        value = getattr(doc, field)
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise BadInput(
                f"document {doc.id!r}: {field} is not valid Unicode (lone surrogate at "
                f"offset {exc.start})",
                doc_id=doc.id.encode("utf-8", "backslashreplace").decode("utf-8"),
            ) from exc


def content_hash(text: str) -> str:
    """SHA-256 of the text as stored; re-ingesting identical text is recognised by it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(_Record):
    """One news text as ingested."""

    id: str = Field(min_length=1, max_length=200, examples=["seed-000"],
                    description=f"The {ID_RULE}.")
    text: str
    date: str | None = Field(default=None, description=f"Publication date: the {DATE_RULE}.",
                             json_schema_extra={"pattern": PARTIAL_DATE_PATTERN})
    url: str | None = None
    title: str | None = None
    # Read from the text, never taken from the client: the store writes the extraction's values
    # (see ``Extraction``), so a value set here on input is ignored.
    outlet: str | None = Field(
        default=None, description="Set by extraction, not an input: the outlet the story "
        "credits (see Extraction.outlet).", examples=["Reuters"],
    )
    dateline: str | None = Field(
        default=None, description="Set by extraction, not an input: the place of the "
        "story's dateline (see Extraction.dateline).", examples=["QUITO"],
    )

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        return check_doc_id(value)

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return check_partial_date(value)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


class Role(_Record):
    """A date-bounded standing relation of a person: Putin ``leader_of`` Russia from 2012-05-07."""

    relation: str = Field(examples=["leader_of", "member_of"])
    target: str = Field(description="Entity id of the state or body.")
    title: str | None = Field(default=None, examples=["President"])
    start: str | None = None
    end: str | None = None


class Entity(_Record):
    """A canonical actor: one node in the graph, whatever name a text used for it."""

    id: str = Field(description="Wikidata QID where known, else a deterministic slug.")
    name: str
    type: EntityType
    country: str | None = Field(
        default=None, description="ISO 3166-1 alpha-3, or IGO / NGO / IMG for non-state bodies."
    )
    sector: str | None = Field(default=None, examples=["GOV", "MIL", "REB"])
    aliases: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)


class Mention(_Record):
    """One place in a document where an entity is named."""

    doc_id: str
    entity_id: str
    sentence_index: int
    start: int = Field(description="Character offset in the document text, inclusive.")
    end: int = Field(description="Character offset in the document text, exclusive.")
    text: str
    label: str = Field(description="Where it came from: a spaCy NER label, GAZ or NOMINAL.")


class Evidence(_Record):
    """The sentence a relation was read from, located in its document."""

    doc_id: str
    sentence: str
    start: int = Field(description="Offset of the sentence in the document text, inclusive.")
    end: int = Field(description="Offset of the sentence in the document text, exclusive.")
    trigger: str | None = Field(default=None, description="The words that carry the event.")
    extractor_version: str


class EventType(_Record):
    """One row of the ontology: our label and its CAMEO / PLOVER / Goldstein coding."""

    label: str
    cameo: str | None
    plover: str | None
    goldstein: float | None
    quad_class: int | None = Field(
        default=None,
        description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
        "4 material conflict; None for standing facts.",
    )
    symmetric: bool = False
    fact: bool = False
    description: str = ""


class Relation(_Record):
    """A directed edge: ``source`` did ``relation`` to ``target`` (or a standing fact)."""

    source: str
    target: str
    relation: str
    cameo: str | None = None
    plover: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    date: str | None = None
    negated: bool = False
    modality: Modality = "asserted"
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    symmetric: bool = False
    location: str | None = Field(default=None, description="Entity id of where it happened.")
    evidence: list[Evidence] = Field(default_factory=list)

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return check_partial_date(value)

    @property
    def key(self) -> str:
        return relation_key(
            self.source, self.relation, self.target, self.date, self.negated, self.modality,
            symmetric=self.symmetric,
        )


def relation_key(
    source: str,
    relation: str,
    target: str,
    date: str | None,
    negated: bool,
    modality: str,
    *,
    symmetric: bool = False,
) -> str:
    """Stable id of an edge: the same event reported twice gets the same key and is merged.

    Symmetric relations (``met_with``) are keyed with their ends sorted, so "A met B" and
    "B met A" are one edge.
    """
    if symmetric and target < source:
        source, target = target, source
    raw = "\x1f".join([source, relation, target, date or "", "1" if negated else "0", modality])
    return "r_" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


class Extraction(_Record):
    """What the pipeline read from one document (the ``graphsvc extract`` output)."""

    id: str
    date: str | None = None
    outlet: str | None = Field(
        default=None, description="The outlet the story credits: the first outlet of its "
        "dateline credit (\"QUITO (Reuters) -\"), else the one outlet it names; None when it "
        "names none or several without a credit.", examples=["Reuters"],
    )
    dateline: str | None = Field(
        default=None, description="The place text of the story's dateline, as written; None "
        "without a dateline or for a bare credit (\"(CNN) --\").", examples=["QUITO"],
    )
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
