"""Arguments from the parse: who acts and who is acted on.

- subject: ``nsubj``; in the passive, the ``by`` agent (and ``nsubjpass`` is the target);
  through ``xcomp`` (object control "forced X to", else the governing subject), ``conj``
  (shared subject), relative clauses ("which", "who") and participles;
- target: ``dobj``, ``dative``, or the object of a preposition the trigger names; an argument
  that is itself an event nominal gives its agent ("denounced the Borovian annexation" → Borovia);
- coordination multiplies arguments ("Donetsk, Luhansk and Kherson").

When the parse gives a subject or target no actor, one fallback reads the nearest actor in the
same clause, at lower confidence (the small model misparses long news sentences).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from graphsvc.nlp import triggers as T
from graphsvc.nlp import vocab as V
from graphsvc.nlp.events.context import (
    PASS_SUBJ,
    SUBJ,
    SentenceContext,
    cameo_root,
    is_passive,
    lemma_of,
)
from graphsvc.nlp.resolve import ActorMention


def actors(ctx: SentenceContext, token: Token, depth: int = 0) -> list[ActorMention]:
    """Actor mentions a syntactic argument names, through coordination and appositions."""
    if depth > 3:
        return []
    found = list(ctx.res.at(token)) or _unnamed_actors(ctx, token, depth)
    for child in token.children:
        # "Peru, Ghana, and Norway": the parser reads a list as an apposition.
        if child.dep_ == "appos" and found and any(c.dep_ == "cc" for c in child.children):
            for item in (child, *child.conjuncts):
                found.extend(m for m in ctx.res.at(item) if m not in found)
    # The parse may hang a coordination on any word of a name ("Barack Obama and Putin"
    # with "and Putin" under "Obama"), so look at the conjuncts of every word of the mention.
    heads = {token.i: token}
    for mention in list(found):
        for i in range(mention.start, mention.end):
            heads.setdefault(i, ctx.doc[i])
    # Only later conjuncts: the second of "X and Y" must not take X back.
    conjuncts = [c for word in heads.values() for c in word.conjuncts
                 if c.i not in heads and c.i > word.i]
    for conj in conjuncts:
        if conj.i > min(heads):
            for mention in ctx.res.at(conj):
                if mention not in found:
                    found.append(mention)
            if not ctx.res.at(conj):
                for child in conj.children:
                    if child.dep_ == "appos":
                        found.extend(actors(ctx, child, depth + 1))
    unique: dict[tuple[str, int], ActorMention] = {}
    for mention in found:
        unique.setdefault((mention.participant_id, mention.start), mention)
    return list(unique.values())


def _unnamed_actors(ctx: SentenceContext, token: Token, depth: int) -> list[ActorMention]:
    """Actors of an argument the resolver gave none: a pronoun's antecedent, a relative clause's
    head, an apposition, or the possessor or modifier of an agent noun."""
    found: list[ActorMention] = []
    if token.lower_ in V.STATE_PRONOUNS and token.pos_ == "PRON":
        return antecedent(ctx, token)
    elif token.tag_ in {"WDT", "WP"} or token.lower_ in V.RELATIVE_PRONOUNS:
        clause = token.head
        if clause.dep_ == "relcl":
            found = actors(ctx, clause.head, depth + 1)
    else:
        for child in token.children:
            if child.dep_ == "appos":
                found.extend(actors(ctx, child, depth + 1))
        if not found:
            for child in token.children:
                if child.dep_ == "poss" and token.lemma_ in V.GOVERNMENT_NOUNS:
                    found.extend(actors(ctx, child, depth + 1))
        if not found and token.pos_ == "NOUN" and (
                token.lemma_ in V.GOVERNMENT_NOUNS or token.lemma_ in T.ORGANISATION_NOUNS
                or ctx.gazetteer.agent_sector(token.lemma_.lower())):
            # "Taliban fighters", "Hamas militants", "Kurdish fighters", "the Biden
            # administration"
            for child in token.children:
                if child.dep_ in {"compound", "poss", "amod", "nmod"} \
                        and child.i < token.i:
                    found.extend(ctx.res.at(child) or (
                        demonym(ctx, child) if token.lemma_ in V.GOVERNMENT_NOUNS else []))
                if child.dep_ == "poss" and child.lower_ in V.STATE_PRONOUNS and not found:
                    # "its gunboats had entered": the gunboats of the pronoun's antecedent
                    found.extend(antecedent(ctx, child))
        if not found and token.pos_ == "PROPN":
            # "Borovia's Frontier Lancers", a body the gazetteer does not know by that
            # name, acts for the state that owns it (a state or a body, never a person).
            found = [m for child in token.children if child.dep_ == "poss"
                     for m in ctx.res.at(child) if _is_state_or_body(ctx, m)]
        if not found and token.ent_type_ in {"DATE", "TIME"}:
            # "met with President Assad Tuesday": the name hangs on the date
            for child in token.children:
                if child.dep_ == "compound":
                    found.extend(ctx.res.at(child))
        if not found and token.lemma_.lower() in T.COLLECTIVE_NOUNS:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == V.MEMBERSHIP_PREP:
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            found.extend(actors(ctx, obj, depth + 1))
    return found


def _is_state_or_body(ctx: SentenceContext, mention: ActorMention) -> bool:
    entity = ctx.res.entities.get(mention.participant_id)
    return entity is not None and entity.type in V.OWNER_TYPES


def antecedent(ctx: SentenceContext, pronoun: Token) -> list[ActorMention]:
    """ "Ruritania insists *it* is ready", "Oman said *its* navy": the subject of the clause
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
            if child.dep_ in SUBJ and child is not pronoun and child.i < pronoun.i:
                found = ctx.res.at(child) or (
                    actors(ctx, child, 1) if child.lower_ not in V.STATE_PRONOUNS else [])
                if found:
                    return list(found)
    return []


