"""Events from the dependency parse: who did what to whom, with negation, modality and date.

For every sentence, triggers come from ``graphsvc.nlp.triggers`` matched on lemmas of verbs, of
light-verb objects and of event nouns. Arguments come from the parse:

- subject: ``nsubj``; in the passive, the ``by`` agent (and ``nsubjpass`` is the target);
  through ``xcomp`` (object control "forced X to", else the governing subject), ``conj``
  (shared subject), relative clauses ("which", "who") and participles;
- target: ``dobj``, ``dative``, or the object of a preposition the trigger names; an argument
  that is itself an event nominal gives its agent ("condemn the Russian invasion" → Russia);
- coordination multiplies arguments ("Donetsk, Luhansk and Kherson"), and conjoined subjects of
  a symmetric event pair up ("Xi and Putin met").

Heads with complements carry the event ("agreed to impose sanctions on X", "threatened to shell
X", "demanded that X withdraw", "X said Y must …"): the complement has not happened and is not
an event of its own. Modality follows CAMEO practice: an announced cooperative act is an
expression of intent (03), an announced hostile one a threat (13), an announced refusal a
rejection (12).

Across sentences: a definite event noun without its actors ("the invasion") refers to the one
such act the document names in full, and a past-tense sentence without date words continues the
year its paragraph set.

When the parse gives a subject or target no actor, one fallback reads the nearest actor in the
same clause, at lower confidence (the small model misparses long news sentences).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from graphsvc import ontology
from graphsvc.gazetteer import load_gazetteer
from graphsvc.nlp import triggers as T
from graphsvc.nlp.dates import event_date
from graphsvc.nlp.resolve import ActorMention, Resolution

__all__ = ["RawEvent", "find_events"]

_SUBJ = {"nsubj", "csubj"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
# "should" and "must" in news state what an actor wants done: intent, like "will".
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "should", "must", "ought"}
_HYPOTHETICAL_AUX = {"would", "could", "might", "may", "can"}
_LOCATIVE_PREPS = {"in", "at", "inside", "within", "across", "throughout"}
_TEMPORAL_PREPS = {"following", "after", "before", "during", "amid", "since"}
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "ROOT", "parataxis"}


@dataclass
class RawEvent:
    """An event before it becomes a ``Relation``: actor ids, label and its sentence."""

    source: str
    target: str
    label: str
    sentence: Span
    trigger: str
    negated: bool = False
    modality: str = "asserted"
    date: str | None = None
    confidence: float = 0.5
    location: str | None = None
    symmetric: bool = False


class _SentenceReader:
    def __init__(self, sent: Span, res: Resolution, published: str | None,
                 symmetric: frozenset[str], narrative_year: str | None = None,
                 date_ents: list[Span] | None = None) -> None:
        self.sent = sent
        # DATE/TIME entities of this sentence, found once per document: ``Span.ents`` scans the
        # whole document's entities each time it is asked.
        self.date_ents = date_ents if date_ents is not None else [
            e for e in sent.ents if e.label_ in {"DATE", "TIME"}]
        # The year the paragraph's previous sentence set; a past-tense event told without a
        # date of its own continues that narrative ("Tensions spiked in 2022 … China staged").
        self.narrative_year = narrative_year
        self.partial: list[_PartialEvent] = []
        # Acts read with their agent but no target ("North Korea fired shells near the
        # border"): not events, but what "condemned the firing" refers to.
        self.acts: list[tuple[str, str]] = []
        self.doc: Doc = sent.doc
        self.res = res
        self.published = published
        self.symmetric = symmetric
        self.consumed: set[int] = set()  # event nouns already read as light-verb objects

    # ------------------------------------------------------------ actors
    def actors(self, token: Token, depth: int = 0) -> list[ActorMention]:
        """Actor mentions a syntactic argument names, through coordination and appositions."""
        if depth > 3:
            return []
        found = list(self.res.at(token))
        if not found:
            if token.lower_ in _STATE_PRONOUNS and token.pos_ == "PRON":
                found = self.antecedent(token)
            elif token.tag_ in {"WDT", "WP"} or token.lower_ in {"which", "who", "that"}:
                clause = token.head
                if clause.dep_ == "relcl":
                    found = self.actors(clause.head, depth + 1)
            else:
                for child in token.children:
                    if child.dep_ == "appos":
                        found.extend(self.actors(child, depth + 1))
                if not found:
                    for child in token.children:
                        if child.dep_ == "poss" and token.lemma_ in _GOVERNMENT_NOUNS:
                            found.extend(self.actors(child, depth + 1))
                if not found and token.pos_ == "NOUN" and (
                        token.lemma_ in _GOVERNMENT_NOUNS or token.lemma_ in T.ORGANISATION_NOUNS
                        or _agent_sector(token.lemma_.lower())):
                    # "Taliban fighters", "Hamas militants", "Kurdish fighters", "the Biden
                    # administration"
                    for child in token.children:
                        if child.dep_ in {"compound", "poss", "amod", "nmod"} \
                                and child.i < token.i:
                            found.extend(self.res.at(child))
                if not found and token.ent_type_ in {"DATE", "TIME"}:
                    # "met with President Assad Tuesday": the name hangs on the date
                    for child in token.children:
                        if child.dep_ == "compound":
                            found.extend(self.res.at(child))
                if not found and token.lemma_.lower() in T.COLLECTIVE_NOUNS:
                    for child in token.children:
                        if child.dep_ == "prep" and child.lower_ == "of":
                            for obj in child.children:
                                if obj.dep_ == "pobj":
                                    found.extend(self.actors(obj, depth + 1))
        for child in token.children:
            # "The US, Russia, and Switzerland": the parser reads a list as an apposition.
            if child.dep_ == "appos" and found and any(c.dep_ == "cc" for c in child.children):
                for item in (child, *child.conjuncts):
                    found.extend(m for m in self.res.at(item) if m not in found)
        # The parse may hang a coordination on any word of a name ("Barack Obama and Putin"
        # with "and Putin" under "Obama"), so look at the conjuncts of every word of the mention.
        heads = {token.i: token}
        for mention in list(found):
            for i in range(mention.start, mention.end):
                heads.setdefault(i, self.doc[i])
        conjuncts = [c for word in heads.values() for c in word.conjuncts if c.i not in heads]
        for conj in conjuncts:
            if conj.i > token.i:
                for mention in self.res.at(conj):
                    if mention not in found:
                        found.append(mention)
                if not self.res.at(conj):
                    for child in conj.children:
                        if child.dep_ == "appos":
                            found.extend(self.actors(child, depth + 1))
        unique: dict[tuple[str, int], ActorMention] = {}
        for mention in found:
            unique.setdefault((mention.participant_id, mention.start), mention)
        return list(unique.values())

    def antecedent(self, pronoun: Token) -> list[ActorMention]:
        """ "Syria says *it* is willing", "Iran said *its* troops": the subject of the clause
        that embeds the pronoun's clause. Only within the sentence; no guess across sentences."""
        node = pronoun.head
        for _ in range(6):
            if node.head is node:
                return []
            climbing = node.dep_ in {"ccomp", "xcomp", "advcl", "conj", "relcl", "acl"}
            node = node.head
            if not climbing and node.pos_ not in {"VERB", "AUX", "NOUN"}:
                continue
            for child in node.children:
                if child.dep_ in _SUBJ and child is not pronoun and child.i < pronoun.i:
                    found = self.res.at(child) or (
                        self.actors(child, 3) if child.lower_ not in _STATE_PRONOUNS else [])
                    if found:
                        return list(found)
        return []

    def nominal_agent(self, noun: Token) -> list[ActorMention]:
        """Agent of an event noun: possessor, demonym, compound or *by* phrase."""
        for child in noun.children:
            if child.dep_ in {"poss", "amod", "compound", "nmod"} and child.i < noun.i:
                found = self.actors(child) or self._demonym(child)
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ == "by":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self.actors(obj)
                        if found:
                            return found
        # "the Chinese military drills": the demonym modifies a compound before the noun.
        for i in range(noun.left_edge.i, noun.i):
            token = self.doc[i]
            found = self.res.at(token) or self._demonym(token)
            if found and token.head.i in range(noun.left_edge.i, noun.i + 1):
                return found
        return []

    def _demonym(self, token: Token) -> list[ActorMention]:
        mention = self.res.demonyms.get(token.i)
        found = [mention] if mention else []
        for conj in token.conjuncts:
            other = self.res.demonyms.get(conj.i)
            if other:
                found.append(other)
        return found

    def prep_objects(self, head: Token, preps: frozenset[str]) -> list[Token]:
        objects: list[Token] = []
        for child in head.children:
            # "provide support to Israel": the parser may label that "to" dative
            if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps:
                objects.extend(o for o in child.children if o.dep_ == "pobj")
                # "close to", "near to": the object hangs one level down
                for grand in child.children:
                    if grand.dep_ == "prep":
                        objects.extend(o for o in grand.children if o.dep_ == "pobj")
            elif child.dep_ == "advmod" and child.lower_ in preps:
                for grand in child.children:
                    if grand.dep_ == "prep":
                        objects.extend(o for o in grand.children if o.dep_ == "pobj")
        return objects

    def target_actors(self, tokens: Iterable[Token], label: str) -> list[ActorMention]:
        """Actors named by target tokens; an event noun or an activity gives its actors."""
        found: list[ActorMention] = []
        for token in tokens:
            direct = self.actors(token)
            if direct:
                found.extend(direct)
                continue
            lemma = token.lemma_.lower()
            if label in T.ATTITUDE_LABELS and lemma in T.NOUNS:
                # Condemning "the invasion of Ukraine" condemns the invader, never the invaded:
                # without an agent there is no target.
                found.extend(self.nominal_agent(token))
                continue
            if lemma in T.AUTHORED_NOUNS:
                # "rejected an Indian proposal", "praised Haiti's efforts", "an appeal from
                # Ghana": the act's author.
                authors = self.nominal_agent(token) or [
                    m for obj in self.prep_objects(token, frozenset({"from", "by"}))
                    for m in self.actors(obj)]
                if authors:
                    found.extend(authors)
                    continue
            owners = [m for child in token.children if child.dep_ == "amod"
                      for m in self._demonym(child)] if _root(label) >= 14 else []
            if owners:
                # "shelled Iraqi towns", "restrictions against German goods": the state whose
                # places, people or goods they are.
                found.extend(owners)
                continue
            # "restrictions on trade with China": the actor one preposition further down.
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in {"with", "of", "against", "to"}:
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            found.extend(self.actors(obj))
        return found

    # ------------------------------------------------------------ subjects
    def subjects(self, verb: Token, seen: int = 0) -> tuple[list[ActorMention], bool]:
        """Actors doing ``verb``; the flag says whether they came through a fallback."""
        if seen > 4:
            return [], False
        passive = any(c.dep_ in _PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children)
        if passive and _lemma(verb) in T.STATIVE_PASSIVES:
            # "Israel is opposed to", "Syria is committed to": a state of the subject
            for child in verb.children:
                if child.dep_ in _PASS_SUBJ:
                    return self.actors(child), False
        if passive:
            for child in verb.children:
                if child.dep_ == "agent":
                    objs = [o for o in child.children if o.dep_ == "pobj"]
                    return [m for o in objs for m in self.actors(o)], False
            return [], False
        for child in verb.children:
            if child.dep_ in _SUBJ:
                found = self.actors(child)
                if not found and (child.lemma_.lower() in T.NOUNS
                                  or child.lemma_.lower() in T.INSTRUMENT_NOUNS):
                    # "A U.S. drone strike killed …": the act's or weapon's owner acted.
                    found = self.nominal_agent(child)
                return found, False
        head = verb.head
        if verb.dep_ == "acomp" and head is not verb:
            return self.subjects(head, seen + 1)
        if verb.dep_ == "xcomp" and head is not verb:
            for child in head.children:
                if child.dep_ in {"dobj", "dative"}:
                    found = self.actors(child)
                    if found:
                        return found, False
            if head.pos_ in {"NOUN", "ADJ"}:
                # "China's reluctance to condemn", "Russia's attempt to extend"
                agents = self.nominal_agent(head)
                if agents:
                    return agents, False
                if head.dep_ in {"nsubj", "attr", "dobj"}:
                    return self.subjects(head.head, seen + 1)
            return self.subjects(head, seen + 1)
        if verb.dep_ == "conj" and head is not verb and head.pos_ in {"VERB", "AUX"}:
            return self.subjects(head, seen + 1)
        if verb.dep_ in {"acl", "relcl"} and verb.tag_ in {"VBG"}:
            found = self.actors(head)
            if not found and head.lemma_.lower() in T.AUTHORED_NOUNS | T.DOCUMENT_NOUNS \
                    and head.dep_ in {"dobj", "pobj"} and head.head.pos_ in {"VERB", "ADP"}:
                # "issued a declaration demanding …": whoever issued it demands.
                governor = head.head if head.dep_ == "dobj" else head.head.head
                return self.subjects(governor, seen + 1)
            return found, False
        if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                        for c in verb.children) and head.pos_ in {"VERB", "AUX"}:
            # "sent inspectors to Iraq to investigate": the purpose is the sender's.
            return self.subjects(head, seen + 1)
        if verb.dep_ in {"acl"} and head.pos_ in {"NOUN", "PROPN"}:
            if head.pos_ == "NOUN" and head.lemma_ in T.NEGATING_HEADS:
                return self.nominal_agent(head), False
            return self.fallback_subject(verb), True
        if verb.dep_ in {"advcl", "pcomp"} and verb.tag_ == "VBG":
            return self.subjects(head, seen + 1) if head.pos_ in {"VERB", "AUX"} else ([], False)
        return [], False

    def fallback_subject(self, verb: Token) -> list[ActorMention]:
        """Nearest actor before ``verb`` in its sentence, raised to the phrase that contains it."""
        for i in range(verb.i - 1, self.sent.start - 1, -1):
            mentions = self.res.at(self.doc[i])
            if not mentions:
                continue
            token = self.doc[i]
            best = mentions
            # climb through "X under Y's leadership", "X of Y": the outer actor acts
            node = token
            for _ in range(6):
                node = node.head
                if node.i == node.head.i or node.i >= verb.i:
                    break
                outer = self.res.at(node)
                if outer:
                    best = outer
            return best
        return []

    # ------------------------------------------------------------ modality
    def negated(self, trigger: Token) -> bool:
        if any(c.dep_ == "neg" for c in trigger.children):
            return True
        if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
            return True
        node = trigger
        for _ in range(3):
            if node.dep_ not in {"xcomp", "acl", "ccomp", "pobj", "pcomp", "prep", "dobj"}:
                break
            node = node.head
            if node.lemma_.lower() in T.NEGATING_HEADS:
                return True
            if node.pos_ in {"VERB", "AUX"} and any(c.dep_ == "neg" for c in node.children) \
                    and trigger.dep_ == "xcomp":
                return True
        return False

    def modality(self, trigger: Token) -> tuple[str, bool]:
        """(modality, conditional) of a verb trigger."""
        aux = {c.lower_ for c in trigger.children if c.dep_ in {"aux", "auxpass"}}
        conditional = any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"}
                          for c in trigger.children)
        node = trigger
        for _ in range(4):
            if node.dep_ in {"ccomp", "xcomp"} and node.head.lemma_ in {"deny"}:
                return "denied", conditional
            if node.dep_ == "ccomp" and node.head.lemma_ in T.REPORTING_VERBS:
                return "reported", conditional
            if node.dep_ == "xcomp" and node.head.lemma_ in {"plan", "intend", "prepare",
                                                            "want", "seek", "hope", "aim"}:
                return "future", conditional
            if node.dep_ not in {"xcomp", "conj"}:
                break
            node = node.head
            aux |= {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
        if conditional:
            return "hypothetical", True
        if aux & _FUTURE_AUX:
            return "future", False
        if aux & _HYPOTHETICAL_AUX:
            return "hypothetical", False
        return "asserted", False

    # ------------------------------------------------------------ dates
    def date_for(self, trigger: Token, extra: Iterable[Token] = ()) -> str | None:
        exprs: list[str] = []
        anchors = [trigger, *extra]
        for ent in self.date_ents:
            # The date belongs to the nearest clause head above it.
            node = ent.root
            for _ in range(8):
                if node in anchors:
                    exprs.append(ent.text)
                    break
                if node.head.i == node.i:
                    break
                if node.dep_ in _CLAUSE_DEPS - {"conj"} and node.pos_ in {"VERB", "AUX"} \
                        and node not in anchors:
                    break
                node = node.head
        return event_date(exprs, self.published) if exprs else None

    def event_time(self, trigger: Token, extra: Iterable[Token] = ()) -> str | None:
        """Date of an event: its own date words, else the clause it is tied to in time."""
        own = self.date_for(trigger, extra)
        if own is not None:
            return own
        if trigger.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in {"when", "while", "as"} for c in trigger.children):
            # "relations worsened this year when the navy conducted manoeuvres": one time.
            return self.date_for(trigger.head)
        if trigger.dep_ == "pobj" and trigger.head.lower_ in _TEMPORAL_PREPS:
            clause = trigger.head.head
            governing = self.date_for(clause)
            if governing is not None:
                # "spiked in 2022 following the visit": the visit is near, not at, that time.
                return governing if trigger.head.lower_ in {"during", "amid"} else governing[:4]
        if trigger.tag_ == "VBD" and self.narrative_year and not any(
                e.label_ == "DATE" for e in self.date_ents):
            return self.narrative_year
        return None

    def location_for(self, trigger: Token) -> str | None:
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in _LOCATIVE_PREPS:
                for obj in child.children:
                    for mention in self.res.at(obj):
                        entity = self.res.entities.get(mention.entity_id)
                        if entity is not None and entity.type in {"CITY", "REGION", "LOCATION"}:
                            return entity.id
        return None

    # ------------------------------------------------------------ triggers
    def read(self) -> Iterator[RawEvent]:
        for token in self.sent:
            if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "NOUN" and token.dep_ == "ROOT") \
                    or (token.pos_ == "ADJ" and token.lemma_ in T.INTENT_ADJECTIVES):
                yield from self.verb_events(token)
        for token in self.sent:
            if token.i in self.consumed:
                continue
            # A gerund in a noun's place ("Fighting between X and Y entered …") is a noun.
            if token.pos_ == "NOUN" or (token.tag_ == "VBG" and token.dep_ in _NOUN_SLOTS):
                yield from self.noun_events(token)

    def verb_trigger(self, verb: Token) -> tuple[Trigger | None, Token | None]:
        lemma = _lemma(verb)
        particles = [c for c in verb.children if c.dep_ == "prt"]
        for prt in particles:
            trig = T.VERBS.get(f"{lemma} {prt.lower_}")
            if trig:
                return trig, None
        for child in verb.children:
            if child.dep_ == "prep":
                trig = T.VERBS.get(f"{lemma} {child.lower_}")
                if trig:
                    return trig, None
        light = T.LIGHT_VERBS.get(lemma)
        if light:
            for child in verb.children:
                if child.dep_ in {"dobj", "nsubjpass", "attr"}:
                    noun = child.lemma_.lower()
                    trig = light.get(noun)
                    if noun == "strike" and any(
                            c.lower_ in _STRIKE_ACTIONS for c in child.children
                            if c.dep_ in {"compound", "amod", "nmod"}):
                        # "began a hunger strike": industrial or hunger strikes are protests.
                        trig = Trigger("protested", frozenset({"against"}))
                    if trig is None:
                        # "launched a mediation effort": the compound names the act
                        for mod in child.children:
                            if mod.dep_ == "compound" and light.get(mod.lemma_.lower()):
                                trig = light[mod.lemma_.lower()]
                    if trig is None:
                        # "gave 5 million dollars of aid": the measure's substance names the act
                        for prep in child.children:
                            if prep.dep_ == "prep" and prep.lower_ == "of":
                                for obj in prep.children:
                                    if obj.dep_ == "pobj" and light.get(obj.lemma_.lower()):
                                        trig = light[obj.lemma_.lower()]
                    if trig is None and child.lower_ in {"games", "manoeuvres", "maneuvers"}:
                        trig = light.get(child.lower_) or light.get("game")
                    if trig:
                        return trig, child
        if lemma == "engage":
            for engagement in self.prep_objects(verb, frozenset({"in"})):
                if engagement.lemma_.lower() in T.ENGAGEMENT_NOUNS:
                    return Trigger("fought", frozenset()), None
        trig = T.VERBS.get(lemma)
        if trig and lemma == "strike" and any(c.dep_ == "dobj" and c.lemma_ in {"deal", "balance"}
                                              for c in verb.children):
            return None, None
        return trig, None

    def home_state(self, mention: ActorMention) -> ActorMention | None:
        """The state a non-state actor belongs to, as a mention at the same place."""
        entity = self.res.entities.get(mention.participant_id)
        if entity is None or entity.type == "COUNTRY":
            return None
        state_id = self.res.part_of.get(entity.id) or _state_id(entity.country)
        if state_id is None or state_id not in self.res.entities:
            return None
        return ActorMention(mention.start, mention.end, state_id, "home", state_id)

    def _governmental(self, entity_id: str) -> bool:
        entity = self.res.entities.get(entity_id)
        return entity is not None and (entity.type == "COUNTRY" or entity.sector == "GOV")

    def _official(self, mention: ActorMention) -> bool:
        entity = self.res.entities.get(mention.participant_id)
        return entity is not None and (entity.type in {"COUNTRY", "IGO"} or entity.sector == "GOV")

    def _armed(self, mention: ActorMention) -> bool:
        entity = self.res.entities.get(mention.participant_id)
        return entity is not None and (entity.sector in {"MIL", "REB", "INS", "UAF"}
                                       or entity.type == "COUNTRY" or mention.sector == "MIL")

    def announced(self, verb: Token, sources: list[ActorMention]) -> bool:
        """Whether the source itself states the act: a main clause, or the complement of its
        own speech verb ("Iran said it would …")."""
        if verb.dep_ == "ROOT":
            return True
        if verb.dep_ == "ccomp" and _lemma(verb.head) in T.SPEECH_VERBS:
            speakers, _ = self.subjects(verb.head)
            ids = {m.participant_id for m in speakers}
            return bool(ids) and ids >= {m.participant_id for m in sources}
        return False

    def wanted_of(self, verb: Token, sources: list[ActorMention]) -> list[ActorMention]:
        """Who is wanted to act in "X wants Y to act" (the parser's clause subject)."""
        own = {m.participant_id for m in sources}
        for child in verb.children:
            if child.dep_ == "ccomp":
                found, _ = self.subjects(child)
                others = [m for m in found if m.participant_id not in own]
                if others:
                    return others
        return []

    def folded(self, verb: Token) -> bool:
        """Whether ``verb`` is the complement of a head that carries the event."""
        if verb.dep_ not in {"xcomp", "ccomp"} or verb.head is verb:
            return False
        head = _lemma(verb.head)
        if head in T.REFUSAL_HEADS or head in T.NEGATING_HEADS:
            return False
        if head == "want" and verb.dep_ == "ccomp":
            return bool(self.subjects(verb)[0])
        return head in T.COMPLEMENT_HEADS and (verb.dep_ == "xcomp" or head in T.DEMAND_HEADS)

    def complement(self, verb: Token) -> tuple[Token | None, Trigger | None]:
        for child in verb.children:
            if child.dep_ in {"xcomp", "ccomp"} and child.pos_ in {"VERB", "AUX"}:
                trig, _ = self.verb_trigger(child)
                return child, trig
        return None, None

    def complement_targets(self, comp: Token, trig: Trigger | None,
                           label: str) -> list[ActorMention]:
        """Targets of what a head announces: the complement's objects, or for a demand made
        of someone ("demanded that China drop barriers"), the complement's subject."""
        if comp.dep_ == "ccomp" and label in {"demanded", "appealed_to"}:
            # "demanded that Hamas renounce …": the demand is made of the one who must act.
            addressees, _ = self.subjects(comp)
            if addressees:
                return addressees
        preps = (trig.preps if trig else frozenset()) | _COMPLEMENT_PREPS
        tokens = [c for c in comp.children if c.dep_ in {"dobj", "dative"}]
        tokens.extend(self.prep_objects(comp, preps))
        for child in comp.children:
            if child.dep_ == "dobj":
                tokens.extend(self.prep_objects(child, preps))
        found = self.target_actors(tokens, trig.label if trig else label)
        if not found and comp.dep_ == "ccomp":
            found, _ = self.subjects(comp)
        if not found and label == "threatened":
            # "threatened to impose a curfew in Algiers": the threat is to the place's people.
            found = [m for t in self.prep_objects(comp, frozenset({"in"})) for m in self.actors(t)]
        return found

    def reported_demand(self, verb: Token) -> list[RawEvent]:
        """ "Britain said Libya must hand over the suspects": Britain demands of Libya. The
        demanded act has not happened, so it is not an event of its own."""
        if verb.dep_ != "ccomp" or _lemma(verb.head) not in T.SPEECH_VERBS:
            return []
        if not any(c.dep_ == "aux" and c.lower_ in _OBLIGATION_AUX for c in verb.children):
            return []
        speakers, weak = self.subjects(verb.head)
        addressees, _ = self.subjects(verb)
        speaker_ids = {m.participant_id for m in speakers}
        speaker_states = {self.res.entities[i].country for i in speaker_ids
                          if self._governmental(i)} - {None}
        if any(self.res.entities[m.participant_id].country in speaker_states
               and self._governmental(m.participant_id) for m in addressees):
            # "Xi said the two sides should …": a state speaking of itself states intent (rebels
            # saying the president must go still make a demand).
            return []
        addressees = [m for m in addressees if m.participant_id not in speaker_ids]
        if not speakers or not addressees:
            return []
        return list(self.pair(speakers, addressees, "demanded", f"{verb.head.text} … {verb.text}",
                              self.negated(verb.head), "asserted", self.event_time(verb.head),
                              0.7 - 0.25 * weak, None))

    def verb_events(self, verb: Token) -> Iterator[RawEvent]:
        demand = self.reported_demand(verb)
        if demand:
            self.consumed.update(c.i for c in verb.children if c.dep_ in {"dobj", "attr"})
            yield from demand
            return
        if self.folded(verb):
            # Its object nouns ("threatened to launch an offensive") are not events either.
            self.consumed.update(c.i for c in verb.children if c.dep_ in {"dobj", "attr"})
            return
        trig, obj_noun = self.verb_trigger(verb)
        if trig is None:
            yield from self.consequence_event(verb)
            return
        if obj_noun is not None:
            self.consumed.add(obj_noun.i)
        label = trig.label
        sources, weak_subject = self.subjects(verb)
        passive = any(c.dep_ in _PASS_SUBJ for c in verb.children)
        heads = [obj_noun, verb] if obj_noun is not None else [verb]
        target_tokens: list[Token] = []
        for head in heads:
            target_tokens.extend(self.prep_objects(head, trig.preps | {"from"}
                                                   if label in T.TERRITORY_LABELS else trig.preps))
        if passive and obj_noun is None:
            target_tokens.extend(c for c in verb.children if c.dep_ in _PASS_SUBJ)
        elif obj_noun is None:
            target_tokens.extend(c for c in verb.children if c.dep_ in {"dobj", "dative"})
            # "kidnapped up to 16 advisers": the parser takes "up to" for a particle
            for prt in verb.children:
                if prt.dep_ == "prt" and prt.lower_ == "up":
                    target_tokens.extend(o for p in prt.children if p.lower_ == "to"
                                         for o in p.children if o.dep_ == "pobj")
        else:
            target_tokens.extend(c for c in verb.children if c.dep_ == "dative")
        targets = self.target_actors(target_tokens, label)
        lemma = _lemma(verb)
        if lemma in T.RECEIPT_VERBS and obj_noun is not None:
            # "received weapons from the government": the government gave them
            givers = [m for t in self.prep_objects(verb, frozenset({"from"}))
                      for m in self.actors(t)] or [
                m for t in self.prep_objects(obj_noun, frozenset({"from"}))
                for m in self.actors(t)]
            sources, targets = givers, sources
        if lemma in T.MOTION_VISITS and not any(
                self.res.entities[m.entity_id].type in {"PERSON", "ORG", "IGO"} or m.sector
                for m in sources):
            # planes and troops also "arrive" and "land"; a visit is made by people
            return
        if label == "expressed_intent_to_cooperate" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in T.HOSTILE_NOUNS for c in verb.children):
            label = "threatened"
        wanted_of = self.wanted_of(verb, sources) if lemma == "want" else []
        if lemma == "want" and (targets or wanted_of):
            # "Obama wants Putin to attack": wanting something of someone is an appeal to them.
            label = "appealed_to"
            targets = targets or wanted_of
        elif lemma in T.COMPLEMENT_HEADS or lemma in T.REFUSAL_HEADS:
            comp, comp_trig = self.complement(verb)
            if comp is not None:
                if not targets:
                    targets = self.complement_targets(comp, comp_trig, label)
                if comp_trig is not None and lemma in T.DECISION_HEADS \
                        and _root(comp_trig.label) >= 13:
                    # "the EU agreed to impose sanctions on Russia": a decision to coerce is the
                    # act itself. (Agreeing to concede stays an agreement, as human coders code
                    # it.)
                    label = comp_trig.label
                elif comp_trig is not None and lemma in T.INTENT_HEADS:
                    # "vowed to attack X" is a threat; "offered to help X" a pledge of aid.
                    if _root(comp_trig.label) >= 13:
                        label = "threatened"
                    elif comp_trig.label in T.FUTURE_INTENT:
                        label = T.FUTURE_INTENT[comp_trig.label]
        if label in T.TERRITORY_LABELS:
            targets = self.territories(targets)
        if not targets and label in _PROTEST_LABELS:
            # A protest with no named addressee is addressed to the state where it happens,
            # else to the protesters' own state: domestic dissent (the CAMEO convention).
            targets = [m for t in self.prep_objects(verb, frozenset({"in", "throughout"}))
                       for m in self.actors(t)]
            if not targets:
                targets = [m for m in map(self.home_state, sources) if m is not None]
        fallback: list[ActorMention] = []
        # A coordinator with nothing coordinated ("annexed X in 2014 and later Y") means the
        # parse dropped the second conjunct; so does a territorial verb with no territory.
        dangling_cc = any(c.dep_ == "cc" for c in verb.children) and not any(
            c.dep_ == "conj" for c in verb.children)
        if label in T.TERRITORY_LABELS and (not targets or dangling_cc):
            have = {m.start for m in targets}
            fallback = [m for m in self.fallback_targets(verb) if m.start not in have]
        if trig.place_label and targets and all(
                self.res.entities[m.entity_id].type in {"CITY", "REGION", "LOCATION"}
                for m in targets):
            label = trig.place_label
        symmetric = label in self.symmetric
        negated = self.negated(verb)
        modality, _conditional = self.modality(verb)
        if label in {"warned", "threatened"} and modality == "future":
            modality = "asserted"
        if modality in {"future", "hypothetical"} and self.announced(verb, sources):
            unless = any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children)
                         for c in verb.children)
            # An actor announcing a hostile act of its own, or any act "unless" the other side
            # complies, is threatening (CAMEO 13); a cooperative one states intent (CAMEO 03).
            # Announced exercises stay exercises (planned, so not asserted).
            if unless or _root(label) >= 16 or label in {"reduced_relations", "sanctioned",
                                                          "cut_diplomatic_ties", "expelled"}:
                label, modality = "threatened", "asserted"
        if negated and modality in {"future", "hypothetical"} and self.announced(verb, sources) \
                and (3 <= _root(label) <= 8 or label == "expressed_accord"):
            # "said it would not accept", "will not provide support": a refusal (CAMEO 12).
            label, modality, negated = "rejected", "asserted", False
        if modality == "future" and label in T.FUTURE_INTENT:
            label, modality = T.FUTURE_INTENT[label], "asserted"
        extra = [obj_noun] if obj_noun is not None else []
        date = self.event_time(verb, extra)
        location = self.location_for(verb)
        confidence = 0.85 if obj_noun is None else 0.8
        if weak_subject:
            confidence -= 0.25
        trigger_text = verb.text if obj_noun is None else f"{verb.text} {obj_noun.text}"
        if lemma in T.RECIPROCAL_VERBS and not targets:
            symmetric = True
        if not targets and not negated:
            self.acts.extend((label, m.participant_id) for m in sources)
        if not targets and label in T.ATTITUDE_LABELS and sources:
            for token in target_tokens:
                act = T.NOUNS.get(token.lemma_.lower())
                if act is not None and _definite(token) and not self.nominal_agent(token):
                    self.partial.append(_PartialEvent(
                        label, sources, [], token, date, via=act.label, negated=negated,
                        modality=modality))
        if label == "protested" and sources and all(self._official(m) for m in sources):
            # A state "protesting" complains officially (CAMEO 11); streets protest (14).
            label = "criticized"
        if label == "killed" and any(self._armed(m) for m in sources):
            # Killing by armies and states is use of military force (CAMEO 19); "killed" (18)
            # is killing by physical assault.
            label = "attacked"
        yield from self.pair(sources, targets, label, trigger_text, negated, modality, date,
                             confidence, location, symmetric=symmetric)
        # Targets the parse lost sit outside the verb's phrase, and so does any date of theirs.
        yield from self.pair(sources, fallback, label, trigger_text, negated, modality, None,
                             confidence - 0.25, location, symmetric=symmetric)

    def territories(self, targets: list[ActorMention]) -> list[ActorMention]:
        """Territorial acts take places; a state beside a region is where it was taken from."""
        kinds = {m.participant_id: self.res.entities[m.entity_id].type for m in targets}
        if any(kind in {"REGION", "CITY", "LOCATION"} for kind in kinds.values()):
            return [m for m in targets if kinds[m.participant_id] != "COUNTRY"]
        return targets

    def fallback_targets(self, verb: Token) -> list[ActorMention]:
        """Territories after a territorial verb in its sentence when the parse lost them."""
        found: list[ActorMention] = []
        for i in range(verb.i + 1, self.sent.end):
            token = self.doc[i]
            if token.pos_ == "VERB" and token.dep_ in {"ccomp", "advcl", "relcl", "conj"} \
                    and token.head.i != verb.i:
                break
            if token.head.lower_ == "from" or (
                    token.head.head.lower_ == "from" and token.dep_ == "nmod"):
                continue
            for mention in self.res.at(token):
                entity = self.res.entities[mention.entity_id]
                if entity.type in {"REGION", "COUNTRY", "CITY"} and mention.start == i:
                    found.append(mention)
        return found

    def consequence_event(self, verb: Token) -> Iterator[RawEvent]:
        """"X warned that Y would face consequences": X threatened Y."""
        if verb.lemma_.lower() != "face":
            return
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in T.CONSEQUENCE_NOUNS
                   for c in verb.children):
            return
        speech = verb.head
        if verb.dep_ != "ccomp" or speech.lemma_.lower() not in T.SPEECH_VERBS:
            return
        speakers, weak = self.subjects(speech)
        targets, _ = self.subjects(verb)
        date = self.date_for(speech)
        yield from self.pair(speakers, targets, "threatened", f"{speech.text} … {verb.text}",
                             self.negated(speech), "asserted", date, 0.7 - 0.25 * weak, None)

    def noun_events(self, noun: Token) -> Iterator[RawEvent]:
        lemma = noun.lemma_.lower() if noun.pos_ == "NOUN" else noun.lower_
        trig = T.NOUNS.get(lemma)
        if trig is None:
            return
        label = trig.label
        sources = self.nominal_agent(noun)
        symmetric = label in self.symmetric
        between = self.prep_objects(noun, frozenset({"between"}))
        if symmetric and between:
            pair_actors = self.target_actors(between, label)
            if len(pair_actors) >= 2:
                sources, targets = pair_actors[:1], pair_actors[1:]
                yield from self.pair(sources, targets, label, noun.text, self.negated(noun),
                                     "asserted", self.date_for(noun), 0.6, None)
                return
        targets = self.target_actors(self.prep_objects(noun, trig.preps), label)
        if not sources or not targets:
            if label in _COREFERABLE and _definite(noun):
                self.partial.append(_PartialEvent(
                    label, sources, targets, noun, self.event_time(noun)))
            return
        # Only the noun's own words negate it: "reluctance to condemn the invasion" negates the
        # condemnation, not the invasion.
        negated = any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
                      for c in noun.children)
        # "Russia's invasion": a verbless mention of a known act is asserted, but vaguer.
        yield from self.pair(sources, targets, label, noun.text, negated, "asserted",
                             self.event_time(noun), 0.65, None)

    def pair(self, sources: list[ActorMention], targets: list[ActorMention], label: str,
             trigger: str, negated: bool, modality: str, date: str | None, confidence: float,
             location: str | None, *, symmetric: bool | None = None) -> Iterator[RawEvent]:
        if symmetric is None:
            symmetric = label in self.symmetric
        if symmetric and not targets and len(sources) >= 2:
            # "Xi and Putin met": one meeting between each pair of conjoined subjects.
            for i, first in enumerate(sources):
                for second in sources[i + 1:]:
                    yield from self.pair([first], [second], label, trigger, negated, modality,
                                         date, confidence, location, symmetric=False)
            return
        for source in sources:
            for target in targets:
                target_id = target.participant_id
                if label in T.PLACE_TARGET_LABELS and \
                        self.res.entities[target.entity_id].type == "CITY":
                    # a captured or shelled capital is the city, not its state
                    target_id = target.entity_id
                if source.participant_id == target_id:
                    continue
                penalty = 0.1 if "pronoun" in {source.kind, target.kind} else 0.0
                penalty += 0.05 if "nominal" in {source.kind, target.kind} else 0.0
                yield RawEvent(
                    source=source.participant_id, target=target_id, label=label,
                    sentence=self.sent, trigger=trigger, negated=negated, modality=modality,
                    date=date, confidence=round(max(0.05, confidence - penalty), 2),
                    location=location, symmetric=label in self.symmetric,
                )


