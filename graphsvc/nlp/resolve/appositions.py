"""Affiliations an apposition gives a person the gazetteer lacks: "Ana Ruiz, a member of the
Chilean senate" is Chile's legislature; "Tom Eke, the African Union's envoy" is the AU."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphsvc.nlp.resolve.records import ActorMention
from graphsvc.nlp.resolve.resolver import Resolver
from graphsvc.records import Role

# Prepositions that tie an apposition's head to the body it serves ("a spokesman for the
# ministry", "a member of parliament", "an adviser to the president").
_AFFILIATION_PREPS = frozenset({"of", "for", "at", "to", "with"})
# Mention kinds that name a body with a state: a nominal ("the Hungarian parliament") or an
# office holder's state is not enough (a person is not an affiliation).
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
