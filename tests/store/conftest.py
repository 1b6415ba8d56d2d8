"""The ``store`` fixture: every store test runs once per backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graphsvc.store import SQLiteStore
from graphsvc.store.postgres import PostgresStore
from graphsvc.store.sql import SQLStore


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SQLStore]:
    """A fresh, empty store: a SQLite file, or a new PostgreSQL database (``pg_database``)."""
    s: SQLStore
    if request.param == "sqlite":
        s = SQLiteStore(tmp_path / "g.db")
    else:
        s = PostgresStore(request.getfixturevalue("pg_database"))
    yield s
    s.close()