Trigger = T.Trigger

_STRIKE_ACTIONS = frozenset({"hunger", "general", "labour", "labor", "national", "nationwide",
                             "teachers", "workers", "student", "24-hour"})
_OBLIGATION_AUX = frozenset({"must", "should", "ought"})
_PROTEST_LABELS = frozenset({"protested", "demonstrated", "rioted"})
_NOUN_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
_STATE_PRONOUNS = frozenset({"it", "its", "they", "their", "them", "we", "our"})
_COMPLEMENT_PREPS = frozenset({"to", "with", "against", "on", "from", "for", "into"})


def _root(label: str) -> int:
    code = ontology.event_type(label).cameo
    return int(code[:2]) if code else 0


def _state_id(country: str | None) -> str | None:
    """Entity id of the state with an ISO alpha-3 code, if the gazetteer has it."""
    if not country:
        return None
    return _states_by_code().get(country)


@lru_cache(maxsize=1)
def _states_by_code() -> dict[str, str]:
    return {e.country: e.id for e in load_gazetteer().entries()
            if e.type == "COUNTRY" and e.country}


def _agent_sector(noun: str) -> str | None:
    """Sector of an agent noun ("fighters" → MIL); the table does not depend on the territory
    policy, so the default gazetteer serves."""
    return load_gazetteer().agent_sector(noun)


