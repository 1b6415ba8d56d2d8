"""Date and place of an event.

A past-tense sentence without date words continues the year the sentence before it set (in the
same paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

from graphsvc.nlp import triggers as T
from graphsvc.nlp import vocab as V
from graphsvc.nlp.dates import event_date
from graphsvc.nlp.events.context import SentenceContext, lemma_of

# Heads of clauses, where a date word stops climbing (parse grammar, not vocabulary).
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "ROOT", "parataxis",
                          "pcomp"})


def paragraph_starts(text: str) -> list[int]:
    return [m.end() for m in re.finditer(r"\n\s*\n", text)]


def absolute_year(date_ents: list[Span], published: str | None) -> str | None:
    """The year a sentence's own date words state outright ("in 2022", "August 2008")."""
    for ent in date_ents:
        if ent.label_ == "DATE" and re.search(r"\b(1[89]|20)\d\d\b", ent.text):
            resolved = event_date([ent.text], published)
            if resolved:
                return resolved[:4]
    return None


def date_for(ctx: SentenceContext, trigger: Token, extra: Iterable[Token] = (), *,
             future: bool = False) -> str | None:
    """Date of the date words whose nearest clause head is the trigger (or an extra anchor)."""
    anchors = [trigger, *extra]
    exprs = [ent.text for ent in ctx.date_ents if _attached(ent, anchors)]
    # "will convene on Friday": a weekday of an act to come is the next one, not the last.
    return event_date(exprs, ctx.published, tense_past=not future) if exprs else None


def _attached(ent: Span, anchors: list[Token]) -> bool:
    """Whether date words belong to one of ``anchors``: the nearest clause head above them."""
    node = ent.root
    for _ in range(8):
        if node in anchors:
            return True
        if node.head.i == node.i:
            return False
        if node.dep_ in _CLAUSE_DEPS - {"conj"} and node.pos_ in {"VERB", "AUX"}:
            return False
        node = node.head
    return False


def narrative_year(ctx: SentenceContext) -> str | None:
    """The year a sentence's main clause states outright ("In 2019 the army took X"), which an
    undated simple past in the next sentence continues; a year inside a side clause ("since
    arresting them in 2014") sets no narrative time."""
    return absolute_year([e for e in ctx.date_ents if _attached(e, [ctx.sent.root])],
                         ctx.published)


def event_time(ctx: SentenceContext, trigger: Token, extra: Iterable[Token] = (), *,
               future: bool = False) -> str | None:
    """Date of an event: its own date words, else the clause it is tied to in time."""
    own = date_for(ctx, trigger, extra, future=future)
    if own is not None:
        return own
    if trigger.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in V.SIMULTANEITY_MARKS for c in trigger.children):
        # "ties soured last spring when the fleet held exercises": one time.
        return date_for(ctx, trigger.head)
    if trigger.dep_ == "pobj" and trigger.head.lower_ in V.TEMPORAL_PREPS:
        clause = trigger.head.head
        governing = date_for(ctx, clause)
        if governing is not None:
            # "rose sharply in 2019 after the summit": the summit is near, not at, that time.
            return governing if trigger.head.lower_ in V.CONCURRENT_PREPS else governing[:4]
    governed = _governing_time(ctx, trigger)
    if governed is not None:
        return governed
    if trigger.tag_ == "VBD" and ctx.narrative_year and not any(
            e.label_ == "DATE" for e in ctx.date_ents):
        return ctx.narrative_year
    if ctx.lede and trigger.dep_ == "ROOT" and not ctx.date_ents and _current(trigger):
        # Convention: a lede's main act told in the present perfect or progressive without
        # a date word ("X has expelled …") happened on the publication day.
        return ctx.published
    return None


def _current(verb: Token) -> bool:
    """Told as current: progressive ("was expelling"), perfect ("has cut") or present."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    progressive = bool(aux & V.PROGRESSIVE_AUX) and verb.tag_ == "VBG"
    perfect = bool(aux & V.PERFECT_AUX) and verb.tag_ == "VBN"
    return progressive or perfect or verb.tag_ in {"VBZ", "VBP"}


def _governing_time(ctx: SentenceContext, trigger: Token) -> str | None:
    """A clause without date words takes its time from the clause it belongs to: a participle
    from its head ("spoke on Friday, rejecting …"), a current act its speaker announces from
    the announcement ("announced on Friday it is deporting …"), an act just before or after another
    from that one's month ("shortly before X resigned last month, Y recalled …")."""
    head = trigger.head
    if trigger.tag_ == "VBG" and trigger.dep_ in {"advcl", "pcomp", "xcomp"}:
        if head.pos_ in {"ADP", "SCONJ"}:
            head = head.head
        return date_for(ctx, head) if head.pos_ in {"VERB", "AUX"} else None
    if trigger.dep_ == "ccomp" and head.lemma_.lower() in T.SPEECH_VERBS and _current(trigger):
        return date_for(ctx, head)
    if trigger.dep_ == "conj" and head.pos_ in {"VERB", "AUX"} and trigger.tag_ == head.tag_:
        # "took the capital on Friday and arrested the mayors": one time for both
        return date_for(ctx, head)
    if trigger.dep_ == "relcl" and head.pos_ == "NOUN":
        # "the skirmish on Sunday night in which guards were hurt": the skirmish's time
        return date_for(ctx, head)
    if trigger.dep_ == "dobj" and lemma_of(head) in V.ATTESTING_VERBS:
        # "officials verified a skirmish on Friday": what is confirmed happened then
        return date_for(ctx, head)
    for child in trigger.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in V.SEQUENCE_MARKS
                                         for m in child.children):
            when = date_for(ctx, child)
            if when is not None:
                return when[:7]
    return None


def location_for(ctx: SentenceContext, trigger: Token) -> str | None:
    """The place a locative phrase of the trigger names ("met in Geneva")."""
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in V.LOCATIVE_PREPS:
            for obj in child.children:
                for mention in ctx.res.at(obj):
                    entity = ctx.res.entities.get(mention.entity_id)
                    if entity is not None and entity.type in V.PLACE_TYPES:
                        return entity.id
    return None


