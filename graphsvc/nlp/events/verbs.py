"""Verb triggers and the events they carry.

Triggers come from ``graphsvc.nlp.triggers`` matched on lemmas of verbs and of light-verb objects
("hold talks", "impose sanctions"). Heads with complements carry the event ("agreed to impose
sanctions on X", "threatened to shell X", "demanded that X withdraw", "X said Y must …"): the
complement has not happened and is not an event of its own.

``verb_events`` reads one verb in steps: trigger → arguments → label rewrites by head and
complement → targets → modality → emit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Token

from graphsvc.nlp import triggers as T
from graphsvc.nlp import vocab as V
from graphsvc.nlp.cameo import label_for_code, load_verb_dictionary
from graphsvc.nlp.events.arguments import (
    actors,
    armed,
    demonym,
    fallback_targets,
    governmental,
    home_state,
    nominal_agent,
    official,
    prep_objects,
    subjects,
    target_actors,
    territories,
)
from graphsvc.nlp.events.context import (
    PASS_SUBJ,
    SUBJ,
    SentenceContext,
    cameo_root,
    definite,
    is_passive,
    lemma_of,
)
from graphsvc.nlp.events.coref import PartialEvent
from graphsvc.nlp.events.modality import announced, folded, is_negated, modality_of
from graphsvc.nlp.events.pairing import RawEvent, pair
from graphsvc.nlp.events.timing import date_for, event_time, location_for
from graphsvc.nlp.resolve import ActorMention
from graphsvc.nlp.triggers import Trigger
from graphsvc.nlp.vocab import CONFIDENCE


def verb_trigger(ctx: SentenceContext, verb: Token) -> tuple[Trigger | None, Token | None]:
    """The trigger of a verb, and the light-verb object noun that names the act, if any."""
    lemma = lemma_of(verb)
    if _not_an_act(verb, lemma):
        return None, None
    special = _expulsion_or_label(verb, lemma)
    if special is not None:
        return special, None
    particles = [c for c in verb.children if c.dep_ == "prt"]
    for prt in particles:
        trig = T.VERBS.get(f"{lemma} {prt.lower_}")
        if trig:
            return trig, None
    for child in verb.children:
        if child.dep_ == "prep" and not _when(child):
            trig = T.VERBS.get(f"{lemma} {child.lower_}")
            if trig:
                return trig, None
        if _for_clause(child):
            # "called for X to step down": the clause's "for" is the verb's preposition
            trig = T.VERBS.get(f"{lemma} for")
            if trig:
                return trig, None
    light = T.LIGHT_VERBS.get(lemma)
    if light:
        for child in verb.children:
            if child.dep_ in {"dobj", "nsubjpass", "attr"}:
                # "opened cannon, drone and sniper fire on X": any of the objects
                for obj in (child, *child.conjuncts):
                    trig = _light_verb_object(light, obj, lemma)
                    if trig:
                        return trig, obj
    if lemma == V.ENGAGE_VERB:
        for engagement in prep_objects(verb, V.ENGAGE_PREPS):
            if engagement.lemma_.lower() in T.ENGAGEMENT_NOUNS:
                return V.ENGAGEMENT, None
    trig = T.VERBS.get(lemma)
    if lemma in V.INTRANSITIVE_SENSE_VERBS and any(c.dep_ == "dobj" for c in verb.children):
        return None, None
    if trig and lemma == V.STRIKE and any(
            c.dep_ == "dobj" and c.lemma_ in V.STRIKE_NON_ATTACK_OBJECTS for c in verb.children):
        return None, None
    if trig is None and verb.pos_ == "VERB":
        return _dictionary_trigger(verb)
    return trig, None


def _dictionary_trigger(verb: Token) -> tuple[Trigger | None, Token | None]:
    """What PETRARCH2's CAMEO verb dictionary codes a verb the curated tables do not know."""
    match = load_verb_dictionary().match(verb)
    # A block's default code fires on every sense of its verbs; measured on the PLOVER and
    # news sets it costs more precision than it gains, so only a matched pattern codes.
    label = label_for_code(match.code) if match is not None and match.pattern else None
    if match is None or label is None:
        return None, None
    preps = V.DICTIONARY_TARGET_PREPS.get(cameo_root(label), frozenset())
    if match.prep is not None:
        preps |= {match.prep.lower_}
    return Trigger(label, preps, dictionary=True), None


