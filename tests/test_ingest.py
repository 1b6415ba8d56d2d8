"""graphsvc.ingest and `graphsvc ingest`: streaming reads, skips with reasons, parallel workers,
resuming, interruption. A word-based extractor stands in for spaCy (it is importable by path,
so spawned workers load it too) and logs every document it reads to a directory, one file per
process: that log proves what was, and was not, extracted."""

from __future__ import annotations

import functools
import io
import json
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

import graphsvc.extract
from graphsvc.cli import _Progress, _stop_on_signals, main
from graphsvc.errors import GraphsvcError, ModelMissing
from graphsvc.ingest import CHUNK_SIZE, Corpus, IngestSummary, Skip, ingest_corpus
from graphsvc.records import Document, Entity, Evidence, Extraction, Relation
from graphsvc.settings import Settings
from graphsvc.store import open_store
from graphsvc.store.base import IngestResult

NAMES = ("Aldera", "Borvia", "Castel", "Dunmoor", "Elsin", "Farrow", "Gildan", "Harth")


class WordExtractor:
    """Capitalised words are PERSONs; the first two "met" when the text says so. Text holding
    BOOM makes it raise, as a buggy extractor would."""

    def __init__(self, settings: Settings | None = None, log_dir: Path | None = None) -> None:
        self.log = None if log_dir is None else log_dir / f"{os.getpid()}.log"

    def extract(self, doc: Document) -> Extraction:
        if "BOOM" in doc.text:
            raise RuntimeError("cannot read this one")
        if self.log is not None:
            with self.log.open("a", encoding="utf-8") as out:
                out.write(doc.id + "\n")
        words = [w.strip(".,") for w in doc.text.split() if w[:1].isupper()]
        entities = [Entity(id=f"E_{w}", name=w, type="PERSON") for w in dict.fromkeys(words)]
        relations = []
        if len(entities) >= 2 and " met " in doc.text:
            evidence = Evidence(doc_id=doc.id, sentence=doc.text, start=0, end=len(doc.text),
                                extractor_version="words-1")
            relations.append(Relation(source=entities[0].id, target=entities[1].id,
                                      relation="met_with", date=doc.date, symmetric=True,
                                      evidence=[evidence]))
        return Extraction(id=doc.id, date=doc.date, entities=entities, relations=relations)

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        return (self.extract(doc) for doc in docs)


def no_model(settings: Settings) -> WordExtractor:
    raise ModelMissing("spaCy model 'nothing' is not installed; set GRAPHSVC_SPACY_MODEL")


def extracted(log_dir: Path) -> list[str]:
    """Ids the extractor read, across every process that ran it."""
    return [line for log in sorted(log_dir.glob("*.log"))
            for line in log.read_text(encoding="utf-8").splitlines()]


def rows(count: int, start: int = 0) -> list[dict[str, Any]]:
    out = []
    for i in range(start, start + count):
        a, b = NAMES[i % len(NAMES)], NAMES[(i * 3 + 1) % len(NAMES)]
        out.append({"id": f"d{i:03d}", "date": f"2024-03-{i % 28 + 1:02d}",
                    "text": f"{a} met {b} in the capital. Talks number {i} went on."})
    return out


def write_jsonl(path: Path, items: Iterable[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in items), encoding="utf-8")
    return path


class Run:
    """One ingest into the store under ``data`` with the word extractor logging to ``log``."""

    def __init__(self, tmp_path: Path, name: str = "run", **settings: Any) -> None:
        self.settings = Settings(data_dir=tmp_path / "data", **settings)
        self.log = tmp_path / f"log-{name}"
        self.log.mkdir()
        self.results: list[IngestResult] = []
        self.skips: list[Skip] = []

    def __call__(self, paths: list[Path], *, workers: int = 1, strict: bool = False,
                 stop_after: int | None = None, factory: Any = None) -> IngestSummary:
        stop = threading.Event()

        def on_result(result: IngestResult) -> None:
            self.results.append(result)
            if stop_after is not None and len(self.results) >= stop_after:
                stop.set()

        store = open_store(self.settings)
        try:
            return ingest_corpus(
                Corpus([str(p) for p in paths], max_text_chars=self.settings.max_text_chars),
                store, self.settings, workers=workers, strict=strict,
                extractor_factory=factory or functools.partial(WordExtractor, log_dir=self.log),
                on_result=on_result, on_skip=self.skips.append, stop=stop)
        finally:
            store.close()


