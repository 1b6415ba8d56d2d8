"""Backup and restore of the SQLite store: online while a writer commits, atomic, refusing what
is not a graphsvc store. No spaCy: documents carry hand-made extractions."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import graphsvc.store.sqlite as sqlite_module
from graphsvc.cli import main
from graphsvc.errors import BadInput, Conflict
from graphsvc.records import Document, Entity, Evidence, Extraction, Mention, Relation
from graphsvc.store.sqlite import (
    SCHEMA_VERSION,
    SQLiteStore,
    backup_database,
    check_store_file,
    restore_database,
)

RELATIONS_PER_DOC = 3
NATIONS = ("Ardonia", "Belmark", "Corvania", "Dalmora")


def make_doc(number: int) -> tuple[Document, Extraction]:
    """Document ``number``: RELATIONS_PER_DOC sentences, each one relation with its evidence."""
    doc_id = f"doc-{number}"
    sentences: list[str] = []
    relations: list[Relation] = []
    offset = 0
    for index in range(RELATIONS_PER_DOC):
        a, b = NATIONS[(number + index) % 4], NATIONS[(number + index + 1) % 4]
        sentence = f"{a} warned {b} on day {number}.{index}."
        relations.append(Relation(
            source=a[:3].upper(), target=b[:3].upper(), relation="threaten", cameo="130",
            date=f"2024-01-{1 + index:02d}", confidence=0.7,
            evidence=[Evidence(doc_id=doc_id, sentence=sentence, start=offset,
                               end=offset + len(sentence), trigger="warned",
                               extractor_version="test-1")],
        ))
        sentences.append(sentence)
        offset += len(sentence) + 1
    text = " ".join(sentences)
    entities = [Entity(id=n[:3].upper(), name=n, type="COUNTRY", country=n[:3].upper())
                for n in NATIONS]
    mentions = [Mention(doc_id=doc_id, entity_id=r.source, sentence_index=i,
                        start=r.evidence[0].start, end=r.evidence[0].start + 7,
                        text=text[r.evidence[0].start:r.evidence[0].start + 7], label="GAZ")
                for i, r in enumerate(relations)]
    document = Document(id=doc_id, text=text, date="2024-01-05")
    return document, Extraction(id=doc_id, date=document.date, entities=entities,
                                relations=relations, mentions=mentions)


def fill(store: SQLiteStore, numbers: range) -> None:
    for number in numbers:
        store.add_document(*make_doc(number))


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted: equal dumps, equal stores."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(map(tuple, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data" / "graphsvc.db"
    path.parent.mkdir()
    store = SQLiteStore(path)
    fill(store, range(10))
    store.close()
    yield path


def test_backup_then_restore_round_trips(live: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup.db"
    info = backup_database(live, target)
    assert (info.documents, info.schema_version) == (10, SCHEMA_VERSION)
    assert info.relations > 0 and info.size_bytes == target.stat().st_size
    # One self-contained file: nothing beside it, and it is not in WAL mode.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.db", "data"]
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    saved = dump(target)
    assert saved == dump(live)

    store = SQLiteStore(live)
    fill(store, range(10, 15))
    assert store.delete_document("doc-0")
    store.close()
    assert dump(live) != saved

    restored = restore_database(target, live)
    assert restored.documents == 10
    assert dump(live) == saved
    assert leftovers(live.parent) == []
    store = SQLiteStore(live)
    try:
        assert store.counts()["documents"] == 10
        assert store.get_document("doc-0") is not None and store.get_document("doc-12") is None
    finally:
        store.close()


def test_backup_while_a_writer_commits_holds_whole_documents(live: Path, tmp_path: Path) -> None:
    """`graphsvc backup` in another process, three times, while this one keeps ingesting."""
    writer = SQLiteStore(live)
    stop = threading.Event()
    written: list[int] = []

    def write() -> None:
        number = 100
        while not stop.is_set() and number < 2000:
            writer.add_document(*make_doc(number))
            written.append(number)
            number += 1

    thread = threading.Thread(target=write)
    thread.start()
    try:
        targets = [tmp_path / f"online-{i}.db" for i in range(3)]
        for target in targets:
            done = subprocess.run(
                [sys.executable, "-m", "graphsvc.cli", "--data-dir", str(live.parent),
                 "backup", "-o", str(target)],
                capture_output=True, text=True, timeout=120, check=False,
            )
            assert done.returncode == 0, done.stderr
            assert done.stdout.startswith(f"backed up {live} to {target}: ")
    finally:
        stop.set()
        thread.join()
        writer.close()
    assert len(written) > 0
    for target in targets:
        check_store_file(target)
        with sqlite3.connect(target) as conn:
            per_doc = dict(conn.execute(
                "SELECT d.id, (SELECT COUNT(*) FROM evidence e WHERE e.doc_id = d.id)"
                " FROM documents d"))
        # Every document in the copy is whole: all its evidence, never some of it.
        assert set(per_doc.values()) == {RELATIONS_PER_DOC}
        assert len(per_doc) >= 10


def _sqlite_file(path: Path, statements: list[str]) -> Path:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def _newer_schema(path: Path) -> Path:
    store = SQLiteStore(path)
    store.close()
    return _sqlite_file(path, [f"PRAGMA user_version = {SCHEMA_VERSION + 1}"])


def _truncated(path: Path, live: Path) -> Path:
    backup_database(live, path)
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 3])
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p, live: (p.write_bytes(b"not a database at all\n" * 300), p)[1],
         "not a graphsvc store (file is not a database)"),
        (lambda p, live: (p.write_bytes(b""), p)[1], "not a graphsvc store (user_version 0)"),
        (lambda p, live: _sqlite_file(p, ["CREATE TABLE notes (x TEXT)"]),
         "not a graphsvc store (user_version 0)"),
        (lambda p, live: _sqlite_file(p, ["CREATE TABLE documents (id TEXT)",
                                          "PRAGMA user_version = 1"]),
         "tables missing: aliases, document_entities, entities"),
        (lambda p, live: _newer_schema(p), "written by a newer graphsvc"),
        (lambda p, live: _truncated(p, live), "not a graphsvc store"),
        (lambda p, live: p.parent / "absent.db", "no such file"),
    ],
    ids=["not-sqlite", "empty", "foreign-sqlite", "tables-missing", "newer-schema", "truncated",
         "missing"],
)
def test_restore_refuses_what_is_not_a_store(
    live: Path, tmp_path: Path, make: object, message: str
) -> None:
    candidate = make(tmp_path / "candidate.db", live)  # type: ignore[operator]
    before = digest(live)
    with pytest.raises(BadInput) as caught:
        restore_database(candidate, live)
    assert message in caught.value.detail
    assert digest(live) == before
    assert leftovers(live.parent) == []


def test_restore_refuses_a_store_in_use(live: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.db"
    backup_database(live, backup)
    store = SQLiteStore(live)  # what a running `graphsvc serve` holds
    try:
        store.counts()
        before = dump(live)
        with pytest.raises(Conflict, match="in use"):
            restore_database(backup, live)
        assert dump(live) == before
        assert store.counts()["documents"] == 10
    finally:
        store.close()
    assert leftovers(live.parent) == []


def test_restore_into_an_empty_data_dir(live: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.db"
    backup_database(live, backup)
    fresh = tmp_path / "new" / "deeper" / "graphsvc.db"
    assert restore_database(backup, fresh).documents == 10
    assert dump(fresh) == dump(live)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("{tmp}", "is a directory"),
        ("{tmp}/missing/b.db", "no such directory"),
        ("{live}", "is the store's own file"),
        ("{live}-wal", "is the store's own file"),
        ("{tmp}/data/../data/graphsvc.db", "is the store's own file"),
        ("{tmp}/link.db", "is the store's own file"),
    ],
)
def test_backup_refuses_bad_targets(live: Path, tmp_path: Path, target: str,
                                    message: str) -> None:
    (tmp_path / "link.db").symlink_to(live)
    before = digest(live)
    with pytest.raises(BadInput, match=message):
        backup_database(live, Path(target.format(tmp=tmp_path, live=live)))
    assert digest(live) == before
    assert leftovers(tmp_path) == [] and leftovers(live.parent) == []


def test_a_failed_backup_leaves_the_old_file_and_no_temporary(
    live: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "nightly.db"
    target.write_bytes(b"yesterday's backup")
    real_copy = sqlite_module._copy

    def copy_then_fail(conn: sqlite3.Connection, tmp: Path) -> None:
        real_copy(conn, tmp)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sqlite_module, "_copy", copy_then_fail)
    with pytest.raises(OSError, match="No space"):
        backup_database(live, target)
    assert target.read_bytes() == b"yesterday's backup"
    assert leftovers(tmp_path) == []


def test_backup_replaces_an_older_backup(live: Path, tmp_path: Path) -> None:
    target = tmp_path / "nightly.db"
    target.write_bytes(b"old")
    assert backup_database(live, target).documents == 10
    assert check_store_file(target).documents == 10


def test_store_method_backup(live: Path, tmp_path: Path) -> None:
    store = SQLiteStore(live)
    try:
        info = store.backup(tmp_path / "m.db")
    finally:
        store.close()
    assert info.documents == 10 and dump(tmp_path / "m.db") == dump(live)


# ---- CLI -----------------------------------------------------------------------------------


def test_cli_backup_and_restore(live: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(live.parent)]
    target = tmp_path / "cli.db"
    assert main([*data, "backup", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"backed up {live} to {target}: 10 documents, ")
    store = SQLiteStore(live)
    fill(store, range(20, 23))
    store.close()
    assert main(["restore", str(target), *data]) == 0
    assert capsys.readouterr().out.startswith(f"restored {target} to {live}: 10 documents")
    assert dump(live) == dump(target)


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["backup", "-o", "{tmp}/x.db", "--data-dir", "{tmp}/nowhere"], "E001",
         "no store to back up"),
        (["restore", "{tmp}/junk.db"], "E001", "not a graphsvc store"),
        (["restore", "{live}"], "E001", "is the live store itself"),
        (["backup", "-o", "{tmp}/no/dir/x.db"], "E001", "no such directory"),
    ],
)
def test_cli_errors_exit_2(live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           argv: list[str], code: str, message: str) -> None:
    (tmp_path / "junk.db").write_bytes(b"\x00\x01junk" * 100)
    argv = [a.format(tmp=tmp_path, live=live) for a in argv]
    before = digest(live)
    assert main(["--data-dir", str(live.parent), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"graphsvc: error {code}: ") and message in err
    assert "Traceback" not in err
    assert digest(live) == before


def test_cli_restore_while_in_use_is_a_conflict(live: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "b.db"
    backup_database(live, target)
    store = SQLiteStore(live)
    try:
        store.counts()
        assert main(["--data-dir", str(live.parent), "restore", str(target)]) == 2
    finally:
        store.close()
    assert capsys.readouterr().err.startswith("graphsvc: error E005: ")