def _expulsion_or_label(verb: Token, lemma: str) -> Trigger | None:
    """ "ordered the diplomats to leave" expels them; "called the drills illegal" disapproves of
    them, "deemed the deal null and void" rejects it."""
    if lemma in V.EXPELLING_HEADS and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in V.LEAVING_VERBS
            for c in verb.children):
        return Trigger(V.EXPULSION)
    if lemma not in V.LABELLING_VERBS:
        return None
    words = {t.lower_ for c in verb.children if c.dep_ not in {"nsubj", "nsubjpass"}
             for t in c.subtree}
    if words & V.NULLIFYING_WORDS:
        return Trigger(V.REFUSAL)
    if words & V.DISAPPROVING_WORDS:
        return Trigger(V.CRITICISM)
    return None


def _light_verb_object(light: dict[str, Trigger], obj: Token, lemma: str) -> Trigger | None:
    """The trigger a light verb's object names: itself, its compound, or its substance."""
    noun = obj.lemma_.lower()
    trig = light.get(noun)
    if noun == V.STRIKE and _walkout(obj, lemma):
        trig = V.STRIKE_PROTEST
    if trig is None:
        # "started a peace bid": the compound names the act
        for mod in obj.children:
            if mod.dep_ == "compound" and light.get(mod.lemma_.lower()):
                trig = light[mod.lemma_.lower()]
    if trig is None:
        # "sent 40 tonnes of food": the measure's substance names the act
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == V.SUBSTANCE_PREP:
                for sub in prep.children:
                    if sub.dep_ == "pobj" and light.get(sub.lemma_.lower()):
                        trig = light[sub.lemma_.lower()]
    if trig is None and obj.lower_ in V.EXERCISE_PLURALS:
        trig = light.get(obj.lower_) or light.get(V.EXERCISE_FALLBACK)
    return trig


# Texts and measures that can be "aimed at" a state (built once: read for every verb).
_AIMED_TEXTS = T.DOCUMENT_NOUNS | V.MEASURE_NOUNS


def _not_an_act(verb: Token, lemma: str) -> bool:
    """Verbs that only frame another act: "Speaking to lawmakers, X said …" names an audience,
    not a meeting; "…, citing X's objections" gives a reason; "legislation targeting X" aims a
    text, not force."""
    head = verb.head
    if lemma in V.AUDIENCE_VERBS and verb.tag_ == "VBG" and verb.dep_ == "advcl" \
            and lemma_of(head) in T.SPEECH_VERBS:
        return True
    if lemma in V.REASON_VERBS and verb.tag_ == "VBG" and verb.dep_ == "advcl":
        return True  # "did not invite them, citing X's opposition": a reason, not an act
    return lemma in V.AIMING_VERBS and verb.dep_ == "acl" \
        and head.lemma_.lower() in _AIMED_TEXTS


def _when(prep: Token) -> bool:
    """Whether a preposition only dates the act ("called on Monday" is no "call on")."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in {"DATE", "TIME"} for o in objects)


def _walkout(strike: Token, lemma: str) -> bool:
    """Whether a "strike" is a work stoppage: a hunger or general strike, or one staged, called
    or joined against nobody ("teachers staged a strike"; "staged a strike on a depot" is an
    attack)."""
    if any(c.lower_ in V.STRIKE_ACTIONS for c in strike.children
           if c.dep_ in {"compound", "amod", "nmod"}):
        return True
    aimed = any(c.dep_ == "prep" and c.lower_ in V.STRIKE_TARGET_PREPS and not _when(c)
                for c in (*strike.children, *strike.head.children))
    return lemma in V.WALKOUT_VERBS and not aimed and not any(
        c.dep_ == "compound" for c in strike.children)


def wanted_of(ctx: SentenceContext, verb: Token, sources: list[ActorMention]) -> list[ActorMention]:
    """Who is wanted to act in "X wants Y to act" (the parser's clause subject)."""
    own = {m.participant_id for m in sources}
    for child in verb.children:
        if child.dep_ == "ccomp":
            found, _ = subjects(ctx, child)
            others = [m for m in found if m.participant_id not in own]
            if others:
                return others
    return []


def complement(ctx: SentenceContext, verb: Token) -> tuple[Token | None, Trigger | None]:
    """A head's verbal complement and its trigger ("agreed to *impose* sanctions")."""
    for child in verb.children:
        if (child.dep_ in {"xcomp", "ccomp"} or _for_clause(child)) \
                and child.pos_ in {"VERB", "AUX"}:
            trig, _ = verb_trigger(ctx, child)
            return child, trig
    return None, None


def _for_clause(child: Token) -> bool:
    """ "for X to step down": an infinitive clause with its own subject, introduced by "for"."""
    return child.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ == "for" for m in child.children)


