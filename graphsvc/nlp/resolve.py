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
- ``pronoun``: he / she / his / her after a person (the last clause subject first);
- ``anaphor``: a definite phrase for an actor named before: "the army" (same sector), "the
  two leaders" (counted), "the Gulf kingdom" / "the country" (a state), "the foreign ministry"
  (the one government named nearby), "his country" (the person's state).

Media are sources: outlet nouns ("state television", "the news agency") and anything inside
``doc._.media_spans`` (datelines, credits, outlet names) never become actors.

Capitals are cities; ``participant_id`` maps them to their state, because when Moscow *acts* the
actor is Russia, while "a summit in Moscow" names a place.
"""

from __future__ import annotations

import bisect
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
# Words in a person's title phrase → the sector the person acts in ("Gen. X" is the military).
_TITLE_SECTORS = {
    "president": "GOV", "minister": "GOV", "secretary": "GOV", "premier": "GOV",
    "chancellor": "GOV", "king": "GOV", "queen": "GOV", "emir": "GOV", "sultan": "GOV",
    "governor": "GOV", "mayor": "GOV", "ambassador": "GOV", "envoy": "GOV", "spokesman": "GOV",
    "spokeswoman": "GOV", "spokesperson": "GOV", "official": "GOV", "dictator": "GOV",
    "ruler": "GOV", "diplomat": "GOV", "negotiator": "GOV", "vice-president": "GOV",
    "leader": "GOV", "monarch": "GOV", "emperor": "GOV", "head": "GOV",
    "general": "MIL", "gen": "MIL", "colonel": "MIL", "col": "MIL", "commander": "MIL",
    "admiral": "MIL", "brigadier": "MIL", "marshal": "MIL", "lt": "MIL", "lieutenant": "MIL",
    "sergeant": "MIL",
    "judge": "JUD", "justice": "JUD", "prosecutor": "JUD",
    "senator": "LEG", "sen": "LEG", "congressman": "LEG", "congresswoman": "LEG",
    "lawmaker": "LEG", "legislator": "LEG", "mp": "LEG", "speaker": "LEG",
    "parliamentarian": "LEG",
    "archbishop": "REL", "bishop": "REL", "cardinal": "REL", "pope": "REL", "imam": "REL",
    "ayatollah": "REL", "rabbi": "REL", "cleric": "REL", "reverend": "REL", "rev": "REL",
}
# A title these words qualify is no longer held: the person is an elite, not the state.
_FORMER = frozenset({"former", "ex", "ousted", "deposed", "exiled", "late", "retired", "toppled",
                     "onetime", "one-time", "overthrown", "erstwhile"})
# Sectors a modifier imposes on a title or a generic head ("rebel leader", "opposition figure").
_MARKED_SECTORS = frozenset({"REB", "OPP", "INS", "UAF"})
# Heads that take their sector from an agent-noun modifier ("rebel leaders", "intelligence
# officials", "border patrol agents").
_GENERIC_HEADS = frozenset({
    "leader", "official", "officer", "spokesman", "spokeswoman", "spokesperson", "member",
    "chief", "commander", "group", "head", "representative", "delegation", "figure", "source",
    "agent", "unit", "personnel", "staff", "party", "organisation", "organization",
    "movement", "faction", "coalition", "wing",
})
# State organs: an organisation of these sectors named with a state word is a part of that state
# ("the Latvian Constitutional Court"); other organisations keep their own name.
_STATE_ORGANS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Sectors that "in <state>" does not bind: troops *in* a country are often foreign.
_FOREIGN_PRONE = frozenset({"MIL", "IGO", "HLH"})
_LOCATIVE_PREPS = frozenset({"in", "throughout", "across", "inside"})
# "Russia-backed separatists" are not Russia; "pro-Russian" and "anti-Israeli" are stances.
_STANCE_PREFIXES = frozenset({"pro", "anti"})
_NOT_AFFILIATION = frozenset({"backed", "supported", "sponsored", "funded", "allied", "armed",
                              "trained", "friendly", "born", "aligned", "leaning", "occupied",
                              "controlled", "held", "ruled", "annexed", "made"})
_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
# Entity labels whose words never name a holder ("the Russian language", "Chinese New Year").
_NOT_HOLDERS = frozenset({"PERSON", "MEDIA", "LANGUAGE", "EVENT", "WORK_OF_ART", "LAW",
                          "PRODUCT", *_NOT_ACTORS})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
# Pronouns that prefer the last person who was a clause subject over one named in passing.
_SUBJECT_PREFERRING = frozenset({"he", "she", "his", "her"})
_ACTOR_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"})
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

    def add_entry(self, entry: GazEntry) -> None:
        """Make a gazetteer entry an entity of the document (a fact's target, say) if it is
        not one yet."""
        if entry.id not in self.entities:
            self.entities[entry.id] = _EntityDraft(entry.id, entry.name, entry.type,
                                                   entry.country, entry.sector)


class _Resolver:
    def __init__(self, doc: Doc, gazetteer: Gazetteer, published: str | None) -> None:
        self.doc = doc
        self.gaz = gazetteer
        self.published = published
        self.res = Resolution()
        self.persons_by_part: dict[str, str] = {}
        self.by_start: list[ActorMention] = []  # see _index
        self.starts: list[int] = []
        self.sentences = list(doc.sents)
        self.sentence_of = {t.i: n for n, sent in enumerate(self.sentences) for t in sent}
        # Datelines, credits and outlet names are sources, never actors.
        self.in_media: set[int] = set()
        spans = doc._.media_spans if Doc.has_extension("media_spans") else None
        for start_char, end_char, _kind in spans or ():
            span = doc.char_span(start_char, end_char, alignment_mode="expand")
            if span is not None:
                self.in_media.update(range(span.start, span.end))

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

    def _sub_actor(self, holder: GazEntry, sector: str) -> _EntityDraft:
        """The ``sector`` of a state, body or region: "Chinese troops" → ``Q148-mil``, part of
        China. A region's sub-actor has the region's country under the territory policy."""
        entity_id = f"{holder.id}-{sector.lower()}"
        draft = self.res.entities.get(entity_id)
        if draft is None:
            name = f"{holder.name} {_SECTOR_NAMES.get(sector, sector.lower())}"
            draft = _EntityDraft(entity_id, name, "GROUP" if sector in {"REB", "OPP", "CVL"}
                                 else "ORG", holder.country, sector)
            self.res.entities[entity_id] = draft
            self._entity_from_entry(holder)
            self.res.part_of[entity_id] = holder.id
        return draft

    def _actor_of(self, holder: GazEntry, sector: str) -> _EntityDraft:
        """A state's (or a region's) government is the state (or region); every other (holder,
        sector) is a sub-actor."""
        if sector in STATE_SECTORS and holder.type in {"COUNTRY", "IGO", "REGION"}:
            return self._entity_from_entry(holder)
        return self._sub_actor(holder, sector)

    def _add(self, start: int, end: int, draft: _EntityDraft, kind: str,
             participant: _EntityDraft | None = None, sector: str | None = None) -> ActorMention:
        surface = self.doc[start:end].text
        mention = ActorMention(start, end, draft.id, kind, (participant or draft).id, sector)
        if self.in_media.intersection(range(start, end)):
            return mention  # a source, not an actor: never registered
        if kind in {"named", "metonym", "partial"}:
            draft.aliases.add(_strip_article(surface))
        self.res.mentions.append(mention)
        for i in range(start, end):
            self.res.by_token.setdefault(i, []).append(mention)
        return mention

    # ----------------------------------------------------------------- passes
    def run(self) -> Resolution:
        for ent in self.doc.ents:
            if ent.label_ in _NOT_ACTORS:
                continue
            self._named(ent)
        self._state_anaphors()
        self._nominals_and_titles()
        self._government_anaphors()
        self._definite_anaphors()
        self._counted_anaphors()
        self._pronouns()
        return self.res

    def _counted_anaphors(self) -> None:
        """ "the two leaders", "the three countries", "both sides": the last N distinct people
        (or states) named before, within the two sentences before it. N must match exactly,
        else nothing is guessed."""
        sentences = list(self.doc.sents)
        sentence_of = {t.i: n for n, sent in enumerate(sentences) for t in sent}
        # Mentions by start, kept sorted as anaphors are added (a stable sort keeps the order
        # of mentions that start together), so each phrase looks only at its window.
        by_start = sorted(self.res.mentions, key=lambda m: m.start)
        starts = [m.start for m in by_start]
        for token in self.doc:
            kind = _COUNTED_HEADS.get(token.lemma_.lower())
            if kind is None or token.i in self.res.by_token or token.tag_ != "NNS":
                continue
            counted = [_COUNT_WORDS[c.lower_] for c in token.lefts if c.lower_ in _COUNT_WORDS]
            exact = not counted
            if exact and (kind != "COUNTRY" or not any(c.lower_ == "the" for c in token.lefts)):
                continue
            # "the countries" without a number: the two states of a two-state story only
            count = counted[-1] if counted else 2
            first = sentences[max(0, sentence_of[token.i] - 2)].start
            seen: list[str] = []
            window = by_start[bisect.bisect_left(starts, first):bisect.bisect_left(starts, token.i)]
            for mention in sorted(window, key=lambda m: -m.start):
                entity = self.res.entities[mention.participant_id]
                wanted = entity.type == "PERSON" if kind == "PERSON" else entity.type == "COUNTRY"
                if wanted and entity.id not in seen:
                    seen.append(entity.id)
                if len(seen) > count:
                    break
            if len(seen) < count or (exact and len(seen) > count):
                continue
            start = min(t.i for t in token.lefts) if list(token.lefts) else token.i
            for entity_id in seen[:count]:
                added = self._add(start, token.i + 1, self.res.entities[entity_id], "anaphor")
                k = bisect.bisect_right(starts, added.start)
                starts.insert(k, added.start)
                by_start.insert(k, added)

    def _definite_anaphors(self) -> None:
        """ "Sudan's army … the army accused the RSF": a definite agent noun with no owner of its
        own is the last actor of that sector the document named (never a guess across sectors,
        and only an actor named earlier)."""
        by_sector: dict[str, ActorMention] = {}
        mentions = sorted(self.res.mentions, key=lambda m: m.start)
        next_mention = 0
        for token in self.doc:
            while next_mention < len(mentions) and mentions[next_mention].start <= token.i:
                mention = mentions[next_mention]
                if mention.kind == "nominal" and mention.sector:
                    by_sector[mention.sector] = mention
                next_mention += 1
            if token.pos_ != "NOUN" or token.i in self.res.by_token or token.tag_ != "NN":
                continue
            lefts = list(token.lefts)
            if not lefts or lefts[0].lower_ != "the" or any(
                    t.dep_ in {"poss", "compound"} or t.ent_type_ for t in lefts[1:]):
                continue
            sector = self.gaz.agent_sector(token.lemma_.lower())
            antecedent = by_sector.get(sector) if sector else None
            if antecedent is None:
                continue
            self._add(lefts[0].i, token.i + 1, self.res.entities[antecedent.entity_id],
                      "anaphor", sector=sector)

    # ----------------------------------------------------------------- state anaphors
    def _index(self) -> None:
        """Mentions by start for ``_window`` (kept sorted as ``_place`` adds anaphors)."""
        self.by_start = sorted(self.res.mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.by_start]

    def _window(self, token: Token) -> list[ActorMention]:
        """Mentions before ``token`` in its sentence and the two before it, nearest first."""
        first = self.sentences[max(0, self.sentence_of[token.i] - 2)].start
        window = self.by_start[bisect.bisect_left(self.starts, first):
                               bisect.bisect_left(self.starts, token.i)]
        return [m for m in reversed(window) if m.kind != "unlisted"]

    def _bare_definite(self, token: Token, heads: frozenset[str]) -> int | None:
        """Start of "the [modifiers] <head>" with no owner of its own (no possessor, state word,
        name or "of" phrase), or None."""
        if token.lemma_.lower() not in heads or token.tag_ not in {"NN", "NNP"}:
            return None
        if any(m.kind != "unlisted" for m in self.res.by_token.get(token.i, [])):
            return None
        lefts = list(token.lefts)
        if not lefts or lefts[0].lower_ != "the" or lefts[0].dep_ != "det":
            return None
        for t in self.doc[lefts[0].i + 1:token.i]:
            if t.dep_ == "poss" or t.tag_ == "POS" or t.ent_type_ in {"PERSON", "ORG", "GPE"}:
                return None
            before = self.doc[t.i - 1].lower_
            if self._holder_of_token(t) is not None and before not in _COMPASS | {"former"}:
                return None  # "the Chinese government": the nominal pass owns it
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.rights):
            return None
        if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPS | {"around", "within"}:
            return None  # "across the country" is a place
        return lefts[0].i

    def _place(self, start: int, token: Token, state_id: str, sector: str | None) -> None:
        for mention in list(self.res.by_token.get(token.i, [])):
            self._drop(mention)  # an unlisted "Foreign Ministry" guess gives way
        added = self._add(start, token.i + 1, self.res.entities[state_id], "anaphor",
                          sector=sector)
        if self.in_media.intersection(range(added.start, added.end)):
            return
        k = bisect.bisect_right(self.starts, added.start)
        self.starts.insert(k, added.start)
        self.by_start.insert(k, added)

    def _drop(self, mention: ActorMention) -> None:
        self.res.mentions.remove(mention)
        for i in range(mention.start, mention.end):
            self.res.by_token[i].remove(mention)
            if not self.res.by_token[i]:
                del self.res.by_token[i]

    def _state_anaphors(self) -> None:
        """ "the South American nation", "the Gulf kingdom", "the country": the state named last
        in the two sentences before (or earlier in the sentence). A state that is the subject or
        object of the clause the phrase sits in is not its antecedent ("prompted Mexico to cut
        ties with the nation" is another state); two states named together are ambiguous."""
        self._index()
        for token in self.doc:
            start = self._bare_definite(token, _STATE_NOUNS)
            if start is None:
                continue
            excluded = self._clause_states(token)
            candidates = [m for m in self._window(token)
                          if (m.kind in {"named", "metonym"} or (m.kind == "anaphor"
                              and m.sector == "GOV")) and m.participant_id not in excluded
                          and self.res.entities[m.participant_id].type == "COUNTRY"]
            form = token.lemma_.lower()
            if form in _STATE_FORMS:
                # "the kingdom" is a state the gazetteer calls one ("Kingdom of Morocco").
                formal = [m for m in candidates if self._has_form(m.participant_id, form)]
                if formal or form in _MONARCHIES:
                    candidates = formal
            best = candidates[0] if candidates else None
            for mention in candidates[1:]:
                if best is not None and mention.participant_id != best.participant_id:
                    root = self.doc[mention.start:mention.end].root
                    if root in self.doc[best.start:best.end].root.conjuncts:
                        best = None  # "Kenya and Uganda … the country": which one?
                    break
            if best is not None:
                self._place(start, token, best.participant_id, "GOV")

    def _has_form(self, state_id: str, form: str) -> bool:
        entry = self.gaz.get(state_id)
        return entry is not None and any(form in name.lower()
                                         for name in (entry.name, *entry.aliases))

    def _clause_states(self, token: Token) -> set[str]:
        """States of the subject of the verb a non-subject phrase depends on (for "to sever",
        the object or subject of the verb it completes): "Mexico cut ties with the nation",
        "prompted Mexico to cut ties with the nation", "Myanmar's army seized control of the
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
            for mention in self.res.by_token.get(word.i, []):
                states.add(self.res.part_of.get(mention.participant_id, mention.participant_id))
                states.add(mention.participant_id)
            states.update(holder.id for holder in self._noun_holders(word)[0])
        return states

    def _government_anaphors(self) -> None:
        """ "the foreign ministry said", "the government": the state whose government the
        document names last (a state, a government nominal or official) in the two sentences
        before. Ties break on an earlier owner-less ministry, the dateline's state, then a
        state that is a clause subject; otherwise nothing is guessed."""
        dateline = self._dateline_state()
        self._index()
        for token in self.doc:
            start = self._bare_definite(token, _GOV_NOUNS)
            if start is None or self.gaz.agent_sector(
                    " ".join(t.lower_ for t in self.doc[start + 1:token.i + 1])) not in {
                    "GOV", None} or self.gaz.agent_sector(token.lemma_.lower()) != "GOV":
                continue
            states: list[str] = []
            subjects: set[str] = set()
            institution: str | None = None
            for mention in self._window(token):
                state = self._government_of(mention)
                if state is None:
                    continue
                if state not in states:
                    states.append(state)
                if institution is None and mention.kind == "anaphor" and \
                        mention.sector == "GOV" and \
                        self.doc[mention.end - 1].lemma_.lower() in _GOV_NOUNS:
                    institution = state
                if self.doc[mention.start:mention.end].root.dep_ in {"nsubj", "nsubjpass"}:
                    subjects.add(state)
            chosen: str | None = None
            if len(states) == 1:
                chosen = states[0]
            elif institution is not None:
                chosen = institution
            elif dateline in states:
                chosen = dateline
            elif len(subjects) == 1:
                chosen = next(iter(subjects))
            if chosen is not None:
                self._place(start, token, chosen, "GOV")

    def _government_of(self, mention: ActorMention) -> str | None:
        """The state a mention acts for as government: a state, its government, its official."""
        entity = self.res.entities[mention.participant_id]
        if entity.type == "COUNTRY":
            return entity.id
        if entity.type == "PERSON" and entity.sector == "GOV" and mention.kind != "pronoun":
            state = self.gaz.state_by_code(entity.country)
            if state is not None and state in self.res.entities:
                return state
        return None

    def _dateline_state(self) -> str | None:
        dateline = self.doc._.dateline if Doc.has_extension("dateline") else None
        if not dateline or not dateline.get("place"):
            return None
        entry = self.gaz.lookup(str(dateline["place"]).split(",")[0].split("/")[0].title())
        if entry is None:
            return None
        state = self._state(entry)
        return state.id if state.type == "COUNTRY" else None

    def _named(self, ent: Span) -> None:
        entry = self.gaz.get(ent.kb_id_) if ent.kb_id_ else None
        if entry is None and ent.label_ in _ACTOR_LABELS:
            entry = self.gaz.lookup(ent.text)
            # The small model labels "Sri Lankan" GPE as often as NORP.
            if entry is None and ent.label_ in {"NORP", "GPE", "LOC"}:
                self._demonym_entity(ent)
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
                acting = self.gaz.get(entry.capital_of)
                if acting is not None:
                    draft = self._entity_from_entry(acting)
                    draft.aliases.add(_strip_article(ent.text))
                    self._add(ent.start, ent.end, draft, "metonym")
                    return
            draft = self._entity_from_entry(entry)
            participant = None
            if entry.capital_of:
                capital_state = self.gaz.get(entry.capital_of)
                participant = self._entity_from_entry(capital_state) if capital_state else None
            self._add(ent.start, ent.end, draft, "named", participant)
            return
        if ent.label_ == "PERSON":
            if self.gaz.demonym(ent.text) is not None or (
                    len(ent) > 1 and self.gaz.demonym(ent[0].text) is not None):
                # The small model often reads "Bangladeshi" or "Bosnian Serbs" as a name.
                self._demonym_entity(ent)
                return
            self._person_unknown(ent)
        elif ent.label_ in {"ORG", "GPE", "LOC", "FAC"}:
            self._other_named(ent)

    def _demonym_entity(self, ent: Span) -> None:
        """A demonym: an adjective of the noun it modifies, or a people ("the Palestinians")."""
        if _stance_or_origin(ent[0]) or _stance_or_origin(ent[-1], after=True):
            return
        before = self.doc[ent.start - 1].lower_ if ent.start else ""
        if before == "ethnic" or ent[0].lower_ == "ethnic":
            # Ethnic Albanians of Serbia are not Albania: no state from the word alone.
            return
        entry = self.gaz.demonym(ent.text)
        people = entry
        if entry is None and len(ent) > 1:
            # "Bosnian Serbs", "Iraqi Kurds": the first word names the state they live in.
            people = self.gaz.demonym(ent[0].text)
            if people is None or people.type != "COUNTRY" or not _plural_people(ent[-1]):
                return
        if people is None:
            if ent.label_ != "NORP":
                self._other_named(ent)
            return
        root = ent.root
        adjectival = root.dep_ in {"amod", "compound", "nmod"} or root.pos_ == "ADJ" or (
            ent.end + 1 < len(self.doc) and self.doc[ent.end].text == "-")
        if adjectival and entry is not None:
            # A demonym as an adjective belongs to the noun it modifies; event nouns read
            # their agent from here ("the Russian invasion").
            draft = self._entity_from_entry(entry)
            mention = ActorMention(ent.start, ent.end, draft.id, "demonym", draft.id)
            for token in ent:
                self.res.demonyms[token.i] = mention
            return
        if people.type not in {"COUNTRY", "REGION"}:
            return
        # A people acting ("the Palestinians said", "an Israeli was hurt") is its civilians:
        # their state's government is named by other words.
        draft = self._sub_actor(people, "CVL")
        draft.aliases.add(_strip_article(ent.text))
        self._add(ent.start, ent.end, draft, "nominal", sector="CVL")

    def _person_entry(self, ent: Span, entry: GazEntry) -> None:
        draft = self._entity_from_entry(entry)
        for part in entry.name.split():
            self.persons_by_part.setdefault(part.lower(), draft.id)
        self._add(ent.start, ent.end, draft, "named")

    def _person_unknown(self, ent: Span) -> None:
        text = ent.text.strip()
        if _BAD_PERSON.search(text) or not any(c.isupper() for c in text):
            return
        # "Archbishop Desmond Tutu", "King Abdullah II": a title inside the name is a title.
        lead = 0
        while lead < len(ent) - 1 and ent[lead].lower_.rstrip(".") in _TITLE_SECTORS:
            lead += 1
        if lead:
            text = ent[lead:].text.strip()
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
        title = self._person_title(ent, lead)
        draft = self.res.entities.get(entity_id)
        if draft is None:
            draft = _EntityDraft(entity_id, name, "PERSON", None, None)
            self.res.entities[entity_id] = draft
        if title.state is not None and draft.country is None:
            draft.country = title.state.country
            draft.sector = title.sector
            if title.leads and title.state.type in {"COUNTRY", "IGO"}:
                self._entity_from_entry(title.state)
                draft.roles.append(Role(relation="leader_of", target=title.state.id,
                                        title=title.word))
        elif draft.sector is None and title.sector is not None:
            draft.sector = title.sector
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
        inner = self._inner_state(ent) if ent.label_ == "ORG" else None
        sector = self._org_sector(ent) if inner is not None else None
        if inner is not None and sector in _STATE_ORGANS and inner.type == "COUNTRY":
            # "the Latvian Constitutional Court": an organ of the state its name carries.
            organ = self._actor_of(inner, sector)
            organ.aliases.add(text)
            self._add(ent.start, ent.end, organ, "nominal", sector=sector)
            return
        entity_type = {"ORG": "ORG", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION",
                       "NORP": "GROUP"}[ent.label_]
        entity_id = f"{entity_type.lower()}:{slugify(text)}"
        draft = self.res.entities.get(entity_id)
        if draft is None:
            state = inner or self._modifier_state(ent)
            draft = _EntityDraft(entity_id, text, entity_type, state.country if state else None,
                                 sector)
            draft.aliases.add(text)
            # Kept apart until an event uses it: the small model's ORG/GPE guesses are noisy.
            self.res.entities[entity_id] = draft
        # An organisation whose name carries its state and an agent noun ("the Nigerian Union
        # of Teachers") is a real actor; other unknown names wait for an event to use them.
        kind = "named" if inner is not None and sector is not None else "unlisted"
        self._add(ent.start, ent.end, draft, kind)

    def _inner_state(self, ent: Span) -> GazEntry | None:
        """The one state an organisation's own name carries ("*Nigerian* Union of Teachers",
        "National Union for the Independence *of Angola*"); None when none or several."""
        found: dict[str, GazEntry] = {}
        for token in ent:
            if token.i > ent.root.i and not (token.dep_ == "pobj" and token.head.lower_ == "of"):
                continue
            state = self._state_of_token(token)
            if state is not None:
                found[state.id] = state
        return next(iter(found.values())) if len(found) == 1 else None

    def _org_sector(self, ent: Span) -> str | None:
        """Sector of an organisation name: its head noun, else its last agent noun."""
        sector = self.gaz.agent_sector(ent.root.lemma_.lower())
        if sector is not None:
            return sector
        for token in reversed(ent):
            if token.pos_ in {"NOUN", "PROPN"} and token.i != ent.root.i:
                sector = self.gaz.agent_sector(token.lemma_.lower())
                if sector is not None:
                    return sector
        return None

    # ----------------------------------------------------------------- modifiers
    def _holder_of_token(self, token: Token) -> GazEntry | None:
        """What a modifier token names as an actor's holder: a state (for a demonym, a state,
        its capital or seat), an international body, or a region inside a state."""
        if _stance_or_origin(token):
            return None
        adjective = self.res.demonyms.get(token.i)
        if adjective is not None:
            return self.gaz.get(adjective.entity_id)
        for mention in self.res.by_token.get(token.i, []):
            if mention.kind not in {"named", "metonym"} and not (
                    mention.kind == "anaphor" and mention.sector == "GOV"):
                continue
            entry = self.gaz.get(mention.participant_id) or self.gaz.get(mention.entity_id)
            if entry is not None and entry.type in {"COUNTRY", "IGO"}:
                return entry
            if entry is not None and entry.type == "REGION" and entry.country:
                return entry
        if token.ent_kb_id_:
            entry = self.gaz.get(token.ent_kb_id_)
            if entry is not None:
                state = self._state(entry)
                return state if state.type in {"COUNTRY", "IGO"} else None
        if token.ent_type_ in _NOT_HOLDERS:
            return None
        text = token.text
        if token.pos_ not in {"ADJ", "PROPN", "NOUN"}:
            return None
        demonym = self.gaz.demonym(text)
        if demonym is None and "-" in text:
            head, _, rest = text.partition("-")
            if head.lower() in _STANCE_PREFIXES or rest.lower() in _NOT_AFFILIATION:
                return None
            demonym = self.gaz.demonym(head)
        return demonym

    def _state_of_token(self, token: Token) -> GazEntry | None:
        """The state a modifier token names: a demonym, a state/capital name, or "U.S."."""
        holder = self._holder_of_token(token)
        return holder if holder is not None and holder.type == "COUNTRY" else None

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

    # ----------------------------------------------------------------- person titles
    def _person_title(self, ent: Span, lead: int = 0) -> _Title:
        """State and sector of a person from the title around the name: words before it
        ("U.S. Secretary of State X", "Nigeria's junior foreign minister X"), "of <state>"
        after a title ("King X of Morocco"), or an apposition ("X, the Iraqi foreign minister";
        "Qatar's emir, Sheikh X")."""
        words = [*self._title_words(ent), *ent[:lead]]
        title = self._title_from_words(words)
        if title.sector is not None and title.state is None:
            title.state = self._state_in(words)
            if title.state is None:
                title.state = self._of_state(ent.root)
        if title.state is None:
            root = ent.root
            nouns = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                nouns.append(root.head)
            for noun in nouns:
                appos = self._title_from_words(
                    [t for t in noun.subtree if t.i <= noun.i and t.i >= noun.left_edge.i])
                if appos.sector is None or noun.lemma_.lower() not in _TITLE_SECTORS \
                        or noun.tag_.endswith("S"):
                    continue
                holders = self._noun_holders(noun)[0]
                if len(holders) == 1:
                    appos.state = holders[0]
                    return appos
        if title.state is None:
            return _Title(None, None, None, False) if title.sector is None else title
        return title

    def _title_words(self, ent: Span) -> list[Token]:
        """The noun phrase before a name that belongs to it, nearest last (at most 8 words)."""
        root = ent.root
        words: list[Token] = []
        i = ent.start - 1
        while i >= 0 and i >= ent.start - 8:
            token = self.doc[i]
            if (token.is_punct and token.text not in {".", "-", "'"}) or token.pos_ in {
                    "VERB", "AUX"} or root not in token.ancestors:
                break
            words.insert(0, token)
            i -= 1
        return words

    def _title_from_words(self, words: list[Token]) -> _Title:
        sector: str | None = None
        word: str | None = None
        leads = False
        marked: str | None = None
        former = False
        for k, token in enumerate(words):
            lower = token.lower_.rstrip(".")
            if lower in _FORMER or lower.startswith(("ex-", "former")):
                former = True
            if lower in _TITLE_SECTORS:
                sector, word = _TITLE_SECTORS[lower], token.text.rstrip(".").capitalize()
                previous = words[k - 1].lower_ if k else ""
                office = _HEAD_OFFICES.get(lower)
                leads = office is not None and office != "speaker" and (
                    lower != "minister" or previous == "prime") and previous not in {
                    "vice", "deputy", "opposition", "rebel"}
            elif token.pos_ in {"NOUN", "ADJ"}:
                agent = self.gaz.agent_sector(lower)
                if agent in _MARKED_SECTORS:
                    marked = agent
        if marked is not None and sector is not None:
            sector, leads = marked, False
        if former and sector is not None:
            sector, leads = "ELI", False
        return _Title(None, sector, word, leads)

    def _state_in(self, words: list[Token]) -> GazEntry | None:
        """The state or body named in a title phrase, nearest the name first."""
        for token in reversed(words):
            if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in {
                    "secretary", "department", "ministry"}:
                continue  # "Secretary of State" names an office, not a state
            holder = self._holder_of_token(token)
            if holder is not None and holder.type in {"COUNTRY", "IGO"}:
                return holder
        return None

    def _of_state(self, root: Token) -> GazEntry | None:
        for child in root.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        holder = self._holder_of_token(obj)
                        if holder is not None and holder.type == "COUNTRY":
                            return holder
        return None

    # ----------------------------------------------------------------- nominals
    def _nominals_and_titles(self) -> None:
        for token in self.doc:
            if token.pos_ not in {"NOUN", "PROPN"} or token.i in self.res.by_token:
                continue
            if token.dep_ == "compound" and token.head.pos_ in {"NOUN", "PROPN"}:
                continue
            holders, locative = self._noun_holders(token)
            if not holders:
                continue
            lemma = token.lemma_.lower()
            start = min([token.i, *(t.i for t in token.lefts if t.dep_ in {
                "amod", "compound", "poss", "det", "nummod", "case", "nmod", "npadvmod"})])
            start = min([start, *(t.left_edge.i for t in token.lefts if t.dep_ in {
                "amod", "compound", "poss", "nmod", "npadvmod"} and t.left_edge.i >= token.i - 6)])
            span_start, span_end = start, token.i + 1
            office = _HEAD_OFFICES.get(lemma)
            if office and token.tag_ in {"NN", "NNP"} and len(holders) == 1 and not locative \
                    and holders[0].type in {"COUNTRY", "IGO"}:
                holder = self._office_holder(holders[0], office, token)
                if holder is not None:
                    self._add(span_start, span_end, self._entity_from_entry(holder), "title")
                    continue
            sector = self._head_sector(token)
            if sector is None and office:
                sector = "GOV"
            if sector is None and token.ent_type_ == "NORP" and _plural_people(token):
                sector = "CVL"  # "Iraqi Kurds": a people of a state
            if sector is None or (locative and sector in _FOREIGN_PRONE) or (
                    sector == "MED" and lemma not in _MEDIA_PEOPLE):
                continue  # outlets are sources ("state television said"), never actors
            for holder in holders:
                draft = self._actor_of(holder, sector)
                draft.aliases.add(_strip_article(self.doc[span_start:span_end].text))
                self._add(span_start, span_end, draft, "nominal", sector=sector)

    def _head_sector(self, token: Token) -> str | None:
        """Sector of an agent noun with its modifiers: "rebel leaders" → REB, "army bulldozers"
        → MIL, "intelligence officials" → SPY, "riot police" → COP."""
        lemma = token.lemma_.lower()
        compounds = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "NOUN"]
        amods = [t for t in token.lefts if t.dep_ == "amod" and not self._holder_of_token(t)]
        words = [t.lower_ for t in (*amods, *compounds)]
        # A listed two-word phrase ("riot police", "foreign ministry") decides; else the head.
        head = self.gaz.agent_sector(" ".join([*words[-1:], lemma])) if words else None
        head = head or self.gaz.agent_sector(lemma)
        modifier: str | None = None
        if compounds:
            modifier = self.gaz.agent_sector(" ".join(t.lower_ for t in compounds))
            for t in compounds:
                modifier = modifier or self.gaz.agent_sector(t.lemma_.lower())
        for t in amods:
            agent = self.gaz.agent_sector(t.lower_)
            if agent in _MARKED_SECTORS:
                modifier = modifier or agent
        if modifier is not None and (head is None or lemma in _GENERIC_HEADS):
            return modifier
        return head

    def _noun_holders(self, token: Token) -> tuple[list[GazEntry], bool]:
        """States, bodies or regions that own a noun ("Chinese and Russian leaders" →
        [China, Russia]; "U.N. peacekeepers" → [UN]); the flag says they came only from
        "in <place>" ("rebels in Darfur")."""
        found: list[GazEntry] = []
        # "Greek riot police": the parser may hang the state word on the compound.
        modifiers = [*token.lefts, *(g for c in token.lefts if c.dep_ == "compound"
                                     for g in c.lefts)]
        for child in modifiers:
            if child.dep_ not in {"amod", "compound", "poss", "nmod", "npadvmod"}:
                continue
            holder = self._holder_of_token(child)
            if holder is None and child.lower_ == "led":
                # "Vietnamese-led forces": the leader is the affiliation.
                for grand in child.lefts:
                    holder = holder or self._holder_of_token(grand)
            if holder is None:
                continue
            found.append(holder)
            for conj in child.conjuncts:
                other = self._holder_of_token(conj)
                if other is not None:
                    found.append(other)
        locative = False
        if not found:
            # "the government of Iraq", "troops from Russia"; "rebels in Darfur"
            for child in token.rights:
                if child.dep_ != "prep":
                    continue
                prep = child.lower_
                if prep not in {"of", "from"} and prep not in _LOCATIVE_PREPS:
                    continue
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        holder = self._holder_of_token(obj)
                        if holder is not None:
                            found.append(holder)
                            locative = prep in _LOCATIVE_PREPS
                if found:
                    break
        unique: dict[str, GazEntry] = {}
        for holder in found:
            unique.setdefault(holder.id, holder)
        return list(unique.values()), locative

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
        """He / she / his / her → a person named before it (no cataphora): the last person who
        was a clause subject outside quotes in this or the previous sentence, else the last
        person named. "his country", "her government" are that person's state."""
        persons = {m.start: m for m in self.res.mentions
                   if self.res.entities[m.entity_id].type == "PERSON"}
        last_person: str | None = None
        subjects: list[tuple[int, str]] = []  # (sentence, person) of subject mentions
        quoted = self._quoted()
        for token in self.doc:
            mention = persons.get(token.i)
            if mention is not None:
                last_person = mention.entity_id
                root = self.doc[mention.start:mention.end].root
                if root.dep_ in {"nsubj", "nsubjpass"} and root.i not in quoted:
                    subjects.append((self.sentence_of[token.i], mention.entity_id))
                continue
            if token.lower_ not in _PERSON_PRONOUNS or token.pos_ != "PRON" or not last_person:
                continue
            person = last_person
            if token.lower_ in _SUBJECT_PREFERRING and subjects and \
                    subjects[-1][0] >= self.sentence_of[token.i] - 1:
                person = subjects[-1][1]
            entity = self.res.entities[person]
            head = token.head
            if token.dep_ == "poss" and token.lower_ in {"his", "her"} and \
                    head.lemma_.lower() in _STATE_NOUNS | _GOV_NOUNS:
                state = self.gaz.get(self.gaz.state_by_code(entity.country) or "")
                if state is not None and head.i not in self.res.by_token:
                    draft = self._entity_from_entry(state)
                    self._add(token.i, head.i + 1, draft, "anaphor", sector="GOV")
                continue  # "his country" is never the person himself
            self._add(token.i, token.i + 1, entity, "pronoun")

    def _quoted(self) -> set[int]:
        """Token indices inside double quotation marks (quotes do not span paragraphs)."""
        inside: set[int] = set()
        open_quote = False
        for token in self.doc:
            if token.text in {'"', "“", "”", "``", "''"}:
                open_quote = token.text != "”" and (token.text == "“" or not open_quote)
                continue
            if "\n\n" in token.text_with_ws:
                open_quote = False
            if open_quote:
                inside.add(token.i)
        return inside


