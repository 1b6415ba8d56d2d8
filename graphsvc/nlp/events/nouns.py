"""Event nouns ("Russia's invasion of Ukraine", "talks between X and Y") as events."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphsvc.nlp import triggers as T
from graphsvc.nlp import vocab as V
from graphsvc.nlp.events.arguments import nominal_agent, prep_objects, subjects, target_actors
from graphsvc.nlp.events.context import SentenceContext, definite
from graphsvc.nlp.events.coref import PartialEvent
from graphsvc.nlp.events.modality import is_negated, speculated
from graphsvc.nlp.events.pairing import RawEvent, pair
from graphsvc.nlp.events.timing import event_time
from graphsvc.nlp.resolve import ActorMention
from graphsvc.nlp.vocab import CONFIDENCE


def noun_events(ctx: SentenceContext, noun: Token) -> Iterator[RawEvent]:
    """Events an event noun names with its agent and target; one without them is kept for
    ``coref.resolve_partials`` when it is definite."""
    lemma = noun.lemma_.lower() if noun.pos_ == "NOUN" else noun.lower_
    trig = T.NOUNS.get(lemma)
    if trig is None:
        return
    label = trig.label
    sources = nominal_agent(ctx, noun) or (
        _clause_agent(ctx, noun) if label in V.PROTEST_LABELS else [])
    symmetric = label in ctx.symmetric
    # "a skirmish along the frontier between X and Y": the parse may hang "between" one phrase down
    between = prep_objects(noun, V.BETWEEN_PREPS) or [
        o for p in noun.children if p.dep_ == "prep"
        for pobj in p.children if pobj.dep_ == "pobj"
        for o in prep_objects(pobj, V.BETWEEN_PREPS)] or [
        o for acl in noun.children if acl.dep_ == "acl"
        for o in prep_objects(acl, V.BETWEEN_PREPS)]  # "a pact concluded between X and Y"
    if label in V.DEFINITE_NOUN_LABELS and not (definite(noun) or any(
            c.lower_ in V.DONE_MARKERS for c in noun.children)):
        # "to hammer out an agreement between X and Y" is no agreement yet; "the agreement
        # between X and Y", "the newly signed pact" are.
        return
    # "a plot to kill X", "hope that talks could resume", "the alleged attack": not asserted.
    modality = speculated(noun) or "asserted"
    if symmetric and between:
        pair_actors = target_actors(ctx, between, label)
        if len(pair_actors) >= 2:
            sources, targets = pair_actors[:1], pair_actors[1:]
            yield from pair(ctx, sources, targets, label, noun.text, is_negated(noun),
                            modality, event_time(ctx, noun), CONFIDENCE.noun_between, None)
            return
    targets = target_actors(ctx, prep_objects(noun, trig.preps), label) or target_actors(
        ctx, [t for tool in prep_objects(noun, V.INSTRUMENT_PREPS)
              for t in prep_objects(tool, trig.preps)], label)  # "an attack with drones on X"
    if not targets and lemma in V.CLAIM_NOUNS:
        # "a charge by X that Y's gunboats had entered": the claim is about the one its
        # content clause says acted.
        targets = [m for c in noun.children if c.dep_ in {"acl", "ccomp"} and c.pos_ in {
            "VERB", "AUX"} for m in subjects(ctx, c)[0]]
        targets = [m for m in targets if m.participant_id not in {
            s.participant_id for s in sources}]
    if not sources or not targets:
        if label in V.COREFERABLE_LABELS and definite(noun):
            ctx.partial.append(PartialEvent(
                label, sources, targets, noun, event_time(ctx, noun), modality=modality))
        return
    # Only the noun's own words negate it: "hesitation to denounce the blockade" negates the
    # denunciation, not the blockade.
    negated = any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == V.NEGATING_DETERMINER)
                  for c in noun.children)
    # "Russia's invasion": a verbless mention of a known act is asserted, but vaguer.
    yield from pair(ctx, sources, targets, label, noun.text, negated, modality,
                    event_time(ctx, noun), CONFIDENCE.noun, None)




def _clause_agent(ctx: SentenceContext, noun: Token) -> list[ActorMention]:
    """ "students boycotted classes in protest against X": a protest named in an "in" phrase of
    a clause is the protest of the clause's subject."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in V.MANNER_PREPS or prep.head.pos_ not in {
            "VERB", "AUX"}:
        return []
    return subjects(ctx, prep.head)[0]
