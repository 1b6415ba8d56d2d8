"""Named mentions: the entities the model and the gazetteer found (``doc.ents``) become actors —
gazetteer entries, seats of government acting for their state, capitals that act, people (known
or with the title around the name), demonyms and peoples, and other named organisations."""

from __future__ import annotations

import re

from spacy.tokens import Span

from graphsvc.gazetteer import GazEntry
from graphsvc.gazetteer.normalise import fold_key
from graphsvc.nlp.resolve.holders import (
    modifier_state,
    people_place,
    plural_people,
    stance_or_origin,
    state_of_token,
)
from graphsvc.nlp.resolve.records import ActorMention, EntityDraft, slugify, strip_article
from graphsvc.nlp.resolve.resolver import Resolver
from graphsvc.nlp.resolve.titles import (
    person_title,
    surname_holder,
    title_from_words,
    title_words,
)
from graphsvc.nlp.resolve.vocab import (
    ACRONYM,
    ACTOR_LABELS,
    BAD_PERSON,
    BODY_HEADS,
    COMPASS,
    EXECUTIVE_NOUNS,
    FACILITY_NOUNS,
    INTERGOVERNMENTAL,
    LOCATIVE_PREPS,
    MEMBER_STATES,
    NOT_ACTORS,
    PLACE_VERBS,
    SCOPE_WORDS,
    VESSEL_NOUNS,
)
from graphsvc.records import Role


def named_entities(r: Resolver) -> None:
    """The first pass: every entity of the document in order."""
    for ent in r.doc.ents:
        if ent.label_ in NOT_ACTORS:
            continue
        _named(r, ent)


def _named(r: Resolver, ent: Span) -> None:
    entry = r.gaz.get(ent.kb_id_) if ent.kb_id_ else None
    if entry is None and ent.label_ in ACTOR_LABELS:
        entry = r.gaz.lookup(ent.text)
        # The small model labels "Sri Lankan" GPE as often as NORP.
        if entry is None and ent.label_ in {"NORP", "GPE", "LOC"}:
            _demonym_entity(r, ent)
            return
    if entry is not None:
        _entry_mention(r, ent, entry)
        return
    if ent.label_ == "PERSON":
        if r.gaz.demonym(ent.text) is not None or (
                len(ent) > 1 and r.gaz.demonym(ent[0].text) is not None):
            # The small model often reads "Bangladeshi" or "Bosnian Serbs" as a name.
            _demonym_entity(r, ent)
            return
        _person_unknown(r, ent)
    elif ent.label_ in {"ORG", "GPE", "LOC", "FAC"}:
        _other_named(r, ent)


def _entry_mention(r: Resolver, ent: Span, entry: GazEntry) -> None:
    """A gazetteer entry named: a person, a seat acting for its state, a capital that acts
    (Moscow → Russia), else the entry itself (a capital as a place still has its state as the
    participant)."""
    if entry.type == "PERSON":
        known = r.persons_by_part.get(ent.text.lower()) if len(ent) == 1 else None
        if known is not None and known != entry.id:
            # "Cherie Blair … Blair said": a bare surname is the last person of that name
            # named in the text, before any famous namesake the gazetteer knows
            r.add(ent.start, ent.end, r.res.entities[known], "partial")
            return
        draft = r.entity_from_entry(entry)
        for part in entry.name.split():
            r.persons_by_part[part.lower()] = draft.id
        r.add(ent.start, ent.end, draft, "named")
        return
    if entry.metonym_for:
        draft = r.entity_from_entry(r.state(entry))
        draft.aliases.add(strip_article(ent.text))
        r.add(ent.start, ent.end, draft, "metonym", sector=entry.sector)
        return
    if entry.capital_of and _acts(ent):
        acting = r.gaz.get(entry.capital_of)
        if acting is not None:
            draft = r.entity_from_entry(acting)
            draft.aliases.add(strip_article(ent.text))
            r.add(ent.start, ent.end, draft, "metonym")
            return
    if entry.type == "GROUP" and entry.sector == "PPL" and _people_noun(ent):
        # "Syrian Kurds", "Tamils in Sri Lanka": a stateless people with a state or a place
        # are that state's civilians.
        home = modifier_state(r, ent) or people_place(r, ent.root, ("of", *LOCATIVE_PREPS))
        if home is not None and home.country != entry.country:
            _people_of(r, ent, home)
            return
    draft = r.entity_from_entry(entry)
    participant = None
    if entry.capital_of:
        capital_state = r.gaz.get(entry.capital_of)
        participant = r.entity_from_entry(capital_state) if capital_state else None
    r.add(ent.start, ent.end, draft, "named", participant)


