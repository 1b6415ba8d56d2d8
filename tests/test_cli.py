"""The graphsvc command. Most tests swap in a fake extractor; the real-model tests at the end
run the installed spaCy pipeline in a subprocess and are skipped when it is absent."""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import graphsvc.extract
import graphsvc.service
from graphsvc.cli import build_parser, main
from graphsvc.records import Document, Entity, Evidence, Extraction, Relation
from graphsvc.settings import Settings

RealGraphService = graphsvc.service.GraphService


class WordExtractor:
    """Every capitalised word is a PERSON; two of them in a sentence with "met" meet."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def extract(self, doc: Document) -> Extraction:
        words = [w.strip(".,") for w in doc.text.split() if w[:1].isupper()]
        entities = [Entity(id=f"E_{w}", name=w, type="PERSON") for w in dict.fromkeys(words)]
        relations = []
        if len(entities) >= 2 and " met " in doc.text:
            relations.append(
                Relation(
                    source=entities[0].id,
                    target=entities[1].id,
                    relation="met_with",
                    date=doc.date,
                    symmetric=True,
                    evidence=[
                        Evidence(
                            doc_id=doc.id,
                            sentence=doc.text,
                            start=0,
                            end=len(doc.text),
                            extractor_version="words-1",
                        )
                    ],
                )
            )
        return Extraction(id=doc.id, date=doc.date, entities=entities, relations=relations)

    def extract_many(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        return (self.extract(doc) for doc in docs)


@pytest.fixture
def fake_nlp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graphsvc.extract, "Extractor", WordExtractor)
    monkeypatch.setattr(
        graphsvc.service,
        "GraphService",
        lambda settings: RealGraphService(settings, extractor=WordExtractor()),
    )


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.usefixtures("fake_nlp")
def test_extract_jsonl_keeps_order_and_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {"id": "z", "text": "Olga met Pavel.", "date": "2021-05-06"},
        {"id": "a", "text": "Nobody here.", "date": None},
    ]
    feed = write(tmp_path / "in.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    assert main(["extract", "--jsonl", str(feed)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["z", "a"]
    assert all(set(line) == {"id", "date", "outlet", "dateline", "entities", "relations"}
               for line in lines)
    assert lines[0]["relations"][0]["relation"] == "met_with"
    assert lines[0]["date"] == "2021-05-06"


@pytest.mark.usefixtures("fake_nlp")
def test_extract_one_file_and_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    story = write(tmp_path / "story.txt", "date 2020-02-03\nIrma met Otto.")
    assert main(["extract", str(story)]) == 0
    one = json.loads(capsys.readouterr().out)
    assert (one["id"], one["date"]) == ("story", "2020-02-03")

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Irma met Otto.")))
    assert main(["extract", "-"]) == 0
    assert {e["name"] for e in json.loads(capsys.readouterr().out)["entities"]} == {"Irma", "Otto"}


@pytest.mark.usefixtures("fake_nlp")
def test_ingest_then_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    docs = tmp_path / "docs"
    docs.mkdir()
    write(docs / "one.txt", "date 2020-02-03\nIrma met Otto.")
    write(docs / "two.jsonl", '{"id": "t", "text": "Otto met Vera."}\n')
    assert main([*data, "ingest", str(docs)]) == 0
    out = capsys.readouterr().out
    assert "created\tone\t" in out and "created\tt\t" in out
    assert main(["ingest", str(docs / "one.txt"), *data]) == 0
    assert capsys.readouterr().out.startswith("unchanged\tone\t")
    for fmt, marker in [("graphml", "<graphml"), ("gexf", "<gexf"), ("json", "E_Vera")]:
        target = tmp_path / f"graph.{fmt}"
        assert main([*data, "export", "--format", fmt, "-o", str(target)]) == 0
        content = target.read_text(encoding="utf-8")
        assert marker in content and "E_Otto" in content


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract", "{tmp}/absent.txt"], "absent.txt: no such file"),
        (["extract", "--jsonl", "{tmp}/absent.jsonl"], "absent.jsonl: cannot read"),
        (["extract", "--jsonl", "{tmp}/bad.jsonl"], "bad.jsonl:2: invalid JSON"),
        (["extract", "{tmp}/bad.jsonl"], "bad.jsonl:2: invalid JSON"),
        (["extract", "{tmp}/two.jsonl"], "holds 2 documents; use --jsonl"),
        (["ingest", "{tmp}/empty"], "no documents found"),
    ],
)
@pytest.mark.usefixtures("fake_nlp")
def test_errors_exit_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    write(tmp_path / "bad.jsonl", '{"text": "Fine."}\n{"text": nope}\n')
    write(tmp_path / "two.jsonl", '{"text": "One."}\n{"text": "Two."}\n')
    (tmp_path / "empty").mkdir()
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(["--data-dir", str(tmp_path / "data"), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("graphsvc: error E001: ")
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "/d", "--spacy-model", "m", "serve", "--port", "9"],
        ["serve", "--data-dir", "/d", "--spacy-model", "m", "--port", "9"],
    ],
)
def test_global_flags_go_either_side(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert (args.data_dir, args.spacy_model, args.port) == (Path("/d"), "m", 9)
    assert not hasattr(build_parser().parse_args(["serve"]), "data_dir")


def test_schemas_command(tmp_path: Path) -> None:
    assert main(["schemas", "-o", str(tmp_path)]) == 0
    assert json.loads((tmp_path / "Relation.json").read_text())["title"] == "Relation"


# ---- real spaCy model -------------------------------------------------------------------------

real_model = pytest.mark.skipif(
    importlib.util.find_spec(Settings().spacy_model) is None,
    reason="the spaCy model named by GRAPHSVC_SPACY_MODEL is not installed",
)


@real_model
def test_real_extract_jsonl_subprocess(tmp_path: Path) -> None:
    rows = [
        {
            "id": "m1",
            "text": "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Tuesday.",
            "date": "2023-01-24",
        },
        {"id": "m2", "text": "It rained.", "date": None},
    ]
    feed = write(tmp_path / "in.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    done = subprocess.run(
        [sys.executable, "-m", "graphsvc.cli", "extract", "--jsonl", str(feed)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["m1", "m2"]
    names = " ".join(e["name"] for e in lines[0]["entities"])
    assert "Scholz" in names and "Macron" in names
    assert any(r["relation"] == "met_with" for r in lines[0]["relations"])
