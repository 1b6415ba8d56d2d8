"""SQLite backend of the ``Store`` protocol (stdlib ``sqlite3``, WAL, foreign keys on).

The SQL itself is shared with PostgreSQL (``graphsvc.store.sql``); this module binds it to a
file and adds what only a file store has: online backup and restore.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graphsvc.errors import BadInput, Conflict
from graphsvc.store.migrations import SCHEMA_VERSION, Dialect
from graphsvc.store.sql import Connection, SQLStore, merge_roles

__all__ = [
    "REQUIRED_TABLES",
    "SCHEMA_VERSION",
    "SQLITE_SIDECARS",
    "SQLiteStore",
    "StoreFileInfo",
    "backup_database",
    "check_store_file",
    "merge_roles",
    "restore_database",
]


class SQLiteStore(SQLStore):
    """A ``graphsvc.store.base.Store`` in one SQLite file.

    WAL lets every reader thread run its own snapshot while a writer commits. Writers in other
    processes (the CLI, other servers on the same file) wait up to 30 s for the write lock.
    """

    dialect: Dialect = "sqlite"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__()

    def __repr__(self) -> str:
        return f"SQLiteStore({str(self.path)!r})"

    def __str__(self) -> str:
        return str(self.path)

    def _connect(self) -> Connection:
        # check_same_thread=False only so close() may close every thread's connection; each
        # connection is otherwise used by the thread that opened it.
        conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    def _begin_write(self, conn: Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")

    def _begin_read(self, conn: Connection) -> None:
        # Deferred: the read snapshot starts at the first SELECT and holds until ROLLBACK.
        conn.execute("BEGIN")

    def _get_version(self, conn: Connection) -> int:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def _set_version(self, conn: Connection, version: int) -> None:
        # user_version lives in the file header and is part of the transaction.
        conn.execute(f"PRAGMA user_version = {int(version)}")

    def backup(self, target: Path | str) -> StoreFileInfo:
        """Online copy of this store into ``target`` (see ``backup_database``)."""
        conn = self._conn()
        assert isinstance(conn, sqlite3.Connection)
        return _backup_from(conn, self.path, Path(target))


# -- backup and restore ---------------------------------------------------------------------

REQUIRED_TABLES = frozenset(
    {"documents", "entities", "aliases", "mentions", "relations", "evidence", "document_entities"}
)
# Files SQLite keeps beside a database; a stale -wal beside a replaced file would be replayed
# into it, so restore makes sure none is left.
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class StoreFileInfo:
    """A checked store file: its path, schema version (``PRAGMA user_version``), size in bytes
    and how many documents and relations it holds."""

    path: Path
    schema_version: int
    size_bytes: int
    documents: int
    relations: int


def check_store_file(path: Path | str) -> StoreFileInfo:
    """Open ``path`` read-only and check that it is a graphsvc store this version can open.

    Raises ``BadInput`` naming the file when it is missing, not SQLite, another program's SQLite
    file (``user_version`` 0 or tables missing), from a newer graphsvc, or fails ``quick_check``.
    Never writes to ``path``.
    """
    path = Path(path)
    if not path.is_file():
        raise BadInput(f"{path}: no such file", source=str(path))
    try:
        conn = _open_readonly(path)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {
                str(row[0])
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            missing = sorted(REQUIRED_TABLES - tables)
            if version == 0 or missing:
                what = "user_version 0" if version == 0 else f"tables missing: {', '.join(missing)}"
                raise BadInput(f"{path}: not a graphsvc store ({what})", source=str(path))
            if version > SCHEMA_VERSION:
                raise BadInput(
                    f"{path}: written by a newer graphsvc (schema {version}; this one knows "
                    f"{SCHEMA_VERSION})",
                    source=str(path),
                )
            verdict = str(conn.execute("PRAGMA quick_check").fetchone()[0])
            if verdict != "ok":
                raise BadInput(f"{path}: store is damaged ({verdict})", source=str(path))
            documents = int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
            relations = int(conn.execute("SELECT COUNT(*) FROM relations").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BadInput(f"{path}: not a graphsvc store ({exc})", source=str(path)) from exc
    return StoreFileInfo(path, version, path.stat().st_size, documents, relations)


def backup_database(source: Path | str, target: Path | str) -> StoreFileInfo:
    """Copy the store at ``source`` to ``target`` with SQLite's online backup API.

    Safe while a server writes to ``source``: the copy is one read snapshot (WAL readers do not
    block the writer), so it holds every document wholly or not at all. ``target`` is written
    beside itself under a temporary name, checked, fsynced and then renamed over ``target``
    (an existing file is replaced), so a failure never leaves a partial backup. The backup is a
    single self-contained file (rollback journal, no -wal). Raises ``BadInput`` when ``source``
    is not a store, or ``target`` is a directory, is in a directory that does not exist, or is
    ``source`` itself or one of its sidecar files.
    """
    source = Path(source)
    check_store_file(source)
    conn = _open_readonly(source)
    try:
        return _backup_from(conn, source, Path(target))
    finally:
        conn.close()


def restore_database(source: Path | str, live: Path | str) -> StoreFileInfo:
    """Replace the store at ``live`` by a copy of the backup ``source``.

    ``source`` must pass ``check_store_file``; an older schema is migrated when the store is
    next opened. The copy is built in ``live``'s directory and renamed over ``live`` in one
    step, so ``live`` is either the old store or the restored one, never a mix. Raises
    ``Conflict`` when another connection has ``live`` open (stop the server first: it would
    keep serving the old file), ``BadInput`` for a bad ``source`` or ``source`` == ``live``.
    """
    source, live = Path(source), Path(live)
    info = check_store_file(source)
    if live.exists() and os.path.samefile(source, live):
        raise BadInput(f"{source}: is the live store itself", source=str(source))
    if live.is_dir():
        raise BadInput(f"{live}: is a directory, not a store file", source=str(live))
    live.parent.mkdir(parents=True, exist_ok=True)
    guard = _claim(live)
    try:

        def fill(tmp: Path) -> None:
            src = _open_readonly(source)
            try:
                _copy(src, tmp)
            finally:
                src.close()
            # Only now, with ``live`` claimed: a leftover -wal/-shm of a damaged store would
            # otherwise be replayed into the restored file.
            for suffix in SQLITE_SIDECARS:
                Path(f"{live}{suffix}").unlink(missing_ok=True)

        _write_atomically(live, fill)
    finally:
        if guard is not None:
            guard.close()
    return StoreFileInfo(live, info.schema_version, live.stat().st_size, info.documents,
                         info.relations)


def _open_readonly(path: Path) -> sqlite3.Connection:
    # A URI so that special characters in the path are quoted, and mode=ro so a check or a
    # backup can never create or change the file it reads.
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30.0)


def _backup_from(conn: sqlite3.Connection, source: Path, target: Path) -> StoreFileInfo:
    _check_target(target, source)
    return _write_atomically(target, lambda tmp: _copy(conn, tmp))


def _copy(conn: sqlite3.Connection, tmp: Path) -> None:
    dest = sqlite3.connect(tmp)
    try:
        # pages=-1 (the default) copies in one step: one read snapshot of the source, so a
        # concurrent commit neither tears the copy nor restarts it.
        conn.backup(dest)
        # The copied header says WAL; a backup should be one file that needs no -wal beside it.
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def _check_target(target: Path, store: Path) -> None:
    """Refuse a backup target that is a directory, has no directory, or is the store's file."""
    if target.is_dir():
        raise BadInput(f"{target}: is a directory; name a file", source=str(target))
    if not target.parent.is_dir():
        raise BadInput(f"{target.parent}: no such directory", source=str(target))
    resolved = target.resolve()
    for own in (store, *(Path(f"{store}{suffix}") for suffix in SQLITE_SIDECARS)):
        if resolved == own.resolve() or (
            target.exists() and own.exists() and os.path.samefile(target, own)
        ):
            raise BadInput(f"{target}: is the store's own file", source=str(target))


