"""The SQL both store backends share: every read and write of the ``Store`` protocol.

Statements are plain SQL that SQLite and PostgreSQL both accept, written with ``?`` parameters
(the PostgreSQL connection rewrites them). A backend supplies only what differs: how to connect,
how a write transaction starts (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: ``BEGIN`` plus an
advisory lock), how a consistent read starts, how to stream a large result, and where the schema
version lives.

Writers are serialised per store, across processes too (SQLite's single writer; PostgreSQL's
advisory lock). Besides keeping the merge rules race-free, that makes the change log's sequence
numbers commit in order, which is what lets a reader catch up with ``seq > last_seen`` without
ever skipping a change that was still in flight.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

from graphsvc.errors import BadInput
from graphsvc.records import Document, Entity, Evidence, Extraction, Mention, Relation, Role
from graphsvc.store.base import IngestResult, StoreChanges
from graphsvc.store.migrations import SCHEMA_VERSION, Dialect, statements

__all__ = ["Connection", "SQLStore", "merge_roles"]

# A result row: indexable by position and by column name, and dict()-able (sqlite3.Row, or the
# PostgreSQL backend's equivalent).
Row = Any


class Connection(Protocol):
    """What the shared SQL needs of a DB-API connection (``sqlite3.Connection`` has it as is)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Any: ...

    def close(self) -> None: ...


_RELATION_COLUMNS = (
    "key, source, target, relation, cameo, plover, goldstein, quad_class, date, negated, "
    'modality, confidence, "symmetric", location'
)
_DOCUMENT_COLUMNS = "id, text, date, url, title, outlet, dateline"
_EVIDENCE_COLUMNS = 'e.doc_id, e.sentence, e.start, e."end", e.trigger, e.extractor_version'
_FETCH = 1000
# Ids per ``IN (…)`` list: under SQLite's default limit of 32,766 bound parameters.
_IN_CHUNK = 500
_SEEDING = "seeding"  # the ``meta`` key of first-start seeding