@dataclass
class _Title:
    """What a person's title says: the state or body held for, sector, title word, and whether
    it is the head office (a leader_of role)."""

    state: GazEntry | None
    sector: str | None
    word: str | None
    leads: bool


def _plural_people(token: Token) -> bool:
    """A plural proper noun for a people ("Kurds", "Serbs")."""
    return token.tag_ in {"NNPS", "NNS"} or (token.pos_ == "PROPN" and token.lower_.endswith("s"))


def _stance_or_origin(token: Token, after: bool = False) -> bool:
    """Whether a state word is a stance or an origin, not an affiliation: "pro-Russian",
    "anti-Israeli", "Russia-backed", "Iranian-born" (``after``: look only at what follows)."""
    doc = token.doc
    lower = token.lower_
    if "-" in lower:
        head, _, rest = lower.partition("-")
        if head in _STANCE_PREFIXES or rest in _NOT_AFFILIATION:
            return True
    if not after:
        if token.i >= 1 and doc[token.i - 1].lower_ in _STANCE_PREFIXES:
            return True
        if token.i >= 2 and doc[token.i - 1].text == "-" and \
                doc[token.i - 2].lower_ in _STANCE_PREFIXES:
            return True
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and \
        doc[token.i + 2].lower_ in _NOT_AFFILIATION


