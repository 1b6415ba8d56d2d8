"""Across sentences: a definite event noun without its actors ("the invasion") refers to the one
such act the document names in full, and an attitude toward such a noun ("Washington condemned
the attack") is an attitude toward that act's agent."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graphsvc.nlp.events.pairing import RawEvent
from graphsvc.nlp.resolve import ActorMention
from graphsvc.nlp.vocab import (
    CLAIM_DENIAL_HEADS,
    CLAIM_NOUNS,
    CONFIDENCE,
    DEFINITE_CLAIM_DETERMINERS,
)

if TYPE_CHECKING:
    from graphsvc.nlp.events.context import SentenceContext


@dataclass
class PartialEvent:
    """An event noun missing its agent or target ("February's invasion"), or an attitude toward
    such a noun ("Washington condemned the attack"), whose missing actor the document supplies.
    ``via`` is the label of the act an attitude is about; its agent becomes the target."""

    label: str
    sources: list[ActorMention]
    targets: list[ActorMention]
    noun: Token
    date: str | None
    via: str | None = None
    negated: bool = False
    modality: str = "asserted"


def _compatible(first: str | None, second: str | None) -> bool:
    """Two partial dates can name one time: unknown, or one a prefix of the other."""
    return not first or not second or first.startswith(second) or second.startswith(first)


def _attitude(part: PartialEvent, by_label: dict[str, list[RawEvent]], ctx: SentenceContext,
              acts: dict[str, set[str]]) -> list[RawEvent]:
    via = part.via or ""
    agents = {e.source for e in by_label.get(via, ())} | acts.get(via, set())
    if len(agents) != 1:
        return []
    agent = next(iter(agents))
    return [RawEvent(source=m.participant_id, target=agent, label=part.label,
                     sentence=ctx.sent, trigger=part.noun.text, negated=part.negated,
                     modality=part.modality, date=part.date,
                     confidence=CONFIDENCE.coref_attitude,
                     symmetric=part.label in ctx.symmetric)
            for m in part.sources if m.participant_id != agent]


def _event(part: PartialEvent, by_label: dict[str, list[RawEvent]],
           ctx: SentenceContext) -> list[RawEvent]:
    # A mention dated in another year than the story ("the worst raid, back in 1998") is a
    # past act, not the undated one the story tells.
    past = bool(part.date and ctx.published and part.date[:4] != ctx.published[:4])
    pairs = {(e.source, e.target) for e in by_label.get(part.label, ())
             if _compatible(e.date, part.date) and (e.date or not past)}
    if part.sources:
        pairs = {p for p in pairs if p[0] in {m.participant_id for m in part.sources}}
    if part.targets:
        pairs = {p for p in pairs if p[1] in {m.participant_id for m in part.targets}}
    if len(pairs) != 1:
        return []
    source, target = next(iter(pairs))
    return [RawEvent(
        source=source, target=target, label=part.label, sentence=ctx.sent,
        trigger=part.noun.text, modality=part.modality, date=part.date,
        confidence=CONFIDENCE.coref_event,
        symmetric=part.label in ctx.symmetric,
    )]


def resolve_partials(partials: list[PartialEvent], complete: list[RawEvent],
                     context_of: dict[int, SentenceContext],
                     acts: list[tuple[str, str]]) -> list[RawEvent]:
    """A definite event noun without an agent refers to the one such event the document names
    in full: "the blockade" in a story about Borovia's blockade of Ruritania is that blockade."""
    found: list[RawEvent] = []
    # Indexed once: a long document has many partial events and many complete ones.
    by_label: dict[str, list[RawEvent]] = {}
    for event in complete:
        by_label.setdefault(event.label, []).append(event)
    acts_by_label: dict[str, set[str]] = {}
    for label, agent in acts:
        acts_by_label.setdefault(label, set()).add(agent)
    for part in partials:
        ctx = context_of[part.noun.sent.start]
        if part.via is not None:
            found.extend(_attitude(part, by_label, ctx, acts_by_label))
        else:
            found.extend(_event(part, by_label, ctx))
    return found


def deny_earlier_charges(events: list[RawEvent], context_of: dict[int, SentenceContext]) -> None:
    """ "Peru accused Chile of arming rebels. Chile denied the charges.": a denial of a claim
    noun by the accused denies the acts alleged against it in the sentence before (an alleged
    act is ``reported``; its accusation stays asserted)."""
    sentences = sorted(context_of)
    for before, here in pairwise(sentences):
        deniers = _claim_deniers(context_of[here])
        if not deniers:
            continue
        for event in events:
            if event.sentence.start == before and event.modality == "reported" \
                    and event.source in deniers:
                event.negated, event.modality = True, "denied"


def _claim_deniers(ctx: SentenceContext) -> set[str]:
    """Who denies "the charge(s)" / "the allegations" in a sentence's main clause."""
    # imported here: arguments imports context, which imports this module
    from graphsvc.nlp.events.arguments import subjects

    root = ctx.sent.root
    if root.lemma_.lower() not in CLAIM_DENIAL_HEADS or not any(
            c.dep_ == "dobj" and c.lemma_.lower() in CLAIM_NOUNS
            and any(d.lower_ in DEFINITE_CLAIM_DETERMINERS for d in c.children)
            for c in root.children):
        return set()
    return {m.participant_id for m in subjects(ctx, root)[0]}
