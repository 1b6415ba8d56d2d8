"""Nominal actors: a holder plus an agent noun ("Chinese troops" → China's military, "rebels in
Darfur", "U.N. peacekeepers"), or an office named by its state ("the Chinese president" → the
holder on the document date)."""

from __future__ import annotations

from spacy.tokens import Token

from graphsvc.nlp.resolve.holders import holder_of_token, noun_holders, plural_people
from graphsvc.nlp.resolve.records import strip_article
from graphsvc.nlp.resolve.resolver import Resolver
from graphsvc.nlp.resolve.titles import NEUTRAL_MODIFIERS, office_holder
from graphsvc.nlp.resolve.vocab import FOREIGN_PRONE, GENERIC_HEADS, MARKED_SECTORS, MEDIA_PEOPLE

# Modifiers that belong to a nominal's span ("the two Chinese", "Russia's" troops).
_SPAN_MODIFIERS = frozenset({"amod", "compound", "poss", "det", "nummod", "case", "nmod",
                             "npadvmod"})
# Modifiers whose whole subtree joins the span ("the [U.S.-led coalition] forces").
_SUBTREE_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})


def nominals_and_titles(r: Resolver) -> None:
    """Every noun a holder owns: an office holder when the noun is a head office of one state
    or body, else the holder's actor of the noun's sector."""
    for token in r.doc:
        if token.pos_ not in {"NOUN", "PROPN"} or token.i in r.res.by_token:
            continue
        if token.dep_ == "compound" and token.head.pos_ in {"NOUN", "PROPN"}:
            continue
        holders, locative = noun_holders(r, token)
        if not holders:
            continue
        lemma = token.lemma_.lower()
        start = min([token.i, *(t.i for t in token.lefts if t.dep_ in _SPAN_MODIFIERS)])
        start = min([start, *(t.left_edge.i for t in token.lefts if t.dep_ in _SUBTREE_MODIFIERS
                              and t.left_edge.i >= token.i - 6)])
        span_start, span_end = start, token.i + 1
        office = _office(r, token, lemma)
        if office and token.tag_ in {"NN", "NNP"} and len(holders) == 1 and not locative \
                and holders[0].type in {"COUNTRY", "IGO"}:
            holder = office_holder(r, holders[0], office, token)
            if holder is not None:
                r.add(span_start, span_end, r.entity_from_entry(holder), "title")
                continue
        sector = head_sector(r, token)
        if sector is None and r.titles.heads.get(lemma):
            sector = "GOV"
        if sector is None and token.ent_type_ == "NORP" and plural_people(token):
            sector = "CVL"  # "Iraqi Kurds": a people of a state
        if sector is None and not locative and plural_people(token) \
                and r.gaz.demonym(token.text) is not None:
            sector = "CVL"  # "the Greeks of Albania": a people of another state
        if sector is None or (locative and sector in FOREIGN_PRONE) or (
                sector == "MED" and lemma not in MEDIA_PEOPLE):
            continue  # outlets are sources ("state radio reported"), never actors
        for holder in holders:
            draft = r.actor_of(holder, sector)
            draft.aliases.add(strip_article(r.doc[span_start:span_end].text))
            r.add(span_start, span_end, draft, "nominal", sector=sector)


def _office(r: Resolver, token: Token, lemma: str) -> str | None:
    """The office a head noun names with its modifiers: a listed phrase ("foreign minister",
    "supreme leader") is that office; a bare head word its head office ("the Chinese leader");
    any other modifier ("rebel leader", "opposition leader", "militia leader") and a bare
    "minister" name no head office."""
    office = r.titles.heads.get(lemma)
    if office is None:
        return None
    words = [t for t in token.lefts if t.dep_ in {"compound", "amod", "nmod"}
             and t.pos_ in {"NOUN", "ADJ", "PROPN"} and holder_of_token(r, t) is None
             and t.lower_ not in NEUTRAL_MODIFIERS]
    if words:
        phrase = " ".join([*(t.lower_ for t in words), lemma])
        return phrase if r.gaz.is_office(phrase) else None
    return None if lemma == "minister" else office


def head_sector(r: Resolver, token: Token) -> str | None:
    """Sector of an agent noun with its modifiers: "rebel leaders" → REB, "army bulldozers"
    → MIL, "intelligence officials" → SPY, "riot police" → COP."""
    lemma = token.lemma_.lower()
    compounds = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "NOUN"]
    amods = [t for t in token.lefts if t.dep_ == "amod" and not holder_of_token(r, t)]
    words = [t.lower_ for t in (*amods, *compounds)]
    # A listed two-word phrase ("riot police", "foreign ministry") decides; else the head.
    head = r.gaz.agent_sector(" ".join([*words[-1:], lemma])) if words else None
    head = head or r.gaz.agent_sector(lemma)
    modifier: str | None = None
    if compounds:
        modifier = r.gaz.agent_sector(" ".join(t.lower_ for t in compounds))
        for t in compounds:
            modifier = modifier or r.gaz.agent_sector(t.lemma_.lower())
    for t in amods:
        agent = r.gaz.agent_sector(t.lower_)
        if agent in MARKED_SECTORS:
            modifier = modifier or agent
    if modifier is not None and (head is None or lemma in GENERIC_HEADS):
        return modifier
    return head
