"""SQLite backend of the ``Store`` protocol (stdlib ``sqlite3``, WAL, foreign keys on).

The SQL is kept plain (no SQLite-only functions in the write path) so a PostgreSQL backend can
follow the same statements; the only SQLite-isms are the pragmas and ``INTEGER PRIMARY KEY``
row ids used to keep evidence and mentions in insertion order.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graphsvc.errors import BadInput, Conflict
from graphsvc.records import Document, Entity, Evidence, Extraction, Mention, Relation, Role
from graphsvc.store.base import IngestResult

__all__ = [
    "MIGRATIONS",
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

# MIGRATIONS[i] takes a database from user_version i to i + 1. Append, never edit.
MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            date TEXT,
            url TEXT,
            title TEXT,
            content_hash TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        )""",
        # Not UNIQUE: two ids may legitimately hold the same text (syndicated copies).
        "CREATE INDEX documents_content_hash ON documents (content_hash)",
        "CREATE INDEX documents_ingested_at ON documents (ingested_at, id)",
        """CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            country TEXT,
            sector TEXT,
            roles TEXT NOT NULL DEFAULT '[]'
        )""",
        """CREATE TABLE aliases (
            entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            UNIQUE (entity_id, alias)
        )""",
        "CREATE INDEX aliases_alias ON aliases (alias)",
        """CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            entity_id TEXT NOT NULL REFERENCES entities (id),
            sentence_index INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT NOT NULL
        )""",
        "CREATE INDEX mentions_doc ON mentions (doc_id)",
        "CREATE INDEX mentions_entity ON mentions (entity_id)",
        """CREATE TABLE relations (
            key TEXT PRIMARY KEY,
            source TEXT NOT NULL REFERENCES entities (id),
            target TEXT NOT NULL REFERENCES entities (id),
            relation TEXT NOT NULL,
            cameo TEXT,
            plover TEXT,
            goldstein REAL,
            quad_class INTEGER,
            date TEXT,
            negated INTEGER NOT NULL,
            modality TEXT NOT NULL,
            confidence REAL NOT NULL,
            symmetric INTEGER NOT NULL,
            location TEXT
        )""",
        "CREATE INDEX relations_source ON relations (source)",
        "CREATE INDEX relations_target ON relations (target)",
        "CREATE INDEX relations_location ON relations (location)",
        """CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            relation_key TEXT NOT NULL REFERENCES relations (key) ON DELETE CASCADE,
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            sentence TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            trigger TEXT,
            extractor_version TEXT NOT NULL,
            confidence REAL NOT NULL
        )""",
        "CREATE INDEX evidence_relation ON evidence (relation_key)",
        "CREATE INDEX evidence_doc ON evidence (doc_id)",
        """CREATE TABLE document_entities (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            entity_id TEXT NOT NULL REFERENCES entities (id),
            PRIMARY KEY (doc_id, entity_id)
        )""",
        "CREATE INDEX document_entities_entity ON document_entities (entity_id)",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)

_RELATION_COLUMNS = (
    "key, source, target, relation, cameo, plover, goldstein, quad_class, date, negated, "
    "modality, confidence, symmetric, location"
)
_EVIDENCE_COLUMNS = 'e.doc_id, e.sentence, e.start, e."end", e.trigger, e.extractor_version'
_FETCH = 1000


def merge_roles(old: Iterable[Role], new: Iterable[Role]) -> list[Role]:
    """Union of two role lists, first-seen order, exact duplicates dropped."""
    merged: list[Role] = []
    for role in [*old, *new]:
        if role not in merged:
            merged.append(role)
    return merged


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _relation_from_row(row: sqlite3.Row, evidence: list[Evidence]) -> Relation:
    return Relation(
        source=row["source"],
        target=row["target"],
        relation=row["relation"],
        cameo=row["cameo"],
        plover=row["plover"],
        goldstein=row["goldstein"],
        quad_class=row["quad_class"],
        date=row["date"],
        negated=bool(row["negated"]),
        modality=row["modality"],
        confidence=row["confidence"],
        symmetric=bool(row["symmetric"]),
        location=row["location"],
        evidence=evidence,
    )


def _evidence_from_row(row: sqlite3.Row) -> Evidence:
    return Evidence(
        doc_id=row["doc_id"],
        sentence=row["sentence"],
        start=row["start"],
        end=row["end"],
        trigger=row["trigger"],
        extractor_version=row["extractor_version"],
    )