def complement_targets(ctx: SentenceContext, comp: Token, trig: Trigger | None,
                       label: str) -> list[ActorMention]:
    """Targets of what a head announces: the complement's objects, or for a demand made
    of someone ("demanded that China drop barriers"), the complement's subject."""
    if (comp.dep_ == "ccomp" or _for_clause(comp)) and label in V.DEMAND_LABELS:
        # "insisted that the rebels disarm …": the demand is made of the one who must act.
        addressees, _ = subjects(ctx, comp)
        if addressees:
            return addressees
    preps = (trig.preps if trig else frozenset()) | V.COMPLEMENT_PREPS
    if trig is not None and trig.label in V.LOCATED_TARGET_LABELS:
        preps = preps | V.LOCATED_PREPS
    tokens = [c for c in comp.children if c.dep_ in {"dobj", "dative"}]
    tokens.extend(prep_objects(comp, preps))
    for child in comp.children:
        if child.dep_ == "dobj":
            tokens.extend(prep_objects(child, preps))
    found = target_actors(ctx, tokens, trig.label if trig else label)
    if not found and comp.dep_ == "ccomp":
        found, _ = subjects(ctx, comp)
    if not found and label == V.THREAT:
        # "threatened to declare martial law in Lagos": the threat is to the place's people.
        found = [m for t in prep_objects(comp, V.THREAT_PLACE_PREPS) for m in actors(ctx, t)]
    return found


def reported_demand(ctx: SentenceContext, verb: Token) -> list[RawEvent]:
    """ "Norway said Chile must return the files": Norway demands of Chile. The
    demanded act has not happened, so it is not an event of its own."""
    if verb.dep_ != "ccomp" or lemma_of(verb.head) not in T.SPEECH_VERBS:
        return []
    if not any(c.dep_ == "aux" and c.lower_ in V.OBLIGATION_AUX for c in verb.children):
        return []
    speakers, weak = subjects(ctx, verb.head)
    addressees, _ = subjects(ctx, verb)
    speaker_ids = {m.participant_id for m in speakers}
    speaker_states = {ctx.res.entities[i].country for i in speaker_ids
                      if governmental(ctx, i)} - {None}
    if any(ctx.res.entities[m.participant_id].country in speaker_states
           and governmental(ctx, m.participant_id) for m in addressees):
        # "the premier said both countries ought to …": a state speaking of itself states
        # intent (rebels saying the president must go still make a demand).
        return []
    addressees = [m for m in addressees if m.participant_id not in speaker_ids]
    if not speakers or not addressees:
        return []
    return list(pair(ctx, speakers, addressees, V.DEMAND, f"{verb.head.text} … {verb.text}",
                     is_negated(verb.head), "asserted", event_time(ctx, verb.head),
                     CONFIDENCE.reported - CONFIDENCE.fallback * weak, None))


def consequence_event(ctx: SentenceContext, verb: Token) -> Iterator[RawEvent]:
    """ "X warned that Y would face consequences": X threatened Y."""
    if verb.lemma_.lower() != V.CONSEQUENCE_VERB:
        return
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in T.CONSEQUENCE_NOUNS
               for c in verb.children):
        return
    speech = verb.head
    if verb.dep_ != "ccomp" or speech.lemma_.lower() not in T.SPEECH_VERBS:
        return
    speakers, weak = subjects(ctx, speech)
    targets, _ = subjects(ctx, verb)
    date = date_for(ctx, speech)
    yield from pair(ctx, speakers, targets, V.THREAT, f"{speech.text} … {verb.text}",
                    is_negated(speech), "asserted", date,
                    CONFIDENCE.reported - CONFIDENCE.fallback * weak, None)


@dataclass
class _VerbReading:
    """One trigger verb as its steps read it; the steps rewrite label, targets and modality."""

    verb: Token
    trig: Trigger
    obj_noun: Token | None  # the light verb's object that names the act
    lemma: str
    label: str
    sources: list[ActorMention]
    weak_subject: bool  # the sources came from the nearest-actor fallback
    target_tokens: list[Token]
    targets: list[ActorMention]
    # Territories the parse lost, read from the rest of the sentence at lower confidence.
    fallback: list[ActorMention] = field(default_factory=list)
    symmetric: bool = False
    negated: bool = False
    modality: str = "asserted"
    # the act itself lies ahead ("will meet in January"): its date words look forward
    ahead: bool = False


