"""Rule words of the resolver: grammar and heuristics, not facts about actors. (Title, office
and sector words are gazetteer data: ``data/titles.yaml`` and ``data/sectors.yaml``.)"""

from __future__ import annotations

import re

# Government is how a state acts: "Russian officials" and "the Chinese government" are the state
# itself in the graph (as "the Kremlin" is). Other sectors are actors of their own, linked to
# their state by part_of: the Chinese military's drills are not a statement of the government.
STATE_SECTORS = frozenset({"GOV"})
# Sectors a modifier imposes on a title or a generic head ("rebel leader", "opposition figure").
MARKED_SECTORS = frozenset({"REB", "OPP", "INS", "UAF"})
# Heads that take their sector from an agent-noun modifier ("rebel leaders", "intelligence
# officials", "border patrol agents").
GENERIC_HEADS = frozenset({
    "leader", "official", "officer", "spokesman", "spokeswoman", "spokesperson", "member",
    "chief", "commander", "group", "head", "representative", "delegation", "figure", "source",
    "agent", "unit", "personnel", "staff", "party", "organisation", "organization",
    "movement", "faction", "coalition", "wing",
})
# Sectors that "in <state>" does not bind: troops *in* a country are often foreign.
FOREIGN_PRONE = frozenset({"MIL", "IGO", "HLH"})
LOCATIVE_PREPS = frozenset({"in", "throughout", "across", "inside"})
# "Russia-backed separatists" are not Russia; "pro-Russian" and "anti-Israeli" are stances.
STANCE_PREFIXES = frozenset({"pro", "anti"})
NOT_AFFILIATION = frozenset({"backed", "supported", "sponsored", "funded", "allied", "armed",
                             "trained", "friendly", "born", "aligned", "leaning", "occupied",
                             "controlled", "held", "ruled", "annexed", "made"})
NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
# Entity labels whose words never name a holder ("the Russian language", "Chinese New Year").
NOT_HOLDERS = frozenset({"PERSON", "MEDIA", "LANGUAGE", "EVENT", "WORK_OF_ART", "LAW",
                         "PRODUCT", *NOT_ACTORS})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
# Pronouns that prefer the last person who was a clause subject over one named in passing.
SUBJECT_PREFERRING = frozenset({"he", "she", "his", "her"})
ACTOR_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"})
BAD_PERSON = re.compile(r"[0-9@#/\\]|^\W|\W$")
# An unknown name in capitals only ("PNH", "ICE") is an acronym: a body, not a person.
ACRONYM = re.compile(r"^[A-Z]{2,6}$")

# Verbs whose object is a place even when it is a capital: "the Taliban seized Kabul".
PLACE_VERBS = frozenset({
    "seize", "capture", "occupy", "take", "retake", "besiege", "shell", "bomb", "attack",
    "strike", "storm", "enter", "surround", "encircle", "liberate", "hit", "pound", "bombard",
    "blockade", "reach", "visit", "tour", "leave", "flee", "evacuate", "control", "recapture",
})

# Plural heads of a counted anaphor ("the two leaders") and the kind of entity they count.
COUNTED_HEADS = {
    "leader": "PERSON", "president": "PERSON", "minister": "PERSON", "men": "PERSON",
    "country": "COUNTRY", "nation": "COUNTRY", "state": "COUNTRY", "side": "COUNTRY",
    "government": "COUNTRY", "neighbor": "COUNTRY", "neighbour": "COUNTRY",
}
COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4}
# Media nouns that name people (actors, as targets of arrests); other MED nouns name outlets.
MEDIA_PEOPLE = frozenset({"journalist", "reporter", "correspondent", "editor", "blogger",
                          "photographer", "photojournalist", "columnist", "cameraman",
                          "newsman", "anchor", "commentator"})
# Heads of a definite phrase that names a state already named ("the Gulf kingdom").
STATE_NOUNS = frozenset({"nation", "country", "kingdom", "republic", "emirate", "sultanate",
                         "principality", "monarchy"})
# Heads of a definite phrase that names a state's government ("the interior ministry added").
# ("the regime" and "the junta" are left out: news uses them for other states' rulers.)
GOV_NOUNS = frozenset({"ministry", "government", "cabinet", "administration", "presidency"})
# Words that leave "the <office>" bare: "the new president" is still the holder.
OFFICE_TIME_WORDS = frozenset({"new", "current", "incumbent", "sitting"})
# Prepositions through which a noun names its own owner ("the police of Lagos").
OWNER_PREPS = frozenset({"of", "from", "in"})
# Head offices a bare "the <office>" names in the one state nearby; not "minister", "leader"
# or "speaker", which name many people.
BARE_OFFICES = frozenset({"president", "king", "queen", "emperor", "chancellor", "premier"})
# Forms of state a gazetteer name may carry ("Kingdom of Spain", "Republic of Kenya"); a
# monarchy word never names a state that is not one.
STATE_FORMS = frozenset({"kingdom", "republic", "emirate", "sultanate", "principality"})
MONARCHIES = frozenset({"kingdom", "emirate", "sultanate", "principality"})
# "South American", "North African": a region word, not the demonym of a state.
COMPASS = frozenset({"south", "north", "east", "west", "central", "latin", "southeast",
                     "northeast", "southwest", "northwest"})
# Nouns a leader's surname names the government by ("the Bush administration").
EXECUTIVE_NOUNS = frozenset({"administration", "government", "cabinet", "presidency"})
# An organisation the gazetteer lacks, headed by a body noun and carrying a scope word but no
# state ("the Pan-African Forum of Jurists"), is international: IGO when a word says its members
# are states or governments ("Intergovernmental …", "… of Arab States"), else NGO.
BODY_HEADS = frozenset({"association", "committee", "forum", "council", "commission",
                        "federation", "union", "conference", "assembly", "league"})
SCOPE_WORDS = frozenset({"international", "world", "african", "arab", "asian", "european",
                         "global", "inter-american", "latin"})
INTERGOVERNMENTAL = frozenset({"intergovernmental", "inter-governmental", "interparliamentary",
                               "inter-parliamentary", "interstate", "inter-state"})
MEMBER_STATES = frozenset({"states", "nations", "governments", "ministers", "countries"})

# Nouns a vessel's name follows ("the frigate Valdivia"): the name is no person's.
VESSEL_NOUNS = frozenset({
    "ship", "vessel", "tanker", "corvette", "frigate", "destroyer", "cruiser", "submarine",
    "carrier", "freighter", "trawler", "boat", "ferry", "yacht", "warship", "supertanker",
})
# Nouns a facility's name comes before ("the Harlow Mendes prison"): the name is no person's.
FACILITY_NOUNS = frozenset({
    "prison", "jail", "airport", "camp", "base", "hospital", "stadium", "university", "square",
    "bridge", "street", "avenue", "dam", "port", "station", "barracks", "palace", "mosque",
    "church", "school", "college", "museum", "highway", "plant", "refinery", "field",
})
