"""Mentions → canonical actors: every way a text names an actor becomes one entity id.

Reads a parsed ``Doc`` whose ``ents`` the gazetteer component has bound to ids. Produces a
``Resolution``: the entities of the document and, per token, the actor mentions it belongs to.
Kinds of mention:

- ``named``: a gazetteer name or a person the model found ("Xi Jinping", "Russia", "NATO");
- ``partial``: a person's surname or given name after the full name ("Xi");
- ``metonym``: a seat of government acting for its state ("the Kremlin" → Russia);
- ``title``: an office named by its state ("the Chinese president" → the holder on the document
  date);
- ``nominal``: a state word plus an agent noun ("Chinese troops" → China, sector MIL);
- ``pronoun``: he / she / his / her after a person.

Capitals are cities; ``participant_id`` maps them to their state, because when Moscow *acts* the
actor is Russia, while "a summit in Moscow" names a place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from graphsvc.gazetteer import GazEntry, Gazetteer
from graphsvc.records import Entity, Role

__all__ = ["ActorMention", "Resolution", "resolve_actors", "slugify"]

# Government is how a state acts: "Russian officials" and "the Chinese government" are the state
# itself in the graph (as "the Kremlin" is). Other sectors are actors of their own, linked to
# their state by part_of: the Chinese military's drills are not a statement of the government.
STATE_SECTORS = frozenset({"GOV"})

_SECTOR_NAMES = {
    "MIL": "military", "GOV": "government", "REB": "rebels", "OPP": "opposition",
    "CVL": "civilians", "BUS": "business", "MED": "media", "JUD": "judiciary", "LEG": "legislature",
    "COP": "police", "REF": "refugees", "SPY": "intelligence", "EDU": "education",
    "REL": "religious groups", "HRI": "human rights groups", "LAB": "labour", "ELI": "elites",
    "IGO": "international bodies", "UAF": "armed groups", "PTY": "political party",
    "NGO": "non-governmental organisations", "HLH": "health", "ENV": "environmental groups",
    "AGR": "agriculture", "CRM": "criminals", "INS": "insurgents", "SEP": "separatists",
    "PPL": "people",
}

_HEAD_OFFICES = {
    "president": "president", "leader": "leader", "premier": "prime minister",
    "chancellor": "chancellor", "king": "king", "queen": "queen", "emperor": "emperor",
    "minister": "prime minister", "dictator": "leader", "ruler": "leader",
    "speaker": "speaker",
}
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_ACTOR_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"})
_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_BAD_PERSON = re.compile(r"[0-9@#/\\]|^\W|\W$")


def slugify(text: str) -> str:
    """Deterministic ascii slug: "Nancy Pelosi" → "nancy-pelosi"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


@dataclass
class ActorMention:
    """One actor named at tokens ``start:end`` (token indices) of the document."""

    start: int
    end: int
    entity_id: str
    kind: str
    participant_id: str
    sector: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class _EntityDraft:
    id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    aliases: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)

    def to_entity(self) -> Entity:
        aliases = sorted(a for a in self.aliases if a and a != self.name)
        return Entity(
            id=self.id, name=self.name, type=self.type,  # type: ignore[arg-type]
            country=self.country, sector=self.sector, aliases=aliases, roles=list(self.roles),
        )


@dataclass
class Resolution:
    """The actors of one document: entities by id and the mentions covering each token."""

    entities: dict[str, _EntityDraft] = field(default_factory=dict)
    by_token: dict[int, list[ActorMention]] = field(default_factory=dict)
    mentions: list[ActorMention] = field(default_factory=list)
    part_of: dict[str, str] = field(default_factory=dict)  # sub-actor/region id → state id
    # Demonym adjectives ("the *Russian* invasion") name a state without being an actor mention
    # themselves; event nouns read their agent from here.
    demonyms: dict[int, ActorMention] = field(default_factory=dict)

    def at(self, token: Token) -> list[ActorMention]:
        return self.by_token.get(token.i, [])

    def entity(self, entity_id: str) -> _EntityDraft:
        return self.entities[entity_id]

    def iter_entities(self) -> Iterable[Entity]:
        for draft in self.entities.values():
            yield draft.to_entity()