def _lemma(token: Token) -> str:
    """The lemma, repaired where the small model's lemmatizer mangles a verb ("staged" → "stag")."""
    lemma = token.lemma_.lower()
    if lemma in T.VERBS or lemma in T.LIGHT_VERBS or token.tag_ not in {"VBD", "VBN", "VBZ", "VBG"}:
        return lemma
    text = token.lower_
    for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("es", ""), ("s", ""),
                         ("ing", "e"), ("ing", "")):
        if text.endswith(suffix):
            candidate = text[: -len(suffix)] + repl
            if candidate in T.VERBS or candidate in T.LIGHT_VERBS:
                return candidate
    return lemma

# Nouns through which a possessor acts: "Biden's administration" is Biden (for the U.S.).
_GOVERNMENT_NOUNS = frozenset({
    "administration", "government", "cabinet", "office", "spokesman", "spokeswoman",
    "spokesperson", "ministry", "team", "aide", "envoy", "delegation", "regime", "advisor",
    "adviser", "representative", "ambassador", "minister", "official",
})


# Single acts that a definite noun refers back (or forward) to; generic nouns such as
# "cooperation" or "sanctions" name kinds of acts, not one act, and are never resolved this way.
_COREFERABLE = T.TERRITORY_LABELS | {"visited", "attacked", "launched_airstrikes", "shelled"}


