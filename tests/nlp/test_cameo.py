"""The compiled PETRARCH2 verb dictionary read against spaCy's parse (sentences written here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Token

from graphsvc import ontology
from graphsvc.nlp.cameo import (
    DENY_DEFAULT,
    LABEL_PREFERENCE,
    UNMAPPED_CODES,
    CameoMatch,
    VerbDictionary,
    label_for_code,
    load_verb_dictionary,
)
from graphsvc.nlp.pipeline import load_pipeline
from graphsvc.settings import Settings


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(Settings().spacy_model)


@pytest.fixture(scope="module")
def verbs() -> VerbDictionary:
    return load_verb_dictionary()


def _verb(nlp: Language, text: str, lemma: str) -> Token:
    return next(t for t in nlp(text) if t.lemma_.lower() == lemma and t.pos_ in ("VERB", "AUX"))


def _match(nlp: Language, verbs: VerbDictionary, text: str, lemma: str) -> CameoMatch | None:
    return verbs.match(_verb(nlp, text, lemma))


@pytest.mark.parametrize(
    ("text", "lemma", "code", "label"),
    [
        # object head (word) picks the pattern over the DEPORT block default 174
        ("Ruritania expelled three Freedonian diplomats on Monday.", "expel", "161", None),
        ("The council imposed sanctions on Freedonia last week.", "impose", "163", "sanctioned"),
        ("Borduria imposed a strict curfew in the northern town.", "impose", "1723", None),
        # braced modifier + head inside a prepositional phrase
        ("Freedonia asked for financial aid from the lenders.", "ask", "0231", "requested_aid"),
        # synset object (&WEAPON via "rocket"s) and a bare-word object
        ("Rebel units rushed rockets across the river.", "rush", "194", "shelled"),
        ("The foreign minister condemned the bombing of the market.", "condemn", "111", None),
        # particle verb: "kick out" is the DEPORT block; "envoy" has no pattern -> default
        ("The junta kicked out the Bordurian envoy.", "kick", "174", "deported"),
        # the passive: the nsubjpass is the object
        ("Four Syldavian diplomats were expelled by Borduria.", "expel", "161", None),
        # a verb with its own code ([173] in the APPREHEND 171 block) ignores the subject-only
        # pattern "&MILITARY * [192]"; a verb without one takes it
        ("Bordurian soldiers arrested twelve smugglers.", "arrest", "173", "arrested"),
        ("Bordurian soldiers seized the customs post.", "seize", "192", "occupied"),
        # irrelevant object: the block default
        ("Ruritania expelled the football team from the league.", "expel", "174", "deported"),
    ],
)
def test_match(
    nlp: Language, verbs: VerbDictionary, text: str, lemma: str, code: str, label: str | None
) -> None:
    m = _match(nlp, verbs, text, lemma)
    assert m is not None
    assert m.code == code
    if label is not None:
        assert label_for_code(m.code) == label


def test_match_reports_pattern_and_tokens(nlp: Language, verbs: VerbDictionary) -> None:
    m = _match(nlp, verbs, "Ruritania expelled two Freedonian diplomats.", "expel")
    assert m is not None and m.pattern == "* DIPLOMAT [161]"
    assert m.obj is not None and m.obj.text == "diplomats"
    m = _match(nlp, verbs, "Freedonia asked for financial aid.", "ask")
    assert m is not None and m.prep is not None and m.prep.text == "for"
    m = _match(nlp, verbs, "The junta kicked out the envoy.", "kick")
    assert m is not None and m.pattern is None and m.obj is None


def test_explicit_no_event_gives_none(nlp: Language, verbs: VerbDictionary) -> None:
    # DEPORT block: "- * RULER [---]" ("removed the ruler" is not a deportation)
    assert _match(nlp, verbs, "The generals ousted the ruler in a night.", "oust") is None
    # a block without a default code ([---]) and no matching pattern
    assert _match(nlp, verbs, "The ministry accelerated the paperwork.", "accelerate") is None


@pytest.mark.parametrize(
    ("text", "lemma"),
    [
        ("The spokesman said the talks went well.", "say"),
        ("The minister told reporters about the budget.", "tell"),
        ("Ruritania removed the tariff on Bordurian cheese.", "remove"),
        ("Freedonia issued new passports to farmers.", "issue"),
    ],
)
def test_denied_defaults_need_a_pattern(
    nlp: Language, verbs: VerbDictionary, text: str, lemma: str
) -> None:
    assert lemma in DENY_DEFAULT
    assert _match(nlp, verbs, text, lemma) is None


def test_denied_verb_still_codes_through_a_pattern(nlp: Language, verbs: VerbDictionary) -> None:
    m = _match(nlp, verbs, "Syldavia released the hostages on Friday.", "release")
    assert m is not None and m.pattern is not None
    assert label_for_code(m.code) in ontology.labels()


def test_deny_list_is_per_entry_not_per_head_word(nlp: Language, verbs: VerbDictionary) -> None:
    assert "take" in DENY_DEFAULT and "take over" not in DENY_DEFAULT
    m = _match(nlp, verbs, "The rebels took over the radio station.", "take")
    assert m is not None and m.code is not None


def test_multiword_verb_needs_a_particle_or_an_adjacent_word(
    nlp: Language, verbs: VerbDictionary
) -> None:
    far = _verb(nlp, "The generals gave the consul a week to depart in the spring.", "give")
    assert verbs.verb_key(far) == "give"
    near = _verb(nlp, "The junta finally gave in to the strikers.", "give")
    assert verbs.verb_key(near) == "give in"
    split = _verb(nlp, "The junta kicked the envoy out.", "kick")
    assert verbs.verb_key(split) == "kick out"


def test_unknown_verb_is_none(nlp: Language, verbs: VerbDictionary) -> None:
    assert _match(nlp, verbs, "The committee photographed the bridge.", "photograph") is None


def test_match_noun_object(verbs: VerbDictionary) -> None:
    m = verbs.match_noun_object("expel", "diplomat")
    assert m is not None and m.code == "161"
    m = verbs.match_noun_object("impose", "sanctions")
    assert m is not None and m.code == "163"
    assert verbs.match_noun_object("say", "anything") is None
    assert verbs.match_noun_object("nosuchverb", "diplomat") is None


def test_load_is_cached() -> None:
    assert load_verb_dictionary() is load_verb_dictionary()


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("161", "cut_diplomatic_ties"),
        ("1823", "killed"),
        ("1831", "carried_out_bombing"),  # 4 digits -> 3 digits
        ("0231", "requested_aid"),
        ("114", "criticized"),  # root 11 has no 110 label
        ("185", "assaulted"),
        ("063", "cooperated_economically"),
        ("204", "used_wmd"),
        ("051", "supported"),
        ("---", None),
        ("", None),
        (None, None),
    ],
)
def test_label_for_code(code: str | None, label: str | None) -> None:
    assert label_for_code(code) == label


def test_preferences_name_real_labels() -> None:
    labels = ontology.labels()
    assert set(LABEL_PREFERENCE.values()) <= labels


def test_every_dictionary_code_maps_or_is_documented(verbs: VerbDictionary) -> None:
    codes: set[str] = set()
    for block in verbs.blocks:
        codes.update(block.code.split(":"))
        for p in block.patterns:
            codes.update(c for c in (p.code, p.rev) if c)
    codes.update(c for _, own in verbs.verbs.values() if own for c in own.split(":"))
    codes.discard("")
    unmapped = {c for c in codes if label_for_code(c) is None}
    assert unmapped <= UNMAPPED_CODES, sorted(unmapped - UNMAPPED_CODES)


_MINI_DICT = """\
&GADGET
+WIDGET
+GIZMO_
+BUSY_BODY
&QUIET_
+HUSH
####### VERB PATTERNS #######
---  SHOO   [174]  ---
SHOO {SHOOED SHOOING}
+BOOT_OUT [1741]
WIRE_+TAP {WIRE_+TAPS}
- * &GADGET [0873]  # SHOO
- * {SHINY &GADGET} (FROM OFFICE) [160:043]  # SHOO
- * &UNDEFINED [190]
- &QUIET * [:190]
- * + [---]
"""


def test_build_script_compiles_a_small_dictionary(tmp_path: Path) -> None:
    source, out = tmp_path / "mini.txt", tmp_path / "out.json"
    source.write_text(_MINI_DICT, encoding="latin-1")
    script = Path(__file__).resolve().parents[2] / "scripts" / "build_cameo_dict"
    done = subprocess.run(
        [sys.executable, str(script), "--source", str(source), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text("utf-8"))
    assert data["synsets"]["&gadget"] == ["widget", "widgets", "gizmo", "busy body", "busy bodies"]
    assert data["synsets"]["&quiet"] == ["hush"]
    assert data["verbs"] == {
        "shoo": [0, None, 0],
        "boot out": [0, "1741", 0],
        "wire tap": [0, None, 1],
    }
    assert data["forms"] == {"shooed": "shoo", "shooing": "shoo"}
    assert data["_stats"] == {
        "patterns_read": 5,
        "kept": 3,
        "dropped_undefined_synset": 1,
        "dropped_no_words": 1,
    }
    block = data["blocks"][0]
    assert (block["name"], block["code"]) == ("SHOO", "174")
    second = block["patterns"][1]
    assert second["obj"] == {"head": "&gadget", "mods": ["shiny"]}
    assert second["preps"] == [{"prep": "from", "noun": {"head": "office"}}]
    assert (second["code"], second["rev"]) == ("160", "043")
    assert block["patterns"][2]["pre"] == [{"head": "&quiet"}]