def verb_events(ctx: SentenceContext, verb: Token) -> Iterator[RawEvent]:
    """Events a verb carries: trigger → arguments → label rewrites → targets → modality → emit."""
    demand = reported_demand(ctx, verb)
    if demand:
        ctx.consumed.update(c.i for c in verb.children if c.dep_ in {"dobj", "attr"})
        yield from demand
        return
    if folded(ctx, verb):
        # Its object nouns ("threatened to launch an offensive") are not events either.
        ctx.consumed.update(c.i for c in verb.children if c.dep_ in {"dobj", "attr"})
        return
    trig, obj_noun = verb_trigger(ctx, verb)
    if trig is None:
        yield from consequence_event(ctx, verb)
        return
    if trig.label in V.DEMAND_LABELS and _protest_purpose(ctx, verb):
        # "held a sit-in to insist on X": the demand is what the protest is about
        return
    if obj_noun is not None:
        ctx.consumed.add(obj_noun.i)
    reading = _arguments(ctx, verb, trig, obj_noun)
    if reading is None:
        return
    _head_rewrites(ctx, reading)
    _settle_targets(ctx, reading)
    _settle_modality(ctx, reading)
    yield from _emit(ctx, reading)


def _target_tokens(verb: Token, trig: Trigger, obj_noun: Token | None) -> list[Token]:
    """Words that name the targets: prepositional objects of the trigger's prepositions, and the
    direct object, dative or (in the passive) the passive subject."""
    preps = trig.preps | {V.TERRITORY_SOURCE_PREP} if trig.label in T.TERRITORY_LABELS \
        else trig.preps
    if trig.label in V.LOCATED_TARGET_LABELS:
        preps = preps | V.LOCATED_PREPS  # "banned airlines in X", "an inquiry in X"
    tokens: list[Token] = []
    # "hastened the pullout of its soldiers from X": the parse hangs the target on the
    # moved thing under the act noun's "of".
    heads = [obj_noun, *prep_objects(obj_noun, frozenset({V.SUBSTANCE_PREP})), verb] \
        if obj_noun is not None else [verb]
    for head in heads:
        tokens.extend(prep_objects(head, preps))
    passive = any(c.dep_ in PASS_SUBJ for c in verb.children)
    if passive and obj_noun is None:
        tokens.extend(c for c in verb.children if c.dep_ in PASS_SUBJ)
    elif is_passive(verb) and obj_noun is None:
        tokens.append(verb.head)  # "a tanker seized by X": the tanker
    elif obj_noun is None:
        tokens.extend(c for c in verb.children if c.dep_ in {"dobj", "dative"})
        if verb.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in verb.children) \
                and any(c.dep_ in SUBJ and c.tag_ not in {"WDT", "WP"} for c in verb.children):
            # "a step Norway branded reckless": the relative's head is the
            # object when the clause has a subject of its own
            tokens.append(verb.head)
        # "kidnapped up to 16 advisers": the parser takes "up to" for a particle
        particle, prep = V.MISREAD_PARTICLE
        for prt in verb.children:
            if prt.dep_ == "prt" and prt.lower_ == particle:
                tokens.extend(o for p in prt.children if p.lower_ == prep
                              for o in p.children if o.dep_ == "pobj")
    else:
        tokens.extend(c for c in verb.children if c.dep_ == "dative")
    return tokens


def _arguments(ctx: SentenceContext, verb: Token, trig: Trigger,
               obj_noun: Token | None) -> _VerbReading | None:
    """Sources and targets from the parse; None when the verb is no event after all."""
    sources, weak_subject = subjects(ctx, verb)
    tokens = _target_tokens(verb, trig, obj_noun)
    targets = target_actors(ctx, tokens, trig.label)
    lemma = lemma_of(verb)
    if lemma in T.RECEIPT_VERBS and obj_noun is not None \
            and cameo_root(trig.label) in V.GIVING_ROOTS:
        # "got rifles from the army": the army gave them
        givers = [m for t in prep_objects(verb, V.SOURCE_PREPS)
                  for m in actors(ctx, t)] or [
            m for t in prep_objects(obj_noun, V.SOURCE_PREPS)
            for m in actors(ctx, t)]
        sources, targets = givers, sources
    if lemma in T.MOTION_VISITS and not any(
            ctx.res.entities[m.entity_id].type in V.VISITOR_TYPES or m.sector in V.VISITOR_SECTORS
            for m in sources):
        # planes and troops also "arrive" and "land"; a visit is made by people
        return None
    return _VerbReading(verb, trig, obj_noun, lemma, trig.label, sources, weak_subject,
                        tokens, targets)


