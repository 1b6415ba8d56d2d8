"""PETRARCH2's CAMEO verb dictionary, matched against spaCy's dependency parse.

The table ``graphsvc/data/cameo_verbs.json`` is compiled by ``scripts/build_cameo_dict`` from
PETRARCH2's ``CAMEO.2.0.txt`` (MIT, © Open Event Data Alliance; ``PETRARCH2-LICENSE.txt``).
A verb maps to a synonym block; a block has a default code and phrase patterns such as
``* DIPLOMAT [161]`` (object head), ``* {FINANCIAL AID} [071]`` (object with modifiers),
``* (FROM OFFICE) [160]`` (prepositional phrase), ``* OFF TALK [164]`` (particle + object),
``&MILITARY * [154]`` (a word before the verb). Patterns are read against the parse, never the
raw text:

* the verb is ``token.lemma_``, joined with a particle / preposition child for multiword verbs
  ("kicked out" -> "kick out", "asked for" -> "ask for");
* the object is the ``dobj`` (else ``nsubjpass``, ``attr``, ``dative``, ``oprd``, ``acomp``,
  ``advmod``), its modifiers are its left children (``amod``, ``compound`` …);
* prepositional phrases are ``prep`` / ``agent`` / ``dative`` children (of the verb or of the
  object) and their ``pobj``.

The most specific pattern wins (most matched parts; ties: first in the file). Without a pattern
the verb's own code, else the block's default, applies, unless the verb is in ``DENY_DEFAULT``.
A verb with its own code ignores its block's subject-only patterns (``&MILITARY * [192]``).
A ``[---]`` code means "explicitly no event" and gives ``None``.

``label_for_code`` maps a CAMEO code to graphsvc's event label (``graphsvc.ontology``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from spacy.tokens import Token

from graphsvc import ontology

__all__ = [
    "DENY_DEFAULT",
    "LABEL_PREFERENCE",
    "NO_EVENT",
    "PATTERN_VERBS",
    "UNMAPPED_CODES",
    "CameoMatch",
    "NounSpec",
    "Pattern",
    "VerbDictionary",
    "label_for_code",
    "load_verb_dictionary",
]

NO_EVENT = "---"

# Verbs whose block default must not fire without a pattern match: in news prose they head
# most sentences, and the bare verb says nothing about an event between the actors.
DENY_DEFAULT: MappingProxyType[str, str] = MappingProxyType(
    {
        # reporting verbs, block EXPLAIN_VERBAL / OBSERVE 010: every quote would be an event
        "say": "010 on every quote ('the spokesman said'); 144 of 867 subject verbs measured",
        "tell": "010 on 'told reporters'",
        "announce": "010 on 'announced Thursday that …'; patterns keep 'announce sanctions' etc.",
        "state": "010 on 'stating: …'",
        "describe": "010 on 'described it as'",
        "note": "010 on 'noted that'",
        "see": "OBSERVE 010 on 'saw a rise': perception, not a statement",
        # light / generic verbs whose block default names a specific event
        "take": "APPREHEND 171 on 'take part', 'take place', 'take steps'",
        "give": "GRANT 060 on 'give a speech', 'give details'",
        "issue": "GRANT 060 on 'issued a declaration/statement/warning'",
        "go": "GO_SOMEWHERE 040 on 'go ahead', 'prices went up'",
        "leave": "GO_SOMEWHERE 040 on 'left office', 'left the door open'",
        "face": "MEET_PEOPLE 040 on 'faces criticism/charges'",
        "join": "ASSEMBLE 040 on 'joined NATO', 'joined the company'",
        "want": "DEMAND 030 on 'we want to be clear'",
        "lead": "OVERSEE_MANAGE 060 on 'led the delegation', 'led to'",
        "pay": "FINANCE 061 on 'pay tribute/attention'",
        "push": "DEMAND 100 on 'pushed prices up'",
        "call": "CALL 041 on 'called it a mistake'; 'call for/on' are patterns",
        "apply": "appeal 020 on 'applying double standards', 'applied the rules'",
        "die": "PHYSICAL_CONFLICT 190 on 'the poet died on Sunday'",
        "struggle": "190 on 'struggling economy'",
        "mean": "030 on 'the pause is meant to run two days'",
        "consider": "040 on 'an isle Ruritania considers its own'",
        "rule": "060 on 'ruling party', 'the court ruled'",
        "need": "DEMAND 100 on 'said the panel needed another week'",
        "train": "030 on 'has trained hackers'",
        "claim": "110 on 'claims to be building drones'; 'claim responsibility' is a pattern",
        "swear": "110 on 'swore to keep resisting', 'was sworn in'",
        "admit": "050 on 'admitted it ran a lab'",
        "rag": "140: spaCy lemmatises 'raged' ('battles raged') to 'rag'",
        "remove": "DEPORT 174 on 'removed the tariff/post'",
        "release": "RELEASE 084 on 'released a statement/report/figures'; prisoners are patterns",
        # OVERSEE_MANAGE 060: holding or running something is a standing state, not cooperation
        "control": "060 on 'the faction that controls the capital'",
        "govern": "060 on 'the party that governs the province'",
        "manage": "060 on 'managed to escape', 'manages the fund'",
        "handle": "060 on 'handled the case'",
        "head": "060 on 'heads the ministry'; 'head for/to' are patterns",
        "command": "060 on 'commands the brigade'",
        "administer": "060 on 'administers the territory'",
        "regulate": "060 on 'regulates the market'",
        "direct": "060 on 'directed the film', 'directed at'",
    }
)

# Patterns a synonym block shares but that only its head verb means: OVERSEE_MANAGE's movement
# patterns are "head for / head to / head back"; "controls X for its support" is no visit.
PATTERN_VERBS: MappingProxyType[str, frozenset[str]] = MappingProxyType(
    {
        "* (FOR) [042:043]": frozenset({"head"}),
        "* (TO) [042:043]": frozenset({"head"}),
        "* BACK [040]": frozenset({"head"}),
        "* BACK TO [042:043]": frozenset({"head"}),
    }
)

# Several graphsvc labels share a CAMEO code; some CAMEO roots have no label of their own.
LABEL_PREFERENCE: MappingProxyType[str, str] = MappingProxyType(
    {
        # shared codes: the label the dictionary's generic sense means
        "111": "criticized",
        "190": "attacked",
        "192": "occupied",
        "051": "supported",
        "130": "threatened",
        "163": "sanctioned",
        "061": "cooperated_economically",
        # roots without a label: the nearest label of the family
        "060": "cooperated_economically",  # 06x material cooperation; 062/064 have own labels
        "110": "criticized",  # 11x disapprove: complain, accuse (112 has its own)
        "180": "assaulted",  # 18x unconventional violence: 181/182/183/186 have own labels
        "200": "massacred",  # 20x mass violence: 202/203/204 have own labels
        "201": "deported",  # mass expulsion is closer to deportation than to massacre
    }
)

# CAMEO codes deliberately left without a label. Every code 01x-20x reaches a label through the
# parent chain (root "X0" is present for each root, some via LABEL_PREFERENCE), so only the
# "no event" code is here.
UNMAPPED_CODES = frozenset({NO_EVENT})

_OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "dative", "oprd", "acomp", "advmod", "npadvmod")
_PREP_DEPS = frozenset({"prep", "agent", "dative", "prt", "advmod"})
_PARTICLES = frozenset({"out", "off", "up", "down", "away", "aside", "back", "over"})
_MULTIWORD_DEPS = frozenset({"prt", "prep", "acomp", "advmod", "dobj", "compound", "agent"})


@dataclass(frozen=True)
class NounSpec:
    """A pattern noun: head word or ``&synset`` plus the words that must precede it."""

    head: str
    mods: tuple[str, ...] = ()

    @classmethod
    def of(cls, raw: dict[str, Any] | None) -> NounSpec | None:
        return None if raw is None else cls(raw["head"], tuple(raw.get("mods", ())))


def _nouns(raw: Iterable[dict[str, Any]]) -> tuple[NounSpec, ...]:
    return tuple(NounSpec(n["head"], tuple(n.get("mods", ()))) for n in raw)


@dataclass(frozen=True)
class Pattern:
    """One compiled dictionary pattern."""

    text: str
    code: str | None
    rev: str | None
    obj: NounSpec | None = None
    extra: tuple[NounSpec, ...] = ()
    parts: tuple[str, ...] = ()
    preps: tuple[tuple[str, NounSpec | None], ...] = ()
    pre: tuple[NounSpec, ...] = ()

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Pattern:
        preps = tuple((p["prep"], NounSpec.of(p.get("noun"))) for p in raw.get("preps", ()))
        return cls(
            text=raw["text"],
            code=raw["code"],
            rev=raw["rev"],
            obj=NounSpec.of(raw.get("obj")),
            extra=_nouns(raw.get("extra", ())),
            parts=tuple(raw.get("parts", ())),
            preps=preps,
            pre=_nouns(raw.get("pre", ())),
        )


@dataclass(frozen=True)
class CameoMatch:
    """A coded verb. ``code`` is source->target, ``reverse_code`` target->source (``[:190]``
    has only the latter); ``pattern`` is None when the verb/block default applied."""

    code: str | None
    reverse_code: str | None
    pattern: str | None
    obj: Token | None
    prep: Token | None


@dataclass(frozen=True)
class _Block:
    name: str
    code: str
    patterns: tuple[Pattern, ...]


@dataclass
class _Hit:
    score: int
    obj: Token | None = None
    prep: Token | None = None


def _forms(tok: Token) -> set[str]:
    return {tok.lower_, tok.lemma_.lower()}


def _left_words(tok: Token) -> set[str]:
    return {w for c in tok.children if c.i < tok.i for w in _forms(c)}


class VerbDictionary:
    """The compiled verb dictionary; ``match`` codes one verb token of a parsed sentence."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.verbs: dict[str, tuple[int, str | None]] = {
            k: (v[0], v[1]) for k, v in raw["verbs"].items()
        }
        self.forms: dict[str, str] = dict(raw["forms"])
        # synset -> last word -> the words that must precede it (multiword members)
        self.synsets: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for name, phrases in raw["synsets"].items():
            index: dict[str, list[tuple[str, ...]]] = {}
            for phrase in phrases:
                words = phrase.split()
                index.setdefault(words[-1], []).append(tuple(words[:-1]))
            self.synsets[name] = index
        self.blocks = tuple(
            _Block(b["name"], b["code"], tuple(Pattern.of(p) for p in b["patterns"]))
            for b in raw["blocks"]
        )
        # per pattern, words one of which must occur under the verb: a cheap pre-filter
        self._anchors = [tuple(self._anchor(p) for p in b.patterns) for b in self.blocks]

    def _anchor(self, pattern: Pattern) -> frozenset[str]:
        """Words of one required part (any part would do: each must occur in the subtree)."""
        first = pattern.obj or (pattern.extra or pattern.pre or (None,))[0]
        if pattern.preps:
            return frozenset({pattern.preps[0][0]})
        if pattern.parts:
            return frozenset(pattern.parts[:1])
        if first is None:
            return frozenset()
        return frozenset(self.synsets.get(first.head, {first.head: []}))

    # -- words --------------------------------------------------------------------------------

    def word_matches(self, spec: str, tok: Token) -> bool:
        """A pattern word (or ``&synset``) against a token (its text or lemma)."""
        forms = _forms(tok)
        if not spec.startswith("&"):
            return spec in forms
        index = self.synsets.get(spec, {})
        left = _left_words(tok)
        return any(set(prefix) <= left for f in forms for prefix in index.get(f, ()))

    def noun_matches(self, spec: NounSpec, tok: Token) -> bool:
        if not self.word_matches(spec.head, tok):
            return False
        mods = [c for c in tok.children if c.i < tok.i]
        return all(any(self.word_matches(m, c) for c in mods) for m in spec.mods)

    # -- the verb -----------------------------------------------------------------------------

    def verb_key(self, verb: Token) -> str | None:
        """The dictionary entry of a verb token: multiword ("kick out") first, then the lemma."""
        bases = [verb.lemma_.lower(), verb.lower_]
        if verb.lower_ in self.forms:
            bases.append(self.forms[verb.lower_])
        for base in bases:
            for child in verb.children:
                # a particle anywhere ("kicked the envoy out"), other words only next to the verb
                if child.dep_ != "prt" and (
                    child.dep_ not in _MULTIWORD_DEPS or abs(child.i - verb.i) != 1
                ):
                    continue
                key = f"{base} {child.lower_}" if child.i > verb.i else f"{child.lower_} {base}"
                if key in self.verbs:
                    return key
        return next((b for b in bases if b in self.verbs), None)

    def match(self, verb: Token) -> CameoMatch | None:
        """Code a verb token from its parse; None when it is not coded or explicitly no event."""
        key = self.verb_key(verb)
        if key is None:
            return None
        block_id, own_code = self.verbs[key]
        block = self.blocks[block_id]
        best: tuple[_Hit, Pattern] | None = None
        near = {w for t in verb.subtree for w in _forms(t)}
        for pattern, anchor in zip(block.patterns, self._anchors[block_id], strict=True):
            if not anchor & near or (own_code and _subject_only(pattern)):
                continue
            if key not in PATTERN_VERBS.get(pattern.text, frozenset({key})):
                continue
            hit = self._try(pattern, verb)
            if hit is not None and (best is None or hit.score > best[0].score):
                best = (hit, pattern)
        if best is not None:
            hit, pattern = best
            return _result(pattern.code, pattern.rev, pattern.text, hit.obj, hit.prep)
        if key in DENY_DEFAULT:  # "take" is denied, "take over" keeps its default
            return None
        return _result(*_split(own_code or block.code), None, None, None)

    def match_noun_object(self, verb_lemma: str, noun_lemma: str) -> CameoMatch | None:
        """Code "verb + object noun" without a parse: only object-only patterns are tried."""
        entry = self.verbs.get(verb_lemma.lower())
        if entry is None:
            return None
        block = self.blocks[entry[0]]
        noun = noun_lemma.lower()
        for p in block.patterns:
            if p.obj and not (p.obj.mods or p.extra or p.parts or p.preps or p.pre):
                head = p.obj.head
                if head == noun or () in self.synsets.get(head, {}).get(noun, ()):
                    return _result(p.code, p.rev, p.text, None, None)
        if verb_lemma.lower() in DENY_DEFAULT:
            return None
        return _result(*_split(entry[1] or block.code), None, None, None)

    # -- patterns -----------------------------------------------------------------------------

    def _try(self, pattern: Pattern, verb: Token) -> _Hit | None:
        hit = _Hit(0)
        if pattern.obj is not None:
            hit.obj = next((o for o in _objects(verb) if self.noun_matches(pattern.obj, o)), None)
            if hit.obj is None:
                return None
            hit.score += 1 + len(pattern.obj.mods)
        children = {c.lower_ for c in verb.children}
        if not all(p in children for p in pattern.parts):
            return None
        hit.score += len(pattern.parts)
        for prep, noun in pattern.preps:
            found = self._prep(verb, prep, noun)
            if found is None:
                return None
            hit.prep = hit.prep or found
            hit.score += 1 if noun is None else 2 + len(noun.mods)
        if not self._all_in(pattern.extra, [t for t in verb.subtree if t is not verb]):
            return None
        if not self._all_in(pattern.pre, _before(verb)):
            return None
        hit.score += len(pattern.extra) + len(pattern.pre)
        return hit if hit.score else None

    def _all_in(self, specs: Iterable[NounSpec], tokens: list[Token]) -> bool:
        return all(any(self.noun_matches(s, t) for t in tokens) for s in specs)

    def _prep(self, verb: Token, prep: str, noun: NounSpec | None) -> Token | None:
        for tok in _preps(verb):
            if tok.lower_ != prep:
                continue
            if noun is None or any(self.noun_matches(noun, o) for o in _prep_objects(tok, verb)):
                return tok
        return None