def store_state(settings: Settings) -> tuple[dict[str, int], set[str], list[str]]:
    """Counts, relation keys and document ids (in ingest order) of the store."""
    store = open_store(settings)
    try:
        ids = [d.id for d in store.list_documents(limit=10_000)]
        return store.counts(), {r.key for r in store.iter_relations()}, ids
    finally:
        store.close()


GOOD = [{"id": "g1", "text": "Aldera met Borvia on Monday."},
        {"id": "g2", "text": "Castel met Dunmoor again."}]
LONG = "Elsin " * 40


@pytest.mark.parametrize(
    ("name", "content", "code", "reason", "doc_id", "line"),
    [
        ("bad.jsonl", b'{"id": "x", "text": nope}\n', "E001", "bad.jsonl:1: invalid JSON",
         None, 1),
        ("list.jsonl", b"\n[1, 2]\n", "E001", "list.jsonl:2: expected a JSON object",
         None, 2),
        ("blank.jsonl", b'{"id": "x", "text": "   "}\n', "E001", 'missing or empty "text"',
         "x", 1),
        ("latin1.jsonl", b'{"id": "x", "text": "caf\xe9"}\n', "E001",
         "latin1.jsonl:1: not UTF-8 text (bad byte at column 25)", None, 1),
        ("surrogate.jsonl", b'{"id": "x", "text": "bad \\ud800 here"}\n', "E001",
         "text is not valid Unicode", "x", 1),
        ("long.jsonl", json.dumps({"id": "x", "text": LONG}).encode(), "E003",
         "has 240 characters; the limit is 100", "x", 1),
        ("date.jsonl", b'{"id": "x", "text": "Fine.", "date": "yesterday"}\n', "E001",
         "date.jsonl:1: date: ", "x", 1),
        ("dup.jsonl", b'{"id": "g1", "text": "Another text."}\n', "E005",
         "id 'g1' was already read in this run", "g1", 1),
        ("boom.jsonl", b'{"id": "x", "text": "BOOM went Harth."}\n', "E000",
         "extraction failed: RuntimeError: cannot read this one", "x", 1),
        ("empty.txt", b"  \n\n", "E001", "empty.txt: no text", "empty", None),
        ("latin1.txt", b"caf\xe9", "E001", "latin1.txt: not UTF-8 text", "latin1", None),
        ("huge.txt", b"x" * (6 * 100 + 65537), "E003", "the limit is 100 characters", "huge",
         None),
        ("toolong.txt", LONG.encode(), "E003", "the limit is 100", "toolong", None),
    ],
)
def test_a_bad_input_is_skipped_with_its_reason_and_the_rest_is_stored(
    tmp_path: Path, name: str, content: bytes, code: str, reason: str, doc_id: str | None,
    line: int | None,
) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", GOOD)
    bad = tmp_path / name
    bad.write_bytes(content)
    tail = write_jsonl(tmp_path / "tail.jsonl", [{"id": "t1", "text": "Elsin met Farrow."}])
    run = Run(tmp_path, max_text_chars=100)
    summary = run([good, bad, tail])
    assert (summary.created, summary.skipped, summary.interrupted) == (3, 1, False)
    [skip] = run.skips
    assert (skip.source, skip.line, skip.id, skip.code) == (str(bad), line, doc_id, code)
    assert reason in skip.reason
    assert [r.doc_id for r in run.results] == ["g1", "g2", "t1"]
    _counts, _keys, ids = store_state(run.settings)
    assert sorted(ids) == ["g1", "g2", "t1"]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("bad.jsonl", b'{"text": nope}\n', "E001"),
        ("surrogate.jsonl", b'{"id": "x", "text": "bad \\ud800 here"}\n', "E001"),
        ("long.jsonl", json.dumps({"id": "x", "text": LONG}).encode(), "E003"),
        ("dup.jsonl", b'{"id": "g1", "text": "Another text."}\n', "E005"),
        ("empty.txt", b"\n", "E001"),
    ],
)
def test_strict_refuses_before_writing_or_extracting_anything(
    tmp_path: Path, name: str, content: bytes, code: str
) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", GOOD)
    (tmp_path / name).write_bytes(content)
    run = Run(tmp_path, max_text_chars=100)
    with pytest.raises(GraphsvcError) as caught:
        run([good, tmp_path / name], strict=True)
    assert caught.value.code == code
    assert store_state(run.settings)[0]["documents"] == 0
    assert extracted(run.log) == []