# Verbs whose object is a place even when it is a capital: "the Taliban seized Kabul".
_PLACE_VERBS = frozenset({
    "seize", "capture", "occupy", "take", "retake", "besiege", "shell", "bomb", "attack",
    "strike", "storm", "enter", "surround", "encircle", "liberate", "hit", "pound", "bombard",
    "blockade", "reach", "visit", "tour", "leave", "flee", "evacuate", "control", "recapture",
})


_COUNTED_HEADS = {
    "leader": "PERSON", "president": "PERSON", "minister": "PERSON", "men": "PERSON",
    "country": "COUNTRY", "nation": "COUNTRY", "state": "COUNTRY", "side": "COUNTRY",
    "government": "COUNTRY", "neighbor": "COUNTRY", "neighbour": "COUNTRY",
}
# Media nouns that name people (actors, as targets of arrests); other MED nouns name outlets.
_MEDIA_PEOPLE = frozenset({"journalist", "reporter", "correspondent", "editor", "blogger",
                           "photographer", "photojournalist", "columnist", "cameraman",
                           "newsman", "anchor", "commentator"})
# Heads of a definite phrase that names a state already named ("the Gulf kingdom").
_STATE_NOUNS = frozenset({"nation", "country", "kingdom", "republic", "emirate", "sultanate",
                          "principality", "monarchy"})
# Heads of a definite phrase that names a state's government ("the foreign ministry said").
# ("the regime" and "the junta" are left out: news uses them for other states' rulers.)
_GOV_NOUNS = frozenset({"ministry", "government", "cabinet", "administration", "presidency"})
# Forms of state a gazetteer name may carry ("Kingdom of Spain", "Republic of Kenya"); a
# monarchy word never names a state that is not one.
_STATE_FORMS = frozenset({"kingdom", "republic", "emirate", "sultanate", "principality"})
_MONARCHIES = frozenset({"kingdom", "emirate", "sultanate", "principality"})
# "South American", "North African": a region word, not the demonym of a state.
_COMPASS = frozenset({"south", "north", "east", "west", "central", "latin", "southeast",
                      "northeast", "southwest", "northwest"})
_COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4}


def _acts(span: Span) -> bool:
    """Whether a place name stands where an actor stands: subject, object, possessor, agent."""
    root = span.root
    if root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_.lower() in _PLACE_VERBS:
        return False
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
