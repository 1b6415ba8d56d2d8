"""``RawEvent`` and the pairing of an event's sources with its targets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span

from graphsvc import ontology
from graphsvc.nlp import triggers as T
from graphsvc.nlp import vocab as V
from graphsvc.nlp.resolve import ActorMention
from graphsvc.nlp.vocab import CONFIDENCE

if TYPE_CHECKING:
    from graphsvc.nlp.events.context import SentenceContext


@dataclass
class RawEvent:
    """An event before it becomes a ``Relation``: actor ids, label and its sentence."""

    source: str
    target: str
    label: str
    sentence: Span
    trigger: str
    negated: bool = False
    modality: str = "asserted"
    date: str | None = None
    confidence: float = 0.5
    location: str | None = None
    symmetric: bool = False


def pair(ctx: SentenceContext, sources: list[ActorMention], targets: list[ActorMention],
         label: str, trigger: str, negated: bool, modality: str, date: str | None,
         confidence: float, location: str | None, *,
         symmetric: bool | None = None) -> Iterator[RawEvent]:
    """One event per source and target; conjoined subjects of a symmetric act pair up."""
    if symmetric is None:
        symmetric = label in ctx.symmetric
    if symmetric and not targets and len(sources) >= 2:
        # "Xi and Putin met": one meeting between each pair of conjoined subjects.
        for i, first in enumerate(sources):
            for second in sources[i + 1:]:
                yield from pair(ctx, [first], [second], label, trigger, negated, modality,
                                date, confidence, location, symmetric=False)
        return
    if label in V.ARMED_CONFLICT_LABELS and _unarmed(ctx, trigger, sources, targets):
        return
    root = ontology.label_root(label)
    for source in sources:
        if ctx.res.entities[source.participant_id].type in V.PLACE_ONLY_TYPES:
            continue  # "talks in Jeddah": a city that is no seat of government never acts
        for target in targets:
            target_id = target.participant_id
            target_type = ctx.res.entities[target.participant_id].type
            if target_type in V.PLACE_ONLY_TARGET_TYPES and label not in T.PLACE_TARGET_LABELS \
                    and (target.kind != "unlisted" or root < V.PLACE_KEEPING_MIN_ROOT):
                # A sea or a strait is never party to an act between actors; a place the model
                # only guessed is one only for coercion and force ("a curfew in X").
                continue
            if target_type == "CITY" and root < V.PLACE_KEEPING_MIN_ROOT:
                # "arrived in Jeddah": for a visit or talks a city stands for its state (curfews
                # and sieges of a town keep the town)
                city = ctx.res.entities[target.participant_id]
                state = ctx.gazetteer.state_by_code(city.country)
                entry = ctx.gazetteer.get(state) if state else None
                if entry is None:
                    continue
                ctx.res.add_entry(entry)
                target_id = entry.id
            if label in T.PLACE_TARGET_LABELS and \
                    ctx.res.entities[target.entity_id].type == "CITY":
                # a captured or shelled capital is the city, not its state
                target_id = target.entity_id
            if source.participant_id == target_id or (
                    label in T.TERRITORY_LABELS
                    and ctx.res.part_of.get(source.participant_id) == target_id):
                continue  # nobody takes its own state's territory
            if root < V.DOMESTIC_MIN_ROOT and target.kind != "home" \
                    and _own_state(ctx, source, target_id):
                continue  # "the minister and other officials held talks": no talks with oneself
            penalty = CONFIDENCE.pronoun if "pronoun" in {source.kind, target.kind} else 0.0
            penalty += CONFIDENCE.nominal if "nominal" in {source.kind, target.kind} else 0.0
            yield RawEvent(
                source=source.participant_id, target=target_id, label=label,
                sentence=ctx.sent, trigger=trigger, negated=negated, modality=modality,
                date=date, confidence=round(max(CONFIDENCE.floor, confidence - penalty), 2),
                location=location, symmetric=label in ctx.symmetric,
            )


def _unarmed(ctx: SentenceContext, trigger: str, sources: list[ActorMention],
             targets: list[ActorMention]) -> bool:
    """A fight in words: between persons only, or named as one ("trade war", "legal battle")."""
    people = [*sources, *targets]
    if people and all(ctx.res.entities[m.participant_id].type == "PERSON" for m in people):
        return True
    words = {w.lower() for w in trigger.split()}
    for token in ctx.sent:
        if token.text in trigger.split() and token.lemma_.lower() in T.ENGAGEMENT_NOUNS | {
                "war", "fight", "battle", "clash"}:
            words |= {c.lower_ for c in token.children if c.dep_ in {"compound", "amod"}}
    return bool(words & V.UNARMED_CONFLICT_WORDS)


def _own_state(ctx: SentenceContext, source: ActorMention, target_id: str) -> bool:
    """Whether the target is the state the source (an official or an organ) acts for."""
    target = ctx.res.entities.get(target_id)
    actor = ctx.res.entities.get(source.participant_id)
    if target is None or actor is None or target.type != "COUNTRY" or actor.type == "COUNTRY":
        return False
    # only the state's own organs and officials: protesters or rebels may well meet it
    return actor.country == target.country and actor.sector in ctx.gazetteer.organ_sectors() \
        and (actor.type == "PERSON" or ctx.res.part_of.get(actor.id) == target_id)