def nominal_agent(ctx: SentenceContext, noun: Token) -> list[ActorMention]:
    """Agent of an event noun: its *by* phrase, else possessor, demonym or compound."""
    # "Nightly raids by the militia": the by-phrase says who, a modifier may be a misread.
    for obj in prep_objects(noun, V.AGENT_PREPS):
        found = actors(ctx, obj)
        if found:
            return found
    for child in noun.children:
        if child.dep_ in {"poss", "amod", "compound", "nmod"} and child.i < noun.i:
            found = actors(ctx, child) or demonym(ctx, child)
            if found:
                return found
    # "the Chinese military drills": the demonym modifies a compound before the noun.
    for i in range(noun.left_edge.i, noun.i):
        token = ctx.doc[i]
        found = ctx.res.at(token) or demonym(ctx, token)
        if found and token.head.i in range(noun.left_edge.i, noun.i + 1):
            return found
    return _claimant(ctx, noun)


def _claimant(ctx: SentenceContext, noun: Token) -> list[ActorMention]:
    """ "X claimed responsibility for the attack": who claims an act did it."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" \
            or prep.head.lemma_.lower() != V.RESPONSIBILITY_NOUN:
        return []
    verb = prep.head.head
    if verb.lemma_.lower() not in V.CLAIMING_VERBS:
        return []
    return subjects(ctx, verb)[0]


def demonym(ctx: SentenceContext, token: Token) -> list[ActorMention]:
    """What a demonym and its conjuncts stand for ("Russian and Chinese" ships)."""
    mention = ctx.res.demonyms.get(token.i)
    found = [mention] if mention else []
    for conj in token.conjuncts:
        other = ctx.res.demonyms.get(conj.i)
        if other:
            found.append(other)
    return found


def prep_objects(head: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the prepositions ``preps`` under ``head``."""
    objects: list[Token] = []
    for child in head.children:
        # "offer help to Chile": the parser may label that "to" dative
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