def _claim(live: Path) -> sqlite3.Connection | None:
    """Take ``live`` out of WAL mode and hold an exclusive lock on it until closed.

    Leaving WAL needs every other connection closed, so this is also the "is a server using
    it?" test. None when there is no store yet or it is too damaged for SQLite to open.
    """
    if not live.exists():
        return None
    conn = sqlite3.connect(live, isolation_level=None, timeout=1.0)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise sqlite3.OperationalError("database is locked")
        conn.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise Conflict(
                f"{live}: the store is in use (a running graphsvc serve?); stop it, then restore",
                source=str(live),
            ) from exc
        return None
    except sqlite3.DatabaseError:
        conn.close()
        return None
    return conn


def _write_atomically(target: Path, fill: Callable[[Path], None]) -> StoreFileInfo:
    """Build ``target`` under a temporary name in its directory, check, fsync, rename."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        fill(tmp)
        info = check_store_file(tmp)
        _fsync(tmp)
        os.replace(tmp, target)
        _fsync(target.parent)
    except BaseException:
        for leftover in (tmp, *(Path(f"{tmp}{suffix}") for suffix in SQLITE_SIDECARS)):
            leftover.unlink(missing_ok=True)
        raise
    return StoreFileInfo(target, info.schema_version, info.size_bytes, info.documents,
                         info.relations)


def _fsync(path: Path) -> None:
    """Flush a file or directory to disk, so a power cut after the rename keeps the new file."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        # Some file systems refuse fsync on a directory; the rename itself is still atomic.
        pass
    finally:
        os.close(fd)
