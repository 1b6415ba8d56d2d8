"""The FastAPI application: ``create_app`` wires settings, the service, routers and errors."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI

from graphsvc import __version__
from graphsvc.api.auth import WriteGuardMiddleware
from graphsvc.api.browser import SecurityHeadersMiddleware, WritePolicyMiddleware
from graphsvc.api.errors import BodyLimitMiddleware, install_error_handlers
from graphsvc.api.lifecycle import Readiness, ServiceLoader
from graphsvc.api.logs import configure_logging
from graphsvc.api.requestlog import RequestContextMiddleware
from graphsvc.api.routes import (
    documents,
    entities,
    events,
    export,
    health,
    ontology,
    page,
    paths,
    relations,
    stats,
    timeline,
)
from graphsvc.service import GraphService
from graphsvc.settings import Settings, get_settings

__all__ = ["create_app", "open_service"]

log = logging.getLogger("graphsvc.api")


def open_service(settings: Settings) -> GraphService:
    """A service on ``settings.data_dir``, seeded from ``settings.seeds_dir`` when the store is
    still empty (first start), or when a first start was killed before its seeding finished. It
    extracts in worker processes (``settings.extract_processes``), so concurrent writes do not
    queue behind one another's extraction."""
    service = GraphService(settings, pool=True)
    results = service.ingest_seeds(settings.seeds_dir)
    if results:
        stored = sum(result.status == "unchanged" for result in results)
        resumed = f" ({stored} stored by an interrupted start)" if stored else ""
        log.info("ingested %d seed documents from %s%s", len(results) - stored,
                 settings.seeds_dir, resumed)
    return service


def create_app(
    settings: Settings | None = None,
    service: GraphService | None = None,
    *,
    load: Callable[[Settings], GraphService] = open_service,
) -> FastAPI:
    """The API. A given ``service`` is used as is (ready at once) and left open for its owner
    to close. Otherwise the app is a server: at startup it routes graphsvc's and uvicorn's logs
    through ``logs.configure_logging`` (``settings.log_format``) and opens its service with
    ``load`` on a background thread (``/ready`` is 503 until that is done; see ``lifecycle``),
    and closes it at shutdown."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if service is not None:
            yield
            return
        configure_logging(settings.log_format, secrets=[settings.api_key])
        loader = ServiceLoader(app.state, settings, load)
        loader.start()
        try:
            yield
        finally:
            # Joining a thread blocks; keep it off the event loop.
            await anyio.to_thread.run_sync(loader.stop, settings.ready_shutdown_wait)

    app = FastAPI(
        title="graphsvc",
        version=__version__,
        summary="Geopolitical event knowledge graph: news text to CAMEO/PLOVER-coded edges.",
        lifespan=lifespan,
        # /docs is page.api_docs (Swagger UI served locally); ReDoc would need a CDN or inline
        # styles and blob: workers under the page's Content-Security-Policy, so it is off.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.readiness = Readiness()
    if service is not None:
        app.state.service = service
        app.state.readiness.set("ready", "Ready")
    install_error_handlers(app)
    # Last added runs first: security headers on every response, request id and access log
    # around everything, then the key check and the cross-site / charset policy (before any
    # body is read), then the body limit.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(WritePolicyMiddleware, allowed_origins=settings.allowed_origins)
    app.add_middleware(WriteGuardMiddleware, api_key=settings.api_key)
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    routers = (health, entities, paths, events, timeline, relations, documents, export, stats,
               ontology, page)
    for module in routers:
        app.include_router(module.router)
    if settings.api_key is None:
        _keyless_openapi(app)
    return app


def _keyless_openapi(app: FastAPI) -> None:
    """Without a configured key the writes take none, so the live schema makes the X-API-Key
    requirement optional (``{}`` is "no security") rather than claim what the server does not
    enforce; clients and schema-driven tests then see the server as it runs."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    if isinstance(operation, dict) and operation.get("security"):
                        operation["security"] = [{}, *operation["security"]]
        return app.openapi_schema or generate()

    app.openapi = openapi  # type: ignore[method-assign]