def target_actors(ctx: SentenceContext, tokens: Iterable[Token], label: str) -> list[ActorMention]:
    """Actors named by target tokens; an event noun or an activity gives its actors."""
    found: list[ActorMention] = []
    for token in tokens:
        lemma = token.lemma_.lower()
        posts = [m for t in prep_objects(token, V.ENVOY_POST_PREPS) for m in actors(ctx, t)] \
            if lemma in V.ENVOY_NOUNS else []
        if posts:
            # "recalled its emissary in X": the envoy's posting is the target, not its owner
            found.extend(posts)
            continue
        direct = actors(ctx, token) + [
            m for t in prep_objects(token, V.MEMBER_PREPS) for m in actors(ctx, t)]
        if direct:
            # "detained politicians, including X": the members a group is named by
            found.extend(direct)
            continue
        if label in T.ATTITUDE_LABELS and lemma in T.NOUNS:
            # Deploring "the annexation of Borovia" deplores the annexer, never the invaded:
            # without an agent there is no target.
            found.extend(nominal_agent(ctx, token))
            continue
        if lemma in T.AUTHORED_NOUNS:
            # "dismissed a Peruvian plan", "lauded Fiji's work", "an appeal from
            # Ghana": the act's author.
            authors = nominal_agent(ctx, token) or [
                m for obj in prep_objects(token, V.AUTHOR_PREPS)
                for m in actors(ctx, obj)] or _appositive_author(ctx, token)
            if authors:
                found.extend(authors)
                continue
        owners = [m for child in token.children if child.dep_ == "amod"
                  for m in demonym(ctx, child)] if cameo_root(label) >= 14 else []
        if owners:
            # "bombed Borovian villages", "a ban on Danish cheese": the state whose
            # places, people or goods they are.
            found.extend(owners)
            continue
        if cameo_root(label) >= V.REACH_MIN_ROOT or label in V.REACH_LABELS:
            found.extend(reached_actors(ctx, token, label))
            continue
        # "curbs on commerce with Peru": the actor one preposition further down.
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in V.LINKED_ACTOR_PREPS and not (
                    child.lower_ == "with" and lemma in V.BOUNDARY_NOUNS):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found.extend(actors(ctx, obj))
    return found


def _appositive_author(ctx: SentenceContext, noun: Token) -> list[ActorMention]:
    """ "X launched an inquiry, a move rejected by Y": a noun set off after a clause that
    names that clause's act ("a move", "a step", "a charge"); its author is the clause's
    subject."""
    before = ctx.doc[noun.left_edge.i - 1] if noun.left_edge.i > ctx.sent.start else None
    if before is None or before.text not in V.APPOSITION_MARKS:
        return []
    head = noun.head
    while head.pos_ not in {"VERB", "AUX"} and head.head is not head:
        head = head.head
    return subjects(ctx, head)[0] if head.pos_ in {"VERB", "AUX"} else []


def reached_actors(ctx: SentenceContext, token: Token, label: str) -> list[ActorMention]:
    """The actor whose thing a non-actor target is, nearest first, breadth first: "the skipper
    of a Danish ferry" (Denmark), "the Norwegian consulate grounds" (Norway), "levies on
    Peruvian copper" (Peru), "a hamlet captured by X" (X holds it), "the tower that hosts Chile's
    legation" (Chile). Three levels at most; the first level that names an actor wins."""
    frontier = [token]
    preps = V.REACH_PREPS | (V.LOCATED_PREPS if label in V.LOCATED_TARGET_LABELS else frozenset())
    for _ in range(V.REACH_DEPTH):
        found: list[ActorMention] = []
        deeper: list[Token] = []
        for node in frontier:
            for child in node.children:
                if child.dep_ in {"compound", "poss", "nmod"} and child.i < node.i:
                    found.extend(actors(ctx, child) or demonym(ctx, child))
                    deeper.append(child)  # "the Norwegian consulate grounds": Norway owns it
                elif child.dep_ == "amod":
                    found.extend(demonym(ctx, child))
                elif child.dep_ == "prep" and child.lower_ in preps:
                    objs = [o for o in child.children if o.dep_ == "pobj"]
                    found.extend(m for o in objs for m in actors(ctx, o))
                    deeper.extend(objs)
                elif child.dep_ == "acl" and child.lemma_.lower() in V.HOLDING_VERBS:
                    found.extend(m for o in prep_objects(child, V.AGENT_PREPS)
                                 for m in actors(ctx, o))
                elif child.dep_ == "acl" and child.tag_ == "VBG":
                    deeper.extend(c for c in child.children if c.dep_ == "dobj")
        if found:
            return found
        frontier = deeper
    return []


