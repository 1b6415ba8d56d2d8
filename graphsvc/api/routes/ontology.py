"""GET /ontology/event-types: the event labels with their CAMEO / PLOVER / Goldstein coding."""

from __future__ import annotations

from fastapi import APIRouter

from graphsvc import query
from graphsvc.records import EventType

__all__ = ["router"]

router = APIRouter(prefix="/ontology", tags=["ontology"])


@router.get("/event-types", response_model=list[EventType])
def get_event_types() -> list[EventType]:
    """Every event label in canonical order; standing facts have no code, score or quad
    class. Quad classes: 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict."""
    return query.event_types()
