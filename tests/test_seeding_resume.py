"""First-start seeding survives being cut short: a server killed while it seeds (a real SIGKILL
of a child process, or a store error injected after k seed documents) leaves the seeding
claimed but unfinished in the store, and the next start completes it, without duplicates and
without extracting again what was stored. Stores that were never seeded keep the old rule:
seeds go only into an empty store. On SQLite and on PostgreSQL."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from pgserver import fresh_database
from test_ingest import WordExtractor

from graphsvc import service as service_module
from graphsvc.records import Document, Extraction
from graphsvc.service import GraphService
from graphsvc.settings import Settings
from graphsvc.store import open_store
from graphsvc.store.base import IngestResult, Store

SEEDS = 12
NAMES = ("Aldera", "Borvia", "Castel", "Dunmoor", "Elsin")
TESTS = Path(__file__).resolve().parent


def write_seeds(directory: Path, count: int = SEEDS) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        a, b = NAMES[i % len(NAMES)], NAMES[(i + 2) % len(NAMES)]
        (directory / f"s{i:02d}.txt").write_text(
            f"date 2024-04-{i + 1:02d}\n{a} met {b} at the border. Round {i} ended.\n",
            encoding="utf-8")
    return directory


@pytest.fixture(params=["sqlite", "postgresql"])
def settings_for(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """``settings_for(name)``: settings of a fresh store (a file, or a new database) per name,
    all seeded from ``tmp_path / "seeds"``."""
    with contextlib.ExitStack() as stack:

        def make(name: str) -> Settings:
            url = None
            if request.param == "postgresql":
                url = stack.enter_context(fresh_database(request.getfixturevalue("pg_url")))
            return Settings(data_dir=tmp_path / name, store_url=url,
                            seeds_dir=tmp_path / "seeds")

        yield make


def start(settings: Settings, extractor: WordExtractor | None = None) -> list[IngestResult]:
    """One server start's seeding (what ``graphsvc.api.app.open_service`` does)."""
    service = GraphService(settings, extractor=extractor or WordExtractor())
    try:
        return service.ingest_seeds(settings.seeds_dir)
    finally:
        service.close()


def snapshot(settings: Settings) -> dict[str, Any]:
    """What the store holds: documents, counts, edges and the change log (one row per write,
    so a seed written twice would show), and its seeding state."""
    store = open_store(settings)
    try:
        docs = [(d.id, d.content_hash) for d in store.list_documents(limit=1000)]
        changes = store._conn().execute(  # type: ignore[attr-defined]
            "SELECT doc_id, op FROM changes ORDER BY seq").fetchall()
        return {"documents": sorted(docs), "counts": store.counts(),
                "relations": sorted(r.key for r in store.iter_relations()),
                "changes": sorted((row[0], row[1]) for row in changes),
                "seeding": store.seeding_state()}
    finally:
        store.close()


@pytest.fixture(autouse=True)
def one_seed_per_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """One seed per transaction, so a cut can fall after any number of seeds."""
    monkeypatch.setattr(service_module, "SEED_CHUNK", 1)


def fail_after(store: Store, commits: int) -> None:
    """Make ``store.add_documents`` raise once ``commits`` documents were written."""
    real = store.add_documents
    written: list[str] = []

    def add_documents(items: Sequence[tuple[Document, Extraction]]) -> list[IngestResult]:
        if len(written) + len(items) > commits:
            raise RuntimeError("injected: the server dies here")
        result = real(items)
        written.extend(doc.id for doc, _extraction in items)
        return result

    store.add_documents = add_documents  # type: ignore[method-assign]


@pytest.mark.parametrize("commits", [0, 1, 7, SEEDS - 1])
def test_a_seeding_cut_short_is_completed_by_the_next_start(
    settings_for: Any, tmp_path: Path, commits: int
) -> None:
    seeds = write_seeds(tmp_path / "seeds")
    settings = settings_for("main")
    store = open_store(settings)
    try:
        fail_after(store, commits)
        service = GraphService(settings, store=store, extractor=WordExtractor())
        with pytest.raises(RuntimeError, match="injected"):
            service.ingest_seeds(seeds)
    finally:
        store.close()
    cut = snapshot(settings)
    assert (cut["counts"]["documents"], cut["seeding"]) == (commits, "started")

    extractor = WordExtractor(log_dir=tmp_path)
    results = start(settings, extractor)
    statuses = [result.status for result in results]
    assert statuses == ["unchanged"] * commits + ["created"] * (SEEDS - commits)
    # What the cut start stored is not read again.
    read = (tmp_path / f"{os.getpid()}.log").read_text(encoding="utf-8").split()
    assert read == [f"s{i:02d}" for i in range(commits, SEEDS)]

    clean = settings_for("clean")
    start(clean)
    assert snapshot(settings) == snapshot(clean)
    assert snapshot(settings)["seeding"] == "done"
    assert start(settings) == []  # and later starts leave it alone


