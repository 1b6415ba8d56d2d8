"""Crash safety: SIGKILL a real `graphsvc ingest`, or a real `graphsvc serve` inside
POST /documents/batch (real spaCy model), mid-batch, then check the store with
scripts/crash_test's checks (the script runs many more kills; numbers in docs/reliability.md).

The CLI part: one clean reference run, then three kill-check-rerun cycles on 80 generated
documents. The server part (about 30 s): one clean server run, then two start-kill-check-restart-
rePOST cycles on 64 documents."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from graphsvc.records import Document
from graphsvc.settings import Settings

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "crash_test"
DOCS = 80
SERVE_DOCS = 64

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec(Settings().spacy_model) is None,
    reason="the spaCy model named by GRAPHSVC_SPACY_MODEL is not installed",
)


def load_script() -> ModuleType:
    loader = SourceFileLoader("graphsvc_crash_test", str(SCRIPT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def crash() -> ModuleType:
    return load_script()


@pytest.fixture(scope="module")
def prepared(crash: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, ...]:
    work = tmp_path_factory.mktemp("crash")
    return (work, *crash.prepare(work, DOCS, seed=3))


def test_corpus_is_generated_and_has_syndicated_copies(crash: ModuleType) -> None:
    rows = crash.make_corpus(40, seed=1)
    assert [r["id"] for r in rows] == [f"crash-{i:04d}" for i in range(40)]
    texts = [r["text"] for r in rows]
    assert len(set(texts)) == 38  # rows 19 and 39 repeat earlier texts
    assert crash.make_corpus(40, seed=1) == rows


@pytest.mark.parametrize(
    ("kill_at", "delay"),
    [(3, 0.0), (40, 0.0)],
    ids=["inside-first-burst", "inside-second-burst"],
)
def test_sigkill_mid_batch_leaves_a_consistent_store(
    crash: ModuleType, prepared: tuple[Any, ...], kill_at: int, delay: float
) -> None:
    work, batch, rows, fresh, reference, _seconds = prepared
    result = crash.one_run(work / f"kill-{kill_at}", batch, rows, fresh, reference, kill_at,
                           delay)
    assert result["killed"], "the ingest finished before the kill; nothing was tested"
    assert 0 < result["present"] < DOCS and result["absent"] == DOCS - result["present"]
    assert result["problems"] == []
    assert result["duplicates"] == 0


def test_kill_after_a_delay(crash: ModuleType, prepared: tuple[Any, ...]) -> None:
    """Wherever the kill lands (extraction or writes, or after the end) the checks hold."""
    work, batch, rows, fresh, reference, _seconds = prepared
    result = crash.one_run(work / "delayed", batch, rows, fresh, reference, 1, 0.05)
    assert result["problems"] == [] and result["duplicates"] == 0


def test_check_catches_a_half_written_document(
    crash: ModuleType, prepared: tuple[Any, ...], tmp_path: Path
) -> None:
    """The checker is not vacuous: a store missing one evidence row of a document fails it."""
    import shutil
    import sqlite3

    work, _batch, rows, fresh, _reference, _seconds = prepared
    db = tmp_path / "graphsvc.db"
    shutil.copy(work / "reference" / "graphsvc.db", db)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM evidence WHERE id = (SELECT MAX(id) FROM evidence)")
    found = crash.check_crashed_store(db, [r["id"] for r in rows], fresh)
    assert any("stored" in p and "differ from a fresh reading" in p for p in found["problems"])


def test_script_help() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "scripts/crash_test" in done.stdout
    assert "--target" in done.stdout and "--rounds" in done.stdout


# -- graphsvc serve -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def serve_prep(crash: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    work = tmp_path_factory.mktemp("crash-serve")
    rows = crash.make_corpus(SERVE_DOCS, seed=5)
    extractor = crash.real_extractor()
    fresh = {row["id"]: extractor.extract(Document(**row)) for row in rows}
    return work, crash.prepare_serve(work, rows, fresh, seed=5)


@pytest.mark.parametrize(
    ("kill_at", "delay"),
    [(0, 0.2), (1, 0.0)],
    ids=["before-commit", "at-commit"],
)
def test_sigkill_serve_mid_batch_then_restart_and_repost(
    crash: ModuleType, serve_prep: tuple[Path, Any], kill_at: int, delay: float
) -> None:
    """Killed inside POST /documents/batch, the store holds none or all of the batch (one
    transaction), the restarted server serves the graph of its store, and re-POSTing the batch
    ends where a clean run does."""
    work, prep = serve_prep
    result = crash.one_serve_round(work / f"kill-{kill_at}", prep, kill_at, delay)
    if kill_at == 0:
        assert result["killed"], "the server answered before the kill; nothing was tested"
        assert result["present"] == 0
    else:
        assert result["present"] == SERVE_DOCS
    assert result["problems"] == []
    assert (result["half_written"], result["orphans"], result["duplicates"]) == (0, 0, 0)


_EVIDENCE_COLUMNS = 'relation_key, doc_id, sentence, start, "end", trigger, extractor_version, ' \
    "confidence"
_A_DOC = "(SELECT MIN(doc_id) FROM evidence WHERE doc_id LIKE 'crash-%')"


@pytest.mark.parametrize(
    ("corruption", "problem", "half_written"),
    [
        (f"DELETE FROM evidence WHERE doc_id = {_A_DOC}", "stored keys differ", 1),
        (f"INSERT INTO evidence ({_EVIDENCE_COLUMNS}) SELECT {_EVIDENCE_COLUMNS} FROM evidence"
         f" WHERE doc_id = {_A_DOC} LIMIT 1", "duplicate evidence rows", 1),
        (f"DELETE FROM documents WHERE id = {_A_DOC}", "foreign_key_check", 1),
        ("INSERT INTO changes (doc_id, op, at, relations, entities)"
         " VALUES ('crash-9999', 'created', '2024-01-01', '[]', '[]')", "1 changes", 0),
        ("INSERT INTO changes (doc_id, op, at, relations, entities)"
         " VALUES ('seed-0000', 'created', '2024-01-01', '[]', '[]')", "2 change log rows", 1),
    ],
    ids=["evidence-lost", "evidence-doubled", "document-row-lost", "orphan-change",
         "change-logged-twice"],
)
def test_store_check_catches_damage(
    crash: ModuleType, serve_prep: tuple[Path, Any], tmp_path: Path, corruption: str,
    problem: str, half_written: int,
) -> None:
    """The checks the server rounds rely on are not vacuous: each kind of damage a torn write
    could leave is reported, and counted against the right number of documents."""
    import shutil
    import sqlite3

    work, prep = serve_prep
    db = tmp_path / "graphsvc.db"
    shutil.copy(work / "serve-reference" / "graphsvc.db", db)
    order = [row["id"] for row in prep.seed_rows + prep.rows]
    assert crash.check_crashed_store(db, order, prep.fresh)["problems"] == []
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")  # as a torn write would, bypass them
        conn.execute(corruption)
        conn.commit()
    finally:
        conn.close()
    found = crash.check_crashed_store(db, order, prep.fresh)
    assert any(problem in p for p in found["problems"]), found["problems"]
    assert found["half_written"] == half_written


@pytest.mark.parametrize(
    ("mode", "kill_at_range", "delay_range"),
    [("at-commit", (1, 1), (0.0, 0.0)), ("before-commit", (0, 0), (0.0, 0.3))],
)
def test_serve_kill_points(
    crash: ModuleType, mode: str, kill_at_range: tuple[int, int],
    delay_range: tuple[float, float],
) -> None:
    import random

    rng = random.Random(1)
    for _ in range(50):
        kill_at, delay = crash.serve_kill_point(mode, SERVE_DOCS, 0.3, rng)
        assert kill_at_range[0] <= kill_at <= kill_at_range[1]
        assert delay_range[0] <= delay <= delay_range[1]
    with pytest.raises(ValueError, match="unknown kill mode"):
        crash.serve_kill_point("sometime", SERVE_DOCS, 0.3, rng)