def _acts(span: Span) -> bool:
    """Whether a place name stands where an actor stands: subject, object, possessor, agent."""
    root = span.root
    if root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_.lower() in PLACE_VERBS:
        return False
    if root.dep_ in {"nsubj", "nsubjpass", "dobj", "poss", "dative"}:
        return True
    return root.dep_ == "pobj" and root.head.lower_ in {"by", "with", "against"}


def _demonym_entity(r: Resolver, ent: Span) -> None:
    """A demonym: an adjective of the noun it modifies, or a people ("the Palestinians")."""
    if stance_or_origin(ent[0]) or stance_or_origin(ent[-1], after=True):
        return
    before = r.doc[ent.start - 1].lower_ if ent.start else ""
    if before == "ethnic" or ent[0].lower_ == "ethnic":
        # Ethnic Albanians of Serbia are not Albania: no state from the word alone.
        return
    entry = r.gaz.demonym(ent.text)
    people = entry
    if entry is None and len(ent) > 1:
        # "Bosnian Serbs", "Iraqi Kurds": the first word names the state they live in.
        people = r.gaz.demonym(ent[0].text)
        if people is None or people.type != "COUNTRY" or not plural_people(ent[-1]):
            return
    if people is None:
        if ent.label_ != "NORP":
            _other_named(r, ent)
        return
    root = ent.root
    adjectival = root.dep_ in {"amod", "compound", "nmod"} or root.pos_ == "ADJ" or (
        ent.end + 1 < len(r.doc) and r.doc[ent.end].text == "-")
    if adjectival and entry is not None:
        # A demonym as an adjective belongs to the noun it modifies; event nouns read
        # their agent from here ("the Russian invasion").
        draft = r.entity_from_entry(entry)
        mention = ActorMention(ent.start, ent.end, draft.id, "demonym", draft.id)
        for token in ent:
            r.res.demonyms[token.i] = mention
        return
    if people.type not in {"COUNTRY", "REGION"}:
        return
    # "Hungarians of Slovakia": a people *of* another state are that state's civilians ("in"
    # says where a state's citizens are, "Americans in Iraq"; "ethnic … in" is the nominals').
    home = people_place(r, root, ("of",)) if _people_noun(ent) else None
    if home is not None and home.country != people.country:
        _people_of(r, ent, home)
        return
    # A people acting ("the Palestinians said", "an Israeli was hurt") is its civilians:
    # their state's government is named by other words.
    draft = r.sub_actor(people, "CVL")
    draft.aliases.add(strip_article(ent.text))
    r.add(ent.start, ent.end, draft, "nominal", sector="CVL")


def _people_noun(ent: Span) -> bool:
    """Whether a people's name stands as a plural noun ("the Kurds"), not a modifier."""
    root = ent.root
    return plural_people(root) and root.dep_ not in {"amod", "compound", "nmod", "poss"}


def _people_of(r: Resolver, ent: Span, home: GazEntry) -> None:
    draft = r.sub_actor(home, "CVL")
    draft.aliases.add(strip_article(ent.text))
    r.add(ent.start, ent.end, draft, "nominal", sector="CVL")


def _person_unknown(r: Resolver, ent: Span) -> None:
    """A person the gazetteer lacks: a surname of one named before, else a new person whose
    state and sector the title around the name gives."""
    while len(ent) > 1 and ent[-1].pos_ in _NOT_NAME_POS:
        # "President Moise Shortly before …": a heading run into the next line
        ent = ent[:-1]
    text = ent.text.strip()
    if BAD_PERSON.search(text) or not any(c.isupper() for c in text) or _named_vessel(ent) \
            or _named_facility(ent) or ACRONYM.match(text):
        return
    # "Archbishop Desmond Tutu", "King Abdullah II": a title inside the name is a title.
    lead = 0
    while lead < len(ent) - 1 and ent[lead].lower_.rstrip(".") in r.titles.sectors:
        lead += 1
    if lead:
        text = ent[lead:].text.strip()
    words = [w for w in re.split(r"\s+", text) if w]
    if text.endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    if len(words) == 1:
        known = r.persons_by_part.get(words[0].lower())
        if known is not None:
            r.add(ent.start, ent.end, r.res.entities[known], "partial")
            return
    if _titled_surname(r, ent, lead, words):
        return
    name = " ".join(words)
    entity_id = f"person:{slugify(name)}"
    title = person_title(r, ent, lead)
    draft = r.res.entities.get(entity_id)
    if draft is None:
        draft = EntityDraft(entity_id, name, "PERSON", None, None)
        r.res.entities[entity_id] = draft
    if title.state is not None and draft.country is None:
        draft.country = title.state.country
        draft.sector = title.sector
        if title.leads and title.state.type in {"COUNTRY", "IGO"}:
            r.entity_from_entry(title.state)
            draft.roles.append(Role(relation="leader_of", target=title.state.id,
                                    title=title.word))
    elif draft.sector is None and title.sector is not None:
        draft.sector = title.sector
        if title.leads:
            r.office_strangers.add(draft.id)
    for part in words:
        r.persons_by_part[part.lower()] = draft.id
    r.add(ent.start, ent.end, draft, "named")


