"""The word tables the resolver reads from the gazetteer (data/titles.yaml, data/sectors.yaml)
hold what resolution needs, and gazetteer.json carries them as the YAML says."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from graphsvc.gazetteer import DATA_FILE, Gazetteer, load_gazetteer
from graphsvc.nlp.resolve import vocab

DATA = DATA_FILE.parent


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def built() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as fh:
        doc: dict[str, Any] = json.load(fh)
    return doc


def _yaml(name: str) -> Any:
    with (DATA / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def test_built_tables_match_the_yaml(built: dict[str, Any]) -> None:
    # scripts/build_gazetteer (also with --keep-base) copies them; a stale build fails here.
    assert built["titles"] == _yaml("titles.yaml")
    assert built["sectors"] == _yaml("sectors.yaml")


def test_every_sector_code_is_a_known_sector(gaz: Gazetteer, built: dict[str, Any]) -> None:
    known = gaz.sector_codes()
    used = {
        "title words": set(gaz.title_words().sectors.values()),
        "agent nouns": set(built["agents"].values()),
        "organs": set(gaz.organ_sectors()),
        "resolver rules": vocab.STATE_SECTORS | vocab.MARKED_SECTORS | vocab.FOREIGN_PRONE,
        "resolver literals": {"GOV", "ELI", "CVL", "MED", "REB", "OPP"},
    }
    for table, codes in used.items():
        assert codes <= known, (table, sorted(codes - known))
    for code in known:
        name = gaz.sector_name(code)
        assert name and name == name.lower(), code
    assert gaz.sector_name("MIL") == "military" and gaz.sector_name("XXX") is None


def test_state_organs_are_the_states_own_sectors(gaz: Gazetteer) -> None:
    assert gaz.organ_sectors() == {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
    assert gaz.organ_sectors() >= vocab.STATE_SECTORS


def test_title_words_are_lowercase_and_unique(gaz: Gazetteer) -> None:
    titles = _yaml("titles.yaml")
    words = [w for ws in titles["sectors"].values() for w in ws]
    assert len(words) == len(set(words)), "a title word listed under two sectors"
    for word in [*words, *titles["heads"], *titles["former"]]:
        assert word == word.lower() and not word.endswith("."), word
    assert not gaz.title_words().former & set(words)


def test_head_offices_name_offices_the_gazetteer_knows(gaz: Gazetteer,
                                                       built: dict[str, Any]) -> None:
    heads = gaz.title_words().heads
    for head, office in heads.items():
        assert office in built["offices"], (head, office)
        # A head office is read as a leader only when it is a title word too.
        assert head in gaz.title_words().sectors, head
    assert gaz.office_holder("Q30", heads["president"], "2010-06-01") is not None
    assert heads["premier"] == heads["minister"] == "prime minister"


def test_title_words_drive_resolution(gaz: Gazetteer) -> None:
    words = gaz.title_words()
    assert words.sectors["gen"] == "MIL" and words.sectors["archbishop"] == "REL"
    assert words.sectors["senator"] == "LEG" and words.sectors["judge"] == "JUD"
    assert {"former", "ex", "ousted", "late"} <= words.former
