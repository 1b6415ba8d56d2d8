"""A real PostgreSQL server for the tests: one throwaway cluster per session, one database per test.

The cluster comes from scripts/pgcluster (loaded by path, so benchmarks in scripts/ share it).
``GRAPHSVC_TEST_PG_URL`` points the tests at an existing server instead. Without PostgreSQL the
tests skip locally but fail when ``CI=true``: a CI run that skipped the PostgreSQL suite would
prove nothing.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType
from typing import NoReturn
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

__all__ = [
    "PGCLUSTER",
    "REPO",
    "URL_ENV",
    "database_url",
    "fresh_database",
    "load_pgcluster",
    "session_cluster",
    "unavailable",
]

REPO = Path(__file__).resolve().parent.parent
PGCLUSTER = REPO / "scripts" / "pgcluster"
URL_ENV = "GRAPHSVC_TEST_PG_URL"


def load_pgcluster() -> ModuleType:
    """scripts/pgcluster as a module (it has no .py suffix, so the loader is named explicitly)."""
    loader = SourceFileLoader("pgcluster", str(PGCLUSTER))
    spec = importlib.util.spec_from_loader("pgcluster", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def unavailable(reason: str) -> NoReturn:
    """Skip the test, or fail it under CI=true where a skipped PostgreSQL suite proves nothing."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is required when CI=true: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {reason}")


def database_url(url: str, database: str) -> str:
    """``url`` with its database (the path) replaced; user, host, port and query are kept."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + database))


@contextmanager
def session_cluster() -> Iterator[str]:
    """Yield the URL of a PostgreSQL database the session may create databases from.

    ``$GRAPHSVC_TEST_PG_URL`` if set (checked with SELECT 1, left running), else a fresh cluster
    under a new /tmp directory, stopped and removed afterwards; an atexit hook stops it too when
    the session dies before the teardown (KeyboardInterrupt, internal error).
    """
    given = os.environ.get(URL_ENV)
    if given:
        try:
            with psycopg.connect(given, connect_timeout=10) as conn:
                conn.execute("SELECT 1")
        except psycopg.Error as exc:
            pytest.fail(f"{URL_ENV}={given} is not usable: {exc}", pytrace=False)
        yield given
        return

    pgcluster = load_pgcluster()
    try:
        pgcluster.find_bindir()
    except pgcluster.ClusterError as exc:
        unavailable(str(exc))
    # Not pytest's tmp_path: a concurrent pytest run resets /tmp/pytest-of-<user> to 0700, which
    # would lock the postgres user (we may be root) out of the cluster while it runs.
    parent = Path(tempfile.mkdtemp(prefix="graphsvc-pg-"))
    directory = parent / "cluster"

    def cleanup() -> None:
        with contextlib.suppress(pgcluster.ClusterError, OSError):
            if directory.exists():
                pgcluster.stop(directory)
        shutil.rmtree(parent, ignore_errors=True)

    atexit.register(cleanup)
    try:
        try:
            url: str = pgcluster.start(directory)
        except pgcluster.ClusterError as exc:
            # The binaries are there, so this is a real fault: never a skip.
            pytest.fail(f"could not start a PostgreSQL cluster: {exc}", pytrace=False)
        yield url
    finally:
        cleanup()
        atexit.unregister(cleanup)


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """Create a uniquely named empty database on ``url``'s server; yield its URL; drop it."""
    name = "test_" + uuid.uuid4().hex[:16]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield database_url(url, name)
    finally:
        # FORCE ends sessions a failed test left open (pools that were never closed).
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                         .format(sql.Identifier(name)))