class SQLiteStore:
    """A ``graphsvc.store.base.Store`` in one SQLite file.

    Threading: one connection per thread (``threading.local``). WAL lets every reader thread run
    its own snapshot while a writer commits, so API reads never queue behind an ingest the way
    they would behind a lock around one shared connection. Writers are still serialised by a
    process-wide lock (SQLite allows one writer anyway) so two ingests never race for
    ``BEGIN IMMEDIATE``; ``busy_timeout`` covers writers in other processes (the CLI).
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._closed = False
        self._migrate(self._conn())

    # -- connections -------------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        if self._closed:
            raise RuntimeError("store is closed")
        # check_same_thread=False only so close() may close every thread's connection; each
        # connection is otherwise used by the thread that opened it.
        conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        self._local.conn = conn
        with self._all_lock:
            self._all.append(conn)
        return conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT; any exception rolls the whole unit back."""
        conn = self._conn()
        with self._write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _migrate(self, conn: sqlite3.Connection) -> None:
        with self._transaction():
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path} has schema version {version}; this graphsvc knows "
                    f"{SCHEMA_VERSION}. Upgrade graphsvc."
                )
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step]:
                    conn.execute(statement)
            # user_version lives in the file header and is part of the transaction.
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @property
    def schema_version(self) -> int:
        return int(self._conn().execute("PRAGMA user_version").fetchone()[0])

    def backup(self, target: Path | str) -> StoreFileInfo:
        """Online copy of this store into ``target`` (see ``backup_database``)."""
        return _backup_from(self._conn(), self.path, Path(target))

    def close(self) -> None:
        with self._all_lock:
            self._closed = True
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    # -- writes -----------------------------------------------------------------------------

    def add_document(self, doc: Document, extraction: Extraction) -> IngestResult:
        """Write ``doc`` and its extraction in one transaction (see ``IngestResult`` statuses).

        Raises ``BadInput`` (and writes nothing) when the extraction belongs to another document
        or names an entity id that is neither in it nor already stored.
        """
        _check_ownership(doc, extraction)
        digest = doc.content_hash
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT content_hash FROM documents WHERE id = ?", (doc.id,)
            ).fetchone()
            if row is not None and row["content_hash"] == digest:
                return IngestResult(doc.id, "unchanged", *self._doc_counts(conn, doc.id))
            stale: set[str] = set()
            if row is None:
                conn.execute(
                    "INSERT INTO documents (id, text, date, url, title, content_hash, ingested_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (doc.id, doc.text, doc.date, doc.url, doc.title, digest, _now()),
                )
            else:
                stale = self._clear_document(conn, doc.id)
                conn.execute(
                    "UPDATE documents SET text = ?, date = ?, url = ?, title = ?,"
                    " content_hash = ?, ingested_at = ? WHERE id = ?",
                    (doc.text, doc.date, doc.url, doc.title, digest, _now(), doc.id),
                )
            self._check_references(conn, extraction)
            entity_ids = self._write_entities(conn, doc.id, extraction)
            self._write_mentions(conn, extraction.mentions)
            keys = self._write_relations(conn, extraction.relations)
            self._drop_orphans(conn, stale)
            if row is None:
                return IngestResult(doc.id, "created", len(entity_ids), len(keys))
            return IngestResult(doc.id, "replaced", len(entity_ids), len(keys))

    def delete_document(self, doc_id: str) -> bool:
        with self._transaction() as conn:
            if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
                return False
            stale = self._clear_document(conn, doc_id)
            conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            self._drop_orphans(conn, stale)
            return True

    def _check_references(self, conn: sqlite3.Connection, extraction: Extraction) -> None:
        known = {entity.id for entity in extraction.entities}
        wanted = {m.entity_id for m in extraction.mentions}
        for rel in extraction.relations:
            wanted.update((rel.source, rel.target))
        for entity_id in sorted(wanted - known):
            found = conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone()
            if found is None:
                raise BadInput(
                    f"extraction of {extraction.id!r} refers to unknown entity {entity_id!r}",
                    entity_id=entity_id,
                )

    def _write_entities(
        self, conn: sqlite3.Connection, doc_id: str, extraction: Extraction
    ) -> set[str]:
        for entity in extraction.entities:
            row = conn.execute(
                "SELECT country, sector, roles FROM entities WHERE id = ?", (entity.id,)
            ).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO entities (id, name, type, country, sector, roles)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        entity.id, entity.name, entity.type, entity.country, entity.sector,
                        _roles_json(entity.roles),
                    ),
                )
            else:
                # The first reading wins: a later document only fills what was unknown, so an
                # entity's attributes do not flip with every article that mentions it.
                old_roles = [Role.model_validate(r) for r in json.loads(row["roles"])]
                conn.execute(
                    "UPDATE entities SET country = ?, sector = ?, roles = ? WHERE id = ?",
                    (
                        row["country"] if row["country"] is not None else entity.country,
                        row["sector"] if row["sector"] is not None else entity.sector,
                        _roles_json(merge_roles(old_roles, entity.roles)),
                        entity.id,
                    ),
                )
            for alias in entity.aliases:
                conn.execute(
                    "INSERT INTO aliases (entity_id, alias) VALUES (?, ?)"
                    " ON CONFLICT (entity_id, alias) DO NOTHING",
                    (entity.id, alias),
                )
        # Everything the document touches, so deleting it can tell which entities it alone kept.
        ids = {e.id for e in extraction.entities} | {m.entity_id for m in extraction.mentions}
        for rel in extraction.relations:
            ids.update((rel.source, rel.target))
        conn.executemany(
            "INSERT INTO document_entities (doc_id, entity_id) VALUES (?, ?)"
            " ON CONFLICT (doc_id, entity_id) DO NOTHING",
            [(doc_id, entity_id) for entity_id in sorted(ids)],
        )
        return ids

    def _write_mentions(self, conn: sqlite3.Connection, mentions: list[Mention]) -> None:
        conn.executemany(
            'INSERT INTO mentions (doc_id, entity_id, sentence_index, start, "end", text, label)'
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (m.doc_id, m.entity_id, m.sentence_index, m.start, m.end, m.text, m.label)
                for m in mentions
            ],
        )

    def _write_relations(self, conn: sqlite3.Connection, relations: list[Relation]) -> set[str]:
        keys: set[str] = set()
        for rel in relations:
            key = rel.key
            keys.add(key)
            # The first reading's ends and coding stand; a later one only fills unknown fields.
            conn.execute(
                f"INSERT INTO relations ({_RELATION_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET"
                " cameo = COALESCE(relations.cameo, excluded.cameo),"
                " plover = COALESCE(relations.plover, excluded.plover),"
                " goldstein = COALESCE(relations.goldstein, excluded.goldstein),"
                " quad_class = COALESCE(relations.quad_class, excluded.quad_class),"
                " location = COALESCE(relations.location, excluded.location)",
                (
                    key, rel.source, rel.target, rel.relation, rel.cameo, rel.plover,
                    rel.goldstein, rel.quad_class, rel.date, int(rel.negated), rel.modality,
                    rel.confidence, int(rel.symmetric), rel.location,
                ),
            )
        for key, evidence, confidence in _dedupe_evidence(relations):
            conn.execute(
                "INSERT INTO evidence (relation_key, doc_id, sentence, start, \"end\", trigger,"
                " extractor_version, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key, evidence.doc_id, evidence.sentence, evidence.start, evidence.end,
                    evidence.trigger, evidence.extractor_version, confidence,
                ),
            )
        self._refresh_confidence(conn, keys)
        return keys

    def _refresh_confidence(self, conn: sqlite3.Connection, keys: Iterable[str]) -> None:
        # An edge is as credible as its best-supported reading. Max (not mean) so a weak extra
        # mention never lowers an edge; not a sum / noisy-or because syndicated copies of one
        # wire story are not independent corroboration and would inflate it towards 1.
        conn.executemany(
            "UPDATE relations SET confidence ="
            " (SELECT MAX(confidence) FROM evidence WHERE relation_key = relations.key)"
            " WHERE key = ?",
            [(key,) for key in keys],
        )

    def _clear_document(self, conn: sqlite3.Connection, doc_id: str) -> set[str]:
        """Remove a document's mentions, evidence and orphaned edges; return its entity ids."""
        entity_ids = {
            r[0]
            for r in conn.execute(
                "SELECT entity_id FROM document_entities WHERE doc_id = ?", (doc_id,)
            )
        }
        keys = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT relation_key FROM evidence WHERE doc_id = ?", (doc_id,)
            )
        ]
        conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        conn.execute("DELETE FROM evidence WHERE doc_id = ?", (doc_id,))
        conn.execute("DELETE FROM document_entities WHERE doc_id = ?", (doc_id,))
        conn.executemany(
            "DELETE FROM relations WHERE key = ?"
            " AND NOT EXISTS (SELECT 1 FROM evidence WHERE relation_key = relations.key)",
            [(key,) for key in keys],
        )
        self._refresh_confidence(conn, keys)
        return entity_ids

    def _drop_orphans(self, conn: sqlite3.Connection, candidates: Iterable[str]) -> None:
        # Attributes another document filled in stay (entities are not un-merged); only entities
        # that no document, mention or edge refers to any more go.
        conn.executemany(
            "DELETE FROM entities WHERE id = ?"
            " AND NOT EXISTS (SELECT 1 FROM document_entities WHERE entity_id = entities.id)"
            " AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity_id = entities.id)"
            " AND NOT EXISTS (SELECT 1 FROM relations WHERE source = entities.id"
            " OR target = entities.id OR location = entities.id)",
            [(entity_id,) for entity_id in sorted(candidates)],
        )

    # -- reads ------------------------------------------------------------------------------

    def has_content(self, content_hash: str) -> str | None:
        row = self._conn().execute(
            "SELECT id FROM documents WHERE content_hash = ? ORDER BY ingested_at, id LIMIT 1",
            (content_hash,),
        ).fetchone()
        return None if row is None else str(row["id"])

    def get_document(self, doc_id: str) -> Document | None:
        row = self._conn().execute(
            "SELECT id, text, date, url, title FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return None if row is None else Document(**dict(row))

    def list_documents(self, offset: int = 0, limit: int = 100) -> list[Document]:
        """Documents in ingest order (a replaced document moves to the end)."""
        rows = self._conn().execute(
            "SELECT id, text, date, url, title FROM documents ORDER BY ingested_at, id"
            " LIMIT ? OFFSET ?",
            (max(limit, 0), max(offset, 0)),
        )
        return [Document(**dict(row)) for row in rows]

    def document_extraction(self, doc_id: str) -> Extraction | None:
        conn = self._conn()
        doc = conn.execute("SELECT date FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if doc is None:
            return None
        entity_ids = [
            r[0]
            for r in conn.execute(
                "SELECT entity_id FROM document_entities WHERE doc_id = ? ORDER BY entity_id",
                (doc_id,),
            )
        ]
        entities = [e for e in map(self.get_entity, entity_ids) if e is not None]
        mentions = [
            Mention(**dict(r))
            for r in conn.execute(
                'SELECT doc_id, entity_id, sentence_index, start, "end", text, label'
                " FROM mentions WHERE doc_id = ? ORDER BY id",
                (doc_id,),
            )
        ]
        rows = conn.execute(
            f"SELECT r.*, {_EVIDENCE_COLUMNS}, e.confidence AS e_confidence"
            " FROM relations r JOIN evidence e ON e.relation_key = r.key"
            " WHERE e.doc_id = ? ORDER BY r.key, e.id",
            (doc_id,),
        ).fetchall()
        relations: list[Relation] = []
        for group in _group_by_key(rows):
            evidence = [_evidence_from_row(r) for r in group]
            relation = _relation_from_row(group[0], evidence)
            # What this document said: its own best reading, not the merged edge's.
            relation.confidence = max(r["e_confidence"] for r in group)
            relations.append(relation)
        return Extraction(
            id=doc_id, date=doc["date"], entities=entities, relations=relations,
            mentions=mentions,
        )

    def get_entity(self, entity_id: str) -> Entity | None:
        conn = self._conn()
        row = conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            return None
        aliases = [
            r[0]
            for r in conn.execute(
                "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias", (entity_id,)
            )
        ]
        return _entity_from_row(row, aliases)

    def iter_entities(self) -> Iterator[Entity]:
        """Every entity, by id; aliases sorted."""
        conn = self._conn()
        aliases: dict[str, list[str]] = {}
        for entity_id, alias in conn.execute(
            "SELECT entity_id, alias FROM aliases ORDER BY entity_id, alias"
        ):
            aliases.setdefault(entity_id, []).append(alias)
        cursor = conn.execute("SELECT * FROM entities ORDER BY id")
        while rows := cursor.fetchmany(_FETCH):
            for row in rows:
                yield _entity_from_row(row, aliases.get(row["id"], []))

    def iter_relations(self) -> Iterator[Relation]:
        """Every edge once, by key, with all its evidence in insertion order.

        One SELECT, streamed: SQLite answers it from a single read snapshot, so a concurrent
        ingest is either wholly in it or wholly absent.
        """
        cursor = self._conn().execute(
            f"SELECT r.*, {_EVIDENCE_COLUMNS}"
            " FROM relations r LEFT JOIN evidence e ON e.relation_key = r.key"
            " ORDER BY r.key, e.id"
        )
        pending: list[sqlite3.Row] = []
        while rows := cursor.fetchmany(_FETCH):
            for row in rows:
                if pending and pending[0]["key"] != row["key"]:
                    yield _relation_from_group(pending)
                    pending = []
                pending.append(row)
        if pending:
            yield _relation_from_group(pending)

    def iter_mentions(self, entity_id: str) -> Iterator[Mention]:
        cursor = self._conn().execute(
            'SELECT doc_id, entity_id, sentence_index, start, "end", text, label'
            " FROM mentions WHERE entity_id = ? ORDER BY doc_id, id",
            (entity_id,),
        )
        while rows := cursor.fetchmany(_FETCH):
            for row in rows:
                yield Mention(**dict(row))

    def counts(self) -> dict[str, int]:
        conn = self._conn()
        return {
            table: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("documents", "entities", "relations", "evidence")
        }

    def _doc_counts(self, conn: sqlite3.Connection, doc_id: str) -> tuple[int, int]:
        entities = conn.execute(
            "SELECT COUNT(*) FROM document_entities WHERE doc_id = ?", (doc_id,)
        ).fetchone()[0]
        relations = conn.execute(
            "SELECT COUNT(DISTINCT relation_key) FROM evidence WHERE doc_id = ?", (doc_id,)
        ).fetchone()[0]
        return int(entities), int(relations)


def _check_ownership(doc: Document, extraction: Extraction) -> None:
    if extraction.id != doc.id:
        raise BadInput(f"extraction {extraction.id!r} is not of document {doc.id!r}")
    foreign = {m.doc_id for m in extraction.mentions} | {
        ev.doc_id for rel in extraction.relations for ev in rel.evidence
    }
    foreign.discard(doc.id)
    if foreign:
        raise BadInput(f"extraction of {doc.id!r} carries records of {sorted(foreign)!r}")
    for rel in extraction.relations:
        # Evidence is how a document supports an edge: without it the edge could never be
        # withdrawn when its document is deleted or replaced.
        if not rel.evidence:
            raise BadInput(f"relation {rel.key} in {doc.id!r} has no evidence", key=rel.key)


def _dedupe_evidence(relations: list[Relation]) -> list[tuple[str, Evidence, float]]:
    """(key, evidence, confidence) once per distinct reading, keeping the highest confidence."""
    best: dict[tuple[str, str], tuple[str, Evidence, float]] = {}
    for rel in relations:
        for ev in rel.evidence:
            ident = (rel.key, ev.model_dump_json())
            seen = best.get(ident)
            if seen is None or seen[2] < rel.confidence:
                # Re-assigning an existing dict key keeps its first-seen position.
                best[ident] = (rel.key, ev, rel.confidence)
    return list(best.values())


def _roles_json(roles: Iterable[Role]) -> str:
    return json.dumps([role.model_dump() for role in roles], sort_keys=True)


def _entity_from_row(row: sqlite3.Row, aliases: list[str]) -> Entity:
    roles: list[dict[str, Any]] = json.loads(row["roles"])
    return Entity(
        id=row["id"],
        name=row["name"],
        type=row["type"],
        country=row["country"],
        sector=row["sector"],
        aliases=aliases,
        roles=[Role.model_validate(r) for r in roles],
    )


def _group_by_key(rows: list[sqlite3.Row]) -> Iterator[list[sqlite3.Row]]:
    group: list[sqlite3.Row] = []
    for row in rows:
        if group and group[0]["key"] != row["key"]:
            yield group
            group = []
        group.append(row)
    if group:
        yield group


def _relation_from_group(rows: list[sqlite3.Row]) -> Relation:
    evidence = [_evidence_from_row(r) for r in rows if r["doc_id"] is not None]
    return _relation_from_row(rows[0], evidence)


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