def child(spec_json: str) -> None:
    """Runs in a child process: a start that SIGKILLs itself right after ``kill_after`` seed
    documents were committed, as the OS or an operator would kill a server."""
    spec = json.loads(spec_json)
    settings = Settings(data_dir=Path(spec["data"]), store_url=spec["store_url"],
                        seeds_dir=Path(spec["seeds"]))
    service_module.SEED_CHUNK = 1
    store = open_store(settings)
    real = store.add_documents
    written: list[str] = []

    def add_documents(items: Sequence[tuple[Document, Extraction]]) -> list[IngestResult]:
        result = real(items)
        written.extend(doc.id for doc, _extraction in items)
        if len(written) == spec["kill_after"]:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    store.add_documents = add_documents  # type: ignore[method-assign]
    GraphService(settings, store=store, extractor=WordExtractor()).ingest_seeds(
        settings.seeds_dir)


def test_a_server_killed_while_seeding_is_completed_on_restart(
    settings_for: Any, tmp_path: Path
) -> None:
    write_seeds(tmp_path / "seeds")
    settings = settings_for("main")
    spec = {"data": str(settings.data_dir), "store_url": settings.store_url,
            "seeds": str(settings.seeds_dir), "kill_after": 5}
    code = (f"import sys; sys.path[:0] = {[str(TESTS), *sys.path]!r}; "
            "import test_seeding_resume as t; t.child(sys.argv[1])")
    done = subprocess.run([sys.executable, "-c", code, json.dumps(spec)], capture_output=True,
                          text=True, timeout=120, check=False, cwd=tmp_path)
    assert done.returncode == -signal.SIGKILL, done.stderr
    cut = snapshot(settings)
    assert (cut["counts"]["documents"], cut["seeding"]) == (5, "started")

    results = start(settings)
    assert [r.status for r in results] == ["unchanged"] * 5 + ["created"] * (SEEDS - 5)
    clean = settings_for("clean")
    start(clean)
    assert snapshot(settings) == snapshot(clean)


def test_a_store_with_documents_and_no_seeding_record_is_not_seeded(
    settings_for: Any, tmp_path: Path
) -> None:
    """A store written before the record existed (already seeded), or filled by ``graphsvc
    ingest`` before its first start: seeds only ever went into an empty store."""
    seeds = write_seeds(tmp_path / "seeds")
    settings = settings_for("main")
    service = GraphService(settings, extractor=WordExtractor())
    try:
        service.ingest(Document(id="own", text="Elsin met Aldera by the river."))
        assert service.store.seeding_state() is None
        assert service.ingest_seeds(seeds) == []
        assert service.store.seeding_state() == "done"
        assert [d.id for d in service.store.list_documents()] == ["own"]
    finally:
        service.close()


def test_no_seed_files_claims_nothing(settings_for: Any, tmp_path: Path) -> None:
    """Without seed files nothing is recorded, so seeds added before a later start still go in
    while the store is empty (as before the record existed)."""
    settings = settings_for("main")
    assert start(settings) == []  # no seeds directory
    (tmp_path / "seeds").mkdir()
    assert start(settings) == []  # an empty one
    assert snapshot(settings)["seeding"] is None
    write_seeds(tmp_path / "seeds", 3)
    assert [r.status for r in start(settings)] == ["created"] * 3
    assert snapshot(settings)["seeding"] == "done"


def test_a_seeded_store_from_before_the_record_is_upgraded_as_done(tmp_path: Path) -> None:
    """A schema-3 store (no ``meta`` table) that was seeded by an older graphsvc: the upgrade
    adds the table and the next start records seeding as done without touching the seeds."""
    seeds = write_seeds(tmp_path / "seeds", 3)
    settings = Settings(data_dir=tmp_path / "data", seeds_dir=seeds)
    service = GraphService(settings, extractor=WordExtractor())
    service.ingest_many([Document(id="s00", text="Aldera met Castel at the border.")])
    service.close()
    raw = sqlite3.connect(settings.sqlite_path)
    raw.executescript("DROP TABLE meta; PRAGMA user_version = 3;")
    raw.close()
    assert start(settings) == []
    state = snapshot(settings)
    assert (state["counts"]["documents"], state["seeding"]) == (1, "done")