def _head_rewrites(ctx: SentenceContext, r: _VerbReading) -> None:
    """The label and targets a head takes from its object or complement."""
    if r.label == V.COOPERATIVE_INTENT and any(
            c.dep_ == "dobj" and c.lemma_.lower() in T.HOSTILE_NOUNS for c in r.verb.children):
        r.label = V.THREAT
    wanted = wanted_of(ctx, r.verb, r.sources) if r.lemma == V.WANT_HEAD else []
    if r.lemma == V.WANT_HEAD and (r.targets or wanted):
        # "Peru wants Chile to withdraw": wanting something of someone is an appeal to them.
        r.label = V.APPEAL
        r.targets = r.targets or wanted
    elif r.lemma in T.COMPLEMENT_HEADS or r.lemma in T.REFUSAL_HEADS:
        comp, comp_trig = complement(ctx, r.verb)
        if comp is None:
            return
        if not r.targets:
            r.targets = complement_targets(ctx, comp, comp_trig, r.label)
        if comp_trig is not None and r.lemma in T.DECISION_HEADS \
                and cameo_root(comp_trig.label) >= 13:
            # "the EU agreed to impose sanctions on Russia": a decision to coerce is the
            # act itself. (Agreeing to concede stays an agreement, as human coders code it.)
            r.label = comp_trig.label
        elif comp_trig is not None and r.lemma in T.INTENT_HEADS:
            # "vowed to attack X" is a threat; "offered to help X" a pledge of aid; "vowed not
            # to return X" a refusal.
            if is_negated(comp):
                r.label = V.REFUSAL
            elif cameo_root(comp_trig.label) >= 13:
                r.label = V.THREAT
            elif comp_trig.label in T.FUTURE_INTENT:
                r.label = T.FUTURE_INTENT[comp_trig.label]


def _settle_targets(ctx: SentenceContext, r: _VerbReading) -> None:
    """Parties, implied targets, territories, protest addressees and place labels."""
    _parties(ctx, r)
    _implied_targets(ctx, r)
    if r.label in T.TERRITORY_LABELS:
        r.targets = territories(ctx, r.targets)
    if not r.targets and r.label in V.PROTEST_LABELS:
        # A protest with no named addressee is addressed to the state where it happens,
        # else to the protesters' own state: domestic dissent (the CAMEO convention).
        r.targets = [m for t in prep_objects(r.verb, V.PROTEST_PLACE_PREPS)
                     for m in actors(ctx, t)]
        if not r.targets:
            r.targets = [s for s in (home_state(ctx, m) for m in r.sources) if s is not None]
    if not r.targets and r.lemma in V.HOME_TARGET_VERBS:
        # a pronoun's antecedent is too often another leader for a guess about its office
        r.targets = [s for s in (home_state(ctx, m) for m in r.sources if m.kind != "pronoun")
                     if s is not None]
    # A coordinator with nothing coordinated ("annexed X in 2014 and later Y") means the
    # parse dropped the second conjunct; so does a territorial verb with no territory.
    dangling_cc = any(c.dep_ == "cc" for c in r.verb.children) and not any(
        c.dep_ == "conj" for c in r.verb.children)
    if r.label in T.TERRITORY_LABELS and (not r.targets or dangling_cc):
        have = {m.start for m in r.targets}
        r.fallback = [m for m in fallback_targets(ctx, r.verb) if m.start not in have]
    if r.trig.place_label and r.targets and all(
            ctx.res.entities[m.entity_id].type in V.PLACE_TYPES for m in r.targets):
        r.label = r.trig.place_label


def _parties(ctx: SentenceContext, r: _VerbReading) -> None:
    """Who the act is between, where the parse names both: "between X and Y", "each other",
    forces moved "into" a state, the actor a label names."""
    if r.label in ctx.symmetric:
        # "a pact signed between X and Y", "clashed between X and Y": the two parties.
        pair_actors = target_actors(ctx, prep_objects(r.verb, V.BETWEEN_PREPS), r.label)
        if len(pair_actors) >= 2:
            r.sources, r.targets, r.weak_subject = pair_actors[:1], pair_actors[1:], False
    if not r.targets and r.verb.dep_ == "advcl" and r.verb.tag_ == "VBG" \
            and r.label in V.INHERITED_TARGET_LABELS:
        # "demanded the capitulation of X, warning the raids would go on": the warning is to X.
        r.targets = target_actors(ctx, [c for c in r.verb.head.children if c.dep_ == "dobj"],
                                  r.label)
    if cameo_root(r.label) == V.FORCE_POSTURE_ROOT and any(
            m for t in prep_objects(r.verb, V.INCURSION_PREPS) for m in actors(ctx, t)):
        # "airlifted marines into X", "sent soldiers over the frontier into X": an incursion.
        r.label = V.INCURSION
        r.targets = [m for t in prep_objects(r.verb, V.INCURSION_PREPS) for m in actors(ctx, t)]
    if len(r.sources) >= 2 and any(_reciprocal(t) for t in r.target_tokens):
        # "the two countries accused each other": every party acts on every other
        r.targets = list(r.sources)
    if r.lemma in V.LABELLING_VERBS and r.label in {V.CRITICISM, V.REFUSAL}:
        # "branded the blast a Borovian provocation": the label names the target
        named = _labelled(ctx, r.verb)
        if named:
            r.targets = named


