"""News vocabulary: light-verb objects, verbs, event nouns and announced concessions.

Sentences written for these tests. Each ``READ`` row: text, then an event (source, label,
target) that must be read, asserted and not negated. Each ``NOT_READ`` row: text, then an
event that must not be read under that label.
"""

from __future__ import annotations

import pytest

from graphsvc.extract import Extractor
from graphsvc.nlp import cameo
from graphsvc.records import Document, Extraction


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _read(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(Document(id="t", text=text, date="2024-06-12"))


def _events(extraction: Extraction) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in extraction.entities}
    return {(names[r.source], r.relation, names[r.target])
            for r in extraction.relations
            if r.cameo and not r.negated and r.modality == "asserted"}


READ = [
    # seeking shelter or help is a request for aid (CAMEO 023)
    ("Hundreds of Syrians sought asylum in Turkey last year.",
     ("Syria civilians", "requested_aid", "Turkey")),
    ("The Kenyan government sought aid from Japan after the floods.",
     ("Kenya", "requested_aid", "Japan")),
    ("Kenya sought support from Uganda.", ("Kenya", "appealed_to", "Uganda")),
    # a reminder that someone must act is a demand (CAMEO 10)
    ("Canada issued a reminder to Peru that it must repay the loan.",
     ("Canada", "demanded", "Peru")),
    # pressuring someone to act is a demand
    ("China pressured Vietnam to drop its claims.", ("China", "demanded", "Vietnam")),
    # hosting talks hosts their parties; announced, it is an intent to meet (CAMEO 036)
    ("Egypt hosted talks with Israel.", ("Egypt", "hosted", "Israel")),
    ("Egypt hosted a summit between Israel and Jordan.", ("Egypt", "hosted", "Jordan")),
    ("Norway will host talks between Colombia and Venezuela next month.",
     ("Norway", "agreed_to_meet", "Colombia")),
    # event nouns of protest name their agent by demonym and their target by "against"
    ("Chilean riots against Bolivian policies spread.", ("Chile", "rioted", "Bolivia")),
    ("Kurdish demonstrations against Turkey continued for a week.",
     ("Kurds", "demonstrated", "Turkey")),
    # more forces in or near a place is a mobilisation (CAMEO 154)
    ("Russia strengthened its forces near Ukraine.", ("Russia", "mobilized", "Ukraine")),
    ("India reinforced its troops near Pakistan.", ("India", "mobilized", "Pakistan")),
    ("Israel bolstered its presence in Syria.", ("Israel", "mobilized", "Syria")),
    # a withdrawal begun or completed is a withdrawal (CAMEO 087)
    ("The United States began a withdrawal from Afghanistan.",
     ("United States", "withdrew", "Afghanistan")),
    ("Russia completed its withdrawal from Syria.", ("Russia", "withdrew", "Syria")),
    # arson destroys property (CAMEO 171)
    ("Serbian settlers set fire to Albanian homes.",
     ("Serbia civilians", "seized", "Albania")),
    # meeting demands is conceding (CAMEO 08), not a meeting
    ("Chile met the demands of Peru.", ("Chile", "yielded", "Peru")),
    # contributing troops or goods is aid
    ("Brazil contributed medicine to Haiti.",
     ("Brazil", "provided_humanitarian_aid", "Haiti")),
    # peacekeepers sent are military protection (CAMEO 074); refusing to send them, a refusal
    ("Ghana deployed peacekeepers in Mali.", ("Ghana", "provided_military_aid", "Mali")),
    ("Morocco declined to send soldiers into Libya.", ("Morocco", "rejected", "Libya")),
    # a curfew extended or a blockade tightened is imposed again
    ("Israel extended the curfew in Gaza.", ("Israel", "coerced", "Gaza Strip")),
    ("Egypt tightened the blockade of Gaza.", ("Egypt", "blockaded", "Gaza Strip")),
    # announced concessions are intents (CAMEO 035, root 03)
    ("Iran will release the British sailors next week.",
     ("Iran", "expressed_intent_to_cooperate", "United Kingdom")),
    ("Chile will ease restrictions on Peru.", ("Chile", "expressed_intent_to_cooperate", "Peru")),
    # "head for" is a journey
    ("The Iranian delegation headed for Moscow.", ("Iran", "visited", "Russia")),
    # a strike staged, called or joined against nobody is a walkout, addressed to the home state
    ("Hundreds of Bolivian miners staged a strike.",
     ("Bolivia labour", "protested", "Bolivia")),
    ("Ghanaian unions called a strike on Tuesday.", ("Ghana labour", "protested", "Ghana")),
    ("Uruguayan nurses joined a strike over pay.", ("Uruguay health", "protested", "Uruguay")),
    # the target hangs on the moved thing under the act noun's "of"
    ("Britain accelerated the pullout of its soldiers from Cyprus.",
     ("United Kingdom", "withdrew", "Cyprus")),
    ("Canada froze one tranche of its training programme for Haiti.",
     ("Canada", "reduced_relations", "Haiti")),
    # a leader resigning or rebels surrendering with no one named: toward their own state
    ("Bolivian President Rosa Quispe resigned on Sunday.", ("Rosa Quispe", "yielded", "Bolivia")),
    ("Dozens of Malian rebels laid down arms and surrendered on Sunday.",
     ("Mali rebels", "yielded", "Mali")),
    # a participle the parse made the subject hands over its own subject
    ("The Red Cross working in Yemen said Saudi forces must spare hospitals.",
     ("International Committee of the Red Cross", "demanded", "Saudi Arabia military")),
    # a participle that is an act stays one
    ("Speaking with Ghana's president by phone, Nigeria's leader praised the deal.",
     ("Bola Tinubu", "met_with", "Nana Akufo-Addo")),
    # a dated preposition is no phrasal verb: "called on Friday for" is a call for
    ("The Danish premier called on Friday for sanctions against Belarus.",
     ("Denmark", "demanded", "Belarus")),
]

