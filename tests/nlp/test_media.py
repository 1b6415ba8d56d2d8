"""The media component: datelines, wire credits and outlets are sources, never actors.

Every text here is invented for these tests.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc

from graphsvc.extract import Extractor
from graphsvc.nlp import media
from graphsvc.nlp.media import DATA_FILE, MEDIA_COMPONENT, MEDIA_LABEL, load_outlets
from graphsvc.nlp.pipeline import GAZETTEER_COMPONENT
from graphsvc.records import Document
from graphsvc.settings import Settings


@pytest.fixture(scope="module")
def nlp() -> Language:
    # A pipeline of our own: load_pipeline is cached and shared with the other tests.
    pipeline = spacy.load(Settings().spacy_model, exclude=["senter"])
    pipeline.add_pipe(GAZETTEER_COMPONENT, after="ner")
    pipeline.add_pipe(MEDIA_COMPONENT, after=GAZETTEER_COMPONENT)
    return pipeline


def _actors(nlp: Language, text: str) -> list[str]:
    return [e.text for e in nlp(text).ents
            if e.label_ not in {MEDIA_LABEL, "DATE", "TIME", "CARDINAL", "ORDINAL"}]


def test_outlet_table_loads_without_duplicate_forms() -> None:
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    forms = Counter(form for item in raw for form in [item["name"], *(item.get("aliases") or [])])
    assert not [form for form, n in forms.items() if n > 1]
    outlets = load_outlets()
    assert len(outlets) >= 150
    names = {o.name for o in outlets}
    assert {"Reuters", "Associated Press", "Xinhua", "TASS", "Al Jazeera", "BBC"} <= names


def test_outlet_table_rejects_a_repeated_form(tmp_path: Path) -> None:
    bad = tmp_path / "outlets.yaml"
    bad.write_text("- {name: Foo Wire, kind: wire, country: USA, aliases: [FW]}\n"
                   "- {name: Bar Post, kind: newspaper, country: USA, aliases: [FW]}\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="FW"):
        load_outlets(bad)


@pytest.mark.parametrize(
    ("text", "dateline", "place", "outlets", "kept", "gone"),
    [
        ("OSLO (Reuters) - Norway recalled its envoy to Chile on Friday.",
         "OSLO (Reuters) -", "OSLO", ["Reuters"], ["Norway", "Chile"], ["OSLO"]),
        ("NAIROBI, Kenya (AP) — Police in Uganda arrested three journalists.",
         "NAIROBI, Kenya (AP) —", "NAIROBI, Kenya", ["Associated Press"], ["Uganda"],
         ["NAIROBI", "Kenya"]),
        ("LIMA - Peru closed its border with Bolivia.",
         "LIMA -", "LIMA", [], ["Peru", "Bolivia"], ["LIMA"]),
        ("(CNN) -- France sent troops to Mali on Tuesday.",
         "(CNN) --", "", ["CNN"], ["France", "Mali"], []),
        ("HANOI, Sep 3: Vietnam protested to Laos over the dam.",
         "HANOI, Sep 3:", "HANOI", [], ["Vietnam", "Laos"], ["HANOI"]),
        ("Cairo: Egypt said it would mediate between Sudan and Chad.",
         "Cairo:", "Cairo", [], ["Egypt", "Sudan", "Chad"], ["Cairo"]),
        ("OTTAWA, Ont., Thu. March 4, 2015: Canada sanctioned Belarus.",
         "OTTAWA, Ont., Thu. March 4, 2015:", "OTTAWA, Ont.", [], ["Canada", "Belarus"],
         ["OTTAWA"]),
        ("PARIS, Oct. 2 (UPI) -- France summoned the ambassador of Iran.",
         "PARIS, Oct. 2 (UPI) --", "PARIS", ["United Press International"],
         ["France", "Iran"], ["PARIS"]),
        ("ANKARA (Gazette Daily / Anadolu Agency - 3rd June, 2019) Turkey hosted Greece.",
         "ANKARA (Gazette Daily / Anadolu Agency - 3rd June, 2019)", "ANKARA",
         ["Gazette Daily", "Anadolu Agency"], ["Turkey", "Greece"], ["ANKARA"]),
        ("LONDON/MADRID (Reuters) – Spain and Britain agreed on a deal.",
         "LONDON/MADRID (Reuters) –", "LONDON/MADRID", ["Reuters"], ["Spain", "Britain"],
         ["LONDON", "MADRID"]),
        ("The Wire, BERLIN, Tue. May 4, 2010: Germany expelled a diplomat of Iran.",
         None, None, [], ["Germany", "Iran"], ["BERLIN"]),
        ("Newsdesk, BERLIN, Tue. May 4, 2010: Germany expelled a diplomat of Iran.",
         "Newsdesk, BERLIN, Tue. May 4, 2010:", "BERLIN", ["Newsdesk"], ["Germany", "Iran"],
         ["BERLIN"]),
        ("Chile mourned.\n\nSANTIAGO (AFP) - Chile and Peru signed a treaty.",
         "SANTIAGO (AFP) -", "SANTIAGO", ["Agence France-Presse"], ["Chile", "Peru"],
         ["SANTIAGO"]),
    ],
)
def test_datelines(nlp: Language, text: str, dateline: str | None, place: str | None,
                   outlets: list[str], kept: list[str], gone: list[str]) -> None:
    doc = nlp(text)
    actors = _actors(nlp, text)
    for name in kept:
        assert any(name in a for a in actors), (name, actors)
    if dateline is None:
        # "The Wire, BERLIN …": two words before the comma are not an outlet prefix.
        assert doc._.dateline is None
        return
    assert doc._.dateline is not None
    assert doc._.dateline["text"] == dateline
    assert text[doc._.dateline["start"]:doc._.dateline["end"]] == dateline
    assert doc._.dateline["place"] == place
    assert doc._.outlets == outlets
    for name in gone:
        assert not any(name in a for a in actors), (name, actors)
    end = doc._.dateline["end"]
    assert not [e for e in doc.ents if e.start_char < end and e.label_ == "PERSON"]


@pytest.mark.parametrize(
    ("text", "outlets", "kept"),
    [
        ("Iran tested a missile, the official news agency Parsnews reported.",
         ["Parsnews"], ["Iran"]),
        ("Poland will buy tanks, the Defence Minister told Reuters in an interview.",
         ["Reuters"], ["Poland"]),
        ("According to Xinhua, China warned Japan.", ["Xinhua"], ["China", "Japan"]),
        ("Bloomberg reported that Qatar would invest in Egypt.", ["Bloomberg"],
         ["Qatar", "Egypt"]),
        ("Georgia accused Russia of provocation, TASS reported.", ["TASS"], ["Georgia", "Russia"]),
        ("Yonhap said North Korea fired two missiles (AFP).",
         ["Yonhap", "Agence France-Presse"], ["North Korea"]),
        ("Police raided the offices of Al Jazeera in Egypt, the BBC said.",
         ["Al Jazeera", "BBC"], ["Egypt"]),
        ("China Daily said Beijing would retaliate against Canberra.", ["China Daily"], []),
        ("Kenya and Somalia resumed ties, Ostland News Agency reported.",
         ["Ostland News Agency"], ["Kenya", "Somalia"]),
        ("Syria shelled Idlib, according to SANA.", ["SANA"], ["Syria"]),
        ("Greece and Turkey held talks, Anadolu Agency reports.", ["Anadolu Agency"],
         ["Greece", "Turkey"]),
    ],
)
def test_attributions_and_outlets(nlp: Language, text: str, outlets: list[str],
                                  kept: list[str]) -> None:
    doc = nlp(text)
    assert doc._.outlets == outlets
    media_texts = {e.text for e in doc.ents if e.label_ == MEDIA_LABEL}
    actors = _actors(nlp, text)
    for name in kept:
        assert name in actors, (name, actors)
    for outlet in media_texts:
        assert outlet not in actors
        assert not [e for e in doc.ents if e.text == outlet and e.label_ == "PERSON"]
    assert all(not e.kb_id_ for e in doc.ents if e.label_ == MEDIA_LABEL)


@pytest.mark.parametrize(
    "text",
    [
        # ambiguous forms and look-alikes stay what they are
        "The MENA region faces drought, and Egypt asked Jordan for water.",
        "Troops attacked at dawn and Dawn Mitchell fled to Canada.",
        "Michael Bloomberg met the mayor of Paris.",
        "Iran's Guardian Council barred the candidates.",
        "The Aam Aadmi Party (AAP) won the Delhi election.",
        "US-China talks ended without a deal.",
        "UPDATE 2-Japan protests to Russia over the islands.",
        "times were hard for Ukraine and Moldova.",
        "Ruritania expelled two diplomats from Freedonia on Monday, and Chile protested.",
        "Ghana recalled its envoy in Togo on Tuesday.",
    ],
)
def test_ordinary_text_keeps_its_entities(nlp: Language, text: str) -> None:
    doc = nlp(text)
    with nlp.select_pipes(disable=[MEDIA_COMPONENT]):
        plain = nlp(text)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == \
        [(e.text, e.label_, e.kb_id_) for e in plain.ents]
    assert doc._.outlets == []
    assert doc._.dateline is None


def test_media_spans_cover_dateline_credit_and_outlets(nlp: Language) -> None:
    text = "ROME (ANSA) - Italy thanked Malta, state broadcaster RAI-Z said (Reuters)."
    doc = nlp(text)
    kinds = Counter(kind for _s, _e, kind in doc._.media_spans)
    assert kinds["dateline"] == 1
    assert kinds["credit"] >= 1
    assert doc._.outlets == ["ANSA", "RAI-Z", "Reuters"]
    assert {"Italy", "Malta"} <= set(_actors(nlp, text))


def test_extensions_are_registered_once() -> None:
    media._register_extensions()
    media._register_extensions()
    assert Doc.has_extension("dateline") and Doc.has_extension("outlets")



@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings())


@pytest.mark.parametrize(
    ("text", "outlet", "dateline"),
    [
        ("RIVERTON (Wire News) - Ruritania recalled its envoy.", "Wire News", "RIVERTON"),
        # The dateline credit wins over outlets named later in the story.
        ("LIMA (Reuters) - Peru thanked Ecuador, AFP said.", "Reuters", "LIMA"),
        ("(CNN) -- Peru thanked Chile.", "CNN", None),
        ("Ecuador thanked Peru, Reuters reported.", "Reuters", None),
        # Several outlets and no credit, or outlets named before the credit: not clear.
        ("Ecuador thanked Peru, Reuters reported. AFP said so too.", None, None),
        ("Reuters said Peru was ready.\n\nLIMA (AFP) - Peru thanked Chile.", None, "LIMA"),
        ("Ruritania recalled its envoy on Monday.", None, None),
    ],
)
def test_extraction_keeps_outlet_and_dateline(extractor: Extractor, text: str,
                                              outlet: str | None, dateline: str | None) -> None:
    extraction = extractor.extract(Document(id="d", text=text))
    assert (extraction.outlet, extraction.dateline) == (outlet, dateline)