def _definite(noun: Token) -> bool:
    """ "the invasion", "February's invasion", "this visit" — not "an invasion"."""
    for child in noun.children:
        if child.dep_ == "det":
            return child.lower_ in {"the", "this", "that"}
        if child.dep_ == "poss":
            return True
    return False


@dataclass
class _PartialEvent:
    """An event noun missing its agent or target ("February's invasion"), or an attitude toward
    such a noun ("Washington condemned the attack"), whose missing actor the document supplies.
    ``via`` is the label of the act an attitude is about; its agent becomes the target."""

    label: str
    sources: list[ActorMention]
    targets: list[ActorMention]
    noun: Token
    date: str | None
    via: str | None = None
    negated: bool = False
    modality: str = "asserted"


def _paragraph_starts(text: str) -> list[int]:
    return [m.end() for m in re.finditer(r"\n\s*\n", text)]


def _absolute_year(date_ents: list[Span], published: str | None) -> str | None:
    """The year a sentence's own date words state outright ("in 2022", "August 2008")."""
    for ent in date_ents:
        if ent.label_ == "DATE" and re.search(r"\b(1[89]|20)\d\d\b", ent.text):
            resolved = event_date([ent.text], published)
            if resolved:
                return resolved[:4]
    return None


def _compatible(first: str | None, second: str | None) -> bool:
    """Two partial dates can name one time: unknown, or one a prefix of the other."""
    return not first or not second or first.startswith(second) or second.startswith(first)