def _implied_targets(ctx: SentenceContext, r: _VerbReading) -> None:
    """Targets the sentence implies when the parse names none: the other party of a demand,
    the teller or accuser of a hostile act, a threat's condition; joint drills."""
    if not r.targets and r.label in V.DEMAND_LABELS:
        # "sought assurances that its crew could exit X": the other party in what is demanded
        own = {m.participant_id for m in r.sources}
        r.targets = [m for obj in r.verb.children if obj.dep_ == "dobj"
                     for t in obj.subtree if t.i != obj.i and t.lower_ not in V.STATE_PRONOUNS
                     for m in ctx.res.at(t) if m.participant_id not in own][:1]
    if not r.targets and cameo_root(r.label) >= V.TELLER_VICTIM_MIN_ROOT:
        r.targets = _accuser(ctx, r) or _teller(ctx, r)
    if not r.targets and r.label == V.DRILLS and len({_country(ctx, m) for m in r.sources}) >= 2:
        # "Russia and China held joint naval drills": exercising together is cooperation
        r.label = V.JOINT_DRILLS
    if not r.targets and r.label in V.THREAT_LABELS:
        # "threatened sanctions unless the generals free the premier": the one who
        # must comply
        r.targets = [m for c in r.verb.children if c.dep_ == "advcl" and any(
            k.dep_ == "mark" and k.lower_ in V.ULTIMATUM_MARKS for k in c.children)
            for m in subjects(ctx, c)[0]]


def _settle_modality(ctx: SentenceContext, r: _VerbReading) -> None:
    """Negation and modality, and the CAMEO rewrites they call for (threat, refusal, intent)."""
    # Whether the act pairs conjoined subjects is the act's as read, before modality turns it
    # into a threat or an intent.
    r.symmetric = r.label in ctx.symmetric
    r.negated = is_negated(r.verb)
    r.modality, _conditional = modality_of(r.verb)
    _accused_agents(ctx, r)
    if r.modality == "denied":
        # A denial never leaves the denied act asserted.
        r.negated = True
    if r.label in V.THREAT_LABELS and r.modality == "future":
        r.modality = "asserted"
    if r.modality in {"future", "hypothetical"} and announced(ctx, r.verb, r.sources) \
            and not _writer_speculates(r.verb):
        unless = any(c.dep_ == "advcl" and any(m.lower_ == V.ULTIMATUM_MARK for m in c.children)
                     for c in r.verb.children)
        # An actor announcing a hostile act of its own, or any act "unless" the other side
        # complies, is threatening (CAMEO 13); a cooperative one states intent (CAMEO 03).
        # Announced exercises stay exercises (planned, so not asserted).
        if unless or cameo_root(r.label) >= 16 or r.label in V.ANNOUNCED_THREAT_LABELS:
            r.label, r.modality = V.THREAT, "asserted"
    if r.negated and r.modality in {"future", "hypothetical"} \
            and announced(ctx, r.verb, r.sources) \
            and (3 <= cameo_root(r.label) <= 8 or r.label in V.REFUSABLE_LABELS):
        # "said it would not accept", "will not provide support": a refusal (CAMEO 12).
        r.label, r.modality, r.negated = V.REFUSAL, "asserted", False
    if r.modality == "future" and r.label in T.FUTURE_INTENT:
        r.label, r.modality, r.ahead = T.FUTURE_INTENT[r.label], "asserted", True


def _accused_agents(ctx: SentenceContext, r: _VerbReading) -> None:
    """ "Japan accused China of attacking Vietnam", "Iran was accused of shelling X": the act
    of the "of"-complement is the accused's (as alleged), not the accuser's."""
    node = r.verb
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    prep = node.head
    if node.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in V.ACCUSATION_PREPS:
        return
    head = prep.head
    if lemma_of(head) not in V.ACCUSATION_HEADS or any(c.dep_ == "nsubj" for c in r.verb.children):
        return
    deps = {"nsubjpass"} if is_passive(head) else {"dobj"}
    r.sources = [m for c in head.children if c.dep_ in deps for m in actors(ctx, c)]
    r.weak_subject = False


def _writer_speculates(verb: Token) -> bool:
    """ "Russia could attack Poland" as the writer's own main clause: a possibility, not an
    announcement by Russia."""
    return verb.dep_ == "ROOT" and any(
        c.dep_ == "aux" and c.lower_ in V.POSSIBILITY_AUX for c in verb.children)