class _Resolver:
    def __init__(self, doc: Doc, gazetteer: Gazetteer, published: str | None) -> None:
        self.doc = doc
        self.gaz = gazetteer
        self.published = published
        self.res = Resolution()
        self.persons_by_part: dict[str, str] = {}

    # ----------------------------------------------------------------- entities
    def _entity_from_entry(self, entry: GazEntry) -> _EntityDraft:
        draft = self.res.entities.get(entry.id)
        if draft is None:
            sector = entry.sector
            country = entry.country
            roles = self.gaz.roles_on(entry.id, self.published) if entry.type == "PERSON" else []
            if entry.type == "PERSON":
                sector = "GOV" if roles else (entry.sector or "ELI")
                # An office holder acts for the state of the office held on the document date.
                for role in roles:
                    state = self.gaz.get(role.target)
                    if state is not None and state.country and role.relation == "leader_of":
                        country = state.country
                        break
            draft = _EntityDraft(
                id=entry.id, name=entry.name, type=entry.type, country=country, sector=sector,
                roles=list(entry.roles),
            )
            self.res.entities[entry.id] = draft
            if entry.part_of:
                self.res.part_of[entry.id] = entry.part_of
        return draft

    def _state(self, entry: GazEntry) -> GazEntry:
        """The state an entry acts for (itself for a state)."""
        target = entry.metonym_for or entry.capital_of
        if target:
            state = self.gaz.get(target)
            if state is not None:
                return state
        return entry

    def _sub_actor(self, state: GazEntry, sector: str) -> _EntityDraft:
        entity_id = f"{state.id}-{sector.lower()}"
        draft = self.res.entities.get(entity_id)
        if draft is None:
            name = f"{state.name} {_SECTOR_NAMES.get(sector, sector.lower())}"
            draft = _EntityDraft(entity_id, name, "GROUP" if sector in {"REB", "OPP", "CVL"}
                                 else "ORG", state.country, sector)
            self.res.entities[entity_id] = draft
            self._entity_from_entry(state)
            self.res.part_of[entity_id] = state.id
        return draft

    def _add(self, start: int, end: int, draft: _EntityDraft, kind: str,
             participant: _EntityDraft | None = None, sector: str | None = None) -> ActorMention:
        surface = self.doc[start:end].text
        if kind in {"named", "metonym", "partial"}:
            draft.aliases.add(_strip_article(surface))
        mention = ActorMention(start, end, draft.id, kind, (participant or draft).id, sector)
        self.res.mentions.append(mention)
        for i in range(start, end):
            self.res.by_token.setdefault(i, []).append(mention)
        return mention

    def _covered(self, start: int, end: int) -> bool:
        return any(i in self.res.by_token for i in range(start, end))

    # ----------------------------------------------------------------- passes
    def run(self) -> Resolution:
        for ent in self.doc.ents:
            if ent.label_ in _NOT_ACTORS:
                continue
            self._named(ent)
        self._nominals_and_titles()
        self._pronouns()
        return self.res

    def _named(self, ent: Span) -> None:
        entry = self.gaz.get(ent.kb_id_) if ent.kb_id_ else None
        if entry is None and ent.label_ in _ACTOR_LABELS:
            entry = self.gaz.lookup(ent.text)
            if entry is None and ent.label_ == "NORP":
                entry = self.gaz.demonym(ent.text)
                if entry is not None and (
                        ent.root.dep_ in {"amod", "compound"} or ent.root.pos_ == "ADJ"):
                    # A bare demonym is an actor only as a noun ("the Chinese said"); as an
                    # adjective it belongs to the noun it modifies.
                    draft = self._entity_from_entry(entry)
                    self.res.demonyms[ent.root.i] = ActorMention(
                        ent.start, ent.end, draft.id, "demonym", draft.id)
                    return
        if entry is not None:
            if entry.type == "PERSON":
                self._person_entry(ent, entry)
                return
            if entry.metonym_for:
                state = self._state(entry)
                draft = self._entity_from_entry(state)
                draft.aliases.add(_strip_article(ent.text))
                self._add(ent.start, ent.end, draft, "metonym", sector=entry.sector)
                return
            if entry.capital_of and _acts(ent):
                state = self.gaz.get(entry.capital_of)
                if state is not None:
                    draft = self._entity_from_entry(state)
                    draft.aliases.add(_strip_article(ent.text))
                    self._add(ent.start, ent.end, draft, "metonym")
                    return
            draft = self._entity_from_entry(entry)
            participant = None
            if entry.capital_of:
                state = self.gaz.get(entry.capital_of)
                participant = self._entity_from_entry(state) if state else None
            self._add(ent.start, ent.end, draft, "named", participant)
            return
        if ent.label_ == "PERSON":
            self._person_unknown(ent)
        elif ent.label_ in {"ORG", "GPE", "LOC", "FAC"}:
            self._other_named(ent)

    def _person_entry(self, ent: Span, entry: GazEntry) -> None:
        draft = self._entity_from_entry(entry)
        for part in entry.name.split():
            self.persons_by_part.setdefault(part.lower(), draft.id)
        self._add(ent.start, ent.end, draft, "named")

    def _person_unknown(self, ent: Span) -> None:
        text = ent.text.strip()
        if _BAD_PERSON.search(text) or not any(c.isupper() for c in text):
            return
        words = [w for w in re.split(r"\s+", text) if w]
        if text.endswith(("'s", "’s")):
            words[-1] = words[-1][:-2]
        if len(words) == 1:
            known = self.persons_by_part.get(words[0].lower())
            if known is not None:
                self._add(ent.start, ent.end, self.res.entities[known], "partial")
                return
        name = " ".join(words)
        entity_id = f"person:{slugify(name)}"
        draft = self.res.entities.get(entity_id)
        if draft is None:
            country = self._modifier_state(ent)
            draft = _EntityDraft(entity_id, name, "PERSON", country.country if country else None,
                                 "GOV" if country and self._has_office_title(ent) else None)
            self.res.entities[entity_id] = draft
            if country is not None and self._has_office_title(ent) == "leader":
                self._entity_from_entry(country)
                draft.roles.append(Role(relation="leader_of", target=country.id,
                                        title=self._title_word(ent)))
        for part in words:
            self.persons_by_part.setdefault(part.lower(), draft.id)
        self._add(ent.start, ent.end, draft, "named")

    def _other_named(self, ent: Span) -> None:
        text = _strip_article(ent.text)
        if not text or not any(c.isupper() for c in text):
            return
        # An organisation named with an agent noun ("Taiwan's Defence Ministry") is a nominal
        # actor of its state; the nominal pass handles it through the head noun.
        if ent.label_ == "ORG" and self.gaz.agent_sector(ent.root.lemma_.lower()):
            state = self._modifier_state(ent)
            if state is not None:
                return
        entity_type = {"ORG": "ORG", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}[
            ent.label_]
        entity_id = f"{entity_type.lower()}:{slugify(text)}"
        draft = self.res.entities.get(entity_id)
        if draft is None:
            state = self._modifier_state(ent)
            draft = _EntityDraft(entity_id, text, entity_type, state.country if state else None,
                                 None)
            draft.aliases.add(text)
            # Kept apart until an event uses it: the small model's ORG/GPE guesses are noisy.
            self.res.entities[entity_id] = draft
        self._add(ent.start, ent.end, draft, "unlisted")

    # ----------------------------------------------------------------- modifiers
    def _state_of_token(self, token: Token) -> GazEntry | None:
        """The state a modifier token names: a demonym, a state/capital name, or "U.S."."""
        for mention in self.res.by_token.get(token.i, []):
            entry = self.gaz.get(mention.participant_id) or self.gaz.get(mention.entity_id)
            if entry is not None and entry.type == "COUNTRY":
                return entry
            if entry is not None and entry.type == "REGION" and entry.part_of:
                return None
        if token.ent_kb_id_:
            entry = self.gaz.get(token.ent_kb_id_)
            if entry is not None:
                state = self._state(entry)
                return state if state.type == "COUNTRY" else None
        text = token.text
        demonym = self.gaz.demonym(text)
        if demonym is None and "-" in text:
            demonym = self.gaz.demonym(text.split("-")[0])
        return demonym

    def _modifier_state(self, span: Span) -> GazEntry | None:
        """State named by the words modifying a span: "Russian dictator Vladimir Putin"."""
        doc = span.doc
        i = span.start - 1
        while i >= 0 and i >= span.start - 4:
            token = doc[i]
            if token.dep_ in {"compound", "amod", "poss", "case", "punct", "det"} or \
                    token.pos_ in {"PROPN", "ADJ", "NOUN", "PART"}:
                state = self._state_of_token(token)
                if state is not None:
                    return state
                if token.pos_ == "NOUN" and token.dep_ not in {"compound", "amod"}:
                    break
                i -= 1
                continue
            break
        for child in span.root.children:
            if child.dep_ in {"poss", "amod", "compound"} and child.i < span.start:
                state = self._state_of_token(child)
                if state is not None:
                    return state
        return None

    def _has_office_title(self, span: Span) -> str | None:
        for i in range(max(0, span.start - 4), span.start):
            office = _HEAD_OFFICES.get(span.doc[i].lower_)
            if office:
                return "leader" if office not in {"speaker"} else "member"
        return None

    def _title_word(self, span: Span) -> str | None:
        for i in range(max(0, span.start - 4), span.start):
            if span.doc[i].lower_ in _HEAD_OFFICES:
                return span.doc[i].text.capitalize()
        return None

    # ----------------------------------------------------------------- nominals
    def _nominals_and_titles(self) -> None:
        for token in self.doc:
            if token.pos_ not in {"NOUN", "PROPN"} or token.i in self.res.by_token:
                continue
            if token.dep_ == "compound" and token.head.pos_ in {"NOUN", "PROPN"}:
                continue
            states = self._noun_states(token)
            if not states:
                continue
            lemma = token.lemma_.lower()
            start = min([token.i, *(t.i for t in token.lefts if t.dep_ in {
                "amod", "compound", "poss", "det", "nummod", "case"})])
            span_start, span_end = start, token.i + 1
            office = _HEAD_OFFICES.get(lemma)
            if office and token.tag_ in {"NN", "NNP"} and len(states) == 1:
                holder = self._office_holder(states[0], office, token)
                if holder is not None:
                    self._add(span_start, span_end, self._entity_from_entry(holder), "title")
                    continue
            phrase = self._agent_phrase(token)
            sector = self.gaz.agent_sector(phrase) if phrase else None
            if sector is None:
                sector = self.gaz.agent_sector(lemma)
            if sector is None and office:
                sector = "GOV"
            if sector is None:
                continue
            for state in states:
                if sector in STATE_SECTORS:
                    draft = self._entity_from_entry(state)
                else:
                    draft = self._sub_actor(state, sector)
                draft.aliases.add(_strip_article(self.doc[span_start:span_end].text))
                self._add(span_start, span_end, draft, "nominal", sector=sector)

    def _agent_phrase(self, token: Token) -> str | None:
        compounds = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "NOUN"]
        amods = [t for t in token.lefts if t.dep_ == "amod" and not self._state_of_token(t)]
        words = [t.lower_ for t in (*amods, *compounds)]
        return " ".join([*words, token.lemma_.lower()]) if words else None

    def _noun_states(self, token: Token) -> list[GazEntry]:
        """States that modify a noun: "Chinese and Russian leaders" → [China, Russia]."""
        found: list[GazEntry] = []
        for child in token.lefts:
            if child.dep_ not in {"amod", "compound", "poss", "nmod", "npadvmod"}:
                continue
            state = self._state_of_token(child)
            if state is None:
                continue
            found.append(state)
            for conj in child.conjuncts:
                other = self._state_of_token(conj)
                if other is not None:
                    found.append(other)
        if not found:
            # "the government of Iraq", "troops from Russia"
            for child in token.rights:
                if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            state = self._state_of_token(obj)
                            if state is not None:
                                found.append(state)
        unique: dict[str, GazEntry] = {}
        for state in found:
            unique.setdefault(state.id, state)
        return list(unique.values())

    def _office_holder(self, state: GazEntry, office: str, token: Token) -> GazEntry | None:
        # "Chinese President Xi Jinping": the title belongs to the name that follows.
        if token.dep_ == "compound" or (token.i + 1 < len(self.doc)
                                        and self.doc[token.i + 1].ent_type_ == "PERSON"):
            return None
        if token.tag_.endswith("S"):
            return None
        return self.gaz.office_holder(state.id, office, self.published)

    # ----------------------------------------------------------------- pronouns
    def _pronouns(self) -> None:
        """He / she / his / her → the person named last before it (no cataphora)."""
        persons = {m.start: m for m in self.res.mentions
                   if self.res.entities[m.entity_id].type == "PERSON"}
        last_person: str | None = None
        for token in self.doc:
            mention = persons.get(token.i)
            if mention is not None:
                last_person = mention.entity_id
            elif token.lower_ in _PERSON_PRONOUNS and token.pos_ == "PRON" and last_person:
                self._add(token.i, token.i + 1, self.res.entities[last_person], "pronoun")


def _acts(span: Span) -> bool:
    """Whether a place name stands where an actor stands: subject, object, possessor, agent."""
    root = span.root
    if root.dep_ in {"nsubj", "nsubjpass", "dobj", "poss", "dative"}:
        return True
    return root.dep_ == "pobj" and root.head.lower_ in {"by", "with", "against"}


def _strip_article(text: str) -> str:
    text = text.strip()
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def resolve_actors(doc: Doc, gazetteer: Gazetteer, published: str | None) -> Resolution:
    """Resolve every actor mention of a parsed document (see the module docstring)."""
    return _Resolver(doc, gazetteer, published).run()
