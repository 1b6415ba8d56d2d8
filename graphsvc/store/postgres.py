"""PostgreSQL backend of the ``Store`` protocol (psycopg 3), for stores several processes share.

Selected by ``GRAPHSVC_STORE_URL=postgresql://user@host:port/db``. It runs the same SQL as the
SQLite backend (``graphsvc.store.sql``); this module supplies connections, the write lock and
streaming.

Concurrency: any number of ``graphsvc serve`` replicas and ``graphsvc ingest`` workers may use one
database. Each write transaction first takes a transaction-scoped advisory lock, so writers run
one at a time, as they do on SQLite. That keeps the entity and edge merge rules free of races and
makes change-log sequence numbers commit in order; extraction, the slow part of ingest, runs
outside the lock, so it costs little throughput. Readers never take it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, LiteralString, cast

import psycopg
from psycopg.conninfo import conninfo_to_dict

from graphsvc.errors import BadInput
from graphsvc.store.migrations import Dialect
from graphsvc.store.sql import Connection, SQLStore

__all__ = ["WRITE_LOCK_ID", "PostgresStore", "redact_url"]

# pg_advisory_xact_lock key shared by every graphsvc process on a database ("graphsv" in ASCII).
WRITE_LOCK_ID = 0x67726170687376
_STREAM_ROWS = 2000


class PostgresStore(SQLStore):
    """A ``graphsvc.store.base.Store`` in a PostgreSQL database (created schema on first use)."""

    dialect: Dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise BadInput(f"store_url is not a PostgreSQL URL: {exc}") from exc
        super().__init__()

    def __repr__(self) -> str:
        return f"PostgresStore({redact_url(self.url)!r})"

    def __str__(self) -> str:
        return redact_url(self.url)

    def _connect(self) -> Connection:
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
