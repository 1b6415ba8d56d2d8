"""The change log on both backends, and a graph patched from it equalling a rebuilt one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from storefakes import shape, write

from graphsvc.graph.snapshot import apply_changes, build_graph
from graphsvc.records import Document, Extraction
from graphsvc.settings import Settings
from graphsvc.store import SQLiteStore, Store
from graphsvc.store.migrations import SCHEMA_VERSION, Dialect, statements
from graphsvc.store.postgres import PostgresStore


def test_each_committed_document_write_is_one_change(store: Store) -> None:
    assert store.change_seq() == 0
    write(store, "a", [("VAL", "sanction", "KES")])
    first = store.change_seq()
    assert first > 0
    write(store, "a", [("VAL", "sanction", "KES")])  # same text: unchanged, no change logged
    assert store.change_seq() == first
    write(store, "a", [("VAL", "threaten", "KES")])  # replaced
    store.delete_document("a")
    store.delete_document("a")  # nothing to delete: no change
    changes = store.read_changes(first)
    assert changes.documents == 2
    assert changes.seq == store.change_seq()
    assert store.read_changes(changes.seq).documents == 0


def test_changes_carry_current_state_and_removals(store: Store) -> None:
    write(store, "a", [("VAL", "sanction", "KES"), ("KES", "meet", "MOR")])
    write(store, "b", [("MOR", "meet", "KES")])
    since = store.change_seq()
    store.delete_document("a")
    changes = store.read_changes(since)
    kept = {rel.key: rel for rel in changes.relations}
    removed = {key for key, _s, _t in changes.removed_relations}
    assert len(kept) == 1 and len(removed) == 1
    (meeting,) = kept.values()
    assert meeting.relation == "meet" and [ev.doc_id for ev in meeting.evidence] == ["b"]
    assert changes.removed_entities == ["VAL"]
    assert sorted(e.id for e in changes.entities) == ["KES", "MOR"]


Step = Callable[[Store], None]
SCENARIOS: dict[str, list[Step]] = {
    "add": [lambda s: write(s, "a", [("VAL", "sanction", "KES")])],
    "add shared edge": [
        lambda s: write(s, "a", [("VAL", "meet", "KES")]),
        lambda s: write(s, "b", [("KES", "meet", "VAL"), ("KES", "warn", "MOR")]),
    ],
    "replace": [
        lambda s: write(s, "a", [("VAL", "sanction", "KES")]),
        lambda s: write(s, "a", [("MOR", "praise", "KES")]),
    ],
    "delete one of two": [
        lambda s: write(s, "a", [("VAL", "meet", "KES")]),
        lambda s: write(s, "b", [("KES", "meet", "VAL")]),
        lambda s: s.delete_document("b"),
    ],
    "delete all": [
        lambda s: write(s, "a", [("VAL", "sanction", "KES")]),
        lambda s: s.delete_document("a"),
    ],
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("start_after", [0, 1])
def test_patched_graph_equals_rebuilt_graph(
    store: Store, scenario: str, start_after: int
) -> None:
    steps = SCENARIOS[scenario]
    for step in steps[:start_after]:
        step(store)
    before = build_graph(store)
    since = store.change_seq()
    for step in steps[start_after:]:
        step(store)
    patched = apply_changes(before, store.read_changes(since))
    assert shape(patched) == shape(build_graph(store))
    # Applying the same changes again (a refresh that overlaps a rebuild) changes nothing.
    again = apply_changes(patched, store.read_changes(since))
    assert shape(again) == shape(patched)


def test_sqlite_store_from_schema_1_gains_the_change_log(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    raw = sqlite3.connect(path)
    for statement in statements(0, "sqlite"):
        raw.execute(statement)
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()
    store = SQLiteStore(path)
    try:
        assert store.schema_version == SCHEMA_VERSION
        assert store.change_seq() == 0
        write(store, "a", [("VAL", "sanction", "KES")])
        assert store.read_changes(0).documents == 1
    finally:
        store.close()


def test_postgres_migration_runs_once_and_is_shared(pg_database: str) -> None:
    first = PostgresStore(pg_database)
    second = PostgresStore(pg_database)  # finds the schema in place, runs nothing
    try:
        assert first.schema_version == second.schema_version == SCHEMA_VERSION
        write(first, "a", [("VAL", "sanction", "KES")])
        assert second.change_seq() == first.change_seq() > 0
        assert [d.id for d in second.list_documents()] == ["a"]
    finally:
        first.close()
        second.close()


def test_settings_pick_the_postgres_backend(pg_database: str) -> None:
    from graphsvc.store import open_store

    store = open_store(Settings(store_url=pg_database))
    try:
        assert isinstance(store, PostgresStore)
        assert "@" not in str(store) or ":" not in str(store).split("@")[0].split("//")[1]
    finally:
        store.close()


def _write_schema_2_store(run: Callable[[str], object], dialect: Dialect) -> None:
    """A store as graphsvc wrote it at schema version 2, holding one document."""
    for step in (0, 1):
        for statement in statements(step, dialect):
            run(statement)
    run("INSERT INTO documents (id, text, date, url, title, content_hash, ingested_at) VALUES"
        " ('old', 'RIVERTON (Wire News) - Ruritania recalled its envoy.', '2024-03-01', NULL,"
        " 'Envoy', 'x', '2024-03-01T00:00:00+00:00')")


def _check_migrated_to_3(store: Store) -> None:
    old = store.get_document("old")
    assert old is not None and old.title == "Envoy"
    assert (old.outlet, old.dateline) == (None, None)  # not re-read until the text changes
    doc = Document(id="new", text="RIVERTON (Wire News) - Ruritania recalled its envoy again.")
    extraction = Extraction(id="new", outlet="Wire News", dateline="RIVERTON")
    assert store.add_document(doc, extraction).status == "created"
    new = store.get_document("new")
    assert new is not None and (new.outlet, new.dateline) == ("Wire News", "RIVERTON")


def test_sqlite_store_from_schema_2_gains_outlet_and_dateline(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    raw = sqlite3.connect(path)
    _write_schema_2_store(raw.execute, "sqlite")
    raw.execute("PRAGMA user_version = 2")
    raw.commit()
    raw.close()
    store = SQLiteStore(path)
    try:
        assert store.schema_version == SCHEMA_VERSION
        _check_migrated_to_3(store)
    finally:
        store.close()


def test_postgres_store_from_schema_2_gains_outlet_and_dateline(pg_database: str) -> None:
    import psycopg

    with psycopg.connect(pg_database, autocommit=True) as raw:
        _write_schema_2_store(raw.execute, "postgresql")
        raw.execute("CREATE TABLE graphsvc_schema (version INTEGER NOT NULL)")
        raw.execute("INSERT INTO graphsvc_schema (version) VALUES (2)")
    store = PostgresStore(pg_database)
    try:
        assert store.schema_version == SCHEMA_VERSION
        _check_migrated_to_3(store)
    finally:
        store.close()
