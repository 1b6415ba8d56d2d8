"""Counted anaphors: "the two leaders", "the three countries", "both sides"."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from graphsvc.nlp.resolve.records import ActorMention
from graphsvc.nlp.resolve.resolver import Resolver
from graphsvc.nlp.resolve.vocab import COUNT_WORDS, COUNTED_HEADS


def counted_anaphors(r: Resolver) -> None:
    """ "the two leaders", "the three countries", "both sides": the last N distinct people
    (or states) named before, within the two sentences before it. N must match exactly,
    else nothing is guessed."""
    sentences = list(r.doc.sents)
    sentence_of = {t.i: n for n, sent in enumerate(sentences) for t in sent}
    # Mentions by start, kept sorted as anaphors are added (a stable sort keeps the order
    # of mentions that start together), so each phrase looks only at its window.
    by_start = sorted(r.res.mentions, key=lambda m: m.start)
    starts = [m.start for m in by_start]
    for token in r.doc:
        kind = COUNTED_HEADS.get(token.lemma_.lower())
        if kind is None or token.i in r.res.by_token or token.tag_ != "NNS":
            continue
        counted = _count(token, kind)
        if counted is None:
            continue
        count, exact = counted
        first = sentences[max(0, sentence_of[token.i] - 2)].start
        window = by_start[bisect.bisect_left(starts, first):bisect.bisect_left(starts, token.i)]
        seen = _last_distinct(r, window, kind, count)
        if len(seen) < count or (exact and len(seen) > count):
            continue
        start = min(t.i for t in token.lefts) if list(token.lefts) else token.i
        for entity_id in seen[:count]:
            added = r.add(start, token.i + 1, r.res.entities[entity_id], "anaphor")
            k = bisect.bisect_right(starts, added.start)
            starts.insert(k, added.start)
            by_start.insert(k, added)


def _count(token: Token, kind: str) -> tuple[int, bool] | None:
    """How many a counted phrase names and whether only by inference: its number word, or
    two for "the countries" (the two states of a two-state story, which must then be exactly
    two); None when it names no number."""
    count = None
    for child in token.lefts:
        count = COUNT_WORDS.get(child.lower_, count)
    if count is not None:
        return count, False
    if kind == "COUNTRY" and any(c.lower_ == "the" for c in token.lefts):
        return 2, True
    return None


def _last_distinct(r: Resolver, window: list[ActorMention], kind: str, count: int) -> list[str]:
    """The distinct people (or states) of ``window``, nearest first, up to one more than
    ``count`` (one more tells that the count does not match)."""
    seen: list[str] = []
    for mention in sorted(window, key=lambda m: -m.start):
        entity = r.res.entities[mention.participant_id]
        wanted = entity.type == "PERSON" if kind == "PERSON" else entity.type == "COUNTRY"
        if wanted and entity.id not in seen:
            seen.append(entity.id)
        if len(seen) > count:
            break
    return seen