def _resolve_partials(partials: list[_PartialEvent], complete: list[RawEvent],
                      reader_of: dict[int, _SentenceReader],
                      acts: list[tuple[str, str]]) -> list[RawEvent]:
    """A definite event noun without an agent refers to the one such event the document names
    in full: "the invasion" in an article about Russia's invasion of Ukraine is that invasion."""
    found: list[RawEvent] = []
    for part in partials:
        reader = reader_of[part.noun.sent.start]
        if part.via is not None:
            agents = {e.source for e in complete if e.label == part.via}
            agents |= {agent for label, agent in acts if label == part.via}
            if len(agents) != 1:
                continue
            agent = next(iter(agents))
            found.extend(
                RawEvent(source=m.participant_id, target=agent, label=part.label,
                         sentence=reader.sent, trigger=part.noun.text, negated=part.negated,
                         modality=part.modality, date=part.date, confidence=0.5,
                         symmetric=part.label in reader.symmetric)
                for m in part.sources if m.participant_id != agent)
            continue
        pairs = {(e.source, e.target) for e in complete if e.label == part.label
                 and _compatible(e.date, part.date)}
        if part.sources:
            pairs = {p for p in pairs if p[0] in {m.participant_id for m in part.sources}}
        if part.targets:
            pairs = {p for p in pairs if p[1] in {m.participant_id for m in part.targets}}
        if len(pairs) != 1:
            continue
        source, target = next(iter(pairs))
        found.append(RawEvent(
            source=source, target=target, label=part.label, sentence=reader.sent,
            trigger=part.noun.text, date=part.date, confidence=0.45,
            symmetric=part.label in reader.symmetric,
        ))
    return found


def find_events(doc: Doc, res: Resolution, published: str | None,
                symmetric: frozenset[str]) -> list[RawEvent]:
    """All events of a parsed, resolved document, sentence by sentence, in text order."""
    events: list[RawEvent] = []
    partials: list[_PartialEvent] = []
    acts: list[tuple[str, str]] = []
    readers: dict[int, _SentenceReader] = {}
    breaks = _paragraph_starts(doc.text)
    year: str | None = None
    paragraph = -1
    dates_by_sentence: dict[int, list[Span]] = {}
    for ent in doc.ents:
        if ent.label_ in {"DATE", "TIME"}:
            dates_by_sentence.setdefault(ent.sent.start, []).append(ent)
    for sent in doc.sents:
        here = bisect.bisect_right(breaks, sent.start_char)
        if here != paragraph:
            paragraph, year = here, None
        date_ents = dates_by_sentence.get(sent.start, [])
        reader = _SentenceReader(sent, res, published, symmetric, year, date_ents)
        readers[sent.start] = reader
        events.extend(reader.read())
        partials.extend(reader.partial)
        acts.extend(reader.acts)
        year = _absolute_year(date_ents, published) or year
    events.extend(_resolve_partials(partials, events, readers, acts))
    return events
