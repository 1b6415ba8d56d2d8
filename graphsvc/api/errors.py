"""Every failure the API reports, as RFC 9457 ``application/problem+json``.

``GraphsvcError`` carries its own status and code; Starlette's HTTP errors (404 unknown route,
405, 413 from the body limit) and FastAPI's validation errors are mapped onto the same catalogue
so a client only ever parses one error shape.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphsvc.errors import (
    BadInput,
    Conflict,
    ExtractionFailed,
    GraphsvcError,
    MethodNotAllowed,
    NotFound,
    NotReady,
    PayloadTooLarge,
    QueryTimeout,
    StoreBusy,
    Unauthorized,
    UnsupportedMediaType,
)

__all__ = [
    "API_KEY_HEADER",
    "PROBLEM_MEDIA_TYPE",
    "UNAUTHORIZED_HEADERS",
    "BodyLimitMiddleware",
    "install_error_handlers",
    "problem_response",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
API_KEY_HEADER = "X-API-Key"
# RFC 9110 asks a 401 to name its scheme; API keys have no registered one, so say what to send.
UNAUTHORIZED_HEADERS = {"WWW-Authenticate": f'APIKey realm="graphsvc", header="{API_KEY_HEADER}"'}

log = logging.getLogger("graphsvc.api")


# Headers a problem of this class carries (RFC 9110: a 401 names its scheme; a 503 says when).
# QueryTimeout has no Retry-After on purpose: the same query would time out again.
_HEADERS: dict[type[GraphsvcError], dict[str, str]] = {
    Unauthorized: UNAUTHORIZED_HEADERS,
    NotReady: {"Retry-After": "1"},
    ExtractionFailed: {"Retry-After": "1"},
    StoreBusy: {"Retry-After": "1"},
}

# HTTP-only failures with no place in the core catalogue; codes continue its numbering.
_BY_STATUS: dict[int, type[GraphsvcError]] = {
    400: BadInput,
    401: Unauthorized,
    404: NotFound,
    405: MethodNotAllowed,
    409: Conflict,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
    422: BadInput,
}


def problem_response(
    error: GraphsvcError, instance: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """The problem+json response for ``error``; ``instance`` is the request path."""
    return JSONResponse(
        error.to_problem(instance=instance),
        status_code=error.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


async def _graphsvc_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GraphsvcError)
    # NotReady is expected while starting (probes poll it); the access line records it. A
    # query timeout is the client asking too much, not the server failing: a warning.
    if isinstance(exc, QueryTimeout):
        log.warning("%s %s stopped: %s", request.method, request.url.path, exc.detail)
    elif exc.status >= 500 and not isinstance(exc, NotReady):
        log.error("%s %s failed: %s", request.method, request.url.path, exc.detail)
    return problem_response(exc, request.url.path, headers=_HEADERS.get(type(exc)))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).phrase
    if status == 404 and detail == "Not Found":
        detail = f"No resource at {request.url.path}"
    elif status == 405:
        detail = f"{request.method} is not allowed on {request.url.path}"
    error_class = _BY_STATUS.get(status)
    if error_class is None:
        error = GraphsvcError(detail)
        error.status, error.title = status, HTTPStatus(status).phrase
    else:
        error = error_class(detail)
    return problem_response(error, request.url.path, headers=exc.headers)


def _field_error(raw: dict[str, Any]) -> dict[str, str]:
    loc = [str(part) for part in raw.get("loc", ())]
    message = str(raw.get("msg", "invalid"))
    if raw.get("type") == "json_invalid":
        # The position of a JSON syntax error is not a field; keep it in the message.
        message = f"{message}: {raw.get('ctx', {}).get('error', '')} at byte {loc[-1]}"
        loc = loc[:1]
    return {"field": ".".join(loc), "message": message, "type": str(raw.get("type", ""))}


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [_field_error(raw) for raw in exc.errors()]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "Invalid request"
    return problem_response(BadInput(detail, errors=errors), request.url.path)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # Should never happen: every expected failure is a GraphsvcError. Log it with the traceback
    # and answer in the same shape as everything else, without leaking internals.
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(GraphsvcError("Unexpected server error"), request.url.path)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(GraphsvcError, _graphsvc_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)


class _BodyTooLarge(StarletteHTTPException):
    """Raised from ``receive``: an HTTPException so FastAPI's body reader passes it through."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"Request body exceeds {limit} bytes")


class BodyLimitMiddleware:
    """Refuses request bodies over ``max_bytes``: at once when Content-Length says so, and by
    counting bytes as they stream in, since chunked uploads declare no length."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            error = PayloadTooLarge(f"Request body exceeds {self.max_bytes} bytes")
            await problem_response(error, scope["path"])(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, limited_receive, send)
