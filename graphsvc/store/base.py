"""The store seam: the only place graphsvc touches disk.

Everything above it (graph, api, client) talks to a ``Store``; SQLite is the default backend,
others plug in behind the same protocol.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, Protocol

from graphsvc.records import Document, Entity, Extraction, Mention, Relation

__all__ = ["IngestResult", "Store"]


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


class Store(Protocol):
    def add_document(self, doc: Document, extraction: Extraction) -> IngestResult:
        """Write a document and everything extracted from it in one transaction."""

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

    def counts(self) -> dict[str, int]:
        """documents, entities, relations, evidence."""

    def close(self) -> None: ...
