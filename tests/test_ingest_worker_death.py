"""`graphsvc ingest --workers N` when the OS kills a worker (SIGKILL, as the out-of-memory killer
does): the run must end, never hang; the documents the dead worker held are read again one at
a time in a fresh worker; one that kills that worker too is skipped with the reason.

Each run happens in a child process under a timeout (``RUN_TIMEOUT``), so a run that hangs
fails the test instead of hanging the suite. The extractors are module-level classes so the
spawned workers can unpickle them."""

from __future__ import annotations

import dataclasses
import functools
import json
import multiprocessing
import os
import signal
import subprocess
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from test_ingest import Run, WordExtractor, extracted, rows, store_state, write_jsonl

from graphsvc import ingest
from graphsvc.errors import GraphsvcError
from graphsvc.ingest import Corpus, Skip, ingest_corpus
from graphsvc.records import Document, Extraction
from graphsvc.settings import Settings
from graphsvc.store import open_store

RUN_TIMEOUT = 90  # seconds; a healthy run takes a few (spawning workers dominates)
TESTS = Path(__file__).resolve().parent


class Killer(WordExtractor):
    """SIGKILLs its own process on a text holding ``DIE``; on ``FLAKY`` only the first time
    (a file in ``flags`` remembers), as a transient out-of-memory kill would."""

    def __init__(self, settings: Settings | None = None, log_dir: Path | None = None,
                 flags: Path | None = None) -> None:
        super().__init__(settings, log_dir)
        self.flags = flags

    def extract(self, doc: Document) -> Extraction:
        if "DIE" in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "FLAKY" in doc.text and self.flags is not None:
            flag = self.flags / doc.id
            if not flag.exists():
                flag.touch()
                os.kill(os.getpid(), signal.SIGKILL)
        return super().extract(doc)


def dies_loading(settings: Settings) -> WordExtractor:
    """A worker that cannot even load its extractor (a memory limit below the model's size)."""
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


def child(spec_json: str) -> None:
    """Runs in the child process: one ingest as ``spec`` says; prints the outcome as JSON."""
    spec = json.loads(spec_json)
    settings = Settings(data_dir=Path(spec["data"]))
    factory: Any = dies_loading if spec.get("dies_loading") else functools.partial(
        Killer, log_dir=Path(spec["log"]), flags=Path(spec["flags"]))
    skips: list[Skip] = []
    out: dict[str, Any] = {}
    store = open_store(settings)
    try:
        summary = ingest_corpus(Corpus([spec["input"]]), store, settings,
                                workers=spec["workers"], extractor_factory=factory,
                                on_skip=skips.append)
        out["summary"] = dataclasses.asdict(summary)
    except GraphsvcError as exc:
        out["error"] = {"code": exc.code, "detail": exc.detail}
    finally:
        store.close()
    out["skips"] = [skip.to_json() for skip in skips]
    print(json.dumps(out))


def run_child(run: Run, source: Path, workers: int = 2, **spec: Any) -> tuple[dict[str, Any], str]:
    """``child`` in a fresh interpreter under ``RUN_TIMEOUT``; its JSON and its stderr."""
    flags = run.log.parent / f"flags-{run.log.name}"
    flags.mkdir(exist_ok=True)
    spec = {"data": str(run.settings.data_dir), "log": str(run.log), "flags": str(flags),
            "input": str(source), "workers": workers, **spec}
    # The child imports what this process imported (its sys.path, not its working directory).
    code = (f"import sys; sys.path[:0] = {[str(TESTS), *sys.path]!r}; "
            "import test_ingest_worker_death as t; t.child(sys.argv[1])")
    done = subprocess.run([sys.executable, "-c", code, json.dumps(spec)], capture_output=True,
                          text=True, timeout=RUN_TIMEOUT, check=False, cwd=run.log.parent)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def test_a_document_that_kills_its_worker_is_skipped_and_the_rest_stored(
    tmp_path: Path,
) -> None:
    docs = rows(40)
    docs[21]["text"] = "Aldera met Borvia. DIE here."  # in the second batch of 16
    source = write_jsonl(tmp_path / "in.jsonl", docs)
    run = Run(tmp_path, "killed")
    out, stderr = run_child(run, source)

    assert "error" not in out
    summary = out["summary"]
    assert (summary["created"], summary["skipped"], summary["interrupted"]) == (39, 1, False)
    [skip] = out["skips"]
    assert (skip["id"], skip["line"], skip["code"]) == ("d021", 22, "E000")
    assert "worker process died while reading this document" in skip["reason"]
    # The death and the documents it put in doubt are reported as it happens.
    assert "extraction worker process died" in stderr and "d021" in stderr
    # Every other document is stored, in input order, as a run without the killer stores it.
    (tmp_path / "clean").mkdir()
    clean = Run(tmp_path / "clean", "clean")
    clean([write_jsonl(tmp_path / "clean.jsonl", docs[:21] + docs[22:])])
    assert store_state(run.settings) == store_state(clean.settings)
    assert "d021" not in extracted(run.log)


def test_a_document_whose_worker_died_once_is_stored_on_its_retry(tmp_path: Path) -> None:
    docs = rows(40)
    docs[3]["text"] = "Castel met Dunmoor. FLAKY memory today."
    source = write_jsonl(tmp_path / "in.jsonl", docs)
    run = Run(tmp_path, "flaky")
    out, _stderr = run_child(run, source)

    assert out["skips"] == []
    assert (out["summary"]["created"], out["summary"]["skipped"]) == (40, 0)
    (tmp_path / "clean").mkdir()
    clean = Run(tmp_path / "clean", "clean")
    clean([source])
    assert store_state(run.settings) == store_state(clean.settings)


def test_workers_that_always_die_fail_the_run_clearly(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", rows(20))
    run = Run(tmp_path, "doomed")
    out, _stderr = run_child(run, source, dies_loading=True)

    assert out["error"]["code"] == "E000"
    assert "extraction workers keep dying: 3 documents in a row" in out["error"]["detail"]
    assert "d000, d001, d002" in out["error"]["detail"]
    # The first two were skipped as they came; the third stopped the run before anything else.
    assert [skip["id"] for skip in out["skips"]] == ["d000", "d001"]
    assert store_state(run.settings)[0]["documents"] == 0


def test_a_batch_the_broken_pool_never_settled_is_not_waited_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Python 3.11's pool can leave a batch submitted just as a worker died pending forever;
    the wait notices the pool broke (it refuses new work) and gives the batch up for rescue."""
    monkeypatch.setattr(ingest, "_PROBE_AFTER", 0.0)
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    try:
        worker = pool.submit(os.getpid).result(timeout=RUN_TIMEOUT)
        os.kill(worker, signal.SIGKILL)
        with pytest.raises(BrokenProcessPool):
            pool.submit(int).result(timeout=RUN_TIMEOUT)
        orphan = object.__new__(ingest._Pending)  # as if submitted in the race: never settled
        orphan._pool, orphan._future, orphan._checked = pool, Future(), 0.0
        with pytest.raises(BrokenProcessPool):
            orphan.get(0.01)
    finally:
        pool.shutdown(wait=True)
