"""The rule vocabulary of ``graphsvc.nlp.vocab`` and the gazetteer the event rules are given."""

from __future__ import annotations

import pytest

from graphsvc import gazetteer as gazetteer_module
from graphsvc import ontology
from graphsvc.extract import Extractor
from graphsvc.gazetteer import load_gazetteer
from graphsvc.nlp import vocab
from graphsvc.records import Document


def _vocab_labels() -> set[str]:
    found = {
        vocab.THREAT, vocab.REFUSAL, vocab.APPEAL, vocab.DEMAND, vocab.COOPERATIVE_INTENT,
        vocab.STRIKE_PROTEST.label, vocab.ENGAGEMENT.label,
    }
    for table in (vocab.DEMAND_LABELS, vocab.THREAT_LABELS, vocab.ANNOUNCED_THREAT_LABELS,
                  vocab.REFUSABLE_LABELS, vocab.PROTEST_LABELS, vocab.COREFERABLE_LABELS):
        found |= table
    for old, _who, new in vocab.ACTOR_REWRITES:
        found |= {old, new}
    return found


@pytest.mark.parametrize("label", sorted(_vocab_labels()))
def test_every_vocab_label_is_in_the_ontology(label: str) -> None:
    assert label in ontology.labels()


def test_actor_rewrites_name_known_actor_tests() -> None:
    from graphsvc.nlp.events import verbs

    assert {who for _old, who, _new in vocab.ACTOR_REWRITES} <= set(verbs._ACTOR_TESTS)


def test_confidences_stay_in_range() -> None:
    c = vocab.CONFIDENCE
    for base in (c.verb, c.light_verb, c.reported, c.noun_between, c.noun, c.coref_attitude,
                 c.coref_event):
        assert c.floor < base - c.fallback < base <= 1.0


def test_state_by_code() -> None:
    gaz = load_gazetteer()
    state = gaz.state_by_code("FRA")
    assert state is not None
    entry = gaz.get(state)
    assert entry is not None and entry.type == "COUNTRY" and entry.country == "FRA"
    assert gaz.state_by_code(None) is None
    assert gaz.state_by_code("") is None
    assert gaz.state_by_code("XXZ") is None


def test_event_rules_use_the_extractors_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    extractor = Extractor()

    def no_global_load(policy: str = "recognised") -> None:
        raise AssertionError(f"gazetteer loaded globally ({policy})")

    monkeypatch.setattr(gazetteer_module, "load_gazetteer", no_global_load)
    monkeypatch.setattr(gazetteer_module, "_load", no_global_load)
    text = ("Rebel fighters stormed a police post in the north of Mali on Sunday. "
            "Striking dockworkers marched through Lyon.")
    extraction = extractor.extract(Document(id="t", text=text, date="2021-03-08"))
    assert extraction.id == "t"
