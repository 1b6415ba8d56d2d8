"""Request ids and the access log: one line per request, tagged with the request's id.

A client may send ``X-Request-ID`` (letters, digits and ``._:-``, at most 128 characters) to
correlate its own logs with ours; anything else is replaced by a fresh id, so a crafted header
can neither forge log lines nor grow them. The id is echoed in the response's ``X-Request-ID``.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphsvc.api.errors import problem_response
from graphsvc.api.logs import REQUEST_ID
from graphsvc.errors import GraphsvcError

__all__ = ["REQUEST_ID_HEADER", "RequestContextMiddleware", "request_id_from"]

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Probes hit these every few seconds; at INFO they would drown the lines that matter.
_QUIET_PATHS = frozenset({"/health", "/ready"})

access_log = logging.getLogger("graphsvc.api.access")


def request_id_from(header: str | None) -> str:
    """``header`` when it is a sane id, else a new random one (32 hex digits)."""
    if header is not None and _SANE_ID.match(header):
        return header
    return uuid.uuid4().hex


class RequestContextMiddleware:
    """Outermost middleware: sets the request id for every log line of the request, echoes it
    in the response, and writes the access line (method, path, status, duration)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(Headers(scope=scope).get(REQUEST_ID_HEADER))
        # Not reset afterwards: each request runs in its own task and context, and an error
        # handler outside this middleware still logs with the id.
        REQUEST_ID.set(request_id)
        started = time.perf_counter()
        status = 500

        async def tagged_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [
                    (name, value) for name, value in message.get("headers", [])
                    if name.lower() != b"x-request-id"
                ]
                headers.append((b"x-request-id", request_id.encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        started_response = False

        async def tracked_send(message: Message) -> None:
            nonlocal started_response
            started_response = started_response or message["type"] == "http.response.start"
            await tagged_send(message)

        try:
            await self.app(scope, receive, tracked_send)
        except Exception:
            # Answer here, with the id, before Starlette's outer error middleware (which then
            # logs the traceback and sends nothing more, since the response has started).
            if not started_response:
                error = GraphsvcError("Unexpected server error")
                await problem_response(error, scope.get("path", ""))(scope, receive, tagged_send)
            raise
        finally:
            _log_access(scope, status, time.perf_counter() - started)


def _log_access(scope: Scope, status: int, seconds: float) -> None:
    path = scope.get("path", "")
    query = scope.get("query_string", b"").decode("latin-1")
    client = scope.get("client")
    level = logging.DEBUG if path in _QUIET_PATHS and status < 500 else logging.INFO
    target = f"{path}?{query}" if query else path
    access_log.log(
        level,
        "%s %s %d %.1fms",
        scope.get("method", ""),
        target,
        status,
        seconds * 1000,
        extra={
            "method": scope.get("method", ""),
            "path": path,
            "query": query,
            "status": status,
            "duration_ms": round(seconds * 1000, 2),
            "client": client[0] if client else None,
        },
    )
