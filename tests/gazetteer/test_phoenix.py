"""Entries derived from the Phoenix dictionaries (data/phoenix.yaml, MIT (c) Open Event Data).

The sentences are written for these tests; nothing here reads the dictionaries themselves.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
import yaml
from spacy.language import Language

from graphsvc.gazetteer import DATA_FILE, Gazetteer, load_gazetteer
from graphsvc.gazetteer.normalise import acronym_key, fold_key, is_acronym
from graphsvc.nlp.pipeline import load_pipeline
from graphsvc.nlp.resolve import resolve_actors
from graphsvc.settings import Settings

DATA = DATA_FILE.parent


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def nlp() -> Language:
    settings = Settings()
    return load_pipeline(settings.spacy_model, settings.territory_policy)


@pytest.fixture(scope="module")
def doc() -> dict[str, object]:
    with DATA_FILE.open(encoding="utf-8") as fh:
        loaded: dict[str, object] = json.load(fh)
    return loaded


def _mention(nlp: Language, gaz: Gazetteer, text: str, words: str) -> tuple[str, str | None,
                                                                               str | None, str]:
    """(entity name, country, mention sector or entity sector, kind) of the mention over words."""
    parsed = nlp(text)
    res = resolve_actors(parsed, gaz, "2024-03-01")
    at = text.index(words)
    span = parsed.char_span(at, at + len(words), alignment_mode="expand")
    assert span is not None
    hits = [m for m in res.mentions if m.start < span.end and span.start < m.end]
    assert hits, f"no mention over {words!r}"
    entity = res.entity(hits[0].entity_id)
    return entity.name, entity.country, hits[0].sector or entity.sector, hits[0].kind


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        # an armed non-state group (MilNonState)
        ("The Kuki Revolutionary Army ambushed a supply convoy in the hills on Tuesday.",
         "Kuki Revolutionary Army", ("Kuki Revolutionary Army", "IND", "REB", "named")),
        # an IGO (International)
        ("Delegates of the Nuclear Suppliers Group met in Vienna to discuss export rules.",
         "Nuclear Suppliers Group", ("Nuclear Suppliers Group", "IGO", "BUS", "named")),
        # state agencies (Countries): metonyms for their state, keeping the organ's sector
        ("The Royal Air Force flew three sorties over the estuary.", "Royal Air Force",
         ("United Kingdom", "GBR", "MIL", "metonym")),
        ("The National Accountability Bureau questioned two provincial officials on Friday.",
         "National Accountability Bureau", ("Pakistan", "PAK", "GOV", "metonym")),
    ],
)
def test_named_actors_resolve(nlp: Language, gaz: Gazetteer, text: str, words: str,
                              expected: tuple[str, str, str, str]) -> None:
    assert _mention(nlp, gaz, text, words) == expected


@pytest.mark.parametrize(
    ("text", "words", "country", "sector"),
    [
        ("Ecuadorian surgeons protested outside the hospital in Quito.", "Ecuadorian surgeons",
         "ECU", "HLH"),
        ("Peruvian sharecroppers blocked the highway to demand land titles.",
         "Peruvian sharecroppers", "PER", "AGR"),
    ],
)
def test_agent_nouns_resolve(nlp: Language, gaz: Gazetteer, text: str, words: str,
                             country: str, sector: str) -> None:
    _name, got_country, got_sector, kind = _mention(nlp, gaz, text, words)
    assert (got_country, got_sector, kind) == (country, sector, "nominal")


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [("surgeon", "HLH"), ("state troopers", "COP"), ("sharecroppers", "AGR"),
     ("coup plotters", "REB")],
)
def test_phoenix_agent_sectors(gaz: Gazetteer, phrase: str, sector: str) -> None:
    assert gaz.agent_sector(phrase) == sector


def test_curated_agents_win(gaz: Gazetteer) -> None:
    with (DATA / "agents.yaml").open(encoding="utf-8") as fh:
        curated = yaml.safe_load(fh)
    for sector, phrases in curated.items():
        for phrase in phrases:
            assert gaz.agent_sector(phrase) == sector, phrase


@pytest.mark.parametrize(
    ("surface", "entity_id"),
    [("Hamas", "group:hamas"), ("IRGC", "org:irgc"), ("Shin Bet", "org:shin-bet"),
     ("UNESCO", "igo:unesco"), ("Amnesty International", "ngo:amnesty")],
)
def test_curated_entries_win(gaz: Gazetteer, surface: str, entity_id: str) -> None:
    entry = gaz.lookup(surface)
    assert entry is not None and entry.id == entity_id


def test_phoenix_entries_are_marked_and_never_clash(doc: dict[str, object]) -> None:
    entries = doc["entries"]
    assert isinstance(entries, list)
    phoenix = [e for e in entries if e.get("source") == "phoenix"]
    assert len(phoenix) > 500
    assert {e["type"] for e in phoenix} <= {"GROUP", "IGO", "ORG"}  # never people
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for alias in [entry["name"], *entry["aliases"]]:
            key = ("A:" + acronym_key(alias)) if is_acronym(alias) else ("F:" + fold_key(alias))
            owners[key].add(entry["id"])
    for entry in phoenix:
        assert not entry.get("ambiguous")
        for alias in [entry["name"], *entry["aliases"]]:
            key = ("A:" + acronym_key(alias)) if is_acronym(alias) else ("F:" + fold_key(alias))
            assert owners[key] == {entry["id"]}, (alias, owners[key])
            if not is_acronym(alias):
                assert len(fold_key(alias).split()) >= 2, alias  # no single everyday words
        if entry["type"] == "ORG":
            assert entry["metonym_for"] is not None


def test_licence_travels_with_the_table() -> None:
    header = (DATA / "phoenix.yaml").read_text(encoding="utf-8").split("\ngroups:", 1)[0]
    assert "Copyright (c) 2014 Open Event Data" in header
    assert "PHOENIX-LICENSE.txt" in header
    licence = (DATA / "PHOENIX-LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Open Event Data" in licence
