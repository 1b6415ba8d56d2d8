"""Speculation, hopes, attempts, plots and accusations are no asserted events (issue 12).

Sentences written for these tests. Each row: text, then (source, label, target) and the
modality the event must have — or ``None`` when no such event may be read at all; the labels
in ``NOT_ASSERTED`` rows must not come out asserted and non-negated under any label listed.
"""

from __future__ import annotations

import pytest

from graphsvc.extract import Extractor
from graphsvc.records import Document, Extraction


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _read(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(Document(id="t", text=text, date="2024-06-12"))


def _events(extraction: Extraction) -> set[tuple[str, str, str, str, bool]]:
    names = {e.id: e.name for e in extraction.entities}
    return {(names[r.source], r.relation, names[r.target], r.modality, r.negated)
            for r in extraction.relations if r.cameo}


# The act is read, with this modality.
MODALITY = [
    # asserted stays asserted
    ("Russia attacked Ukraine on Monday.", ("Russia", "attacked", "Ukraine"), "asserted"),
    # attributed statements count as asserted; only claims and allegations are "reported"
    ("Iran said Israel shelled Syria.", ("Israel", "shelled", "Syria"), "asserted"),
    # the threat is the event, and it happened
    ("Turkey threatened to cut ties with Sweden.", ("Turkey", "threatened", "Sweden"),
     "asserted"),
    # the accusation is the event, and it happened
    ("Japan accused China of attacking Vietnam.", ("Japan", "accused", "China"), "asserted"),
    # a known act in the object of an attempt stays known
    ("Activists from Turkey tried to break the Israeli blockade of Gaza.",
     ("Israel", "blockaded", "Gaza Strip"), "asserted"),
    # hopes and beliefs
    ("Turkey hopes that talks between Greece and Cyprus could resume.",
     ("Greece", "met_with", "Cyprus"), "hypothetical"),
    ("Analysts think Peru and Chile will meet next year.",
     ("Peru", "met_with", "Chile"), "hypothetical"),
    ("Experts doubt that China will invade Taiwan.", ("China", "invaded", "Taiwan"),
     "hypothetical"),
    ("Japan fears North Korea might attack South Korea.",
     ("North Korea", "attacked", "South Korea"), "hypothetical"),
    # questions and conditions
    ("Officials wonder whether Iran will attack Israel.", ("Iran", "attacked", "Israel"),
     "hypothetical"),
    ("If Russia attacks Poland, NATO will respond.", ("Russia", "attacked", "Poland"),
     "hypothetical"),
    # a writer's "could" is a possibility, not a threat announced by the actor
    ("Russia could attack Poland.", ("Russia", "attacked", "Poland"), "hypothetical"),
    ("Russia said it could attack Poland.", ("Russia", "threatened", "Poland"), "asserted"),
    # attempts and plots
    ("Germany tried to establish a dialogue with Iran.", ("Germany", "negotiated_with", "Iran"),
     "hypothetical"),
    ("Russia was plotting to invade Georgia.", ("Russia", "invaded", "Georgia"), "hypothetical"),
    ("Serbia attempted to assassinate the president of Kosovo.",
     ("Serbia", "assassinated", "Kosovo"), "hypothetical"),
    ("A possible invasion of Taiwan by China worries Japan.", ("China", "invaded", "Taiwan"),
     "hypothetical"),
    # a conjunct of a threatened act is no more done than the first
    ("Turkey threatened to limit or suspend the American presence at Adana.",
     ("Turkey", "reduced_relations", "United States"), "hypothetical"),
    # accusations, allegations, claims: the accused's act is at most reported
    ("Japan accused China of attacking Vietnam.", ("China", "attacked", "Vietnam"), "reported"),
    ("Iran was accused of attacking Israel.", ("Iran", "attacked", "Israel"), "reported"),
    ("Iran is suspected of attacking Saudi Arabia.", ("Iran", "attacked", "Saudi Arabia"),
     "reported"),
    ("Egypt claims that Ethiopia attacked Sudan.", ("Ethiopia", "attacked", "Sudan"),
     "reported"),
    ("Israel reportedly struck Syria.", ("Israel", "attacked", "Syria"), "reported"),
    ("The alleged Russian invasion of Georgia angered Poland.", ("Russia", "invaded", "Georgia"),
     "reported"),
    # an adjective takes its copula's modal: what one "must be ready" to do is not yet done
    ("Oman said Qatar must be willing to cooperate with Kuwait.",
     ("Qatar", "expressed_intent_to_cooperate", "Kuwait"), "future"),
]


@pytest.mark.parametrize(("text", "event", "modality"), MODALITY)
def test_modality_of_speculation(extractor: Extractor, text: str, event: tuple[str, str, str],
                                 modality: str) -> None:
    found = {m for s, label, t, m, _ in _events(_read(extractor, text))
             if (s, label, t) == event}
    assert found == {modality}


# No asserted, non-negated event between the pair under any of the labels.
NOT_ASSERTED = [
    ("Greece hopes to resume talks with Turkey.", ("Greece", "Turkey"),
     {"met_with", "negotiated_with"}),
    ("Lawmakers expressed hope that cooperation between France and Germany could resume.",
     ("France", "Germany"), {"cooperated_with"}),
    ("Syria sought to attack Israel.", ("Syria", "Israel"), {"attacked"}),
    ("Russia planned to invade Ukraine.", ("Russia", "Ukraine"), {"invaded"}),
    ("Turkey threatened to cut ties with Sweden.", ("Turkey", "Sweden"),
     {"cut_diplomatic_ties", "reduced_relations"}),
    ("Japan accused China of attacking Vietnam.", ("Japan", "Vietnam"), {"attacked"}),
    ("Japan accused China of attacking Vietnam.", ("China", "Vietnam"), {"attacked"}),
    ("There is scant cause to think Peru and Chile will meet.", ("Peru", "Chile"),
     {"met_with", "agreed_to_meet"}),
]


@pytest.mark.parametrize(("text", "pair", "labels"), NOT_ASSERTED)
def test_speculation_is_not_asserted(extractor: Extractor, text: str, pair: tuple[str, str],
                                     labels: set[str]) -> None:
    asserted = {(s, label, t) for s, label, t, m, neg in _events(_read(extractor, text))
                if m == "asserted" and not neg and (s, t) == pair and label in labels}
    assert not asserted
