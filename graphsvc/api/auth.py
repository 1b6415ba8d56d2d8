"""The API key: writes need ``X-API-Key`` when ``GRAPHSVC_API_KEY`` is set; reads stay open.

Two layers. ``WriteGuardMiddleware`` refuses every unsafe method (anything but GET, HEAD,
OPTIONS) before routing or body parsing, so no write route, present or future, can be reached
without the key, and an unauthenticated client learns nothing from validation errors (FastAPI
parses a JSON body before running a route's dependencies). ``deps.require_api_key`` checks
again per route and documents the scheme in OpenAPI.

Missing and wrong keys are both 401: with one shared key there is no identity that could be
authenticated yet refused (403); a wrong key is a failed authentication.
"""

from __future__ import annotations

import hmac

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from graphsvc.api.errors import API_KEY_HEADER, UNAUTHORIZED_HEADERS, problem_response
from graphsvc.errors import Unauthorized

__all__ = ["API_KEY_HEADER", "SAFE_METHODS", "WriteGuardMiddleware", "check_api_key"]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def check_api_key(given: str | None, expected: str | None) -> None:
    """Raises ``Unauthorized`` unless ``given`` equals ``expected`` (no key configured: pass).

    ``hmac.compare_digest`` takes time independent of where the strings differ, so response
    times reveal nothing about how much of a guess was right."""
    if expected is None:
        return
    if not given:
        raise Unauthorized(f"This endpoint needs the {API_KEY_HEADER} header")
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise Unauthorized(f"The {API_KEY_HEADER} header does not match")


class WriteGuardMiddleware:
    """401 problem+json for any unsafe-method request without the right key."""

    def __init__(self, app: ASGIApp, api_key: str | None) -> None:
        self.app = app
        self.api_key = api_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.api_key is not None and (
            scope["method"] not in SAFE_METHODS
        ):
            try:
                check_api_key(Headers(scope=scope).get(API_KEY_HEADER), self.api_key)
            except Unauthorized as error:
                response = problem_response(error, scope["path"], headers=UNAUTHORIZED_HEADERS)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

