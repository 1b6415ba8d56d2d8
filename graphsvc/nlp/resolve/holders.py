"""Who owns a word: the state, body or region a modifier names ("*Chinese* troops", "*U.N.*
peacekeepers", "rebels in *Darfur*"), and the stance and origin words that name none."""

from __future__ import annotations

from spacy.tokens import Span, Token

from graphsvc.gazetteer import GazEntry
from graphsvc.nlp.resolve.resolver import Resolver
from graphsvc.nlp.resolve.vocab import (
    LOCATIVE_PREPS,
    NOT_AFFILIATION,
    NOT_HOLDERS,
    STANCE_PREFIXES,
)


def plural_people(token: Token) -> bool:
    """A plural proper noun for a people ("Kurds", "Serbs")."""
    return token.tag_ in {"NNPS", "NNS"} or (token.pos_ == "PROPN" and token.lower_.endswith("s"))


def stance_or_origin(token: Token, after: bool = False) -> bool:
    """Whether a state word is a stance or an origin, not an affiliation: "pro-Russian",
    "anti-Israeli", "Russia-backed", "Iranian-born" (``after``: look only at what follows)."""
    doc = token.doc
    lower = token.lower_
    if "-" in lower:
        head, _, rest = lower.partition("-")
        if head in STANCE_PREFIXES or rest in NOT_AFFILIATION:
            return True
    if not after:
        if token.i >= 1 and doc[token.i - 1].lower_ in STANCE_PREFIXES:
            return True
        if token.i >= 2 and doc[token.i - 1].text == "-" and \
                doc[token.i - 2].lower_ in STANCE_PREFIXES:
            return True
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and \
        doc[token.i + 2].lower_ in NOT_AFFILIATION


def holder_of_token(r: Resolver, token: Token) -> GazEntry | None:
    """What a modifier token names as an actor's holder: a state (for a demonym, a state,
    its capital or seat), an international body, or a region inside a state."""
    if stance_or_origin(token):
        return None
    adjective = r.res.demonyms.get(token.i)
    if adjective is not None:
        return r.gaz.get(adjective.entity_id)
    for mention in r.res.by_token.get(token.i, []):
        if mention.kind not in {"named", "metonym"} and not (
                mention.kind == "anaphor" and mention.sector == "GOV"):
            continue
        entry = r.gaz.get(mention.participant_id) or r.gaz.get(mention.entity_id)
        if entry is not None and entry.type in {"COUNTRY", "IGO"}:
            return entry
        if entry is not None and entry.type == "REGION" and entry.country:
            return entry
    if token.ent_kb_id_:
        entry = r.gaz.get(token.ent_kb_id_)
        if entry is not None:
            state = r.state(entry)
            return state if state.type in {"COUNTRY", "IGO"} else None
    if token.ent_type_ in NOT_HOLDERS:
        return None
    text = token.text
    if token.pos_ not in {"ADJ", "PROPN", "NOUN"}:
        return None
    demonym = r.gaz.demonym(text)
    if demonym is None and "-" in text:
        head, _, rest = text.partition("-")
        if head.lower() in STANCE_PREFIXES or rest.lower() in NOT_AFFILIATION:
            return None
        demonym = r.gaz.demonym(head)
    return demonym


def state_of_token(r: Resolver, token: Token) -> GazEntry | None:
    """The state a modifier token names: a demonym, a state/capital name, or "U.S."."""
    holder = holder_of_token(r, token)
    return holder if holder is not None and holder.type == "COUNTRY" else None


def modifier_state(r: Resolver, span: Span) -> GazEntry | None:
    """State named by the words modifying a span: "Borovian strongman Ivan Petrov"."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and i >= span.start - 4:
        token = doc[i]
        if token.dep_ in {"compound", "amod", "poss", "case", "punct", "det"} or \
                token.pos_ in {"PROPN", "ADJ", "NOUN", "PART"}:
            state = state_of_token(r, token)
            if state is not None:
                return state
            if token.pos_ == "NOUN" and token.dep_ not in {"compound", "amod"}:
                break
            i -= 1
            continue
        break
    for child in span.root.children:
        if child.dep_ in {"poss", "amod", "compound"} and child.i < span.start:
            state = state_of_token(r, child)
            if state is not None:
                return state
    return None


def noun_holders(r: Resolver, token: Token) -> tuple[list[GazEntry], bool]:
    """States, bodies or regions that own a noun ("Danish and Chilean ministers" →
    [Denmark, Chile]; "U.N. peacekeepers" → [UN]); the flag says they came only from
    "in <place>" ("rebels in Darfur")."""
    found = _modifier_holders(r, token)
    locative = False
    # "withdrew its forces from Iraq": a possessive pronoun owns the noun, the phrase after
    # it is where they come from.
    owned = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)
    if not found and not owned:
        # "the government of Iraq", "troops from Russia"; "rebels in Darfur"
        for child in token.rights:
            if child.dep_ != "prep":
                continue
            prep = child.lower_
            if prep not in {"of", "from"} and prep not in LOCATIVE_PREPS:
                continue
            for obj in child.children:
                if obj.dep_ == "pobj":
                    holder = holder_of_token(r, obj)
                    if holder is not None:
                        found.append(holder)
                        locative = prep in LOCATIVE_PREPS
            if found:
                break
    unique: dict[str, GazEntry] = {}
    for holder in found:
        unique.setdefault(holder.id, holder)
    return list(unique.values()), locative


def _modifier_holders(r: Resolver, token: Token) -> list[GazEntry]:
    """Holders named by a noun's modifiers, with their conjuncts ("Chinese and Russian")."""
    found: list[GazEntry] = []
    # "Greek riot police": the parser may hang the state word on the compound.
    modifiers = [*token.lefts, *(g for c in token.lefts if c.dep_ == "compound"
                                 for g in c.lefts)]
    for child in modifiers:
        if child.dep_ not in {"amod", "compound", "poss", "nmod", "npadvmod"}:
            continue
        holder = holder_of_token(r, child)
        if holder is None and child.lower_ == "led":
            # "Vietnamese-led forces": the leader is the affiliation.
            for grand in child.lefts:
                holder = holder or holder_of_token(r, grand)
        if holder is None:
            continue
        found.append(holder)
        for conj in child.conjuncts:
            other = holder_of_token(r, conj)
            if other is not None:
                found.append(other)
    return found


# Verbs between a people and its place: "Armenians *living* in Georgia".
_DWELLING_VERBS = frozenset({"live", "reside", "settle", "base"})


def people_place(r: Resolver, token: Token, preps: tuple[str, ...]) -> GazEntry | None:
    """The state or region a people noun is placed in by "<prep> <place>" ("Kurds in
    Syria", "Hungarians of Slovakia", "Armenians living in Georgia"); None when none."""
    children = [c for c in token.rights if c.dep_ == "prep"]
    for acl in token.rights:
        if acl.dep_ == "acl" and acl.lemma_.lower() in _DWELLING_VERBS:
            children.extend(c for c in acl.rights if c.dep_ == "prep")
    for prep in children:
        if prep.lower_ not in preps:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            holder = holder_of_token(r, obj)
            if holder is not None and holder.type in {"COUNTRY", "REGION"} and holder.country:
                return holder
    return None