def corpus(tmp_path: Path) -> Path:
    """40 documents in two files and a subdirectory; d007's text comes back as "copy" (same
    date: a syndicated copy, read once) and as "redated" (another date: read again)."""
    base = rows(40)
    (tmp_path / "in" / "more").mkdir(parents=True)
    write_jsonl(tmp_path / "in" / "a.jsonl", base[:25])
    copy = {**base[7], "id": "copy"}
    redated = {**base[7], "id": "redated", "date": "2020-01-01"}
    write_jsonl(tmp_path / "in" / "more" / "b.jsonl", [*base[25:], copy, redated])
    return tmp_path / "in"


def test_two_workers_store_what_one_does_in_input_order(tmp_path: Path) -> None:
    source = corpus(tmp_path)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one, two = Run(tmp_path / "one"), Run(tmp_path / "two")
    first = one([source], workers=1)
    second = two([source], workers=2)
    assert (first.created, first.skipped) == (second.created, second.skipped) == (42, 0)
    assert [r.doc_id for r in one.results] == [r.doc_id for r in two.results]
    assert [r.doc_id for r in two.results][:3] == ["d000", "d001", "d002"]
    assert store_state(one.settings) == store_state(two.settings)
    # The copy took d007's reading; the redated one was read again (dates resolve differently).
    for run, summary in ((one, first), (two, second)):
        assert summary.reused == 1 and summary.extracted == 41
        want = [*(f"d{i:03d}" for i in range(40)), "redated"]
        assert sorted(extracted(run.log)) == want


def test_a_rerun_is_all_unchanged_and_extracts_nothing(tmp_path: Path) -> None:
    source = corpus(tmp_path)
    first = Run(tmp_path, "first")
    assert first([source], workers=2).created == 42
    before = store_state(first.settings)
    again = Run(tmp_path, "again")
    summary = again([source], workers=2)
    assert (summary.unchanged, summary.created, summary.extracted) == (42, 0, 0)
    assert {r.status for r in again.results} == {"unchanged"}
    assert extracted(again.log) == [] and len(extracted(first.log)) == 41
    assert store_state(again.settings) == before


def test_an_interrupted_run_resumes_without_duplicates(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "big.jsonl", rows(150))
    (tmp_path / "clean").mkdir()
    clean = Run(tmp_path / "clean", "clean")
    clean([source], workers=1)

    cut = Run(tmp_path, "cut")
    summary = cut([source], workers=2, stop_after=5)
    # Stopped while later batches were still in flight: what was read is written, no more.
    assert summary.interrupted and 5 <= summary.created < 150
    _counts, _keys, ids = store_state(cut.settings)
    assert ids == [f"d{i:03d}" for i in range(summary.created)]  # a prefix of whole documents

    resumed = Run(tmp_path, "resumed")
    again = resumed([source], workers=2)
    assert not again.interrupted
    assert (again.unchanged, again.created) == (summary.created, 150 - summary.created)
    assert set(extracted(resumed.log)) == {f"d{i:03d}" for i in range(summary.created, 150)}
    assert store_state(resumed.settings) == store_state(clean.settings)


def test_a_copy_of_a_stored_text_reuses_its_reading(tmp_path: Path) -> None:
    text = {"text": "Gildan met Harth at dawn.", "date": "2023-05-06"}
    run = Run(tmp_path, "first")
    run([write_jsonl(tmp_path / "one.jsonl", [{"id": "wire", **text}])])
    later = Run(tmp_path, "later")
    summary = later([write_jsonl(tmp_path / "two.jsonl", [{"id": "reprint", **text}])])
    assert (summary.created, summary.reused, summary.extracted) == (1, 1, 0)
    store = open_store(later.settings)
    try:
        extraction = store.document_extraction("reprint")
    finally:
        store.close()
    assert extraction is not None
    assert [ev.doc_id for rel in extraction.relations for ev in rel.evidence] == ["reprint"]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_missing_model_stops_the_run(tmp_path: Path, workers: int) -> None:
    run = Run(tmp_path)
    with pytest.raises(ModelMissing):
        run([write_jsonl(tmp_path / "in.jsonl", rows(3))], workers=workers, factory=no_model)
    assert store_state(run.settings)[0]["documents"] == 0


def test_stdin_jsonl_and_stdin_text(tmp_path: Path) -> None:
    lines = "".join(json.dumps(r) + "\n" for r in rows(3)).encode()
    items = list(Corpus(["-"], io.BytesIO(lines), stdin_jsonl=True))
    assert [i.doc.id for i in items if i.doc] == ["d000", "d001", "d002"]
    [item] = list(Corpus(["-"], io.BytesIO(b"date 2021-01-02\nElsin met Farrow.")))
    assert item.doc is not None and item.doc.id.startswith("stdin-")
    assert item.doc.date == "2021-01-02"