def subjects(ctx: SentenceContext, verb: Token, seen: int = 0) -> tuple[list[ActorMention], bool]:
    """Actors doing ``verb``; the flag says whether they came through a fallback."""
    if seen > 4:
        return [], False
    if is_passive(verb):
        return _passive_subjects(ctx, verb), False
    subjects_ = [c for c in verb.children if c.dep_ in SUBJ]
    for child in subjects_:
        found = actors(ctx, child)
        if not found and (child.lemma_.lower() in T.NOUNS
                          or child.lemma_.lower() in T.INSTRUMENT_NOUNS):
            # "A U.S. drone strike killed …": the act's or weapon's owner acted.
            found = nominal_agent(ctx, child)
        if not found and child.pos_ == "VERB":
            # "the relief agency working in X said": the parse makes the participle the subject
            found = [m for c in child.children if c.dep_ in SUBJ for m in actors(ctx, c)]
        if found:
            # The parse may give a verb two subjects (a dateline's place and the real one).
            return found, False
    if subjects_:
        return [], False
    return _governed_subjects(ctx, verb, seen)


def _passive_subjects(ctx: SentenceContext, verb: Token) -> list[ActorMention]:
    """The by-agent of a passive; the subject of a stative passive ("Oman is averse to")."""
    if lemma_of(verb) in T.STATIVE_PASSIVES:
        for child in verb.children:
            if child.dep_ in PASS_SUBJ:
                return actors(ctx, child)
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [o for o in child.children if o.dep_ == "pobj"]
            return [m for o in objs for m in actors(ctx, o)]
    return _concurrent_agent(ctx, verb)


def _governed_subjects(ctx: SentenceContext, verb: Token,
                       seen: int) -> tuple[list[ActorMention], bool]:
    """A verb without a subject of its own takes it from the word that governs it: the head of
    an adjective or open complement, a conjunct, a noun it describes, a purpose's doer."""
    head = verb.head
    if head is verb:
        return [], False
    if verb.dep_ == "conj" and is_passive(head) and not is_passive(verb):
        # "X was charged by prosecutors and stepped down": the shared subject is X, not the agent
        return [m for c in head.children if c.dep_ in PASS_SUBJ for m in actors(ctx, c)], False
    if verb.dep_ in {"acomp", "conj"} and (verb.dep_ == "acomp" or head.pos_ in {"VERB", "AUX"}):
        return subjects(ctx, head, seen + 1)
    if verb.dep_ == "xcomp":
        return _controller(ctx, head, seen)
    if verb.dep_ in {"acl", "relcl"} and verb.tag_ == "VBG":
        return _participle_subjects(ctx, verb, seen)
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ == "advcl" and infinitive and head.pos_ in {"VERB", "AUX"}:
        # "sent inspectors to Iraq to investigate": the purpose is the sender's.
        return subjects(ctx, head, seen + 1)
    if verb.dep_ in {"relcl", "acl"} and infinitive and head.dep_ == "dobj" \
            and head.head.pos_ in {"VERB", "AUX"} and lemma_of(verb) in T.VERBS and not any(
                c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of")
                for c in head.children):
        # "launched a missile to hit the frigate": whoever launched it meant to hit it (but "the
        # right of X to fire" is X's)
        return subjects(ctx, head.head, seen + 1)
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
        if head.pos_ == "NOUN" and head.lemma_ in T.NEGATING_HEADS:
            return nominal_agent(ctx, head), False
        return _stranded_subject(ctx, verb), True
    if verb.dep_ in {"advcl", "pcomp"} and verb.tag_ == "VBG":
        return _gerund_subjects(ctx, verb, seen)
    return [], False


