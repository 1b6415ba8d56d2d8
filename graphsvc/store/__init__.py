"""The store seam: ``open_store(settings)`` picks the backend named by the settings."""

from __future__ import annotations

from graphsvc.errors import BadInput
from graphsvc.settings import Settings
from graphsvc.store.base import IngestResult, Store, StoreChanges
from graphsvc.store.sqlite import SQLiteStore

__all__ = ["IngestResult", "SQLiteStore", "Store", "StoreChanges", "open_store", "store_kind"]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def store_kind(settings: Settings) -> str:
    """``sqlite`` or ``postgresql``: which backend ``settings.store_url`` names.

    Raises ``BadInput`` for any other scheme rather than silently falling back to a local file
    the user did not ask for.
    """
    url = settings.store_url
    if not url or url.startswith("sqlite:///"):
        return "sqlite"
    if url.startswith(_POSTGRES_SCHEMES):
        return "postgresql"
    scheme = url.split(":", 1)[0]
    raise BadInput(
        f"unsupported store_url scheme {scheme!r}; use sqlite:///PATH or postgresql://…"
    )


def open_store(settings: Settings) -> Store:
    """The store at ``settings.store_url`` (default ``sqlite:///<data_dir>/graphsvc.db``).

    Creates the parent directory of a SQLite file; a PostgreSQL database must exist (its
    tables are created on first use). PostgreSQL needs the ``postgres`` extra (psycopg).
    """
    if store_kind(settings) == "postgresql":
        try:
            from graphsvc.store.postgres import PostgresStore
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise BadInput(
                "store_url is PostgreSQL but psycopg is not installed: "
                "pip install 'graphsvc[postgres]'"
            ) from exc
        assert settings.store_url is not None
        return PostgresStore(
            settings.store_url,
            min_size=settings.pg_pool_min_size,
            max_size=settings.pg_pool_max_size,
            timeout=settings.pg_pool_timeout,
        )
    path = settings.sqlite_path
    path.parent.mkdir(parents=True, exist_ok=True)
    return SQLiteStore(path)