def test_count_is_the_number_of_documents(tmp_path: Path) -> None:
    source = corpus(tmp_path)
    (source / "note.txt").write_text("Aldera met Borvia.", encoding="utf-8")
    (source / ".hidden.txt").write_text("Left out.", encoding="utf-8")
    (source / "more" / "a.jsonl").open("a", encoding="utf-8").close()
    assert Corpus([str(source)]).count() == 43
    assert len(list(Corpus([str(source)]))) == 43
    assert Corpus([str(source), "-"]).count() is None


# ---- the command -----------------------------------------------------------------------------


@pytest.fixture
def fake_nlp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graphsvc.extract, "Extractor", WordExtractor)


@pytest.mark.usefixtures("fake_nlp")
def test_cli_writes_the_skip_report_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"id": "g1", "text": "Aldera met Borvia."}\n{"text": nope}\n'
                     b'{"id": "g1", "text": "Again."}\n')
    report = tmp_path / "skipped.jsonl"
    argv = ["--data-dir", str(tmp_path / "data"), "ingest", str(feed), "--workers", "1",
            "--skipped", str(report)]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == "created\tg1\t2 entities\t1 relations"
    assert out.splitlines()[1].startswith("skipped\t-\tE001\t")
    assert [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()] == [
        {"source": str(feed), "line": 2, "id": None, "code": "E001",
         "reason": f"{feed}:2: invalid JSON (Expecting value)"},
        {"source": str(feed), "line": 3, "id": "g1", "code": "E005",
         "reason": f"{feed}:3: id 'g1' was already read in this run; the first one is kept"},
    ]
    assert "1 created, 0 replaced, 0 unchanged, 2 skipped" in err
    assert f"listed in {report}" in err

    assert main([*argv[:-2], "--strict"]) == 2
    assert capsys.readouterr().err.startswith("graphsvc: error E001: ")


class TermOnThird(WordExtractor):
    """Sends this process SIGTERM while reading the third document (in-process worker)."""

    def extract(self, doc: Document) -> Extraction:
        if doc.id == "d002":
            os.kill(os.getpid(), signal.SIGTERM)
        return super().extract(doc)


def test_cli_sigterm_ends_with_the_summary_and_130(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graphsvc.extract, "Extractor", TermOnThird)
    feed = write_jsonl(tmp_path / "feed.jsonl", rows(40))
    argv = ["--data-dir", str(tmp_path / "data"), "ingest", str(feed), "--workers", "1"]
    assert main(argv) == 130
    out, err = capsys.readouterr()
    # The signal came while the first batch was read: that batch is finished and written.
    assert out.count("created\t") == CHUNK_SIZE
    assert "interrupted: run the same command again to resume" in err
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL

    monkeypatch.setattr(graphsvc.extract, "Extractor", WordExtractor)
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert (out.count("unchanged\t"), out.count("created\t")) == (CHUNK_SIZE, 40 - CHUNK_SIZE)


def test_signals_set_the_stop_flag() -> None:
    stop = threading.Event()
    with _stop_on_signals(stop):
        os.kill(os.getpid(), signal.SIGINT)
        assert stop.is_set()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("tty", "total", "last"),
    [
        (False, 100, "ingest 11/100 (11%)  2.2 docs/s  ETA 0:40  skipped 1\n"),
        (True, 100, "\ringest 11/100 (11%)  2.2 docs/s  ETA 0:40  skipped 1\x1b[K\n"),
        (False, None, "ingest 11  2.2 docs/s  skipped 1\n"),
    ],
)
def test_progress_line(tty: bool, total: int | None, last: str) -> None:
    stream = io.StringIO()
    clock = Clock()
    progress = _Progress(stream, total, tty=tty, clock=clock)
    for n in range(10):  # 10 documents in 4 s: a terminal is redrawn, a log gets nothing yet
        clock.now += 0.4
        progress.advance(skipped=n == 0)
    assert (stream.getvalue() == "") is not tty
    clock.now = 105.0
    progress.advance(skipped=False)
    progress.close()
    written = stream.getvalue()
    assert written.endswith(last)
    if not tty:
        assert written == last  # one line after LOG_EVERY seconds, no redraw characters