def _result(
    code: str | None, rev: str | None, text: str | None, obj: Token | None, prep: Token | None
) -> CameoMatch | None:
    if code == NO_EVENT or (code is None and rev in (None, NO_EVENT)):
        return None
    return CameoMatch(code, None if rev == NO_EVENT else rev, text, obj, prep)


def _subject_only(pattern: Pattern) -> bool:
    """A pattern naming only words before the verb ("&MILITARY * [192]"). Such patterns were
    written for a block's head verb; a verb with its own code ("ARREST [173]" in the APPREHEND
    block) keeps that code rather than take "soldiers arrested …" as an occupation."""
    after_verb = pattern.obj or pattern.preps or pattern.parts or pattern.extra
    return bool(pattern.pre) and not after_verb


def _split(code: str) -> tuple[str | None, str | None]:
    """A verb's or block's own code, "042:043" -> ("042", "043")."""
    fwd, _, rev = code.partition(":")
    return fwd or None, rev or None


def _objects(verb: Token) -> list[Token]:
    """Object candidates in preference order, each followed by its conjuncts."""
    kids = list(verb.children)
    out: list[Token] = []
    for dep in _OBJECT_DEPS:
        for tok in kids:
            if tok.dep_ == dep:
                out.append(tok)
                out.extend(c for c in tok.children if c.dep_ == "conj")
    # "broke off relations" parsed as prep "off" + pobj: the pobj is the object
    for tok in kids:
        if tok.dep_ == "prep" and tok.lower_ in _PARTICLES:
            out.extend(c for c in tok.children if c.dep_ == "pobj")
    return out


