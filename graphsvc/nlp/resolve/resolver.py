"""The state the resolution passes share: the document, the gazetteer, the growing
``Resolution`` and the indexes over it, and the helpers that add entities and mentions."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from graphsvc.gazetteer import GazEntry, Gazetteer
from graphsvc.nlp.resolve.records import ActorMention, EntityDraft, Resolution, strip_article
from graphsvc.nlp.resolve.vocab import STATE_SECTORS


class Resolver:
    """One document's resolution in progress; the pass modules read and extend it."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, published: str | None) -> None:
        self.doc = doc
        self.gaz = gazetteer
        self.published = published
        self.titles = gazetteer.title_words()
        self.organs = gazetteer.organ_sectors()
        self.res = Resolution()
        self.persons_by_part: dict[str, str] = {}
        # Unknown people whose title is a head office, with no state: their state
        # may come from the sentence (``appositions.titled_strangers``).
        self.office_strangers: set[str] = set()
        self.by_start: list[ActorMention] = []  # see index
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
    def entity_from_entry(self, entry: GazEntry) -> EntityDraft:
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
            draft = EntityDraft(
                id=entry.id, name=entry.name, type=entry.type, country=country, sector=sector,
                roles=list(entry.roles),
            )
            self.res.entities[entry.id] = draft
            if entry.part_of:
                self.res.part_of[entry.id] = entry.part_of
        return draft

    def state(self, entry: GazEntry) -> GazEntry:
        """The state an entry acts for (itself for a state)."""
        target = entry.metonym_for or entry.capital_of
        if target:
            state = self.gaz.get(target)
            if state is not None:
                return state
        return entry

    def sub_actor(self, holder: GazEntry, sector: str) -> EntityDraft:
        """The ``sector`` of a state, body or region: "Chinese troops" → ``Q148-mil``, part of
        China. A region's sub-actor has the region's country under the territory policy."""
        entity_id = f"{holder.id}-{sector.lower()}"
        draft = self.res.entities.get(entity_id)
        if draft is None:
            name = f"{holder.name} {self.gaz.sector_name(sector) or sector.lower()}"
            draft = EntityDraft(entity_id, name, "GROUP" if sector in {"REB", "OPP", "CVL"}
                                else "ORG", holder.country, sector)
            self.res.entities[entity_id] = draft
            self.entity_from_entry(holder)
            self.res.part_of[entity_id] = holder.id
        return draft

    def actor_of(self, holder: GazEntry, sector: str) -> EntityDraft:
        """A state's (or a region's) government is the state (or region); every other (holder,
        sector) is a sub-actor."""
        if sector in STATE_SECTORS and holder.type in {"COUNTRY", "IGO", "REGION"}:
            return self.entity_from_entry(holder)
        return self.sub_actor(holder, sector)

    # ----------------------------------------------------------------- mentions
    def add(self, start: int, end: int, draft: EntityDraft, kind: str,
            participant: EntityDraft | None = None, sector: str | None = None) -> ActorMention:
        surface = self.doc[start:end].text
        mention = ActorMention(start, end, draft.id, kind, (participant or draft).id, sector)
        if self.in_media.intersection(range(start, end)):
            return mention  # a source, not an actor: never registered
        if kind in {"named", "metonym", "partial"}:
            draft.aliases.add(strip_article(surface))
        self.res.mentions.append(mention)
        for i in range(start, end):
            self.res.by_token.setdefault(i, []).append(mention)
        return mention

    def drop(self, mention: ActorMention) -> None:
        self.res.mentions.remove(mention)
        for i in range(mention.start, mention.end):
            self.res.by_token[i].remove(mention)
            if not self.res.by_token[i]:
                del self.res.by_token[i]

    # ----------------------------------------------------------------- window index
    def index(self) -> None:
        """Mentions by start for ``window`` (kept sorted as ``place`` adds anaphors)."""
        self.by_start = sorted(self.res.mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.by_start]

    def window(self, token: Token) -> list[ActorMention]:
        """Mentions before ``token`` in its sentence and the two before it, nearest first."""
        first = self.sentences[max(0, self.sentence_of[token.i] - 2)].start
        window = self.by_start[bisect.bisect_left(self.starts, first):
                               bisect.bisect_left(self.starts, token.i)]
        return [m for m in reversed(window) if m.kind != "unlisted"]

    def place(self, start: int, token: Token, state_id: str, sector: str | None) -> None:
        """Add an anaphor for ``state_id`` at ``start:token`` and keep the index sorted."""
        for mention in list(self.res.by_token.get(token.i, [])):
            self.drop(mention)  # an unlisted "Foreign Ministry" guess gives way
        added = self.add(start, token.i + 1, self.res.entities[state_id], "anaphor",
                         sector=sector)
        if self.in_media.intersection(range(added.start, added.end)):
            return
        k = bisect.bisect_right(self.starts, added.start)
        self.starts.insert(k, added.start)
        self.by_start.insert(k, added)
