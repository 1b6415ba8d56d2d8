"""What resolution produces: actor mentions, entity drafts and the per-document ``Resolution``,
plus the text helpers every pass shares."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token

from graphsvc.gazetteer import GazEntry
from graphsvc.records import Entity, Role


def slugify(text: str) -> str:
    """Deterministic ascii slug: "Nancy Pelosi" → "nancy-pelosi"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def strip_article(text: str) -> str:
    """A surface form as an alias: no leading "the", no trailing possessive."""
    text = text.strip()
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


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
class EntityDraft:
    """An entity while the document is being resolved (aliases and roles still grow)."""

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

    entities: dict[str, EntityDraft] = field(default_factory=dict)
    by_token: dict[int, list[ActorMention]] = field(default_factory=dict)
    mentions: list[ActorMention] = field(default_factory=list)
    part_of: dict[str, str] = field(default_factory=dict)  # sub-actor/region id → state id
    # Demonym adjectives ("the *Russian* invasion") name a state without being an actor mention
    # themselves; event nouns read their agent from here.
    demonyms: dict[int, ActorMention] = field(default_factory=dict)

    def at(self, token: Token) -> list[ActorMention]:
        return self.by_token.get(token.i, [])

    def entity(self, entity_id: str) -> EntityDraft:
        return self.entities[entity_id]

    def iter_entities(self) -> Iterable[Entity]:
        for draft in self.entities.values():
            yield draft.to_entity()

    def add_entry(self, entry: GazEntry) -> None:
        """Make a gazetteer entry an entity of the document (a fact's target, say) if it is
        not one yet."""
        if entry.id not in self.entities:
            self.entities[entry.id] = EntityDraft(entry.id, entry.name, entry.type,
                                                  entry.country, entry.sector)
