"""Defences against what a web browser can be made to send or render.

``WritePolicyMiddleware`` refuses, for every unsafe method and before the body is read:

- cross-site writes (403 ``E013``): a page on another origin can POST ``text/plain`` with no
  CORS preflight, so without an API key any web page could write to a server on loopback. A
  request whose ``Sec-Fetch-Site`` is ``cross-site`` or ``same-site`` (another port on the same
  host is "same-site"), or whose ``Origin`` is not this server's, is refused unless that origin
  is in ``settings.allowed_origins``. Requests with neither header (curl, httpx, the CLI) are
  not from a web page and pass;
- bodies in any charset but UTF-8 / US-ASCII (415 ``E007``, ``media.check_body_charset``),
  including JSON sent as UTF-16/32, which ``json.loads`` would otherwise detect and accept.

``SecurityHeadersMiddleware`` adds to every response ``X-Content-Type-Options: nosniff``, a
``Referrer-Policy``, and a ``Content-Security-Policy``: pages (the explorer, /docs) may load
scripts, styles, images and data from this server only and may not be framed; everything else
(JSON, CSV, GraphML, SVG) may load nothing at all, so a document text that ends up rendered as
markup cannot run or fetch anything.
"""

from __future__ import annotations

import codecs

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphsvc.api.auth import SAFE_METHODS
from graphsvc.api.errors import problem_response
from graphsvc.api.media import body_media_type
from graphsvc.errors import CrossSiteWrite, GraphsvcError

__all__ = [
    "API_CSP",
    "PAGE_CSP",
    "SecurityHeadersMiddleware",
    "WritePolicyMiddleware",
    "cross_site_reason",
]

# The explorer and /docs load only their own files (no inline script or style attribute, no
# eval); Swagger UI's stylesheet embeds its icons as data: URIs.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
_COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # Links out of the explorer (none today) and the docs page need not tell where they were.
    "Referrer-Policy": "no-referrer",
    # frame-ancestors for browsers that predate CSP 2.
    "X-Frame-Options": "DENY",
}
_REFUSED_FETCH_SITES = frozenset({"cross-site", "same-site"})
# What json.loads(bytes) would take as UTF-16/32: a BOM, or a NUL among the first 4 bytes
# (UTF-8 JSON never holds a raw NUL: control characters in strings must be escaped).
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def cross_site_reason(
    origin: str | None, fetch_site: str | None, own_origin: str, allowed: frozenset[str]
) -> str | None:
    """Why a write with these headers comes from another site's page, or ``None`` if it does
    not (same origin, an allowed origin, or not a browser at all)."""
    if origin is not None and origin.lower() in allowed:
        return None
    if fetch_site is not None and fetch_site.lower() in _REFUSED_FETCH_SITES:
        return f"Sec-Fetch-Site is {fetch_site}"
    if origin is not None and origin.lower() != own_origin:
        return f"Origin {origin} is not this server ({own_origin})"
    return None


def _own_origin(scope: Scope, headers: Headers) -> str:
    return f"{scope.get('scheme', 'http')}://{headers.get('host', '')}".lower()


class _NotUtf8Json(StarletteHTTPException):
    """Raised from ``receive``: an HTTPException so FastAPI's body reader passes it through."""

    def __init__(self) -> None:
        super().__init__(415, "JSON bodies must be UTF-8; this one is UTF-16 or UTF-32")


class WritePolicyMiddleware:
    """403 for cross-site writes, 415 for non-UTF-8 bodies; reads pass untouched."""

    def __init__(self, app: ASGIApp, allowed_origins: tuple[str, ...] = ()) -> None:
        self.app = app
        self.allowed = frozenset(allowed_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        try:
            reason = cross_site_reason(headers.get("origin"), headers.get("sec-fetch-site"),
                                       _own_origin(scope, headers), self.allowed)
            if reason is not None:
                raise CrossSiteWrite(
                    f"Writes from another site's web page are refused ({reason}); list the "
                    "page's origin in GRAPHSVC_ALLOWED_ORIGINS to allow it"
                )
            content_type = headers.get("content-type")
            media = body_media_type(content_type) if content_type is not None else None
        except GraphsvcError as error:
            await problem_response(error, scope["path"])(scope, receive, send)
            return
        if media is not None and media.is_json:
            receive = _utf8_json_receive(receive)
        await self.app(scope, receive, send)


def _utf8_json_receive(receive: Receive) -> Receive:
    """``receive`` that raises ``_NotUtf8Json`` when the body's first bytes say UTF-16/32."""
    head = b""

    async def checked() -> Message:
        nonlocal head
        message = await receive()
        if message["type"] == "http.request" and len(head) < 4:
            head += message.get("body", b"")[: 4 - len(head)]
            if b"\x00" in head or head.startswith(_WIDE_BOMS):
                raise _NotUtf8Json()
        return message

    return checked


class SecurityHeadersMiddleware:
    """Adds the headers above to every response that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                html = headers.get("content-type", "").startswith("text/html")
                wanted = {**_COMMON_HEADERS, "Content-Security-Policy": (
                    PAGE_CSP if html else API_CSP)}
                for name, value in wanted.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
