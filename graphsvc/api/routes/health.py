"""GET /health: liveness plus the size of the store."""

from __future__ import annotations

from fastapi import APIRouter

from graphsvc import __version__
from graphsvc.api.deps import ServiceDep
from graphsvc.api.models import Health

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(service: ServiceDep) -> Health:
    counts = service.store.counts()
    return Health(
        version=__version__,
        documents=counts.get("documents", 0),
        entities=counts.get("entities", 0),
        relations=counts.get("relations", 0),
    )
