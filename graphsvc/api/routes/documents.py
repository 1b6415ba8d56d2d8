"""Documents: list, read, ingest one (JSON or plain text) or a batch, and delete."""

from __future__ import annotations

import codecs
import json
import logging
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, ValidationError

from graphsvc import query
from graphsvc.api.deps import ServiceDep, require_api_key, require_json
from graphsvc.api.media import require_media
from graphsvc.api.models import (
    BatchOut,
    DocumentDetail,
    DocumentIn,
    DocumentList,
    IngestOut,
    problems,
)
from graphsvc.records import ID_RULE, check_doc_id, content_hash

__all__ = ["router"]

router = APIRouter(prefix="/documents", tags=["documents"])
log = logging.getLogger("graphsvc.api.documents")

# The id rule of the bodies, for ids in the path too: an id that could never be stored is a 422
# naming the rule, not a 404.
DocIdPath = Annotated[str, Path(description=f"The document id; the {ID_RULE}."),
                      AfterValidator(check_doc_id)]

_EXAMPLE_TEXT = "Vladimir Putin met Xi Jinping in Beijing on Thursday."
_BODY_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/DocumentIn"},
                "example": {"id": "my-1", "date": "2024-05-16", "text": _EXAMPLE_TEXT},
            },
            "text/plain": {
                "schema": {"type": "string"},
                "example": _EXAMPLE_TEXT,
            },
        },
    }
}


@router.get("", response_model=DocumentList, responses=problems(422))
def list_documents(
    service: ServiceDep,
    offset: Annotated[int, Query(ge=0, le=query.MAX_DOC_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=query.MAX_DOC_PAGE)] = 100,
) -> DocumentList:
    """Stored documents by id, ``limit`` at a time from ``offset``."""
    return query.documents(service.store, offset=offset, limit=limit)


@router.get("/{doc_id}", response_model=DocumentDetail, responses=problems(404, 422))
def get_document(doc_id: DocIdPath, service: ServiceDep) -> DocumentDetail:
    """The text and what was read from it (relations carry this document's evidence only)."""
    return query.document(service.store, doc_id)


def _body_errors(exc: ValidationError, prefix: tuple[str, ...]) -> RequestValidationError:
    errors = [
        {**err, "loc": (*prefix, *err["loc"])}
        for err in exc.errors(include_url=False, include_context=False)
    ]
    return RequestValidationError(errors)


async def document_body(
    request: Request,
    id: Annotated[
        str | None,
        Query(max_length=200, description="text/plain only: the document id (default: doc- "
              "plus a hash of the text)."),
    ] = None,
    date: Annotated[
        str | None,
        Query(description="text/plain only: publication date YYYY-MM-DD (or the "
              "X-Document-Date header).", examples=["2024-05-16"]),
    ] = None,
    title: Annotated[str | None, Query(description="text/plain only.")] = None,
    url: Annotated[str | None, Query(description="text/plain only.")] = None,
    x_document_date: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> DocumentIn:
    """The document of a POST: a JSON ``DocumentIn``, or a plain-text body whose id, date,
    title and URL come from the query (the date may also come from ``X-Document-Date``)."""
    media = require_media(request.headers.get("content-type"), plain_text=True)
    raw = await request.body()
    if media.type == "text/plain":
        fields = {"id": id, "date": date or x_document_date, "title": title, "url": url}
        return _plain_document(raw, media.codec, fields)
    return _json_document(raw, media.codec)


def _plain_document(raw: bytes, codec: str, fields: dict[str, str | None]) -> DocumentIn:
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        raise RequestValidationError(
            [{"loc": ("body",), "msg": f"text is not valid {codec}", "type": "unicode_decode"}]
        ) from None
    fields = {**fields, "id": fields["id"] or "doc-" + content_hash(text)[:16], "text": text}
    try:
        return DocumentIn.model_validate(fields)
    except ValidationError as exc:
        errors = [
            {**err, "loc": ("body",) if err["loc"] == ("text",) else ("query", *err["loc"])}
            for err in exc.errors(include_url=False, include_context=False)
        ]
        raise RequestValidationError(errors) from None


def _json_document(raw: bytes, codec: str) -> DocumentIn:
    try:
        # Decoded here rather than by json.loads(bytes), which would also take UTF-16/32. A
        # UTF-8 byte order mark is dropped, as RFC 8259 allows and json.loads(bytes) did.
        data = json.loads(raw.removeprefix(codecs.BOM_UTF8).decode(codec))
    except RecursionError:
        # Thousands of nested brackets exhaust the decoder's stack: malformed for our purpose.
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ("body", 0), "msg": "JSON decode error",
              "ctx": {"error": "nested too deeply"}}]
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        position = exc.pos if isinstance(exc, json.JSONDecodeError) else exc.start
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else exc.reason
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ("body", position), "msg": "JSON decode error",
              "ctx": {"error": reason}}]
        ) from None
    try:
        return DocumentIn.model_validate(data)
    except ValidationError as exc:
        raise _body_errors(exc, ("body",)) from None


@router.post(
    "",
    response_model=IngestOut,
    status_code=201,
    dependencies=[Depends(require_api_key)],
    openapi_extra=_BODY_DOC,
    responses={
        **problems(401, 413, 415, 422),
        200: {"model": IngestOut, "description": "Unchanged (same text) or replaced."},
    },
)
def create_document(
    body: Annotated[DocumentIn, Depends(document_body)], service: ServiceDep, response: Response
) -> IngestOut:
    """Extract and store a document: 201 when new, 200 when unchanged or replaced.

    JSON: ``{"id", "text", "date", "url", "title"}``. Plain text: the body is the text;
    ``?id=&date=&title=&url=`` (or the ``X-Document-Date`` header) give the rest."""
    result = query.ingest(service, body)
    log.info("document %r %s: %d entities, %d relations", result.doc_id, result.status,
             result.entities, result.relations)
    if result.status == "created":
        response.headers["Location"] = f"/documents/{quote(result.doc_id, safe='')}"
    else:
        response.status_code = 200
    return result


@router.post(
    "/batch",
    response_model=BatchOut,
    dependencies=[Depends(require_api_key), Depends(require_json)],
    responses=problems(401, 413, 415, 422),
)
def create_documents(body: list[DocumentIn], service: ServiceDep) -> BatchOut:
    """Ingest up to 1000 documents (a JSON array of ``DocumentIn``), all or nothing: every one
    is validated and extracted before one transaction writes them all, and readers see the new
    graph once, whole. Any failure stores nothing. Results come back in input order."""
    batch = query.ingest_batch(service, body)
    statuses = [r.status for r in batch.items]
    log.info("batch of %d documents: %d created, %d replaced, %d unchanged", len(statuses),
             statuses.count("created"), statuses.count("replaced"), statuses.count("unchanged"))
    return batch


@router.delete(
    "/{doc_id}",
    status_code=204,
    response_class=Response,
    dependencies=[Depends(require_api_key)],
    responses=problems(401, 404, 422),
)
def delete_document(doc_id: DocIdPath, service: ServiceDep) -> Response:
    """Remove a document, its evidence, and edges only it supported."""
    query.delete_document(service, doc_id)
    log.info("document %r deleted", doc_id)
    return Response(status_code=204)