# Parts of speech a person's name never ends with.
_NOT_NAME_POS = frozenset({"ADV", "ADP", "VERB", "AUX", "SCONJ", "CCONJ", "PART"})


def _titled_surname(r: Resolver, ent: Span, lead: int, words: list[str]) -> bool:
    """A head-office title plus a surname ("President Bush", "Chancellor Kohl") or a surname's
    administration ("the Bush administration"): the one gazetteer person of that surname who
    holds such an office on the document date. A full name the gazetteer spells otherwise
    ("President Hosni Mobarak") is that person when the given name agrees too. False when
    none or several do."""
    surname = words[-1]
    root = ent.root
    end = ent.end
    office: str | None = None
    if root.dep_ in {"compound", "poss"} and root.head.lemma_.lower() in EXECUTIVE_NOUNS \
            and root.head.i >= ent.end:
        office, end = "leader", root.head.i + 1
    else:
        before = [*title_words(r, ent), *ent[:lead]]
        title = title_from_words(r, before)
        if not title.leads or not before:
            return False
        head = next((t for t in reversed(before) if t.lower_.rstrip(".") in r.titles.heads),
                    None)
        if head is None:
            return False
        office = r.titles.heads[head.lower_.rstrip(".")]
    person = surname_holder(r, surname, office)
    if person is None or (len(words) > 1 and fold_key(words[0]) != fold_key(
            person.name.split()[0])):
        return False
    draft = r.entity_from_entry(person)
    for part in words:
        r.persons_by_part[part.lower()] = draft.id
    r.add(ent.start, end, draft, "named" if len(words) > 1 else "title")
    return True


def _other_named(r: Resolver, ent: Span) -> None:
    """An organisation or place the gazetteer lacks: a state organ when its name carries the
    state and an organ's agent noun, else an entity of its own."""
    text = strip_article(ent.text)
    if not text or not any(c.isupper() for c in text):
        return
    # An organisation named with an agent noun ("Peru's Trade Ministry") is a nominal
    # actor of its state; the nominal pass handles it through the head noun.
    if ent.label_ == "ORG" and r.gaz.agent_sector(ent.root.lemma_.lower()):
        state = modifier_state(r, ent)
        if state is not None:
            return
    inner = _inner_state(r, ent) if ent.label_ == "ORG" else None
    sector = _org_sector(r, ent) if inner is not None else None
    if inner is not None and sector in r.organs and inner.type == "COUNTRY":
        # "the Danish Supreme Court": an organ of the state its name carries.
        organ = r.actor_of(inner, sector)
        organ.aliases.add(text)
        r.add(ent.start, ent.end, organ, "nominal", sector=sector)
        return
    entity_type = {"ORG": "ORG", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION",
                   "NORP": "GROUP"}[ent.label_]
    entity_id = f"{entity_type.lower()}:{slugify(text)}"
    draft = r.res.entities.get(entity_id)
    if draft is None:
        state = inner or modifier_state(r, ent)
        country = state.country if state else None
        if country is None and ent.label_ in {"GPE", "LOC", "FAC"}:
            place = _place_state(r, ent)
            country = place.country if place else None
        if country is None and ent.label_ == "ORG":
            country = _international(ent)
        draft = EntityDraft(entity_id, text, entity_type, country, sector)
        draft.aliases.add(text)
        # Kept apart until an event uses it: the small model's ORG/GPE guesses are noisy.
        r.res.entities[entity_id] = draft
    # An organisation whose name carries its state and an agent noun ("the Nigerian Union
    # of Teachers") is a real actor; other unknown names wait for an event to use them.
    kind = "named" if (inner is not None and sector is not None) or draft.country in {
        "NGO", "IGO"} else "unlisted"
    r.add(ent.start, ent.end, draft, kind)


