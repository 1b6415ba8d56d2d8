"""PostgreSQL backend of the ``Store`` protocol (psycopg 3), for stores several processes share.

Selected by ``GRAPHSVC_STORE_URL=postgresql://user@host:port/db``. It runs the same SQL as the
SQLite backend (``graphsvc.store.sql``); this module supplies connections, the write lock and
streaming.

Concurrency: any number of ``graphsvc serve`` replicas and ``graphsvc ingest`` workers may use one
database. Each write transaction first takes a transaction-scoped advisory lock, so writers run
one at a time, as they do on SQLite. That keeps the entity and edge merge rules free of races and
makes change-log sequence numbers commit in order; extraction, the slow part of ingest, runs
outside the lock, so it costs little throughput. Readers never take it.

Connections: each store operation borrows one from a ``psycopg_pool.ConnectionPool`` (sizes
``GRAPHSVC_PG_POOL_MIN_SIZE`` / ``_MAX_SIZE``) and returns it when done; calls nested in an
operation reuse it. Before, each thread kept a connection of its own for its whole life, so a
server's 40 request threads could hold 40 connections each, idle or not, and several replicas
ran the database out of ``max_connections``. A borrow that finds every connection busy for
``GRAPHSVC_PG_POOL_TIMEOUT`` seconds fails with 503 ``StoreBusy``; the pool checks a connection
before lending it, so one the server dropped (a restart) is replaced rather than failing a request.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, LiteralString, cast

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolClosed, PoolTimeout

from graphsvc.errors import BadInput, StoreBusy
from graphsvc.store.migrations import Dialect
from graphsvc.store.sql import Connection, SQLStore

__all__ = ["WRITE_LOCK_ID", "PostgresStore", "redact_url"]

# pg_advisory_xact_lock key shared by every graphsvc process on a database ("graphsv" in ASCII).
WRITE_LOCK_ID = 0x67726170687376
_STREAM_ROWS = 2000


class PostgresStore(SQLStore):
    """A ``graphsvc.store.base.Store`` in a PostgreSQL database (created schema on first use)."""

    dialect: Dialect = "postgresql"

    def __init__(
        self, url: str, *, min_size: int = 1, max_size: int = 10, timeout: float = 30.0
    ) -> None:
        """``min_size``..``max_size`` pooled connections; ``timeout`` seconds a borrow waits
        (``Settings.pg_pool_*``)."""
        self.url = url
        try:
            conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise BadInput(f"store_url is not a PostgreSQL URL: {exc}") from exc
        # A direct connection first: a wrong URL fails now with the server's reason, where the
        # pool would retry in the background and only time out.
        self._connect().close()
        self._held = threading.local()
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            url, min_size=min(min_size, max_size), max_size=max_size, timeout=timeout,
            kwargs={"autocommit": True, "row_factory": _row_factory},
            check=ConnectionPool.check_connection, name="graphsvc", open=True,
        )
        try:
            self._pool.wait(timeout)
            super().__init__()
        except BaseException:
            self._pool.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresStore({redact_url(self.url)!r})"

    def __str__(self) -> str:
        return redact_url(self.url)

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        held: Connection | None = getattr(self._held, "conn", None)
        if held is not None:
            yield held  # nested in an operation of this thread: same connection, same transaction
            return
        try:
            raw = self._pool.getconn()
        except PoolTimeout as exc:
            raise StoreBusy(
                f"No free PostgreSQL connection within {self._pool.timeout:g} s (all "
                f"{self._pool.max_size} in use); retry, or raise GRAPHSVC_PG_POOL_MAX_SIZE"
            ) from exc
        except PoolClosed as exc:
            raise RuntimeError("store is closed") from exc
        self._held.conn = conn = _PgConnection(raw)
        try:
            yield conn
        finally:
            self._held.conn = None
            # A connection left inside a transaction (an interrupted read) is rolled back by
            # the pool; a broken one is discarded and replaced.
            self._pool.putconn(raw)

    def pool_stats(self) -> dict[str, int]:
        """The pool's counters (``pool_size``, ``pool_available``, ``requests_waiting``…)."""
        return dict(self._pool.get_stats())

    def close(self) -> None:
        self._pool.close()
        super().close()

    def _connect(self) -> Connection:
        """A connection outside the pool (the check at open)."""
        try:
            raw = psycopg.connect(self.url, autocommit=True, row_factory=_row_factory)
        except psycopg.OperationalError as exc:
            # The message names host and port but never the password.
            raise RuntimeError(f"cannot connect to {redact_url(self.url)}: {exc}") from exc
        return _PgConnection(raw)

    def _begin_write(self, conn: Connection) -> None:
        conn.execute("BEGIN")
        conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_ID,))

    def _begin_read(self, conn: Connection) -> None:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def _get_version(self, conn: Connection) -> int:
        if conn.execute("SELECT to_regclass('graphsvc_schema')").fetchone()[0] is None:
            return 0
        row = conn.execute("SELECT MAX(version) FROM graphsvc_schema").fetchone()
        return 0 if row[0] is None else int(row[0])

    def _set_version(self, conn: Connection, version: int) -> None:
        conn.execute("CREATE TABLE IF NOT EXISTS graphsvc_schema (version INTEGER NOT NULL)")
        conn.execute("DELETE FROM graphsvc_schema")
        conn.execute("INSERT INTO graphsvc_schema (version) VALUES (?)", (version,))

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        # A server-side cursor on a connection of its own: the result of a whole-graph read
        # does not have to fit in client memory at once, and the caller may query the store
        # (on its thread's connection) while it iterates.
        with (
            psycopg.connect(self.url, row_factory=_row_factory) as conn,
            conn.cursor(name="graphsvc_stream") as cursor,
        ):
            cursor.itersize = _STREAM_ROWS
            cursor.execute(_pg(sql), params)
            yield from cursor


class _PgConnection:
    """A psycopg connection with the ``sqlite3`` calling convention the shared SQL uses."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        return self.raw.execute(_pg(sql), parameters)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Any:
        rows = list(parameters)
        if rows:
            with self.raw.cursor() as cursor:
                cursor.executemany(_pg(sql), rows)

    def close(self) -> None:
        self.raw.close()


@lru_cache(maxsize=512)
def _pg(sql: str) -> LiteralString:
    """``?`` placeholders as psycopg's ``%s`` (the shared SQL has no literal ``?`` or ``%``)."""
    return cast(LiteralString, sql.replace("?", "%s"))


def _row_factory(cursor: Any) -> Any:
    description = cursor.description
    names = tuple(column.name for column in description) if description else ()
    return _row_class(names)


@lru_cache(maxsize=256)
def _row_class(names: tuple[str, ...]) -> type[tuple[Any, ...]]:
    """A tuple type whose rows also index by column name and have ``keys()``, like sqlite3.Row."""
    index = {name: position for position, name in enumerate(names)}

    class Row(tuple[Any, ...]):
        __slots__ = ()

        def __new__(cls, values: Sequence[Any]) -> Row:
            return super().__new__(cls, values)

        def __getitem__(self, key: Any) -> Any:
            if isinstance(key, str):
                return tuple.__getitem__(self, index[key])
            return tuple.__getitem__(self, key)

        def keys(self) -> tuple[str, ...]:
            return names

    return Row


def redact_url(url: str) -> str:
    """``url`` without its password, for logs and error messages."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "postgresql://…"
    user = f"{parts['user']}@" if parts.get("user") else ""
    host = parts.get("host") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname') or ''}"
