"""Smoke tests of the measurement scripts in scripts/: they start, parse their options, run on a
tiny corpus of our own and fail clearly when ../shared is absent. Each runs as a subprocess with
the interpreter running the tests (the project venv). All together take well under a minute;
the slowest are the bench runs, which load the spaCy model twice."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
TIMEOUT = 60

_SENTENCES = (
    "Brazil and Argentina signed a trade agreement in Buenos Aires on Tuesday.",
    "The president of France met the German chancellor in Berlin last week.",
    "Indian troops held military exercises near the border with Pakistan.",
    "Canada imposed sanctions on Iran over its nuclear programme.",
    "Officials in Kenya said police arrested three opposition leaders in Nairobi.",
)


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPTS / script), *args],
                          capture_output=True, text=True, timeout=TIMEOUT)


def _last_json(out: str) -> dict:
    return json.loads([line for line in out.splitlines() if line.startswith("{")][-1])


@pytest.mark.parametrize("script", ["actor_coverage", "bench_extract", "bench_load",
                                    "bench_resolve", "bench_scale", "score", "synth_corpus"])
def test_help_exits_zero(script: str) -> None:
    done = _run(script, "--help")
    assert done.returncode == 0, done.stderr
    assert ".venv/bin/python scripts/" + script in done.stdout


@pytest.mark.parametrize(("script", "ratio_keys"), [
    ("bench_extract", ("ratio",)),
    ("bench_resolve", ("resolve_over_parse", "full_over_parse")),
])
def test_bench_runs_on_a_tiny_corpus(tmp_path: Path, script: str,
                                     ratio_keys: tuple[str, ...]) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(" ".join(_SENTENCES), encoding="utf-8")
    done = _run(script, "--corpus", str(corpus), "--words", "300", "--rounds", "1", "--json")
    assert done.returncode == 0, done.stderr
    summary = _last_json(done.stdout)
    assert summary["words"] >= 300
    for key in ratio_keys:
        assert summary[key] > 0


@pytest.mark.parametrize(("script", "args"), [
    ("actor_coverage", ("--cases", "/nonexistent/plover-gsr/cases.jsonl")),
    ("score", ("--shared", "/nonexistent/shared")),
])
def test_missing_shared_exits_two(script: str, args: tuple[str, ...]) -> None:
    done = _run(script, *args)
    assert done.returncode == 2
    assert "not found" in done.stderr


def test_actor_coverage_counts_countries(tmp_path: Path) -> None:
    # JAP is a pre-ISO code the gold files still use; "Ruritania" is no country at all.
    case = {
        "id": "t1", "date": "2001-03-04",
        "text": "Japan and France signed a fisheries accord with Ruritania on Monday.",
        "source_entities": [{"text": "Japan", "code": "JAP", "sector": None},
                            {"text": "France", "code": "FRA", "sector": None}],
        "target_entities": [{"text": "Ruritania", "code": "XRU", "sector": None}],
    }
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps(case) + "\n", encoding="utf-8")
    done = _run("actor_coverage", "--cases", str(cases), "--json")
    assert done.returncode == 0, done.stderr
    summary = _last_json(done.stdout)
    assert (summary["actors"], summary["covered"]) == (3, 2)
    assert summary["by_kind"]["country"]["actors"] == 3


def test_bench_scale_quick_runs_on_sqlite() -> None:
    done = _run("bench_scale", "--quick", "--backends", "sqlite", "--json")
    assert done.returncode == 0, done.stderr
    summary = _last_json(done.stdout)
    assert [level["size"] for level in summary["levels"]] == [1000, 3000]
    for level in summary["levels"]:
        sqlite = level["sqlite"]
        # Synthetic keys may coincide and merge, so a few edges fewer than written at most.
        assert 0.98 * level["size"] <= sqlite["edges"] <= level["size"]
        assert sqlite["startup_seconds"] > 0 and sqlite["deep_bytes_per_edge"] > 100
        assert sqlite["refresh_documents"] == 10
        assert sqlite["graphml_mb"] > 0
        assert sqlite["neighbourhood_hubs_ms"]["p99"] >= sqlite["neighbourhood_hubs_ms"]["p50"]
        assert "postgresql" not in level


@pytest.mark.parametrize(("kind", "args"), [
    ("texts", ("--docs", "4")),
    ("extractions", ("--edges", "45", "--per-doc", "20")),
])
def test_synth_corpus_is_deterministic_and_consistent(kind: str, args: tuple[str, ...]) -> None:
    first, second = _run("synth_corpus", kind, *args), _run("synth_corpus", kind, *args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    lines = [json.loads(line) for line in first.stdout.splitlines()]
    if kind == "texts":
        assert len(lines) == 4 and all(line["text"] and line["date"] for line in lines)
        return
    assert len(lines) == 3  # 20 + 20 + 5 relations
    for line in lines:
        text = line["document"]["text"]
        extraction = line["extraction"]
        known = {entity["id"] for entity in extraction["entities"]}
        for relation in extraction["relations"]:
            assert {relation["source"], relation["target"]} <= known
            for evidence in relation["evidence"]:
                assert text[evidence["start"]:evidence["end"]] == evidence["sentence"]
        for mention in extraction["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]


@pytest.mark.slow
def test_bench_load_runs_briefly(tmp_path: Path) -> None:
    # A real server with its extraction workers and the real model: slow, so a smoke run only.
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": s}) + "\n" for s in _SENTENCES),
                      encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SCRIPTS / "bench_load"), "--clients", "3", "--seconds", "3",
         "--preload", "3", "--corpus", str(corpus), "--env", "GRAPHSVC_EXTRACT_PROCESSES=1",
         "--json"],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    summary = _last_json(done.stdout)
    assert summary["unfinished"] == 0
    assert summary["get"]["requests"] > 0 and not summary["get"]["errors"]
    assert not summary["post"]["errors"] and not summary["health"]["errors"]
