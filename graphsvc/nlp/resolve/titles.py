"""Titles and offices: the state, sector and head office a person's title gives ("U.S.
Secretary of State X", "King X of Morocco", "X, the Iraqi foreign minister"), and the holder
of an office a phrase names ("the Chinese president" on the document date). Title words come
from the gazetteer (``Gazetteer.title_words``)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from graphsvc.gazetteer import GazEntry
from graphsvc.nlp.resolve.holders import holder_of_token, noun_holders
from graphsvc.nlp.resolve.resolver import Resolver
from graphsvc.nlp.resolve.vocab import MARKED_SECTORS
from graphsvc.records import Role


@dataclass
class Title:
    """What a person's title says: the state or body held for, sector, title word, and whether
    it is the head office (a leader_of role)."""

    state: GazEntry | None
    sector: str | None
    word: str | None
    leads: bool


def person_title(r: Resolver, ent: Span, lead: int = 0) -> Title:
    """State and sector of a person from the title around the name: words before it
    ("U.S. Secretary of State X", "Nigeria's junior foreign minister X"), "of <state>"
    after a title ("King X of Morocco"), or an apposition ("X, the Iraqi foreign minister";
    "Qatar's emir, Sheikh X")."""
    words = [*title_words(r, ent), *ent[:lead]]
    title = title_from_words(r, words)
    if title.sector is not None and title.state is None:
        title.state = _state_in(r, words)
        if title.state is None:
            title.state = _of_state(r, ent.root)
    if title.state is None:
        appos = _appositive_title(r, ent)
        if appos is not None:
            return appos
    if title.state is None:
        return Title(None, None, None, False) if title.sector is None else title
    return title


def _appositive_title(r: Resolver, ent: Span) -> Title | None:
    """The title an apposition gives, with its one holder: "X, the Iraqi foreign minister"."""
    root = ent.root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(root.head)
    for noun in nouns:
        appos = title_from_words(
            r, [t for t in noun.subtree if t.i <= noun.i and t.i >= noun.left_edge.i])
        if appos.sector is None or noun.lemma_.lower() not in r.titles.sectors \
                or noun.tag_.endswith("S"):
            continue
        holders = noun_holders(r, noun)[0]
        if len(holders) == 1:
            appos.state = holders[0]
            return appos
    return None


def title_words(r: Resolver, ent: Span) -> list[Token]:
    """The noun phrase before a name that belongs to it, nearest last (at most 8 words)."""
    root = ent.root
    words: list[Token] = []
    i = ent.start - 1
    while i >= 0 and i >= ent.start - 8:
        token = r.doc[i]
        if (token.is_punct and token.text not in {".", "-", "'"}) or token.pos_ in {
                "VERB", "AUX"} or root not in token.ancestors:
            break
        words.insert(0, token)
        i -= 1
    return words


def title_from_words(r: Resolver, words: list[Token]) -> Title:
    """Sector, title word and head office of a title phrase; a marked modifier ("rebel
    leader") or a former-title word ("ex-president") overrides the title's sector."""
    sector: str | None = None
    word: str | None = None
    leads = False
    marked: str | None = None
    former = False
    sectors, heads = r.titles.sectors, r.titles.heads
    for k, token in enumerate(words):
        lower = token.lower_.rstrip(".")
        if lower in r.titles.former or lower.startswith(("ex-", "former")):
            former = True
        if lower in sectors:
            sector, word = sectors[lower], token.text.rstrip(".").capitalize()
            previous = words[k - 1].lower_ if k else ""
            office = heads.get(lower)
            leads = office is not None and office != "speaker" and (
                lower != "minister" or previous == "prime") and previous not in {
                "vice", "deputy", "opposition", "rebel"} and not (
                k and _modifies_office(r, words[k - 1]))
        elif token.pos_ in {"NOUN", "ADJ"}:
            agent = r.gaz.agent_sector(lower)
            if agent in MARKED_SECTORS:
                marked = agent
    if marked is not None and sector is not None:
        sector, leads = marked, False
    if former and sector is not None:
        sector, leads = "ELI", False
    return Title(None, sector, word, leads)


# Modifiers that leave a head office as it is ("the new Chinese president").
NEUTRAL_MODIFIERS = frozenset({"new", "current", "incumbent", "sitting", "top", "then",
                               "elected", "newly", "interim", "acting"})


def _modifies_office(r: Resolver, token: Token) -> bool:
    """Whether a word before a head-office title makes it another office ("party leader",
    "militia leader"): a noun or adjective that names no state."""
    return token.pos_ in {"NOUN", "ADJ", "PROPN"} and token.lower_ != "prime" \
        and token.lower_ not in NEUTRAL_MODIFIERS and holder_of_token(r, token) is None


def surname_holder(r: Resolver, surname: str, office: str | None) -> GazEntry | None:
    """The one gazetteer person named ``surname`` who holds ``office`` (any leader_of role when
    None: "the Bush administration") on the document date; None when nobody or several do."""
    found = {person.id: person for role, person in r.gaz.holders_by_surname(surname, r.published)
             if _holds(r, role, office)}
    if not found and r.published:
        return _nearest_holder(r, surname, office, r.published)
    return next(iter(found.values())) if len(found) == 1 else None


def _nearest_holder(r: Resolver, surname: str, office: str | None, on: str) -> GazEntry | None:
    """Nobody held it on the date ("President Carter" in a later text): the holder nearest in
    time, when only one person or one state fits (a surname shared across states stays
    unknown)."""
    apart: dict[str, int] = {}
    states: set[str] = set()
    for role, person in r.gaz.roles_by_surname(surname):
        if _holds(r, role, office):
            days = r.gaz.days_apart(role, on)
            apart[person.id] = min(days, apart.get(person.id, days))
            states.add(role.target)
    nearest = sorted(apart, key=apart.__getitem__)
    if not nearest:
        return None
    if len(nearest) > 1 and (len(states) > 1 or apart[nearest[0]] == apart[nearest[1]]):
        return None
    return r.gaz.get(nearest[0])


def _holds(r: Resolver, role: Role, office: str | None) -> bool:
    """Whether a role is the office a title names (any leadership for None)."""
    if office is None:
        return role.relation == "leader_of"
    return role.title in r.gaz.office_titles(role.target, office)


def _state_in(r: Resolver, words: list[Token]) -> GazEntry | None:
    """The state or body named in a title phrase, nearest the name first."""
    for token in reversed(words):
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in {
                "secretary", "department", "ministry"}:
            continue  # "Secretary of State" names an office, not a state
        holder = holder_of_token(r, token)
        if holder is not None and holder.type in {"COUNTRY", "IGO"}:
            return holder
    return None


def _of_state(r: Resolver, root: Token) -> GazEntry | None:
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    holder = holder_of_token(r, obj)
                    if holder is not None and holder.type == "COUNTRY":
                        return holder
    return None


def office_holder(r: Resolver, state: GazEntry, office: str, token: Token) -> GazEntry | None:
    """Who holds the office a singular head noun names at ``state`` on the document date."""
    # "Chinese President Xi Jinping": the title belongs to the name that follows.
    if token.dep_ == "compound" or (token.i + 1 < len(r.doc)
                                    and r.doc[token.i + 1].ent_type_ == "PERSON"):
        return None
    if any(c.ent_type_ == "PERSON" for c in token.conjuncts):
        return None  # "the French leader and emperor Napoleon": one person, named
    if token.tag_.endswith("S"):
        return None
    return r.gaz.office_holder(state.id, office, r.published)