def _participle_subjects(ctx: SentenceContext, verb: Token,
                         seen: int) -> tuple[list[ActorMention], bool]:
    """ "the delegation visiting X", "an edict sending the monitors away from the governor"
    (the text's author), "released a statement insisting on …" (whoever released it)."""
    head = verb.head
    found = actors(ctx, head)
    if found or head.lemma_.lower() not in T.AUTHORED_NOUNS | T.DOCUMENT_NOUNS:
        return found, False
    found = nominal_agent(ctx, head) or [
        m for o in prep_objects(verb, V.AUTHOR_PREPS) for m in actors(ctx, o)]
    if found:
        return found, False
    if head.dep_ in {"dobj", "pobj"} and head.head.pos_ in {"VERB", "ADP"}:
        governor = head.head if head.dep_ == "dobj" else head.head.head
        return subjects(ctx, governor, seen + 1)
    return [], False


def _gerund_subjects(ctx: SentenceContext, verb: Token,
                     seen: int) -> tuple[list[ActorMention], bool]:
    """A gerund clause's doer: the accused of "accused X of V-ing", else the governing verb's
    subject ("deepened the rift by accusing X", "spoke after calling in the envoy")."""
    head = verb.head
    if head.pos_ in {"ADP", "SCONJ"} and head.head.pos_ in {"VERB", "AUX"}:
        if head.lower_ in V.ACCUSATION_PREPS and lemma_of(head.head) in V.ACCUSATION_HEADS:
            return [m for c in head.head.children if c.dep_ in {"dobj", "nsubjpass"}
                    for m in actors(ctx, c)], False
        return subjects(ctx, head.head, seen + 1)
    return subjects(ctx, head, seen + 1) if head.pos_ in {"VERB", "AUX"} else ([], False)


def _concurrent_agent(ctx: SentenceContext, verb: Token) -> list[ActorMention]:
    """ "Four guards were wounded as rebel gunmen shelled the post": a passive harm with
    no agent was done by whoever did the armed act of its "as/when" clause."""
    if lemma_of(verb) not in V.HARM_VERBS:
        return []
    for clause in verb.children:
        if clause.dep_ == "advcl" and lemma_of(clause) in V.ARMED_ACT_VERBS and any(
                m.dep_ in {"mark", "advmod"} and m.lower_ in V.SIMULTANEITY_MARKS
                for m in clause.children):
            found = [m for c in clause.children if c.dep_ in SUBJ for m in actors(ctx, c)]
            if found:
                return found
    return []


def _controller(ctx: SentenceContext, head: Token,
                seen: int) -> tuple[list[ActorMention], bool]:
    """Who does an open complement of ``head``: its object ("forced X to"), the agent of a noun
    or adjective head, else the head's own subject."""
    for child in head.children:
        if child.dep_ in {"dobj", "dative"}:
            found = actors(ctx, child)
            if found:
                return found, False
    if head.pos_ in {"NOUN", "ADJ"}:
        # "Borovia's hesitation to denounce", "Peru's bid to prolong"
        agents = nominal_agent(ctx, head)
        if agents:
            return agents, False
        if head.dep_ in {"nsubj", "attr", "dobj"}:
            return subjects(ctx, head.head, seen + 1)
    return subjects(ctx, head, seen + 1)


