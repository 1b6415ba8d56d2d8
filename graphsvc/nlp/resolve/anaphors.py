"""Definite anaphors: a phrase that names an actor named before — "the Gulf kingdom" / "the
country" (a state), "the foreign ministry" (the one government named nearby), "the army" (the
last actor of that sector). Counted ones ("the two leaders") are in ``counted``."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from spacy.tokens import Doc, Token

from graphsvc.gazetteer import GazEntry
from graphsvc.nlp.resolve.holders import holder_of_token, noun_holders
from graphsvc.nlp.resolve.records import ActorMention
from graphsvc.nlp.resolve.resolver import Resolver
from graphsvc.nlp.resolve.vocab import (
    BARE_OFFICES,
    COMPASS,
    GOV_NOUNS,
    LOCATIVE_PREPS,
    MONARCHIES,
    OFFICE_TIME_WORDS,
    OWNER_PREPS,
    STATE_FORMS,
    STATE_NOUNS,
)


def bare_definite(r: Resolver, token: Token, heads: frozenset[str]) -> int | None:
    """Start of "the [modifiers] <head>" with no owner of its own (no possessor, state word,
    name or "of" phrase), or None."""
    if token.lemma_.lower() not in heads or token.tag_ not in {"NN", "NNP"}:
        return None
    if any(m.kind != "unlisted" for m in r.res.by_token.get(token.i, [])):
        return None
    lefts = list(token.lefts)
    if not lefts or lefts[0].lower_ != "the" or lefts[0].dep_ != "det":
        return None
    for t in r.doc[lefts[0].i + 1:token.i]:
        if t.dep_ == "poss" or t.tag_ == "POS" or t.ent_type_ in {"PERSON", "ORG", "GPE"}:
            return None
        before = r.doc[t.i - 1].lower_
        if holder_of_token(r, t) is not None and before not in COMPASS | {"former"}:
            return None  # "the Peruvian government": the nominal pass owns it
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.rights):
        return None
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS | {"around", "within"}:
        return None  # "across the country" is a place
    return lefts[0].i


# ----------------------------------------------------------------- states
def state_anaphors(r: Resolver) -> None:
    """ "the Andean republic", "the island kingdom", "the country": the state named last
    in the two sentences before (or earlier in the sentence). A state that is the subject or
    object of the clause the phrase sits in is not its antecedent ("led Norway to sever
    relations with the nation" is another state); two states named together are ambiguous."""
    r.index()
    for token in r.doc:
        start = bare_definite(r, token, STATE_NOUNS)
        if start is None:
            continue
        excluded = _clause_states(r, token)
        candidates = [m for m in r.window(token)
                      if (m.kind in {"named", "metonym"} or (m.kind == "anaphor"
                          and m.sector == "GOV")) and m.participant_id not in excluded
                      and r.res.entities[m.participant_id].type == "COUNTRY"]
        form = token.lemma_.lower()
        if form in STATE_FORMS:
            # "the kingdom" is a state the gazetteer calls one ("Kingdom of Morocco").
            formal = [m for m in candidates if _has_form(r, m.participant_id, form)]
            if formal or form in MONARCHIES:
                candidates = formal
        best = candidates[0] if candidates else None
        for mention in candidates[1:]:
            if best is not None and mention.participant_id != best.participant_id:
                root = r.doc[mention.start:mention.end].root
                if root in r.doc[best.start:best.end].root.conjuncts:
                    best = None  # "Kenya and Uganda … the country": which one?
                break
        if best is not None:
            r.place(start, token, best.participant_id, "GOV")


def _has_form(r: Resolver, state_id: str, form: str) -> bool:
    entry = r.gaz.get(state_id)
    return entry is not None and any(form in name.lower()
                                     for name in (entry.name, *entry.aliases))


def _clause_states(r: Resolver, token: Token) -> set[str]:
    """States of the subject of the verb a non-subject phrase depends on (for "to sever",
    the object or subject of the verb it completes): "Mexico cut ties with the nation",
    "led Norway to sever relations with the nation", "Borovia's militia took over the
    country" — the phrase names another state than these."""
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return set()
    verb = token.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head is not verb:
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and verb.dep_ == "xcomp":
        parent = verb.head
        subjects = [c for c in parent.children if c.dep_ == "dobj"] or [
            c for c in parent.children if c.dep_ in {"nsubj", "nsubjpass"}]
    states: set[str] = set()
    for word in subjects:
        if word.i > token.i:
            continue
        for mention in r.res.by_token.get(word.i, []):
            states.add(r.res.part_of.get(mention.participant_id, mention.participant_id))
            states.add(mention.participant_id)
        states.update(holder.id for holder in noun_holders(r, word)[0])
    return states


# ----------------------------------------------------------------- governments
def government_anaphors(r: Resolver) -> None:
    """ "the interior ministry added", "the government": the state whose government the
    document names last (a state, a government nominal or official) in the two sentences
    before. Ties break on an earlier owner-less ministry, the dateline's state, then a
    state that is a clause subject; otherwise nothing is guessed."""
    dateline = _dateline_state(r)
    r.index()
    for token in r.doc:
        start = bare_definite(r, token, GOV_NOUNS)
        if start is None or r.gaz.agent_sector(
                " ".join(t.lower_ for t in r.doc[start + 1:token.i + 1])) not in {
                "GOV", None} or r.gaz.agent_sector(token.lemma_.lower()) != "GOV":
            continue
        chosen = _government_for(r, token, dateline)
        if chosen is not None:
            r.place(start, token, chosen, "GOV")


def _government_for(r: Resolver, token: Token, dateline: str | None) -> str | None:
    """The one state a government phrase at ``token`` can name, or None."""
    states: list[str] = []
    subjects: set[str] = set()
    institution: str | None = None
    for mention in r.window(token):
        state = government_of(r, mention)
        if state is None:
            continue
        if state not in states:
            states.append(state)
        if institution is None and mention.kind == "anaphor" and \
                mention.sector == "GOV" and \
                r.doc[mention.end - 1].lemma_.lower() in GOV_NOUNS:
            institution = state
        if r.doc[mention.start:mention.end].root.dep_ in {"nsubj", "nsubjpass"}:
            subjects.add(state)
    if len(states) == 1:
        return states[0]
    if institution is not None:
        return institution
    if dateline in states:
        return dateline
    if len(subjects) == 1:
        return next(iter(subjects))
    return None


def government_of(r: Resolver, mention: ActorMention) -> str | None:
    """The state a mention acts for as government: a state, its government, its official."""
    entity = r.res.entities[mention.participant_id]
    if entity.type == "COUNTRY":
        return entity.id
    if entity.type == "PERSON" and entity.sector == "GOV" and mention.kind != "pronoun":
        state = r.gaz.state_by_code(entity.country)
        if state is not None and state in r.res.entities:
            return state
    return None


def only_state(r: Resolver, mentions: Iterable[ActorMention],
               besides: Iterable[str | None] = ()) -> GazEntry | None:
    """The one state the mentions act for as government (``government_of``), not counting the
    state ids ``besides``; None when none or several."""
    states = {s for s in map(partial(government_of, r), mentions) if s} - set(besides)
    return r.gaz.get(states.pop()) if len(states) == 1 else None


def _dateline_state(r: Resolver) -> str | None:
    dateline = r.doc._.dateline if Doc.has_extension("dateline") else None
    if not dateline or not dateline.get("place"):
        return None
    entry = r.gaz.lookup(str(dateline["place"]).split(",")[0].split("/")[0].title())
    if entry is None:
        return None
    state = r.state(entry)
    return state.id if state.type == "COUNTRY" else None


# ----------------------------------------------------------------- offices
def office_anaphors(r: Resolver) -> None:
    """ "demanded that the president resign": a bare head-office noun is the holder, on the
    document date, of that office in the only state the sentences before name."""
    r.index()
    for token in r.doc:
        start = bare_definite(r, token, BARE_OFFICES)
        if start is None or any(t.dep_ in {"amod", "compound"}
                                and t.lower_ not in OFFICE_TIME_WORDS for t in token.lefts):
            continue
        entry = only_state(r, r.window(token))
        office = r.titles.heads.get(token.lemma_.lower())
        holder = r.gaz.office_holder(entry.id, office, r.published) \
            if entry is not None and office else None
        if holder is not None:
            r.add(start, token.i + 1, r.entity_from_entry(holder), "title")


# ----------------------------------------------------------------- sectors
def definite_anaphors(r: Resolver) -> None:
    """ "Sudan's army … the army accused the RSF": a definite agent noun with no owner of its
    own is the last actor of that sector the document named (never a guess across sectors,
    and only an actor named earlier); with none, a state organ ("the army", "the police", not
    "the mayor of X"; governments are ``government_anaphors``'s) is that organ of the only
    state the sentences before name."""
    r.index()
    by_sector: dict[str, ActorMention] = {}
    mentions = sorted(r.res.mentions, key=lambda m: m.start)
    next_mention = 0
    for token in r.doc:
        while next_mention < len(mentions) and mentions[next_mention].start <= token.i:
            mention = mentions[next_mention]
            if mention.kind == "nominal" and mention.sector:
                by_sector[mention.sector] = mention
            next_mention += 1
        if token.pos_ != "NOUN" or token.i in r.res.by_token or token.tag_ != "NN":
            continue
        lefts = list(token.lefts)
        if not lefts or lefts[0].lower_ != "the" or any(
                t.dep_ in {"poss", "compound"} or t.ent_type_ for t in lefts[1:]):
            continue
        sector = r.gaz.agent_sector(token.lemma_.lower())
        antecedent = by_sector.get(sector) if sector else None
        if antecedent is not None:
            r.add(lefts[0].i, token.i + 1, r.res.entities[antecedent.entity_id],
                  "anaphor", sector=sector)
        elif sector in r.gaz.organ_sectors() and sector != "GOV" and not _named_owner(token):
            # "Mali's leading activist accused the army": the organ of the one state nearby.
            entry = only_state(r, r.window(token))
            if entry is not None:
                r.add(lefts[0].i, token.i + 1, r.actor_of(entry, sector), "anaphor",
                      sector=sector)


def _named_owner(token: Token) -> bool:
    """Whether a phrase after the noun names its own owner: "the police of Lagos", "the mayor
    of the port city of Tyre" (not "accused the army of abuses")."""
    return any(child.dep_ == "prep" and child.lower_ in OWNER_PREPS
               and any(t.pos_ == "PROPN" or t.ent_type_ for t in child.subtree)
               for child in token.rights)
