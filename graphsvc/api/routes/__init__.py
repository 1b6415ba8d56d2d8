"""One router per resource: health, entities, relations, documents, export."""