def _stranded_subject(ctx: SentenceContext, verb: Token) -> list[ActorMention]:
    """A finite verb the small model hung on a noun inside its own subject ("Borovia under Petrov's
    rule seized …" parsed as a participle of "rule"): the subject the phrase sits
    in. Any other participle on a noun has no subject of its own (measured: taking the nearest
    actor instead cost PLOVER precision)."""
    node = verb.head
    if node.dep_ == "ROOT" and verb.tag_ in {"VBN", "VBD"}:
        # "The delegation headed for Moscow." parsed as a noun phrase: the noun is the subject
        return actors(ctx, node)
    for _ in range(4):
        if node.dep_ in SUBJ:
            return fallback_subject(ctx, verb)
        if node.dep_ not in {"pobj", "prep"} or node.head is node:
            return []
        node = node.head
    return []


def fallback_subject(ctx: SentenceContext, verb: Token) -> list[ActorMention]:
    """Nearest actor before ``verb`` in its sentence, raised to the phrase that contains it."""
    for i in range(verb.i - 1, ctx.sent.start - 1, -1):
        mentions = ctx.res.at(ctx.doc[i])
        if not mentions:
            continue
        token = ctx.doc[i]
        best = mentions
        # climb through "X under Y's leadership", "X of Y": the outer actor acts
        node = token
        for _ in range(6):
            node = node.head
            if node.i == node.head.i or node.i >= verb.i:
                break
            outer = ctx.res.at(node)
            if outer:
                best = outer
        return best
    return []


def territories(ctx: SentenceContext, targets: list[ActorMention]) -> list[ActorMention]:
    """Territorial acts take places; a state beside a region is where it was taken from."""
    kinds = {m.participant_id: ctx.res.entities[m.entity_id].type for m in targets}
    if any(kind in V.PLACE_TYPES for kind in kinds.values()):
        return [m for m in targets if kinds[m.participant_id] != "COUNTRY"]
    return targets


def fallback_targets(ctx: SentenceContext, verb: Token) -> list[ActorMention]:
    """Territories after a territorial verb in its sentence when the parse lost them."""
    found: list[ActorMention] = []
    losers: list[ActorMention] = []
    for i in range(verb.i + 1, ctx.sent.end):
        token = ctx.doc[i]
        if token.pos_ == "VERB" and token.dep_ in {"ccomp", "advcl", "relcl", "conj"} \
                and token.head.i != verb.i:
            break
        from_state = token.head.lower_ == V.TERRITORY_SOURCE_PREP or (
            token.head.head.lower_ == V.TERRITORY_SOURCE_PREP and token.dep_ == "nmod")
        for mention in ctx.res.at(token):
            entity = ctx.res.entities[mention.entity_id]
            if entity.type in V.TERRITORY_TYPES and mention.start == i:
                (losers if from_state else found).append(mention)
    # "took a mine from X": with no territory named, the loser is the target
    return found or [m for m in losers if ctx.res.entities[m.entity_id].type == "COUNTRY"]


def home_state(ctx: SentenceContext, mention: ActorMention) -> ActorMention | None:
    """The state a non-state actor belongs to, as a mention at the same place."""
    entity = ctx.res.entities.get(mention.participant_id)
    if entity is None or entity.type == "COUNTRY":
        return None
    state_id = ctx.res.part_of.get(entity.id) or ctx.gazetteer.state_by_code(entity.country)
    if state_id is None or state_id not in ctx.res.entities:
        return None
    return ActorMention(mention.start, mention.end, state_id, "home", state_id)


def governmental(ctx: SentenceContext, entity_id: str) -> bool:
    entity = ctx.res.entities.get(entity_id)
    return entity is not None and (entity.type == "COUNTRY" or entity.sector == V.GOVERNMENT_SECTOR)


def official(ctx: SentenceContext, mention: ActorMention) -> bool:
    entity = ctx.res.entities.get(mention.participant_id)
    return entity is not None and (entity.type in V.OFFICIAL_TYPES
                                   or entity.sector == V.GOVERNMENT_SECTOR)


def armed(ctx: SentenceContext, mention: ActorMention) -> bool:
    entity = ctx.res.entities.get(mention.participant_id)
    return entity is not None and (entity.sector in V.ARMED_SECTORS or entity.type == "COUNTRY"
                                   or mention.sector == V.MILITARY_SECTOR)


