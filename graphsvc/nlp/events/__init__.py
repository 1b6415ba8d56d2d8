"""Events from the dependency parse: who did what to whom, with negation, modality and date.

For every sentence, triggers come from ``graphsvc.nlp.triggers`` matched on lemmas of verbs, of
light-verb objects and of event nouns; the closed-class words and label rewrites the rules read
are in ``graphsvc.nlp.vocab``. The work is split by concern, each a set of functions over a
``context.SentenceContext``:

- ``arguments``: subjects and targets from the parse, coordination, pronouns, fallbacks;
- ``verbs``: verb triggers, heads with complements, reported demands and threats;
- ``nouns``: event nouns;
- ``modality``: negation and modality (CAMEO intent, threat and refusal);
- ``timing``: date and place;
- ``coref``: event nouns and attitudes completed across sentences;
- ``pairing``: ``RawEvent`` and the pairing of sources with targets (conjoined subjects of a
  symmetric event pair up: "Xi and Putin met").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from graphsvc.gazetteer import Gazetteer
from graphsvc.nlp import triggers as T
from graphsvc.nlp.events.context import SentenceContext
from graphsvc.nlp.events.coref import PartialEvent, deny_earlier_charges, resolve_partials
from graphsvc.nlp.events.nouns import noun_events
from graphsvc.nlp.events.pairing import RawEvent
from graphsvc.nlp.events.timing import narrative_year, paragraph_starts
from graphsvc.nlp.events.verbs import verb_events
from graphsvc.nlp.resolve import Resolution

__all__ = ["RawEvent", "find_events"]

# Dependency slots in which a gerund stands for a noun (parse grammar, not vocabulary).
_NOUN_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def _read(ctx: SentenceContext) -> Iterator[RawEvent]:
    """Verb events first, then event nouns not already read as light-verb objects."""
    for token in ctx.sent:
        if token.dep_ == "amod":
            continue  # a participle used as an adjective ("the visiting minister") tells no act
        if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "NOUN" and token.dep_ == "ROOT") \
                or (token.pos_ == "ADJ" and token.lemma_ in T.INTENT_ADJECTIVES):
            yield from verb_events(ctx, token)
    for token in ctx.sent:
        if token.i in ctx.consumed:
            continue
        # A gerund in a noun's place ("Fighting between X and Y entered …") is a noun.
        if token.pos_ == "NOUN" or (token.tag_ == "VBG" and token.dep_ in _NOUN_SLOTS):
            yield from noun_events(ctx, token)


def find_events(doc: Doc, res: Resolution, published: str | None, symmetric: frozenset[str],
                gazetteer: Gazetteer) -> list[RawEvent]:
    """All events of a parsed, resolved document, sentence by sentence, in text order.

    ``gazetteer`` is the one the actors were resolved with: it gives agent nouns their sector
    and non-state actors their state.
    """
    events: list[RawEvent] = []
    partials: list[PartialEvent] = []
    acts: list[tuple[str, str]] = []
    contexts: dict[int, SentenceContext] = {}
    breaks = paragraph_starts(doc.text)
    year: str | None = None
    paragraph = -1
    dates_by_sentence: dict[int, list[Span]] = {}
    for ent in doc.ents:
        if ent.label_ in {"DATE", "TIME"}:
            dates_by_sentence.setdefault(ent.sent.start, []).append(ent)
    lede_seen = False
    for sent in doc.sents:
        here = bisect.bisect_right(breaks, sent.start_char)
        if here != paragraph:
            paragraph, year = here, None
        date_ents = dates_by_sentence.get(sent.start, [])
        ctx = SentenceContext(sent, res, published, gazetteer, symmetric, date_ents, year)
        # The lede is the first sentence with a verb (a dateline alone is not one).
        ctx.lede = not lede_seen and any(t.pos_ == "VERB" for t in sent)
        lede_seen = lede_seen or ctx.lede
        contexts[sent.start] = ctx
        events.extend(_read(ctx))
        partials.extend(ctx.partial)
        acts.extend(ctx.acts)
        # The narrative year carries to the next sentence only: wire copy often comes with no
        # paragraph breaks, and a year two sentences back is usually another story's.
        year = narrative_year(ctx)
    events.extend(resolve_partials(partials, events, contexts, acts))
    deny_earlier_charges(events, contexts)
    for event in events:
        if _after(event.date, published) and event.modality not in {"future", "hypothetical"}:
            # Only an act still to come can be dated after the story was published; a later
            # date on anything else is a misread date word ("in 2029" of a plan, a year typo).
            event.date = None
    return events


def _after(date: str | None, published: str | None) -> bool:
    """Whether a partial date lies wholly after the publication date."""
    if not date or not published:
        return False
    return date > published[:len(date)]
