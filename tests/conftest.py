"""Fixtures shared by every test directory: a real PostgreSQL server (see tests/pgserver.py).

    pg_url       session: URL of a database on a throwaway cluster (or $GRAPHSVC_TEST_PG_URL)
    pg_database  per test: URL of a new, empty, uniquely named database, dropped afterwards

Both skip without PostgreSQL, except under CI=true, where they fail.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pgserver import fresh_database, session_cluster


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    with session_cluster() as url:
        yield url


@pytest.fixture
def pg_database(pg_url: str) -> Iterator[str]:
    with fresh_database(pg_url) as url:
        yield url
