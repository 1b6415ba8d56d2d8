"""Affiliations of people the gazetteer lacks: what an apposition names ("Ana Ruiz, a member of
the Chilean senate" is Chile's legislature; "Tom Eke, the African Union's envoy" is the AU), and
for a stranger with a head-office title ("President Ana Ruiz"), the only state the sentence
names."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphsvc.nlp.resolve.anaphors import only_state
from graphsvc.nlp.resolve.records import ActorMention
from graphsvc.nlp.resolve.resolver import Resolver
from graphsvc.records import Role

# Prepositions that tie an apposition's head to the body it serves ("a spokesman for the
# ministry", "a member of parliament", "an adviser to the president").
_AFFILIATION_PREPS = frozenset({"of", "for", "at", "to", "with"})
# Mention kinds that can name a body: a nominal ("the Hungarian parliament") or a name; a title
# names a person, and a person is no affiliation.
_BODY_KINDS = frozenset({"nominal", "named"})


def appositive_affiliations(r: Resolver) -> None:
    """Give each unplaced person the state and sector of the body its apposition names."""
    for mention in list(r.res.mentions):
        draft = r.res.entities.get(mention.entity_id)
        if mention.kind != "named" or draft is None or draft.type != "PERSON" \
                or draft.country is not None:
            continue
        root = r.doc[mention.start:mention.end].root
        body = next(_bodies(r, root), None)
        if body is None:
            continue
        owner = r.res.entities.get(body.entity_id)
        if owner is None or owner.country is None or owner.type == "PERSON":
            continue
        draft.country = owner.country
        draft.sector = body.sector or owner.sector
        if owner.type != "COUNTRY":  # a state is a nationality, a body a membership
            draft.roles.append(Role(relation="member_of", target=owner.id))


def _bodies(r: Resolver, root: Token) -> Iterator[ActorMention]:
    """Body mentions on an apposition of ``root``: on its head noun, else on the object of its
    affiliation preposition."""
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    for noun in nouns:
        yield from _body_mentions(r, noun)
        for prep in noun.rights:
            if prep.dep_ == "prep" and prep.lower_ in _AFFILIATION_PREPS:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        yield from _body_mentions(r, obj)


def _body_mentions(r: Resolver, token: Token) -> Iterator[ActorMention]:
    for mention in r.res.by_token.get(token.i, []):
        if mention.kind in _BODY_KINDS:
            yield mention


def titled_strangers(r: Resolver) -> None:
    """A person the gazetteer lacks with a head-office title and no state ("President Ana
    Ruiz", "Prime Minister Tom Eke") belongs to the only state named in the sentence and the
    two before it,
    not counting the states of the other people named there ("President X welcomed the
    Borovian leader Y" leaves X unplaced)."""
    r.index()
    for mention in list(r.res.mentions):
        draft = r.res.entities.get(mention.entity_id)
        if mention.kind != "named" or draft is None or draft.country is not None \
                or draft.id not in r.office_strangers:
            continue
        # A city is where things happen ("President X arrived in Lima"), not whose he is.
        nearby = [m for m in _sentence_and_before(r, mention) if m.entity_id != draft.id
                  and r.res.entities[m.entity_id].type != "CITY"]
        people = {r.gaz.state_by_code(r.res.entities[m.entity_id].country) for m in nearby
                  if r.res.entities[m.entity_id].type == "PERSON"}
        state = only_state(r, nearby, besides=people)
        if state is not None:
            draft.country = state.country


def _sentence_and_before(r: Resolver, mention: ActorMention) -> list[ActorMention]:
    """Mentions in the sentence of ``mention`` (either side) and the two sentences before."""
    token = r.doc[mention.start]
    sentence = r.sentences[r.sentence_of[token.i]]
    after = [m for m in r.res.mentions if token.i < m.start < sentence.end]
    return [*r.window(token), *after]
