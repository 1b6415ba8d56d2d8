"""Negation and modality of a trigger, and whether a head's complement carries the event.

Modality follows CAMEO practice: an announced cooperative act is an expression of intent (03),
an announced hostile one a threat (13), an announced refusal a rejection (12).
"""

from __future__ import annotations

from spacy.tokens import Token

from graphsvc.nlp import triggers as T
from graphsvc.nlp import vocab as V
from graphsvc.nlp.events.arguments import subjects
from graphsvc.nlp.events.context import SentenceContext, lemma_of
from graphsvc.nlp.resolve import ActorMention


def is_negated(trigger: Token) -> bool:
    """Whether a trigger is denied: by its own negation, by "no", or by a negating head."""
    if any(c.dep_ == "neg" for c in trigger.children):
        return True
    if any(c.dep_ == "det" and c.lower_ == V.NEGATING_DETERMINER for c in trigger.children):
        return True
    node = trigger
    for _ in range(3):
        if node.dep_ not in {"xcomp", "acl", "ccomp", "pobj", "pcomp", "prep", "dobj"}:
            break
        node = node.head
        if node.lemma_.lower() in T.NEGATING_HEADS:
            return True
        if node.pos_ in {"VERB", "AUX"} and any(c.dep_ == "neg" for c in node.children) \
                and trigger.dep_ == "xcomp":
            return True
    return False


def modality_of(trigger: Token) -> tuple[str, bool]:
    """(modality, conditional) of a verb trigger."""
    aux = {c.lower_ for c in trigger.children if c.dep_ in {"aux", "auxpass"}}
    conditional = any(c.dep_ == "mark" and c.lower_ in V.CONDITIONAL_MARKS
                      for c in trigger.children)
    node = trigger
    for _ in range(4):
        if _denied(node):
            return "denied", conditional
        if node.dep_ == "ccomp" and node.head.lemma_ in T.REPORTING_VERBS and not any(
                c.dep_ in {"nsubj", "nsubjpass"} and (
                    c.ent_type_ == "MEDIA" or c.lemma_.lower() in V.NEWS_SOURCE_NOUNS)
                for c in node.head.children):
            # "X stormed the embassy, Anadolu Agency reports": a news agency's report is how
            # the story is sourced, not a claim to weigh.
            return "reported", conditional
        if node.dep_ == "xcomp" and node.head.lemma_ in V.PLAN_HEADS:
            return "future", conditional
        if node.dep_ not in {"xcomp", "conj"}:
            break
        node = node.head
        aux |= {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
    if conditional:
        return "hypothetical", True
    if aux & V.FUTURE_AUX:
        return "future", False
    if aux & V.HYPOTHETICAL_AUX:
        return "hypothetical", False
    return "asserted", False


def _denied(node: Token) -> bool:
    """ "denied sinking the ship", "denied that its troops crossed", "dismissed claims that its
    jets had entered": the clause a denial governs, directly or through a claim noun."""
    head = node.head
    complement = node.dep_ in {"ccomp", "xcomp", "pcomp"} or (
        node.dep_ in {"dobj", "advcl"} and node.tag_ == "VBG")
    if complement and head.lemma_.lower() in V.DENIAL_HEADS:
        return True
    if node.dep_ in {"acl", "ccomp"} and head.lemma_.lower() in V.CLAIM_NOUNS:
        return head.head.lemma_.lower() in V.CLAIM_DENIAL_HEADS
    return False


def announced(ctx: SentenceContext, verb: Token, sources: list[ActorMention]) -> bool:
    """Whether the source itself states the act: a main clause, or the complement of its
    own speech verb ("Iran said it would …")."""
    if verb.dep_ == "ROOT":
        return True
    if verb.dep_ == "ccomp" and lemma_of(verb.head) in T.SPEECH_VERBS:
        speakers, _ = subjects(ctx, verb.head)
        ids = {m.participant_id for m in speakers}
        return bool(ids) and ids >= {m.participant_id for m in sources}
    return False


def folded(ctx: SentenceContext, verb: Token) -> bool:
    """Whether ``verb`` is the complement of a head that carries the event."""
    if verb.dep_ not in {"xcomp", "ccomp"} or verb.head is verb:
        return False
    head = lemma_of(verb.head)
    if head in T.REFUSAL_HEADS or head in T.NEGATING_HEADS:
        return False
    if head == V.WANT_HEAD and verb.dep_ == "ccomp":
        return bool(subjects(ctx, verb)[0])
    return head in T.COMPLEMENT_HEADS and (verb.dep_ == "xcomp" or head in T.DEMAND_HEADS)


