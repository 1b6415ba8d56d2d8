"""The FastAPI application: ``create_app`` wires settings, the service, routers and errors."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI

from graphsvc import __version__
from graphsvc.api.errors import BodyLimitMiddleware, install_error_handlers
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
    still empty (first start)."""
    service = GraphService(settings)
    results = service.ingest_seeds(settings.seeds_dir)
    if results:
        log.info("ingested %d seed documents from %s", len(results), settings.seeds_dir)
    return service


def create_app(settings: Settings | None = None, service: GraphService | None = None) -> FastAPI:
    """The API. A given ``service`` is used as is and left open for its owner to close;
    otherwise the app opens one at startup (loading the model, seeding) and closes it at
    shutdown."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if service is not None:
            yield
            return
        # Model loading and seeding block for seconds; keep them off the event loop.
        owned = await anyio.to_thread.run_sync(open_service, settings)
        app.state.service = owned
        try:
            yield
        finally:
            owned.close()

    app = FastAPI(
        title="graphsvc",
        version=__version__,
        summary="Geopolitical event knowledge graph: news text to CAMEO/PLOVER-coded edges.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    if service is not None:
        app.state.service = service
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    routers = (health, entities, paths, events, timeline, relations, documents, export, stats,
               ontology, page)
    for module in routers:
        app.include_router(module.router)

    return app
