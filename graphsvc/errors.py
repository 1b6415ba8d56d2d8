"""The error catalogue: every failure graphsvc reports has a stable code and a problem type.

The API turns these into RFC 9457 ``application/problem+json`` bodies; the CLI prints them.
Codes never change meaning; new ones are appended.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BadInput",
    "Conflict",
    "CrossSiteWrite",
    "ExtractionFailed",
    "GraphsvcError",
    "MethodNotAllowed",
    "ModelMissing",
    "NotFound",
    "NotReady",
    "PayloadTooLarge",
    "QueryTimeout",
    "StoreBusy",
    "Unauthorized",
    "UnsupportedMediaType",
]

PROBLEM_BASE = "https://graphsvc.dev/problems/"


class GraphsvcError(Exception):
    """Base of all graphsvc errors. ``code`` is stable (E + 3 digits); ``status`` is HTTP."""

    code = "E000"
    slug = "internal"
    title = "Internal error"
    status = 500

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra

    @property
    def type(self) -> str:
        return PROBLEM_BASE + self.slug

    def to_problem(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
        }
        if instance:
            body["instance"] = instance
        body.update(self.extra)
        return body


class BadInput(GraphsvcError):
    code, slug, title, status = "E001", "bad-input", "Invalid input", 422


class NotFound(GraphsvcError):
    code, slug, title, status = "E002", "not-found", "Not found", 404


class PayloadTooLarge(GraphsvcError):
    code, slug, title, status = "E003", "payload-too-large", "Payload too large", 413


class Unauthorized(GraphsvcError):
    code, slug, title, status = "E004", "unauthorized", "Missing or wrong API key", 401


class Conflict(GraphsvcError):
    code, slug, title, status = "E005", "conflict", "Conflict", 409


class MethodNotAllowed(GraphsvcError):
    code, slug, title, status = "E006", "method-not-allowed", "Method not allowed", 405


class UnsupportedMediaType(GraphsvcError):
    code, slug, title, status = "E007", "unsupported-media-type", "Unsupported media type", 415


class CrossSiteWrite(GraphsvcError):
    """A browser sent a write from a page on another origin (``Origin`` / ``Sec-Fetch-Site``)
    that ``settings.allowed_origins`` does not list: refused before the body is read."""

    code, slug, title, status = "E013", "cross-site-write", "Cross-site write refused", 403


class ModelMissing(GraphsvcError):
    code, slug, title, status = "E010", "model-missing", "spaCy model not installed", 503


class NotReady(GraphsvcError):
    """The service is still loading (model, store, seeds) or failed to; retry later."""

    code, slug, title, status = "E011", "not-ready", "Service not ready", 503


class QueryTimeout(GraphsvcError):
    """A graph query ran past ``settings.query_timeout`` and was stopped; narrow it (depth,
    limit, filters) or raise the setting."""

    code, slug, title, status = "E012", "query-timeout", "Query took too long", 503


class ExtractionFailed(GraphsvcError):
    """An extraction worker process died while reading the document (killed, out of memory);
    nothing was written, and a retry goes to a fresh worker."""

    code, slug, title, status = "E014", "extraction-failed", "Extraction worker failed", 503


class StoreBusy(GraphsvcError):
    """Every store connection of this process stayed in use for ``pg_pool_timeout`` seconds;
    nothing was written. Retry, or raise ``GRAPHSVC_PG_POOL_MAX_SIZE``."""

    code, slug, title, status = "E015", "store-busy", "Store busy", 503
