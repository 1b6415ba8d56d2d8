"""What the event rules of one sentence share, and the token helpers every rule uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from graphsvc import ontology
from graphsvc.gazetteer import Gazetteer
from graphsvc.nlp import triggers as T
from graphsvc.nlp import vocab as V
from graphsvc.nlp.events.coref import PartialEvent
from graphsvc.nlp.resolve import Resolution

# Dependency labels of subjects; the parse grammar, not vocabulary.
SUBJ = frozenset({"nsubj", "csubj"})
PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})


@dataclass
class SentenceContext:
    """One sentence under reading, with the document-wide inputs and what the rules collect."""

    sent: Span
    res: Resolution
    published: str | None
    gazetteer: Gazetteer
    symmetric: frozenset[str]
    # DATE/TIME entities of this sentence, found once per document: ``Span.ents`` scans the
    # whole document's entities each time it is asked.
    date_ents: list[Span]
    # The year the paragraph's previous sentence set; a past-tense event told without a
    # date of its own continues that narrative ("Tensions spiked in 2022 … China staged").
    narrative_year: str | None = None
    partial: list[PartialEvent] = field(default_factory=list)
    # Acts read with their agent but no target ("North Korea fired shells near the
    # border"): not events, but what "condemned the firing" refers to.
    acts: list[tuple[str, str]] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)  # event nouns read as light-verb objects
    lede: bool = False  # the document's first sentence with a verb

    @property
    def doc(self) -> Doc:
        return self.sent.doc


def is_passive(verb: Token) -> bool:
    """A passive clause, or a passive participle on a noun with its agent ("a town seized by
    X"); without the agent a participle may be a misparsed finite verb, so it is not trusted."""
    return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children))


def cameo_root(label: str) -> int:
    return ontology.label_root(label)


def lemma_of(token: Token) -> str:
    """The lemma, repaired where the small model's lemmatizer mangles a verb ("staged" → "stag")."""
    return repaired_lemma(token, lambda word: word in T.VERBS or word in T.LIGHT_VERBS)


def repaired_lemma(token: Token, known: Callable[[str], bool]) -> str:
    """A verb's lemma, or the form its inflection gives when the lemmatizer made a word that
    ``known`` does not know of it ("hopes" lemmatized as "hop")."""
    lemma = token.lemma_.lower()
    if known(lemma) or token.tag_ not in {"VBD", "VBN", "VBZ", "VBG"}:
        return lemma
    text = token.lower_
    for suffix, repl in V.LEMMA_REPAIRS:
        if text.endswith(suffix):
            candidate = text[: -len(suffix)] + repl
            if known(candidate):
                return candidate
    return lemma


def definite(noun: Token) -> bool:
    """ "the invasion", "February's invasion", "this visit" — not "an invasion"."""
    for child in noun.children:
        if child.dep_ == "det":
            return child.lower_ in V.DEFINITE_DETERMINERS
        if child.dep_ == "poss":
            return True
    return False
