"""The explorer page (``/``), the API docs page (``/docs``) and their static files.

Files are served from a fixed allow-list read at import, so no request path ever reaches the
file system; everything the pages need is here, so they work offline. The explorer's HTML, CSS
and JS ship in graphsvc/api/static; Swagger UI's bundle and stylesheet come from the
fastapi-offline package, which vendors the current Swagger UI 5 release (FastAPI's own /docs
loads them from a CDN).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, Response

from graphsvc.errors import NotFound

__all__ = ["STATIC_DIR", "router"]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
SWAGGER_UI_DIR = Path(str(files("fastapi_offline") / "static"))
_SWAGGER_UI_FILES = ("swagger-ui-bundle.js", "swagger-ui.css")
_MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}
_FILES = {
    path.name: path
    for path in sorted(STATIC_DIR.iterdir())
    if path.is_file() and path.suffix in _MEDIA_TYPES
} if STATIC_DIR.is_dir() else {}
_FILES.update({name: SWAGGER_UI_DIR / name for name in _SWAGGER_UI_FILES})

router = APIRouter(include_in_schema=False)


def _file(name: str) -> Response:
    path = _FILES.get(name)
    if path is None:
        raise NotFound(f"No static file {name!r}")
    # no-cache: the browser revalidates, so an upgraded server never runs a stale script.
    # nosniff and the CSP come from browser.SecurityHeadersMiddleware, as on every response.
    return Response(
        path.read_bytes(),
        media_type=_MEDIA_TYPES[path.suffix],
        headers={"Cache-Control": "no-cache"},
    )


@router.get("/")
def explorer() -> Response:
    """The graph explorer page."""
    return _file("index.html")


@router.get("/docs")
def api_docs() -> Response:
    """Swagger UI on /openapi.json, served from this server (FastAPI's default uses a CDN)."""
    return _file("docs.html")


@router.get("/static/{name}")
def static_file(name: str) -> Response:
    return _file(name)
