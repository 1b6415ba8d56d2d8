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

Layout: ``records`` (what is produced), ``resolver`` (the state the passes share), ``holders``
(which state a modifier names), one module per pass (``named``, ``nominals``, ``anaphors``,
``counted``, ``pronouns``), ``titles`` (person titles and offices), ``vocab`` (rule words).
Title, office and sector words are gazetteer data (``Gazetteer.title_words``, ``sector_name``,
``organ_sectors``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from graphsvc.gazetteer import Gazetteer
from graphsvc.nlp.resolve.anaphors import (
    definite_anaphors,
    government_anaphors,
    office_anaphors,
    state_anaphors,
)
from graphsvc.nlp.resolve.appositions import appositive_affiliations, titled_strangers
from graphsvc.nlp.resolve.counted import counted_anaphors
from graphsvc.nlp.resolve.named import named_entities
from graphsvc.nlp.resolve.nominals import nominals_and_titles
from graphsvc.nlp.resolve.pronouns import pronouns
from graphsvc.nlp.resolve.records import ActorMention, Resolution, slugify
from graphsvc.nlp.resolve.resolver import Resolver

__all__ = ["ActorMention", "Resolution", "resolve_actors", "slugify"]


def resolve_actors(doc: Doc, gazetteer: Gazetteer, published: str | None) -> Resolution:
    """Resolve every actor mention of a parsed document (see the module docstring).

    The order matters: named entities first (everything else hangs on them); state anaphors
    before nominals so "the country's army" finds its state; nominals and titles before the
    government anaphors, which take their antecedents from government nominals and officials;
    appositions after nominals, as a person's body is often one ("X, a member of the Iraqi
    parliament");
    sector anaphors after every nominal they may refer back to; counted anaphors count the
    people and states every earlier pass found; pronouns last, as their antecedents include
    people found by title ("the Chinese president … he").
    """
    r = Resolver(doc, gazetteer, published)
    named_entities(r)
    state_anaphors(r)
    nominals_and_titles(r)
    appositive_affiliations(r)
    government_anaphors(r)
    titled_strangers(r)
    office_anaphors(r)
    definite_anaphors(r)
    counted_anaphors(r)
    pronouns(r)
    return r.res
