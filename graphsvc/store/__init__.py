"""The store seam: ``open_store(settings)`` picks the backend named by the settings."""

from __future__ import annotations

from graphsvc.errors import BadInput
from graphsvc.settings import Settings
from graphsvc.store.base import IngestResult, Store
from graphsvc.store.sqlite import SQLiteStore

__all__ = ["IngestResult", "SQLiteStore", "Store", "open_store"]


def open_store(settings: Settings) -> Store:
    """The store at ``settings.store_url`` (default ``sqlite:///<data_dir>/graphsvc.db``).

    Creates the parent directory of a SQLite file. Any other URL scheme is refused rather than
    silently falling back to a local file the user did not ask for.
    """
    url = settings.store_url
    if url and not url.startswith("sqlite:///"):
        scheme = url.split(":", 1)[0]
        raise BadInput(f"unsupported store_url scheme {scheme!r}; only sqlite:/// is available")
    path = settings.sqlite_path
    path.parent.mkdir(parents=True, exist_ok=True)
    return SQLiteStore(path)
