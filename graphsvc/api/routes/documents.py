"""Documents: list, read, ingest (POST) and delete."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Response

from graphsvc.api.deps import ServiceDep, require_api_key, require_json
from graphsvc.api.models import (
    DocumentDetail,
    DocumentIn,
    DocumentList,
    DocumentSummary,
    EntityOut,
    IngestOut,
    edge_out,
    problems,
)
from graphsvc.errors import NotFound
from graphsvc.records import Document

__all__ = ["router"]

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("", response_model=DocumentList, responses=problems(422))
def list_documents(
    service: ServiceDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> DocumentList:
    docs = service.store.list_documents(offset=offset, limit=limit)
    items = [
        DocumentSummary(id=d.id, date=d.date, url=d.url, title=d.title, chars=len(d.text))
        for d in docs
    ]
    return DocumentList(items=items, offset=offset, limit=limit)


@router.get("/{doc_id}", response_model=DocumentDetail, responses=problems(404))
def get_document(doc_id: str, service: ServiceDep) -> DocumentDetail:
    """The text and what was read from it (relations carry this document's evidence only)."""
    doc = service.store.get_document(doc_id)
    if doc is None:
        raise NotFound(f"No document with id {doc_id!r}")
    extraction = service.store.document_extraction(doc_id)
    entities = extraction.entities if extraction else []
    relations = extraction.relations if extraction else []
    return DocumentDetail(
        **doc.model_dump(),
        content_hash=doc.content_hash,
        entities=[EntityOut.model_validate(e.model_dump()) for e in entities],
        relations=[edge_out(r.source, r.target, r.key, r.model_dump()) for r in relations],
    )


@router.post(
    "",
    response_model=IngestOut,
    status_code=201,
    dependencies=[Depends(require_api_key), Depends(require_json)],
    responses={
        **problems(401, 413, 415, 422),
        200: {"model": IngestOut, "description": "Unchanged (same text) or replaced."},
    },
)
def create_document(body: DocumentIn, service: ServiceDep, response: Response) -> IngestOut:
    """Extract and store a document: 201 when new, 200 when unchanged or replaced."""
    result = service.ingest(Document.model_validate(body.model_dump()))
    if result.status == "created":
        response.headers["Location"] = f"/documents/{quote(result.doc_id, safe='')}"
    else:
        response.status_code = 200
    return IngestOut.model_validate(asdict(result))


@router.delete(
    "/{doc_id}",
    status_code=204,
    response_class=Response,
    dependencies=[Depends(require_api_key)],
    responses=problems(401, 404),
)
def delete_document(doc_id: str, service: ServiceDep) -> Response:
    """Remove a document, its evidence, and edges only it supported."""
    if not service.delete_document(doc_id):
        raise NotFound(f"No document with id {doc_id!r}")
    return Response(status_code=204)
