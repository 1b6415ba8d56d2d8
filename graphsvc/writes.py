"""Document writes: the checks and shortcuts every write takes before the store.

Used by ``GraphService`` (``POST /documents``, ``POST /documents/batch``, seeds, the Python
client's local mode) and by ``graphsvc ingest`` (``graphsvc.ingest``), so a document is refused,
found unchanged or given a copy's reading by the same rules whichever way it arrives. What
differs between them is only how extractions are scheduled and how writes are grouped: the
service writes a batch in one transaction, the corpus ingest one document per transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphsvc.errors import BadInput, PayloadTooLarge
from graphsvc.records import Document, Extraction, check_unicode
from graphsvc.settings import Settings
from graphsvc.store.base import IngestResult, Store

__all__ = ["WritePlan", "plan_write", "relabel", "reused_extraction", "validate_document"]


def validate_document(doc: Document, settings: Settings) -> None:
    """Raise ``BadInput`` for empty text or a field that is not valid Unicode (lone
    surrogates), ``PayloadTooLarge`` beyond ``settings.max_text_chars`` characters."""
    check_unicode(doc)
    if not doc.text.strip():
        raise BadInput(f"document {doc.id!r} has no text", doc_id=doc.id)
    limit = settings.max_text_chars
    if len(doc.text) > limit:
        raise PayloadTooLarge(
            f"document {doc.id!r} has {len(doc.text)} characters; the limit is {limit}",
            doc_id=doc.id,
            limit=limit,
        )


@dataclass(frozen=True)
class WritePlan:
    """What storing a (valid) document takes: nothing when ``result`` is set (the store holds
    it verbatim), writing ``extraction`` when that is set (a copy's reading), else extracting."""

    result: IngestResult | None = None
    extraction: Extraction | None = None


def plan_write(store: Store, doc: Document) -> WritePlan:
    """Look in the store before extracting: extraction is the slow part, and a re-sent or
    resumed document, or a syndicated copy of a stored text, needs none."""
    unchanged = store.unchanged_result(doc)
    if unchanged is not None:
        return WritePlan(result=unchanged)
    return WritePlan(extraction=reused_extraction(store, doc))


def reused_extraction(store: Store, doc: Document) -> Extraction | None:
    """The extraction of an identical text stored under another id, re-labelled for ``doc``.

    Only when the dates agree, since relative dates ("on Tuesday") are resolved against the
    publication date.
    """
    other_id = store.has_content(doc.content_hash)
    if other_id is None or other_id == doc.id:
        return None
    other = store.get_document(other_id)
    extraction = store.document_extraction(other_id)
    if other is None or extraction is None or other.date != doc.date:
        return None
    return relabel(extraction, doc.id)


def relabel(extraction: Extraction, doc_id: str) -> Extraction:
    """``extraction`` as read from a copy of its text stored as ``doc_id`` (evidence and
    mentions point at ``doc_id``; offsets are the same since the text is)."""
    relations = [
        rel.model_copy(
            update={"evidence": [ev.model_copy(update={"doc_id": doc_id}) for ev in rel.evidence]}
        )
        for rel in extraction.relations
    ]
    mentions = [m.model_copy(update={"doc_id": doc_id}) for m in extraction.mentions]
    return extraction.model_copy(
        update={"id": doc_id, "relations": relations, "mentions": mentions}
    )