def merge_roles(old: Iterable[Role], new: Iterable[Role]) -> list[Role]:
    """Union of two role lists, first-seen order, exact duplicates dropped."""
    merged: list[Role] = []
    for role in [*old, *new]:
        if role not in merged:
            merged.append(role)
    return merged


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _relation_from_row(row: Row, evidence: list[Evidence]) -> Relation:
    # Not re-validated (nor documents, below): the date and id rules apply where records enter,
    # and a store written under an older, looser rule must stay readable.
    return Relation.model_construct(
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


def _evidence_from_row(row: Row) -> Evidence:
    return Evidence(
        doc_id=row["doc_id"],
        sentence=row["sentence"],
        start=row["start"],
        end=row["end"],
        trigger=row["trigger"],
        extractor_version=row["extractor_version"],
    )


class SQLStore(ABC):
    """A ``graphsvc.store.base.Store`` over a SQL database; subclasses bind a backend.

    Threading: every operation runs on the connection ``_connection()`` gives it; by default
    one per thread (``threading.local``), so API reads never queue behind an ingest the way they
    would behind a lock around one shared connection (PostgreSQL borrows from a bounded pool
    instead). Writers in this process are serialised by a lock before they ask the database for
    its write lock, so the wait happens here rather than as database lock timeouts.
    """

    dialect: Dialect

    def __init__(self) -> None:
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._all: list[Connection] = []
        self._all_lock = threading.Lock()
        self._closed = False
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise

    # -- what a backend provides ------------------------------------------------------------

    @abstractmethod
    def _connect(self) -> Connection:
        """A new connection in autocommit mode whose rows index by position and by name."""

    @abstractmethod
    def _begin_write(self, conn: Connection) -> None:
        """Start a transaction that holds the store's single write lock until it ends."""

    @abstractmethod
    def _begin_read(self, conn: Connection) -> None:
        """Start a read-only transaction that sees one consistent snapshot."""

    @abstractmethod
    def _get_version(self, conn: Connection) -> int:
        """The schema version recorded in the store (0 for an empty database)."""

    @abstractmethod
    def _set_version(self, conn: Connection, version: int) -> None:
        """Record ``version`` inside the current (migration) transaction."""

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows of a large SELECT, fetched in batches, from one snapshot of the store."""
        with self._connection() as conn:
            cursor = conn.execute(sql, params)
            while rows := cursor.fetchmany(_FETCH):
                yield from rows

    # -- connections -------------------------------------------------------------------------

    def _conn(self) -> Connection:
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        if self._closed:
            raise RuntimeError("store is closed")
        conn = self._connect()
        self._local.conn = conn
        with self._all_lock:
            self._all.append(conn)
        return conn

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        """The connection of one store operation: this thread's own, kept open (SQLite
        connections are cheap and each thread reads its own snapshot). A backend may lend one
        from a pool instead; calls nested in an operation get the same connection."""
        yield self._conn()

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """A write transaction; any exception rolls the whole unit back."""
        with self._write_lock, self._connection() as conn:
            self._begin_write(conn)
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def _snapshot(self) -> Iterator[Connection]:
        """A read transaction: every statement inside sees the same committed state."""
        with self._connection() as conn:
            self._begin_read(conn)
            try:
                yield conn
            finally:
                conn.execute("ROLLBACK")

    def _migrate(self) -> None:
        with self._transaction() as conn:
            version = self._get_version(conn)
            if version > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self} has schema version {version}; this graphsvc knows "
                    f"{SCHEMA_VERSION}. Upgrade graphsvc."
                )
            for step in range(version, SCHEMA_VERSION):
                for statement in statements(step, self.dialect):
                    conn.execute(statement)
            if version != SCHEMA_VERSION:
                self._set_version(conn, SCHEMA_VERSION)

    @property
    def schema_version(self) -> int:
        with self._connection() as conn:
            return self._get_version(conn)

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
        return self.add_documents([(doc, extraction)])[0]

    def add_documents(
        self, items: Sequence[tuple[Document, Extraction]]
    ) -> list[IngestResult]:
        """Write every ``(doc, extraction)`` pair, in order, in one transaction: all of them or,
        when any fails (``BadInput`` as for ``add_document``, or a database error), none.

        A later pair sees what the earlier ones wrote (entities, and an id written twice is
        ``replaced`` by its second text).
        """
        for doc, extraction in items:
            _check_ownership(doc, extraction)
        with self._transaction() as conn:
            return [self._write_document(conn, doc, extraction) for doc, extraction in items]

    def _write_document(
        self, conn: Connection, doc: Document, extraction: Extraction
    ) -> IngestResult:
        """``add_document``'s writes, inside the caller's transaction."""
        # outlet and dateline are the extraction's reading of the text; ``doc``'s are ignored.
        digest = doc.content_hash
        stored = self._stored_hash(conn, doc.id)
        if stored == digest:
            return self._unchanged(conn, doc.id)
        stale: set[str] = set()
        withdrawn: dict[str, tuple[str, str]] = {}
        if stored is None:
            conn.execute(
                "INSERT INTO documents (id, text, date, url, title, outlet, dateline,"
                " content_hash, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, doc.text, doc.date, doc.url, doc.title, extraction.outlet,
                 extraction.dateline, digest, _now()),
            )
        else:
            stale, withdrawn = self._clear_document(conn, doc.id)
            conn.execute(
                "UPDATE documents SET text = ?, date = ?, url = ?, title = ?, outlet = ?,"
                " dateline = ?, content_hash = ?, ingested_at = ? WHERE id = ?",
                (doc.text, doc.date, doc.url, doc.title, extraction.outlet,
                 extraction.dateline, digest, _now(), doc.id),
            )
        self._check_references(conn, extraction)
        entity_ids = self._write_entities(conn, doc.id, extraction)
        self._write_mentions(conn, extraction.mentions)
        keys = self._write_relations(conn, extraction.relations)
        self._drop_orphans(conn, stale)
        # Stored ends win: a symmetric edge may be stored the other way round.
        written = {rel.key: (rel.source, rel.target) for rel in extraction.relations}
        touched = written | withdrawn
        status: Literal["created", "replaced"] = "created" if stored is None else "replaced"
        self._log_change(conn, doc.id, status, touched, stale | entity_ids)
        return IngestResult(doc.id, status, len(entity_ids), len(keys))

    def delete_document(self, doc_id: str) -> bool:
        with self._transaction() as conn:
            if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
                return False
            stale, withdrawn = self._clear_document(conn, doc_id)
            conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            self._drop_orphans(conn, stale)
            self._log_change(conn, doc_id, "deleted", withdrawn, stale)
            return True

    def _log_change(
        self,
        conn: Connection,
        doc_id: str,
        op: str,
        relations: dict[str, tuple[str, str]],
        entity_ids: Iterable[str],
    ) -> None:
        """Append to the change log, inside the writing transaction (so it commits with it)."""
        conn.execute(
            "INSERT INTO changes (doc_id, op, at, relations, entities) VALUES (?, ?, ?, ?, ?)",
            (
                doc_id, op, _now(),
                json.dumps([[key, *ends] for key, ends in sorted(relations.items())]),
                json.dumps(sorted(entity_ids)),
            ),
        )

    def _check_references(self, conn: Connection, extraction: Extraction) -> None:
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
        self, conn: Connection, doc_id: str, extraction: Extraction
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

    def _write_mentions(self, conn: Connection, mentions: list[Mention]) -> None:
        conn.executemany(
            'INSERT INTO mentions (doc_id, entity_id, sentence_index, start, "end", text, label)'
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (m.doc_id, m.entity_id, m.sentence_index, m.start, m.end, m.text, m.label)
                for m in mentions
            ],
        )

    def _write_relations(self, conn: Connection, relations: list[Relation]) -> set[str]:
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

    def _refresh_confidence(self, conn: Connection, keys: Iterable[str]) -> None:
        # An edge is as credible as its best-supported reading. Max (not mean) so a weak extra
        # mention never lowers an edge; not a sum / noisy-or because syndicated copies of one
        # wire story are not independent corroboration and would inflate it towards 1.
        conn.executemany(
            "UPDATE relations SET confidence ="
            " (SELECT MAX(confidence) FROM evidence WHERE relation_key = relations.key)"
            " WHERE key = ?",
            [(key,) for key in keys],
        )

    def _clear_document(
        self, conn: Connection, doc_id: str
    ) -> tuple[set[str], dict[str, tuple[str, str]]]:
        """Remove a document's mentions, evidence and orphaned edges.

        Returns its entity ids and the edges it supported (key → stored source, target).
        """
        entity_ids = {
            r[0]
            for r in conn.execute(
                "SELECT entity_id FROM document_entities WHERE doc_id = ?", (doc_id,)
            )
        }
        supported = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                "SELECT DISTINCT e.relation_key, r.source, r.target FROM evidence e"
                " JOIN relations r ON r.key = e.relation_key WHERE e.doc_id = ?",
                (doc_id,),
            )
        }
        keys = sorted(supported)
        conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        conn.execute("DELETE FROM evidence WHERE doc_id = ?", (doc_id,))
        conn.execute("DELETE FROM document_entities WHERE doc_id = ?", (doc_id,))
        conn.executemany(
            "DELETE FROM relations WHERE key = ?"
            " AND NOT EXISTS (SELECT 1 FROM evidence WHERE relation_key = relations.key)",
            [(key,) for key in keys],
        )
        self._refresh_confidence(conn, keys)
        return entity_ids, supported

    def _drop_orphans(self, conn: Connection, candidates: Iterable[str]) -> None:
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

    def unchanged_result(self, doc: Document) -> IngestResult | None:
        # One snapshot: the hash and the counts are of the same stored text.
        with self._snapshot() as conn:
            if self._stored_hash(conn, doc.id) != doc.content_hash:
                return None
            return self._unchanged(conn, doc.id)

    def has_content(self, content_hash: str) -> str | None:
        with self._connection() as conn:
            row = conn.execute(
                "SELECT id FROM documents WHERE content_hash = ?"
                " ORDER BY ingested_at, id LIMIT 1",
                (content_hash,),
            ).fetchone()
        return None if row is None else str(row["id"])

    def get_document(self, doc_id: str) -> Document | None:
        with self._connection() as conn:
            row = conn.execute(
                f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
        return None if row is None else Document.model_construct(**dict(row))

    def list_documents(self, offset: int = 0, limit: int = 100) -> list[Document]:
        """Documents in ingest order (a replaced document moves to the end)."""
        with self._connection() as conn:
            rows = conn.execute(
                f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY ingested_at, id"
                " LIMIT ? OFFSET ?",
                (max(limit, 0), max(offset, 0)),
            ).fetchall()
        return [Document.model_construct(**dict(row)) for row in rows]

    def document_extraction(self, doc_id: str) -> Extraction | None:
        with self._connection() as conn:
            return self._document_extraction(conn, doc_id)

    def _document_extraction(self, conn: Connection, doc_id: str) -> Extraction | None:
        doc = conn.execute(
            "SELECT date, outlet, dateline FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
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
            id=doc_id, date=doc["date"], outlet=doc["outlet"], dateline=doc["dateline"],
            entities=entities, relations=relations, mentions=mentions,
        )

    def get_entity(self, entity_id: str) -> Entity | None:
        with self._connection() as conn:
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
        aliases: dict[str, list[str]] = {}
        for entity_id, alias in self._stream(
            "SELECT entity_id, alias FROM aliases ORDER BY entity_id, alias"
        ):
            aliases.setdefault(entity_id, []).append(alias)
        for row in self._stream("SELECT * FROM entities ORDER BY id"):
            yield _entity_from_row(row, aliases.get(row["id"], []))

    def iter_relations(self) -> Iterator[Relation]:
        """Every edge once, by key, with all its evidence in insertion order.

        One SELECT, streamed from a single read snapshot, so a concurrent ingest is either
        wholly in it or wholly absent.
        """
        yield from _group_relations(
            self._stream(
                f"SELECT r.*, {_EVIDENCE_COLUMNS}"
                " FROM relations r LEFT JOIN evidence e ON e.relation_key = r.key"
                " ORDER BY r.key, e.id"
            )
        )

    def iter_mentions(self, entity_id: str) -> Iterator[Mention]:
        for row in self._stream(
            'SELECT doc_id, entity_id, sentence_index, start, "end", text, label'
            " FROM mentions WHERE entity_id = ? ORDER BY doc_id, id",
            (entity_id,),
        ):
            yield Mention(**dict(row))

    # -- change log --------------------------------------------------------------------------

    def change_seq(self) -> int:
        with self._connection() as conn:
            row = conn.execute("SELECT MAX(seq) FROM changes").fetchone()
        return 0 if row is None or row[0] is None else int(row[0])

    def read_changes(self, since: int) -> StoreChanges:
        """What documents written after change ``since`` did, read from one snapshot.

        The relations and entities are their state now (with all evidence), not a diff: a
        reader replaces what it holds for each touched key and id, so applying the same
        changes twice, or changes it had partly seen already, is harmless.
        """
        with self._snapshot() as conn:
            rows = conn.execute(
                "SELECT seq, relations, entities FROM changes WHERE seq > ? ORDER BY seq",
                (since,),
            ).fetchall()
            if not rows:
                return StoreChanges(seq=since)
            ends: dict[str, tuple[str, str]] = {}
            entity_ids: set[str] = set()
            for row in rows:
                for key, source, target in json.loads(row["relations"]):
                    ends[key] = (source, target)
                entity_ids.update(json.loads(row["entities"]))
            relations = self._relations_by_key(conn, sorted(ends))
            entities = self._entities_by_id(conn, sorted(entity_ids))
        found = {rel.key for rel in relations}
        present = {entity.id for entity in entities}
        return StoreChanges(
            seq=int(rows[-1]["seq"]),
            documents=len(rows),
            relations=relations,
            removed_relations=[(key, *ends[key]) for key in sorted(ends) if key not in found],
            entities=entities,
            removed_entities=sorted(entity_ids - present),
        )

    def _relations_by_key(self, conn: Connection, keys: list[str]) -> list[Relation]:
        relations: list[Relation] = []
        for chunk in _chunks(keys, _IN_CHUNK):
            marks = ", ".join("?" * len(chunk))
            rows = conn.execute(
                f"SELECT r.*, {_EVIDENCE_COLUMNS}"
                " FROM relations r LEFT JOIN evidence e ON e.relation_key = r.key"
                f" WHERE r.key IN ({marks}) ORDER BY r.key, e.id",
                chunk,
            ).fetchall()
            relations.extend(_group_relations(rows))
        return relations

    def _entities_by_id(self, conn: Connection, ids: list[str]) -> list[Entity]:
        entities: list[Entity] = []
        for chunk in _chunks(ids, _IN_CHUNK):
            marks = ", ".join("?" * len(chunk))
            aliases: dict[str, list[str]] = {}
            for entity_id, alias in conn.execute(
                f"SELECT entity_id, alias FROM aliases WHERE entity_id IN ({marks})"
                " ORDER BY entity_id, alias",
                chunk,
            ):
                aliases.setdefault(entity_id, []).append(alias)
            for row in conn.execute(
                f"SELECT * FROM entities WHERE id IN ({marks}) ORDER BY id", chunk
            ):
                entities.append(_entity_from_row(row, aliases.get(row["id"], [])))
        return entities

    def counts(self) -> dict[str, int]:
        with self._connection() as conn:
            return {
                table: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
                for table in ("documents", "entities", "relations", "evidence")
            }

    # -- first-start seeding ----------------------------------------------------------------

    def seeding_state(self) -> str | None:
        with self._connection() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (_SEEDING,)).fetchone()
        return None if row is None else str(row["value"])

    def begin_seeding(self) -> bool:
        # One write transaction: the store's write lock orders this check against every
        # document write and against other processes seeding the same (PostgreSQL) store.
        with self._transaction() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (_SEEDING,)).fetchone()
            if row is not None:
                return bool(row["value"] != "done")
            # Documents but no record: a store from before the record existed, or one filled by
            # ``graphsvc ingest`` before its first start; seeds were only ever for empty stores.
            filled = conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                         (_SEEDING, "done" if filled else "started"))
            return not filled

    def finish_seeding(self) -> None:
        with self._transaction() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES (?, 'done')"
                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (_SEEDING,))

    def _stored_hash(self, conn: Connection, doc_id: str) -> str | None:
        row = conn.execute("SELECT content_hash FROM documents WHERE id = ?",
                           (doc_id,)).fetchone()
        return None if row is None else str(row["content_hash"])

    def _unchanged(self, conn: Connection, doc_id: str) -> IngestResult:
        return IngestResult(doc_id, "unchanged", *self._doc_counts(conn, doc_id))

    def _doc_counts(self, conn: Connection, doc_id: str) -> tuple[int, int]:
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


def _entity_from_row(row: Row, aliases: list[str]) -> Entity:
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


def _group_by_key(rows: list[Row]) -> Iterator[list[Row]]:
    group: list[Row] = []
    for row in rows:
        if group and group[0]["key"] != row["key"]:
            yield group
            group = []
        group.append(row)
    if group:
        yield group


def _group_relations(rows: Iterable[Row]) -> Iterator[Relation]:
    """Relations from rows ordered by key, one row per piece of evidence (or one bare row)."""
    pending: list[Row] = []
    for row in rows:
        if pending and pending[0]["key"] != row["key"]:
            yield _relation_from_group(pending)
            pending = []
        pending.append(row)
    if pending:
        yield _relation_from_group(pending)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _relation_from_group(rows: list[Row]) -> Relation:
    evidence = [_evidence_from_row(r) for r in rows if r["doc_id"] is not None]
    return _relation_from_row(rows[0], evidence)