def _all_official(ctx: SentenceContext, sources: list[ActorMention],
                  _targets: list[ActorMention]) -> bool:
    return bool(sources) and all(official(ctx, m) for m in sources)


def _any_armed(ctx: SentenceContext, sources: list[ActorMention],
               _targets: list[ActorMention]) -> bool:
    return any(armed(ctx, m) for m in sources)


def _all_civilian(ctx: SentenceContext, sources: list[ActorMention],
                  _targets: list[ActorMention]) -> bool:
    return bool(sources) and all(
        (m.sector or ctx.res.entities[m.participant_id].sector) in V.CROWD_SECTORS
        for m in sources)


def _domestic(ctx: SentenceContext, sources: list[ActorMention],
              targets: list[ActorMention]) -> bool:
    own = {_country(ctx, m) for m in sources} - {None}
    return bool(own) and bool(targets) and all(_country(ctx, m) in own for m in targets)


def _country(ctx: SentenceContext, mention: ActorMention) -> str | None:
    entity = ctx.res.entities.get(mention.participant_id)
    return entity.country if entity is not None else None


def _all_private(ctx: SentenceContext, sources: list[ActorMention]) -> bool:
    return bool(sources) and all(
        (m.sector or ctx.res.entities[m.participant_id].sector) == V.PRIVATE_SECTOR
        for m in sources)


def _all_judicial(ctx: SentenceContext, sources: list[ActorMention],
                  _targets: list[ActorMention]) -> bool:
    return bool(sources) and all(
        (m.sector or ctx.res.entities[m.participant_id].sector) == "JUD" for m in sources)


def _body_target(ctx: SentenceContext, _sources: list[ActorMention],
                 targets: list[ActorMention]) -> bool:
    return bool(targets) and all(
        ctx.res.entities[m.participant_id].type == "IGO" for m in targets)


def _all_people(ctx: SentenceContext, sources: list[ActorMention],
                _targets: list[ActorMention]) -> bool:
    return bool(sources) and all(
        ctx.res.entities[m.participant_id].type == "PERSON" for m in sources)


# The actor tests ``vocab.ACTOR_REWRITES`` names.
_ACTOR_TESTS = {"official": _all_official, "armed": _any_armed, "civilian": _all_civilian,
                "domestic": _domestic, "judicial": _all_judicial,
                "body_target": _body_target}


def _remember(ctx: SentenceContext, r: _VerbReading, date: str | None) -> None:
    """Acts without a target, and attitudes toward an act without its agent, for
    ``coref.resolve_partials`` to complete from other sentences."""
    if not r.targets and not r.negated:
        ctx.acts.extend((r.label, m.participant_id) for m in r.sources)
    if not r.targets and r.label in T.ATTITUDE_LABELS and r.sources:
        for token in r.target_tokens:
            act = T.NOUNS.get(token.lemma_.lower())
            if act is not None and definite(token) and not nominal_agent(ctx, token):
                ctx.partial.append(PartialEvent(
                    r.label, r.sources, [], token, date, via=act.label, negated=r.negated,
                    modality=r.modality))


def _emit(ctx: SentenceContext, r: _VerbReading) -> Iterator[RawEvent]:
    """The events of a settled reading, with date, place and confidence."""
    extra = [r.obj_noun] if r.obj_noun is not None else []
    date = event_time(ctx, r.verb, extra,
                      future=r.ahead or r.modality in {"future", "hypothetical"})
    location = location_for(ctx, r.verb)
    confidence = CONFIDENCE.verb if r.obj_noun is None else CONFIDENCE.light_verb
    if r.trig.dictionary:
        confidence = CONFIDENCE.dictionary
    if r.weak_subject:
        confidence -= CONFIDENCE.fallback
    trigger_text = r.verb.text if r.obj_noun is None else f"{r.verb.text} {r.obj_noun.text}"
    symmetric = r.symmetric or (r.lemma in T.RECIPROCAL_VERBS and not r.targets)
    _remember(ctx, r, date)
    label = r.label
    for old, who, new in V.ACTOR_REWRITES:
        if label == old and _ACTOR_TESTS[who](ctx, r.sources, r.targets):
            label = new
    if r.lemma in V.VERBAL_ATTACK_VERBS and _all_people(ctx, r.sources, r.targets):
        label = V.CRITICISM
    if label in V.PRIVATE_ACTS and _all_private(ctx, r.sources):
        return  # "busloads of tourists visited X": travel, not an act between actors
    yield from pair(ctx, r.sources, r.targets, label, trigger_text, r.negated, r.modality, date,
                    confidence, location, symmetric=symmetric)
    yield from _accusation(ctx, r, label)
    # Targets the parse lost sit outside the verb's phrase, and so does any date of theirs.
    yield from pair(ctx, r.sources, r.fallback, label, trigger_text, r.negated, r.modality, None,
                    confidence - CONFIDENCE.fallback, location, symmetric=symmetric)