def _preps(verb: Token) -> Iterator[Token]:
    """Prepositions of the verb, then of its direct object ("sanctions on Russia")."""
    yield from (c for c in verb.children if c.dep_ in _PREP_DEPS)
    for obj in verb.children:
        if obj.dep_ in ("dobj", "nsubjpass"):
            yield from (c for c in obj.children if c.dep_ == "prep")


def _prep_objects(prep: Token, verb: Token) -> list[Token]:
    pobj = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if pobj or prep.dep_ not in ("prt", "advmod"):
        return pobj
    # a particle read as a preposition: "set aside the rift" ~ (ASIDE RIFT)
    return [c for c in verb.children if c.dep_ == "dobj"]


def _before(verb: Token) -> list[Token]:
    """Words before the verb that a pre-verb pattern part may name: its left children and their
    left children (the subject head and its modifiers, auxiliaries, negation)."""
    left = [c for c in verb.children if c.i < verb.i]
    return left + [g for c in left for g in c.children if g.i < c.i]


@lru_cache(maxsize=1)
def load_verb_dictionary() -> VerbDictionary:
    """The shipped dictionary, loaded once."""
    text = resources.files("graphsvc").joinpath("data/cameo_verbs.json").read_text("utf-8")
    return VerbDictionary(json.loads(text))


def label_for_code(code: str | None) -> str | None:
    """graphsvc's event label for a CAMEO code: the code itself, else its parents (4 -> 3 digits
    -> root + "0"); LABEL_PREFERENCE decides shared codes and label-less roots."""
    if not code or code in UNMAPPED_CODES or not code.isdigit() or len(code) < 2:
        return None
    candidates = [code, code[:3], code[:2] + "0"]
    for cand in dict.fromkeys(candidates):
        if cand in LABEL_PREFERENCE:
            return LABEL_PREFERENCE[cand]
        row = _by_code().get(cand)
        if row is not None:
            return row
    return None


@lru_cache(maxsize=1)
def _by_code() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in ontology.event_types():
        if row.cameo is not None:
            out.setdefault(row.cameo, row.label)
    return out
