"""Event nouns ("Russia's invasion of Ukraine", "talks between X and Y") as events."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphsvc.nlp import triggers as T
from graphsvc.nlp import vocab as V
from graphsvc.nlp.events.arguments import nominal_agent, prep_objects, target_actors
from graphsvc.nlp.events.context import SentenceContext, definite
from graphsvc.nlp.events.coref import PartialEvent
from graphsvc.nlp.events.modality import is_negated, speculated
from graphsvc.nlp.events.pairing import RawEvent, pair
from graphsvc.nlp.events.timing import date_for, event_time
from graphsvc.nlp.vocab import CONFIDENCE


def noun_events(ctx: SentenceContext, noun: Token) -> Iterator[RawEvent]:
    """Events an event noun names with its agent and target; one without them is kept for
    ``coref.resolve_partials`` when it is definite."""
    lemma = noun.lemma_.lower() if noun.pos_ == "NOUN" else noun.lower_
    trig = T.NOUNS.get(lemma)
    if trig is None:
        return
    label = trig.label
    sources = nominal_agent(ctx, noun)
    symmetric = label in ctx.symmetric
    between = prep_objects(noun, V.BETWEEN_PREPS)
    # "a plot to kill X", "hope that talks could resume", "the alleged attack": not asserted.
    modality = speculated(noun) or "asserted"
    if symmetric and between:
        pair_actors = target_actors(ctx, between, label)
        if len(pair_actors) >= 2:
            sources, targets = pair_actors[:1], pair_actors[1:]
            yield from pair(ctx, sources, targets, label, noun.text, is_negated(noun),
                            modality, date_for(ctx, noun), CONFIDENCE.noun_between, None)
            return
    targets = target_actors(ctx, prep_objects(noun, trig.preps), label)
    if not sources or not targets:
        if label in V.COREFERABLE_LABELS and definite(noun):
            ctx.partial.append(PartialEvent(
                label, sources, targets, noun, event_time(ctx, noun), modality=modality))
        return
    # Only the noun's own words negate it: "reluctance to condemn the invasion" negates the
    # condemnation, not the invasion.
    negated = any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == V.NEGATING_DETERMINER)
                  for c in noun.children)
    # "Russia's invasion": a verbless mention of a known act is asserted, but vaguer.
    yield from pair(ctx, sources, targets, label, noun.text, negated, modality,
                    event_time(ctx, noun), CONFIDENCE.noun, None)


