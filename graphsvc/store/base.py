"""The store seam: the only place graphsvc touches disk.

Everything above it (graph, api, client) talks to a ``Store``; SQLite is the default backend,
others plug in behind the same protocol.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from graphsvc.records import Document, Entity, Extraction, Mention, Relation

__all__ = ["IngestResult", "Store", "StoreChanges"]


@dataclass(frozen=True)
class IngestResult:
    """What one ``add_document`` did.

    ``status`` is ``created`` for a new id, ``unchanged`` when the same id already holds the same
    text (content hash), ``replaced`` when the id held a different text whose evidence was swapped.
    """

    doc_id: str
    status: Literal["created", "unchanged", "replaced"]
    entities: int
    relations: int


@dataclass(frozen=True)
class StoreChanges:
    """What documents written after a given change did, as ``Store.read_changes`` reads it.

    ``seq`` is the last change included (pass it as ``since`` next time); ``documents`` how many
    document writes (create, replace, delete) it covers. ``relations`` and ``entities`` are the
    current state of every edge and entity those writes touched; ``removed_relations`` are
    ``(key, source, target)`` of touched edges that no longer exist (the ends as they were
    stored; a symmetric edge may be held the other way round), ``removed_entities`` the ids of
    touched entities that no longer exist.
    """

    seq: int
    documents: int = 0
    relations: list[Relation] = field(default_factory=list)
    removed_relations: list[tuple[str, str, str]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    removed_entities: list[str] = field(default_factory=list)


class Store(Protocol):
    def add_document(self, doc: Document, extraction: Extraction) -> IngestResult:
        """Write a document and everything extracted from it in one transaction."""

    def add_documents(self, items: Sequence[tuple[Document, Extraction]]) -> list[IngestResult]:
        """Write several documents, in order, in one transaction: all of them or none."""

    def unchanged_result(self, doc: Document) -> IngestResult | None:
        """What ``add_document(doc, ...)`` would answer for a document already held verbatim
        (same id, same content hash): ``unchanged`` with its stored counts, read without
        writing; None when the id is new or holds another text."""

    def has_content(self, content_hash: str) -> str | None:
        """Id of a stored document with this content hash, if any (skip re-extraction)."""

    def get_document(self, doc_id: str) -> Document | None: ...

    def list_documents(self, offset: int = 0, limit: int = 100) -> list[Document]: ...

    def document_extraction(self, doc_id: str) -> Extraction | None:
        """The entities, mentions and relations (with this document's evidence only)."""

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document, its mentions and evidence, and edges only it supported."""

    def get_entity(self, entity_id: str) -> Entity | None: ...

    def iter_entities(self) -> Iterator[Entity]: ...

    def iter_relations(self) -> Iterator[Relation]:
        """Every edge once, merged across documents, with all its evidence."""

    def iter_mentions(self, entity_id: str) -> Iterator[Mention]: ...

    def change_seq(self) -> int:
        """Sequence number of the last committed document write (0 for none); it only grows."""

    def read_changes(self, since: int) -> StoreChanges:
        """Everything written after change ``since``, read from one consistent snapshot."""

    def counts(self) -> dict[str, int]:
        """documents, entities, relations, evidence."""

    def seeding_state(self) -> str | None:
        """First-start seeding: None (never claimed), ``started`` or ``done``."""

    def begin_seeding(self) -> bool:
        """Whether to ingest the seed documents now: True when this call claimed a store with
        no document, or seeding was claimed earlier and never finished; False once done, or for
        a store that already held documents (recorded as done)."""

    def finish_seeding(self) -> None:
        """Record that every seed document is in."""

    def close(self) -> None: ...
