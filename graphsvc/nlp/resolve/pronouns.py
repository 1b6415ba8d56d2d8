"""Personal pronouns: he / she / his / her after a person (the last clause subject first);
"his country", "her government" are that person's state."""

from __future__ import annotations

from graphsvc.nlp.resolve.resolver import Resolver
from graphsvc.nlp.resolve.vocab import GOV_NOUNS, PERSON_PRONOUNS, STATE_NOUNS, SUBJECT_PREFERRING


def pronouns(r: Resolver) -> None:
    """He / she / his / her → a person named before it (no cataphora): the last person who
    was a clause subject outside quotes in this or the previous sentence, else the last
    person named outside quotes. "his country", "her government" are that person's state."""
    persons = {m.start: m for m in r.res.mentions
               if r.res.entities[m.entity_id].type == "PERSON"}
    last_person: str | None = None
    subjects: list[tuple[int, str]] = []  # (sentence, person) of subject mentions
    quoted = _quoted(r)
    for token in r.doc:
        mention = persons.get(token.i)
        if mention is not None:
            root = r.doc[mention.start:mention.end].root
            if root.i not in quoted:  # a name inside a quote is rarely the narrator's "he"
                last_person = mention.entity_id
            if root.dep_ in {"nsubj", "nsubjpass"} and root.i not in quoted:
                subjects.append((r.sentence_of[token.i], mention.entity_id))
            continue
        if token.lower_ not in PERSON_PRONOUNS or token.pos_ != "PRON" or not last_person:
            continue
        person = last_person
        if token.lower_ in SUBJECT_PREFERRING and subjects and \
                subjects[-1][0] >= r.sentence_of[token.i] - 1:
            person = subjects[-1][1]
        entity = r.res.entities[person]
        head = token.head
        if token.dep_ == "poss" and token.lower_ in {"his", "her"} and \
                head.lemma_.lower() in STATE_NOUNS | GOV_NOUNS:
            state = r.gaz.get(r.gaz.state_by_code(entity.country) or "")
            if state is not None and head.i not in r.res.by_token:
                draft = r.entity_from_entry(state)
                r.add(token.i, head.i + 1, draft, "anaphor", sector="GOV")
            continue  # "his country" is never the person himself
        r.add(token.i, token.i + 1, entity, "pronoun")


def _quoted(r: Resolver) -> set[int]:
    """Token indices inside double quotation marks (quotes do not span paragraphs)."""
    inside: set[int] = set()
    open_quote = False
    for token in r.doc:
        if token.text in {'"', "“", "”", "``", "''"}:
            open_quote = token.text != "”" and (token.text == "“" or not open_quote)
            continue
        if "\n\n" in token.text_with_ws:
            open_quote = False
        if open_quote:
            inside.add(token.i)
    return inside
