"""SQLiteStore only: the file, its pragmas, its schema version, and ``open_store`` URLs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from graphsvc.errors import BadInput
from graphsvc.records import Document, Entity, Evidence, Extraction, Relation
from graphsvc.settings import Settings
from graphsvc.store import SQLiteStore, open_store
from graphsvc.store.sqlite import SCHEMA_VERSION


def doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, text=text, date="2024-03-01")


def one_relation(d: Document) -> Extraction:

    entities = [Entity(id="ARD", name="Ardonia", type="COUNTRY", country="ARD"),
                Entity(id="BEL", name="Belmark", type="COUNTRY", country="BEL")]
    evidence = Evidence(doc_id=d.id, sentence=d.text, start=0, end=len(d.text),
                        trigger="sanctioned", extractor_version="test-1")
    relation = Relation(source="ARD", target="BEL", relation="sanction", confidence=0.5,
                        evidence=[evidence])
    return Extraction(id=d.id, entities=entities, relations=[relation])


def test_schema_version_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    s = SQLiteStore(path)
    d = doc("d1", "Ardonia sanctioned Belmark.")
    s.add_document(d, one_relation(d))
    assert s.schema_version == SCHEMA_VERSION
    s.close()
    reopened = SQLiteStore(path)
    assert reopened.get_document("d1") == d
    journal = reopened._conn().execute("PRAGMA journal_mode").fetchone()[0]
    fks = reopened._conn().execute("PRAGMA foreign_keys").fetchone()[0]
    assert (journal, fks) == ("wal", 1)
    reopened.close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(RuntimeError, match="schema version"):
        SQLiteStore(path)


@pytest.mark.parametrize(
    ("settings", "relative"),
    [({"data_dir": "deep/nested"}, "deep/nested/graphsvc.db"),
     ({"store_url": "sqlite:///{tmp}/other/x.db"}, "other/x.db")],
)
def test_open_store_creates_parent_dirs(
    tmp_path: Path, settings: dict[str, str], relative: str
) -> None:
    values = {k: v.replace("{tmp}", str(tmp_path)) for k, v in settings.items()}
    if "data_dir" in values:
        values["data_dir"] = str(tmp_path / values["data_dir"])
    s = open_store(Settings(**values))  # type: ignore[arg-type]
    try:
        assert (tmp_path / relative).exists()
    finally:
        s.close()


@pytest.mark.parametrize("url", ["mysql://db/graph", "file:///tmp/x.db", "redis://x"])
def test_open_store_refuses_other_backends(tmp_path: Path, url: str) -> None:
    with pytest.raises(BadInput, match="postgresql"):
        open_store(Settings(store_url=url, data_dir=tmp_path))
