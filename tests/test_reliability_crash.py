"""Crash safety: SIGKILL a real `graphsvc ingest` (real spaCy model) mid-batch, then check the
store with scripts/crash_test's checks (the script runs many more kills; numbers in
docs/reliability.md). About 15 s: one clean reference run, then three kill-check-rerun cycles
on 80 generated documents."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from graphsvc.settings import Settings

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "crash_test"
DOCS = 80

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