def _accusation(ctx: SentenceContext, r: _VerbReading, label: str) -> Iterator[RawEvent]:
    """ "Hanoi said Chinese ships rammed Vietnamese vessels": telling of another's hostile act
    against oneself accuses the other (CAMEO 112), besides the act itself."""
    if r.negated or cameo_root(label) < V.ACCUSABLE_MIN_ROOT:
        return
    node = _clause_top(r.verb, {"conj", "advcl", "xcomp"})
    if not _told(node):
        return
    speakers, weak = subjects(ctx, node.head)
    own = {_country(ctx, m) for m in speakers} - {None}
    if not own or not any(_country(ctx, m) in own for m in r.targets):
        return
    accused = [m for m in r.sources if _country(ctx, m) not in own]
    yield from pair(ctx, speakers, accused, V.ACCUSATION, f"{node.head.text} … {r.verb.text}",
                    False, "asserted", event_time(ctx, node.head),
                    CONFIDENCE.reported - CONFIDENCE.fallback * weak, None)


def _labelled(ctx: SentenceContext, verb: Token) -> list[ActorMention]:
    """Actors named inside the label a labelling verb gives ("as a Borovian provocation")."""
    found: list[ActorMention] = []
    for child in verb.children:
        if (child.dep_ == "prep" and child.lower_ == "as") or child.dep_ in {"oprd", "xcomp"}:
            for token in child.subtree:
                found.extend(ctx.res.at(token) or demonym(ctx, token))
    return found


def _accuser(ctx: SentenceContext, r: _VerbReading) -> list[ActorMention]:
    """The one who accuses another of a hostile act done without a named target is its victim:
    "X accused Y of crossing the border", "a charge by X that Y's gunboats had entered"."""
    node = _clause_top(r.verb, {"conj"})
    head = node.head
    if node.dep_ in {"acl", "ccomp"} and head.lemma_.lower() in V.CLAIM_NOUNS:
        accusers = nominal_agent(ctx, head)
    elif node.dep_ == "pcomp" and head.lower_ in V.ACCUSATION_PREPS \
            and head.head.lemma_.lower() in V.ACCUSATION_HEADS:
        accusers = subjects(ctx, head.head)[0]
    else:
        return []
    own = {_country(ctx, m) for m in r.sources} | {m.participant_id for m in r.sources}
    return [m for m in accusers
            if _country(ctx, m) not in own and m.participant_id not in own]


def _teller(ctx: SentenceContext, r: _VerbReading) -> list[ActorMention]:
    """The state that tells of a hostile act done without a named target, when another did it:
    "Peruvian officers said the bombing was carried out by the rebels"."""
    node = _clause_top(r.verb, {"conj"})
    if not _told(node):
        return []
    tellers, _ = subjects(ctx, node.head)
    own = {_country(ctx, m) for m in r.sources} - {None}
    states = [m for m in tellers if governmental(ctx, m.participant_id)
              and ctx.res.entities[m.participant_id].type != "IGO"
              and _country(ctx, m) not in own]
    told = {_country(ctx, m) for m in states}
    if len(told) != 1 or any(
            _country(ctx, m) not in own | told for t in ctx.sent for m in ctx.res.at(t)):
        # Only when the sentence names no third party: "aid workers in Accra said the
        # militia bombed Tamale" does not make Kenya the victim.
        return []
    return [home_state(ctx, m) or m for m in states[:1]]


def _protest_purpose(ctx: SentenceContext, verb: Token) -> bool:
    """Whether a verb is the purpose of a protest: "rallied to demand", "began a strike to"."""
    head = verb.head
    if verb.dep_ != "advcl" or head is verb or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    trig, _ = verb_trigger(ctx, head)
    return trig is not None and trig.label in V.PROTEST_LABELS


def _reciprocal(token: Token) -> bool:
    """ "each other", "one another" (not "other officials")."""
    return {token.lower_, *(c.lower_ for c in token.children)} in V.RECIPROCAL_PHRASES


def _clause_top(verb: Token, deps: set[str]) -> Token:
    """The clause a verb belongs to, climbing through conjuncts (and the given other links)."""
    node = verb
    while node.dep_ in deps and node.head is not node and node.head.pos_ in {"VERB", "AUX"}:
        node = node.head
    return node


def _told(clause: Token) -> bool:
    """Whether a clause is what a speech verb reports: "X said (that) <clause>"."""
    return clause.dep_ == "ccomp" and lemma_of(clause.head) in T.SPEECH_VERBS
