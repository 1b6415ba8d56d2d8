"""Request-scoped dependencies: the service, its settings, the graph snapshot, write guards."""

from __future__ import annotations

import hmac
from email.message import Message
from typing import Annotated, cast

import networkx as nx
from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from graphsvc.errors import Unauthorized, UnsupportedMediaType
from graphsvc.service import GraphService
from graphsvc.settings import Settings

__all__ = [
    "GraphDep",
    "ServiceDep",
    "SettingsDep",
    "get_graph",
    "get_service",
    "get_settings",
    "require_api_key",
    "require_json",
]


def get_service(request: Request) -> GraphService:
    return cast(GraphService, request.app.state.service)


def get_settings(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


ServiceDep = Annotated[GraphService, Depends(get_service)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_graph(service: ServiceDep) -> nx.MultiDiGraph:
    """The current immutable snapshot: one request sees one consistent graph."""
    return service.graph


GraphDep = Annotated[nx.MultiDiGraph, Depends(get_graph)]

_api_key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="Needed for writes when GRAPHSVC_API_KEY is set.",
)


def require_api_key(
    settings: SettingsDep, key: Annotated[str | None, Security(_api_key_header)] = None
) -> None:
    """Guards writes; reads stay open. Constant-time comparison so timing leaks nothing."""
    if settings.api_key is None:
        return
    if key is None:
        raise Unauthorized("This endpoint needs the X-API-Key header")
    if not hmac.compare_digest(key.encode("utf-8"), settings.api_key.encode("utf-8")):
        raise Unauthorized("The X-API-Key header does not match")


def require_json(request: Request) -> None:
    """Writes take JSON only; anything else is a 415 rather than a confusing field error."""
    header = request.headers.get("content-type")
    if header is None:
        raise UnsupportedMediaType("Send the body as JSON with Content-Type: application/json")
    message = Message()
    message["content-type"] = header
    subtype = message.get_content_subtype()
    if message.get_content_maintype() != "application" or not (
        subtype == "json" or subtype.endswith("+json")
    ):
        raise UnsupportedMediaType(f"Expected application/json, got {header}")
