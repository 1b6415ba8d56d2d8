"""Negation and modality of a trigger, and whether a head's complement carries the event.

Modality follows CAMEO practice: an announced cooperative act is an expression of intent (03),
an announced hostile one a threat (13), an announced refusal a rejection (12). What is only
thought, hoped, tried, plotted or alleged ("analysts think …", "tried to …", "a plot to …",
"accused X of …", "allegedly") is not asserted: ``speculated`` reads the tables of
``vocab``'s "modality of speculation" section.
"""

from __future__ import annotations

from spacy.tokens import Token

from graphsvc.nlp import triggers as T
from graphsvc.nlp import vocab as V
from graphsvc.nlp.events.arguments import subjects
from graphsvc.nlp.events.context import SentenceContext, definite, lemma_of, repaired_lemma
from graphsvc.nlp.resolve import ActorMention


def is_negated(trigger: Token) -> bool:
    """Whether a trigger is denied: by its own negation, by "no", or by a negating head."""
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in V.NEGATING_ADVERBS)
           for c in trigger.children):
        return True
    if any(c.dep_ == "det" and c.lower_ == V.NEGATING_DETERMINER for c in trigger.children):
        return True
    head = trigger.head
    if trigger.dep_ == "pcomp" and head.lower_ == "of" and (
            head.head.lower_ in V.INSTEAD_WORDS
            or any(c.lower_ in V.INSTEAD_WORDS for c in head.children)):
        return True  # "instead of pressing for a truce"
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
            # "X closed the port, Ostland Press reports": a news agency's report is how
            # the story is sourced, not a claim to weigh.
            return "reported", conditional
        if node.dep_ == "xcomp" and node.head.lemma_ in V.PLAN_HEADS:
            return "future", conditional
        if node.dep_ not in {"xcomp", "conj", "acomp"}:
            break
        node = node.head  # "must be willing to": an adjective takes its copula's auxiliaries
        aux |= {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
    if conditional:
        return "hypothetical", True
    speculation = speculated(trigger)
    if speculation == "reported" and _charge_denied(trigger):
        return "denied", False
    if speculation is not None:
        return speculation, False
    if aux & V.FUTURE_AUX:
        return "future", False
    if aux & V.REPORTED_FUTURE_AUX and trigger.dep_ == "ccomp" \
            and trigger.head.lemma_.lower() in T.SPEECH_VERBS:
        # "Oman said it would let the auditors return": the future of reported speech
        return "future", False
    if aux & V.HYPOTHETICAL_AUX:
        return "hypothetical", False
    return "asserted", False


def speculated(trigger: Token) -> str | None:
    """The modality a trigger (verb or event noun) takes from words that say it is only thought,
    hoped, tried or alleged: its own "allegedly" or "alleged", or a governing head such as
    "think", "tried to", "a plot to", "accused X of", "claims that"; None when nothing does."""
    for child in trigger.children:
        if child.dep_ == "advmod" and child.lower_ in V.REPORTED_ADVERBS:
            return "reported"
        if child.dep_ in {"amod", "compound", "nmod"} and trigger.pos_ in {"NOUN", "PROPN"}:
            modifier = V.NOUN_MODALITY_MODIFIERS.get(child.lower_)
            if modifier is not None:
                return modifier
    node = trigger
    # Past an object or a definite subject the noun names a known act; only an accusation
    # (whose modality is "reported") reaches it.
    presupposed = False
    for _ in range(V.SPECULATION_DEPTH):
        head = node.head
        if head is node or node.dep_ not in V.SPECULATION_PATH_DEPS:
            return None
        if node.pos_ in {"NOUN", "PROPN"} and (
                node.dep_ in V.PRESUPPOSING_DEPS
                or (node.dep_ in V.PRESUPPOSING_DEFINITE_DEPS and definite(node))
                or (node.dep_ == "pobj" and head.head.pos_ in {"VERB", "AUX"})):
            presupposed = True
        found = _governing_modality(node, head)
        if any(c.dep_ == "advmod" and c.lower_ in V.REPORTED_ADVERBS for c in head.children):
            found = found or "reported"
        if found is not None and (found == "reported" or not presupposed):
            return found
        node = head
    return None


def _governing_modality(node: Token, head: Token) -> str | None:
    """The modality ``head`` gives its dependent ``node``, if it is a head of speculation,
    attempt, plan, accusation or claim."""
    dep = node.dep_
    lemma = _lemma(head)
    if head.pos_ in {"VERB", "AUX", "ADJ"}:
        if dep == "ccomp" and lemma in V.SPECULATION_HEADS:
            return "hypothetical"
        if dep in {"xcomp", "ccomp"} and lemma in V.ATTEMPT_HEADS:
            return "hypothetical"
        # A conjunct of a threatened, demanded or promised act ("threatened to block or
        # halt shipments") is no more done than the first (which ``folded`` drops).
        if dep in {"xcomp", "ccomp"} and lemma in T.COMPLEMENT_HEADS \
                and (dep == "xcomp" or lemma in T.DEMAND_HEADS):
            return "hypothetical"
    if dep in {"pobj", "pcomp"} and head.dep_ == "prep" and head.lower_ in V.ACCUSATION_PREPS \
            and _lemma(head.head) in V.ACCUSATION_HEADS:
        return "reported"
    if head.pos_ in {"NOUN", "PROPN"}:
        if lemma in V.CLAIM_NOUNS and dep in {"acl", "ccomp"}:
            return "reported"
        if lemma in V.SPECULATION_NOUNS and dep in {"acl", "ccomp", "xcomp", "compound"}:
            return "future" if lemma in V.PLAN_NOUNS else "hypothetical"
    if dep in {"pobj", "pcomp"} and head.dep_ == "prep" \
            and head.lower_ in V.SPECULATION_NOUN_PREPS \
            and head.head.pos_ in {"NOUN", "PROPN"} and _lemma(head.head) in V.SPECULATION_NOUNS:
        return "future" if _lemma(head.head) in V.PLAN_NOUNS else "hypothetical"
    return None


def _lemma(token: Token) -> str:
    """A lemma for the speculation tables, repaired as ``lemma_of`` repairs triggers ("hopes"
    lemmatized as "hop")."""
    return repaired_lemma(token, lambda word: word in V.SPECULATION_HEADS
                          or word in V.ATTEMPT_HEADS)


def _charge_denied(trigger: Token) -> bool:
    """ "accused X of arming militias -- a claim denied by X's cabinet", "…, which X denied":
    the sentence denies the accusation that carries the act."""
    for token in trigger.sent:
        if token.lemma_.lower() not in V.CLAIM_DENIAL_HEADS:
            continue
        if _claim_subject(token):
            return True  # the parse may make "…, a charge X denied" the sentence's main clause
        if token.dep_ not in {"acl", "relcl"}:
            continue
        if token.head.lemma_.lower() in V.CLAIM_NOUNS or any(
                c.lower_ in V.RELATIVE_PRONOUNS for c in token.children):
            return True
    return False


def _claim_subject(denial: Token) -> bool:
    """Whether what a denial denies is a claim noun as its subject ("a charge X denied")."""
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in V.CLAIM_NOUNS
               for c in denial.children)


def _denied(node: Token) -> bool:
    """ "denied sinking the ship", "denied that its troops crossed", "dismissed claims that its
    jets had entered": the clause a denial governs, directly or through a claim noun."""
    head = node.head
    complement = node.dep_ in {"ccomp", "xcomp", "pcomp"} or (
        node.dep_ in {"dobj", "advcl"} and node.tag_ == "VBG")
    if complement and head.lemma_.lower() in V.DENIAL_HEADS:
        # "X accused Y of V-ing, a charge Y denied", parsed with "denied" on top: the charge is
        # what is denied, not that it was made
        return not _claim_subject(head)
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


