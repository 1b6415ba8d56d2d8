"""GET /health (liveness plus the size of the store) and GET /ready (readiness)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from graphsvc import query
from graphsvc.api.deps import ServiceDep
from graphsvc.api.lifecycle import Readiness
from graphsvc.api.models import Health, Ready, problems
from graphsvc.errors import NotReady

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses=problems(503))
def health(service: ServiceDep) -> Health:
    """The process answers and its store is open: counts of documents, entities, relations.
    503 ``not-ready`` while startup is still loading."""
    return query.health(service)


@router.get("/ready", response_model=Ready, responses=problems(503))
async def ready(request: Request) -> Ready:
    """200 once startup (store, model, seed documents) is done and until shutdown begins;
    503 ``not-ready`` problem+json otherwise, its ``detail`` saying why (loading, failed,
    shutting down). Cheap: touches neither the store nor the graph."""
    readiness: Readiness = request.app.state.readiness
    if readiness.state != "ready":
        raise NotReady(readiness.detail, state=readiness.state)
    return Ready()