NOT_READ = [
    # meeting demands is no meeting
    ("Chile met the demands of Peru.", ("Chile", "met_with", "Peru")),
    # ruling or controlling a place is no visit (OVERSEE_MANAGE's "head for" pattern)
    ("The Taliban movement that controls Kabul for its own ends rejected Pakistan.",
     ("Taliban", "visited", "Kabul")),
    # tightened rules are not emergency powers
    ("The EU tightened rules on Chinese investment.", ("European Union", "coerced", "China")),
    # private travel is no visit between actors
    ("Thousands of Chinese tourists toured Vietnam during the holiday.",
     ("China civilians", "visited", "Vietnam")),
    # a participle naming an audience before a speech verb is no meeting
    ("Speaking to Peruvian senators on Tuesday, the Chilean envoy said talks would resume.",
     ("Chile", "met_with", "Peru legislature")),
    ("Talking to Kenyan farmers in Nakuru, Ugandan officials said prices would fall.",
     ("Uganda", "met_with", "Kenya agriculture")),
    # a participle giving a reason is no act
    ("Kenya left the talks, citing Uganda's opposition.",
     ("Kenya", "criticized", "Uganda opposition")),
    # a text aimed at a state is no force
    ("The Polish parliament adopted a bill targeting Belarus.",
     ("Poland legislature", "attacked", "Belarus")),
    # a strike on a target is an attack, not a walkout
    ("Rebels staged a strike on a Colombian army depot.",
     ("Colombia rebels", "protested", "Colombia")),
    # the subject shared with a passive is its subject, not its agent
    ("The Chilean envoy was criticised by the Peruvian court and resigned.",
     ("Peru judiciary", "yielded", "Peru")),
    # a pronoun's resignation names no state (its antecedent is too often another leader)
    ("Kenya's president praised Musa Odhiambo, who led a rival party until he resigned.",
     ("William Ruto", "yielded", "Kenya")),
    # an announced release is no release yet
    ("Iran will release the British sailors next week.",
     ("Iran", "released", "United Kingdom")),
]


@pytest.mark.parametrize(("text", "event"), READ)
def test_read(extractor: Extractor, text: str, event: tuple[str, str, str]) -> None:
    assert event in _events(_read(extractor, text))


@pytest.mark.parametrize(("text", "event"), NOT_READ)
def test_not_read(extractor: Extractor, text: str, event: tuple[str, str, str]) -> None:
    assert event not in _events(_read(extractor, text))


def test_movement_patterns_belong_to_head() -> None:
    for text, verbs in cameo.PATTERN_VERBS.items():
        assert verbs == frozenset({"head"}), text
    for verb in ("control", "govern", "manage", "head"):
        assert verb in cameo.DENY_DEFAULT