def _place_state(r: Resolver, ent: Span) -> GazEntry | None:
    """The state a place the gazetteer lacks is put in: "Silopi, Turkey", "Silopi in
    southeastern Turkey", "the Arak plant in central Iran" or "the town of Silopi in Turkey"
    (the noun the name modifies or names)."""
    if ent.end + 1 < len(r.doc) and r.doc[ent.end].text == ",":
        state = state_of_token(r, r.doc[ent.end + 1])
        if state is not None and (ent.end + 2 == len(r.doc) or r.doc[ent.end + 2].is_punct
                                  or r.doc[ent.end + 1].ent_iob_ == "B"):
            return state
    # "Silopi in southeastern Turkey": right after the name, however the parser attached it.
    i = ent.end
    if i < len(r.doc) and r.doc[i].lower_ in LOCATIVE_PREPS:
        i += 1
        while i < len(r.doc) and (r.doc[i].lower_ in {"the", "central", *COMPASS}
                                  or r.doc[i].lower_.endswith("ern")):
            i += 1
        state = state_of_token(r, r.doc[i]) if i < len(r.doc) else None
        if state is not None:
            return state
    root = ent.root
    nouns = [root]
    if root.dep_ == "compound" and root.head.i == ent.end:
        nouns.append(root.head)  # "the Arak plant in Iran"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        nouns.append(root.head.head)  # "the village of Ardin in Bulgaria"
    for noun in nouns:
        for prep in noun.rights:
            if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS:
                continue
            for obj in prep.children:
                state = state_of_token(r, obj) if obj.dep_ == "pobj" else None
                if state is not None:
                    return state
    return None


def _international(ent: Span) -> str | None:
    """Country code of an organisation without a state whose name says it is international:
    a body noun as head ("Forum", "Council", …) and a scope word ("International", "World",
    "African", "Pan-…"). It is IGO when the name says its members are states ("Inter-
    governmental", "… of African States", "Council of Arab Ministers"), else NGO."""
    words = [t.lower_ for t in ent]
    if ent.root.lemma_.lower() not in BODY_HEADS or not any(
            w in SCOPE_WORDS or w in INTERGOVERNMENTAL or w.startswith("pan-") for w in words):
        return None
    after_of = words[words.index("of") + 1:] if "of" in words else []
    if any(w in INTERGOVERNMENTAL for w in words) or any(w in MEMBER_STATES for w in after_of):
        return "IGO"
    return "NGO"


def _inner_state(r: Resolver, ent: Span) -> GazEntry | None:
    """The one state an organisation's own name carries ("*Ghanaian* Guild of Nurses",
    "Front for the Liberation *of Ruritania*"); None when none or several."""
    found: dict[str, GazEntry] = {}
    for token in ent:
        if token.i > ent.root.i and not (token.dep_ == "pobj" and token.head.lower_ == "of"):
            continue
        state = state_of_token(r, token)
        if state is not None:
            found[state.id] = state
    return next(iter(found.values())) if len(found) == 1 else None


def _org_sector(r: Resolver, ent: Span) -> str | None:
    """Sector of an organisation name: its head noun, else its last agent noun."""
    sector = r.gaz.agent_sector(ent.root.lemma_.lower())
    if sector is not None:
        return sector
    for token in reversed(ent):
        if token.pos_ in {"NOUN", "PROPN"} and token.i != ent.root.i:
            sector = r.gaz.agent_sector(token.lemma_.lower())
            if sector is not None:
                return sector
    return None


def _named_vessel(ent: Span) -> bool:
    """ "the frigate Valdivia", "the tanker Nordic Star": a name after a vessel noun is the
    vessel's, which the model often takes for a person's."""
    before = ent.doc[ent.start - 1] if ent.start else None
    return before is not None and before.lemma_.lower() in VESSEL_NOUNS


def _named_facility(ent: Span) -> bool:
    """ "the Harlow Mendes prison", "Kemal Arslan airport": a name before a facility noun is the
    facility's, which the model often takes for a person's."""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return after is not None and after.lemma_.lower() in FACILITY_NOUNS
