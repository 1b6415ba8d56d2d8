"""The spaCy pipeline and the trigger tables that the event reader relies on."""

from __future__ import annotations

import pytest

from graphsvc import ontology
from graphsvc.errors import ModelMissing
from graphsvc.nlp import triggers
from graphsvc.nlp.pipeline import GAZETTEER_COMPONENT, load_pipeline
from graphsvc.settings import Settings


def test_missing_model_names_the_setting() -> None:
    with pytest.raises(ModelMissing) as info:
        load_pipeline("graphsvc_no_such_model")
    assert "GRAPHSVC_SPACY_MODEL" in info.value.detail
    assert info.value.status == 503


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        # the small model tags these ORG / PERSON or misses them; the gazetteer decides
        ("Russia annexed Crimea in 2014.", "Crimea", "REGION"),
        ("Shelling hit Luhansk and Donetsk overnight.", "Luhansk", "REGION"),
        ("Shelling hit Luhansk and Donetsk overnight.", "Donetsk", "REGION"),
        ("NATO ministers met in Brussels.", "NATO", "IGO"),
        ("The U.S. and Türkiye signed a deal.", "Türkiye", "COUNTRY"),
    ],
)
def test_gazetteer_component_binds_spans(text: str, surface: str, label: str) -> None:
    nlp = load_pipeline(Settings().spacy_model)
    assert GAZETTEER_COMPONENT in nlp.pipe_names
    ents = {e.text: e for e in nlp(text).ents}
    assert ents[surface].label_ == label
    assert ents[surface].kb_id_


def test_lower_case_common_words_are_not_countries() -> None:
    nlp = load_pipeline(Settings().spacy_model)
    doc = nlp("We ate turkey with a jordan almond and a china plate.")
    assert not [e for e in doc.ents if e.kb_id_]


def _trigger_labels() -> set[str]:
    found = {t.label for t in triggers.VERBS.values()}
    found |= {t.label for t in triggers.NOUNS.values()}
    found |= {t.label for table in triggers.LIGHT_VERBS.values() for t in table.values()}
    found |= set(triggers.FUTURE_INTENT) | set(triggers.FUTURE_INTENT.values())
    return found


@pytest.mark.parametrize("label", sorted(_trigger_labels()))
def test_every_trigger_label_is_in_the_ontology(label: str) -> None:
    assert label in ontology.labels()
