"""The explorer page: ``/`` and its static files (HTML, CSS, JS shipped in graphsvc/api/static).

Files are served from a fixed allow-list read at import, so no request path ever reaches the
file system; everything the page needs is here, so it works offline.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Response

from graphsvc.errors import NotFound

__all__ = ["STATIC_DIR", "router"]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
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

router = APIRouter(include_in_schema=False)


def _file(name: str) -> Response:
    path = _FILES.get(name)
    if path is None:
        raise NotFound(f"No static file {name!r}")
    # no-cache: the browser revalidates, so an upgraded server never runs a stale script.
    return Response(
        path.read_bytes(),
        media_type=_MEDIA_TYPES[path.suffix],
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )


@router.get("/")
def explorer() -> Response:
    """The graph explorer page."""
    return _file("index.html")


@router.get("/static/{name}")
def static_file(name: str) -> Response:
    return _file(name)
