"""Closed-class words, label sets and rewrites the event rules of ``graphsvc.nlp.events`` read.

``graphsvc.nlp.triggers`` says which content words carry which event; this module holds the rest
of the vocabulary the rules need: auxiliaries and markers that set modality, prepositions of
place and time, pronouns and nouns through which an actor speaks, the label sets and label
rewrites the CAMEO conventions call for, and the confidence each kind of reading gets.

Labels are rows of ``graphsvc.ontology``; ``tests/nlp/test_vocab.py`` checks every one exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphsvc.nlp.triggers import TERRITORY_LABELS, Trigger

# --------------------------------------------------------------------------- modality
# "should" and "must" in news state what an actor wants done: intent, like "will".
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "should", "must", "ought"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "can"})
# "Norway said Chile must return …": an obligation a speaker puts on another is a demand.
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
# Subordinators that make a clause a condition, not an act.
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# "unless the other side complies": an announced act on a condition is a threat.
ULTIMATUM_MARK = "unless"
# Heads whose complement is denied ("denied attacking").
DENIAL_HEADS = frozenset({"deny", "refute"})
# Nouns whose content clause a denial denies: "denied claims that its jets had entered …".
CLAIM_NOUNS = frozenset({"claim", "accusation", "allegation", "charge", "report", "suggestion",
                         "assertion", "rumour", "rumor"})
# Determiners that make a claim noun refer back to a charge just told ("denied the charges",
# "rejected these allegations").
DEFINITE_CLAIM_DETERMINERS = frozenset({"the", "these", "those", "this", "that", "such"})
# Heads that deny a claim-noun's content as "deny" denies a clause: "dismissed claims that …".
CLAIM_DENIAL_HEADS = DENIAL_HEADS | frozenset({"dismiss", "reject", "rebuff"})
# Heads whose complement is planned, so future ("plans to visit").
PLAN_HEADS = frozenset({"plan", "intend", "prepare", "want", "seek", "hope", "aim",
                        # scheduled acts: "is due to sign", "is slated to tour"
                        "due", "schedule", "slate"})
# Heads whose complement is wanted of another ("Peru wants Chile to withdraw").
WANT_HEAD = "want"
# Negating determiner: "no talks".
NEGATING_DETERMINER = "no"

# --------------------------------------------------------------------------- place and time
# Prepositions whose place object is where the event happened.
LOCATIVE_PREPS = frozenset({"in", "at", "inside", "within", "across", "throughout"})
# Prepositions tying an event noun to the time of the clause it hangs on.
TEMPORAL_PREPS = frozenset({"following", "after", "before", "during", "amid", "since"})
# Of those, the ones that mean the same time; the others only the same year.
CONCURRENT_PREPS = frozenset({"during", "amid"})
# Subordinators of a clause that happened at the time of its head ("worsened when …").
SIMULTANEITY_MARKS = frozenset({"when", "while", "as"})

# --------------------------------------------------------------------------- actors
# Pronouns that stand for a state or group named earlier in the sentence.
STATE_PRONOUNS = frozenset({"it", "its", "they", "their", "them", "we", "our"})
# Relative pronouns whose antecedent is the noun the relative clause modifies.
RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
# Nouns through which a possessor acts: "Biden's administration" is Biden (for the U.S.).
GOVERNMENT_NOUNS = frozenset({
    "administration", "government", "cabinet", "office", "spokesman", "spokeswoman",
    "spokesperson", "ministry", "team", "aide", "envoy", "delegation", "regime", "advisor",
    "adviser", "representative", "ambassador", "minister", "official", "side",
})
# Determiners of one act already known ("the invasion", "this visit"), not a new one.
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})
# "a group *of* diplomats", "leaders *of* the party": the members.
MEMBERSHIP_PREP = "of"
# "sent 40 tonnes *of* food": the measure's substance.
SUBSTANCE_PREP = "of"
# "an appeal from Ghana", "an offensive by Russia": the author of an act.
AUTHOR_PREPS = frozenset({"from", "by"})
# Agent phrase of a passive or of an event noun.
AGENT_PREP = "by"
AGENT_PREPS = frozenset({AGENT_PREP})
# Who may own an unknown body named with a possessive ("Iran's Guards Corps"): a state or a body.
OWNER_TYPES = frozenset({"COUNTRY", "IGO"})
# Reaching the owner of a non-actor target (arguments.reached_actors): for hostile and
# demanding acts (CAMEO 09 and up) and the concessions that undo them, how deep and through
# which prepositions ("the skipper *of* a Danish ferry", "levies *on* Peruvian copper").
REACH_MIN_ROOT = 9
REACH_LABELS = frozenset({"eased_sanctions", "yielded", "released"})
REACH_PREPS = frozenset({"of", "on", "against", "to", "into", "at", "with", "between"})
REACH_DEPTH = 3
# An inquiry "into crimes in X" is an inquiry into X; an attack "in X" is not an attack on X.
# The same holds for sanctions: "banned airlines in X" sanctions X.
LOCATED_TARGET_LABELS = frozenset({"investigated", "sanctioned"})
# Envoys are targets through their posting: "its ambassador *to* X", "the envoy *in* X".
ENVOY_NOUNS = frozenset({"ambassador", "envoy", "diplomat", "emissary", "representative",
                         "chargé", "charge", "consul", "attache", "attaché"})
ENVOY_POST_PREPS = frozenset({"to", "in"})
# A group named by its members: "several mayors, *including* X".
MEMBER_PREPS = frozenset({"including"})
LOCATED_PREPS = frozenset({"in"})
# Participles that say who holds a place: "a hamlet captured by X", "areas held by X".
HOLDING_VERBS = frozenset({"seize", "hold", "control", "occupy", "capture", "take", "run",
                           "administer", "retake"})
# "curbs on commerce with Peru": the actor one preposition further down.
LINKED_ACTOR_PREPS = frozenset({"with", "of", "against", "to"})
# Nouns whose "with X" names a neighbour, not a party: "troops sent to its border with X".
BOUNDARY_NOUNS = frozenset({"border", "frontier", "boundary", "line", "coast", "crossing"})
# "between X and Y": both sides of a symmetric event noun.
BETWEEN_PREPS = frozenset({"between"})
# "got rifles from the army": the giver.
SOURCE_PREPS = frozenset({"from"})
# A territory is taken "from" its state, which then is no target of its own.
TERRITORY_SOURCE_PREP = "from"
# "kidnapped up to 16 advisers": the parser takes "up" for a particle and hangs "to" on it.
MISREAD_PARTICLE = ("up", "to")
# Prepositions through which a complement names its target, besides its trigger's own.
COMPLEMENT_PREPS = frozenset({"to", "with", "against", "on", "from", "for", "into"})
# "threatened to declare martial law in Lagos": the place whose people are threatened.
THREAT_PLACE_PREPS = frozenset({"in"})
# Where a protest with no addressee took place ("protested in Paris").
PROTEST_PLACE_PREPS = frozenset({"in", "throughout"})

# Entity types that are places; a territorial or physical act on them keeps the place.
PLACE_TYPES = frozenset({"CITY", "REGION", "LOCATION"})
# Places that a territorial verb's fallback reads from the rest of the sentence.
TERRITORY_TYPES = frozenset({"REGION", "COUNTRY", "CITY"})
# Visitors: people and organisations (planes and troops "arrive" too).
VISITOR_TYPES = frozenset({"PERSON", "ORG", "IGO"})
# Sectors whose arrival is a visit (officials, not migrants or troops).
VISITOR_SECTORS = frozenset({"GOV", "LEG", "ELI"})
# Entity types that speak for a state officially.
OFFICIAL_TYPES = frozenset({"COUNTRY", "IGO"})
GOVERNMENT_SECTOR = "GOV"
# Sectors that bear arms; with states, whose killings are military force.
ARMED_SECTORS = frozenset({"MIL", "REB", "INS", "UAF"})
MILITARY_SECTOR = "MIL"

# --------------------------------------------------------------------------- triggers
# Suffix rewrites, in order, that recover a trigger verb's lemma from its inflected form where the
# small model's lemmatizer mangles it ("staged" → "stag"; "stage" is the trigger).
LEMMA_REPAIRS: tuple[tuple[str, str], ...] = (
    ("ied", "y"), ("ed", "e"), ("ed", ""), ("es", ""), ("s", ""), ("ing", "e"), ("ing", ""),
)
# Modifiers that make "strike" a work stoppage, not a military strike.
STRIKE_ACTIONS = frozenset({"hunger", "general", "labour", "labor", "national", "nationwide",
                            "teachers", "workers", "student", "24-hour"})
# Verbs whose bare "strike" with no target is a work stoppage ("unions called a strike"); with
# a target ("staged a strike on an airbase") or a compound ("drone strike") it is an attack.
WALKOUT_VERBS = frozenset({"stage", "call", "hold", "join", "continue", "organize", "organise"})
STRIKE_TARGET_PREPS = frozenset({"on", "against", "at", "near", "in"})
# "went on hunger strike": industrial or hunger strikes are protests.
STRIKE_PROTEST = Trigger("protested", frozenset({"against"}))
# Plural exercise nouns the lemmatizer leaves alone ("war games", "manoeuvres"), and the
# light-verb noun they fall back to.
EXERCISE_PLURALS = frozenset({"games", "manoeuvres", "maneuvers"})
EXERCISE_FALLBACK = "game"
# "engaged the border guards in a shoot-out": fighting.
ENGAGE_VERB = "engage"
ENGAGE_PREPS = frozenset({"in"})
ENGAGEMENT = Trigger("fought", frozenset())
# "strike" is a verb of attack and a light-verb noun; "struck a deal", "strike a balance" and
# "a hunger strike" are no attack.
STRIKE = "strike"
STRIKE_NON_ATTACK_OBJECTS = frozenset({"deal", "balance"})
# "X warned that Y would face consequences": X threatened Y.
CONSEQUENCE_VERB = "face"

# --------------------------------------------------------------------------- labels
THREAT = "threatened"
ACCUSATION = "accused"
CRITICISM = "criticized"
EXPULSION = "expelled"
# "ordered the attachés to depart", "told the envoy to go": an expulsion.
EXPELLING_HEADS = frozenset({"order", "tell", "instruct", "give", "ask", "force"})
LEAVING_VERBS = frozenset({"leave", "go", "depart", "quit", "exit"})
# Saying that another did a hostile act (CAMEO 14 and up) to the speaker accuses the other.
ACCUSABLE_MIN_ROOT = 14
# "called the exercises reckless", "deemed the pact null and void", "described the move as
# a provocation": labelling an act or actor with one of these words disapproves of it (CAMEO 11),
# with one of the ``NULLIFYING_WORDS`` rejects it (CAMEO 12).
LABELLING_VERBS = frozenset({"call", "deem", "describe", "brand", "label", "term", "denounce",
                             "characterize", "characterise", "dub", "consider", "declare"})
DISAPPROVING_WORDS = frozenset({
    "illegal", "illegitimate", "unlawful", "provocative", "provocation", "unacceptable",
    "irresponsible", "reckless", "violation", "aggression", "aggressive", "terrorism",
    "terrorist", "piracy", "interference", "baseless", "unfounded", "hostile", "dangerous",
    "destabilizing", "destabilising", "disrespectful", "outrageous", "shameful", "criminal",
    "crime", "blackmail", "barbaric", "invasion", "occupation", "genocide", "unjustified",
    "absurd", "slander", "lie", "lies", "propaganda", "meddling", "escalation",
})
NULLIFYING_WORDS = frozenset({"null", "void", "invalid"})
REFUSAL = "rejected"
APPEAL = "appealed_to"
DEMAND = "demanded"
# "promised revenge": a promise of something hostile is no cooperation.
COOPERATIVE_INTENT = "expressed_intent_to_cooperate"
# Demands are made of whoever must do the demanded act.
DEMAND_LABELS = frozenset({DEMAND, APPEAL})
# Announced in the future tense, these are still warnings and threats, not intents.
THREAT_LABELS = frozenset({"warned", THREAT})
# Hostile acts below CAMEO 16 that a state announcing them threatens (CAMEO 13).
ANNOUNCED_THREAT_LABELS = frozenset({"reduced_relations", "sanctioned", "cut_diplomatic_ties",
                                     "expelled"})
# Besides CAMEO 03-08, what a state saying it "will not" do refuses (CAMEO 12).
REFUSABLE_LABELS = frozenset({"expressed_accord"})
# Protests whose addressee, when none is named, is the state where or of whom they happen.
PROTEST_LABELS = frozenset({"protested", "demonstrated", "rioted"})
# Verbs whose act, with no one named, is toward the actor's own state: a leader resigning
# gives up office in it, rebels surrendering yield to it ("the minister resigned").
HOME_TARGET_VERBS = frozenset({"resign", "surrender", "abdicate"})
# Single acts that a definite noun refers back (or forward) to; generic nouns such as
# "cooperation" or "sanctions" name kinds of acts, not one act, and are never resolved this way.
COREFERABLE_LABELS = TERRITORY_LABELS | {"visited", "attacked", "launched_airstrikes", "shelled"}
# Label rewrites by who acts, applied in order: (label, who acts, new label).
# - "official": every source is a state, an IGO or a government; a state "protesting" complains
#   officially (CAMEO 11); streets protest (14).
# - "armed": some source bears arms; killing by armies and states is use of military force
#   (CAMEO 19), while "killed" (18) is killing by physical assault.
ACTOR_REWRITES: tuple[tuple[str, str, str], ...] = (
    ("protested", "official", "criticized"),
    ("killed", "armed", "attacked"),
    # Crowds storming or attacking (an embassy, a police station) riot (CAMEO 145).
    ("attacked", "civilian", "rioted"),
    # Sanctions and bans on one's own people are coercion (CAMEO 17), on others sanctions.
    ("sanctioned", "domestic", "coerced"),
    # Leaving an international body is reducing relations, not a military withdrawal.
    ("withdrew", "body_target", "reduced_relations"),
    # What a court bans is coercion (CAMEO 17), not a sanction. (A court ordering someone to
    # appear stays a demand, as PLOVER's coders code it.)
    ("sanctioned", "judicial", "coerced"),
)
# Fights that are not armed: "a trade war", "a legal battle", "a verbal clash".
UNARMED_CONFLICT_WORDS = frozenset({
    "trade", "tariff", "economic", "political", "legal", "verbal", "diplomatic", "word",
    "culture", "price", "currency", "tech", "technology", "information", "propaganda", "court",
    "courtroom", "election", "electoral", "budget", "policy", "custody", "bidding", "media",
})
# Armed-conflict labels that two persons, or a conflict qualified by one of the words above,
# never carry: leaders "clash" in words.
ARMED_CONFLICT_LABELS = frozenset({"fought", "clashed_with", "attacked"})
# Prepositions that introduce the target of a verb the CAMEO dictionary codes, by CAMEO root
# (the curated tables name them per verb; the dictionary only names the ones its patterns use).
DICTIONARY_TARGET_PREPS: dict[int, frozenset[str]] = {
    root: frozenset(preps) for root, preps in {
        1: ("to", "with", "about"), 2: ("to", "on", "upon"), 3: ("with", "to"),
        4: ("with", "to"), 5: ("with", "to"), 6: ("with", "to"), 7: ("to", "for"),
        8: ("to", "from"), 9: ("into", "on"), 10: ("from", "of", "on"),
        11: ("for", "over", "against"), 12: (), 13: ("against", "with"), 14: ("against",),
        15: ("against", "near"), 16: ("with", "from", "on", "against"), 17: ("against",),
        18: ("against", "on"), 19: ("against", "on", "at", "into"), 20: ("against",),
    }.items()
}
# Marks of a clause that happened shortly before or after its head's: "shortly before X died
# last week, Y expelled …" is dated to that month.
SEQUENCE_MARKS = frozenset({"before", "after"})
# Auxiliaries of an act that is current when told: "said Monday it was expelling", "has cut".
PROGRESSIVE_AUX = frozenset({"is", "are", "am", "was", "were", "'s", "'re"})
PERFECT_AUX = frozenset({"has", "have", "'s", "'ve"})
# A warning or threat told as a participle of another act is addressed to that act's target.
INHERITED_TARGET_LABELS = frozenset({"warned", "threatened", "criticized", "accused"})
# Forces moved *into* a state invade it (CAMEO 19), moved *near* it they posture (15).
FORCE_POSTURE_ROOT = 15
INCURSION_PREPS = frozenset({"into"})
INCURSION = "invaded"
# A hostile act told by a state without a target is an act against the teller's state:
# "Kyiv said Russia launched forty drones overnight" (CAMEO 18 and up).
TELLER_VICTIM_MIN_ROOT = 18
# Heads of a news source as the subject of "reported": "the state wire service reported".
NEWS_SOURCE_NOUNS = frozenset({"agency", "newspaper", "daily", "television", "tv", "media",
                               "outlet", "broadcaster", "radio", "channel", "website"})
# Verbs that attest an event noun as done, dating it: "verified a skirmish on Friday".
ATTESTING_VERBS = frozenset({"confirm", "report", "announce", "witness", "record", "see"})
# Event nouns that name a done act only when definite or marked done ("the signed pact").
DEFINITE_NOUN_LABELS = frozenset({"signed_agreement_with"})
DONE_MARKERS = frozenset({"signed", "newly-signed", "inked", "sealed", "concluded", "reached"})
# Verbs that name a protest only without an object: "demonstrated against X", but
# "demonstrated its naval strength", "rallied support".
INTRANSITIVE_SENSE_VERBS = frozenset({"demonstrate", "rally", "march"})
# Adverbs that deny what they modify: "seldom criticized X", "hardly supported Y".
NEGATING_ADVERBS = frozenset({"seldom", "rarely", "hardly", "scarcely", "barely"})
# "instead of pressing for X": the act did not happen.
INSTEAD_WORDS = frozenset({"instead", "rather"})
# Instruments an act's target may hang on: "an attack with drones on X".
INSTRUMENT_PREPS = frozenset({"with", "using"})
# "accused each other", "attacked one another": the subjects act on one another (the object and
# its determiner, as the parse gives them).
RECIPROCAL_PHRASES = ({"other", "each"}, {"one", "another"})
DRILLS = "held_military_drills"
JOINT_DRILLS = "cooperated_militarily"
# "in protest against X": an act noun in such a phrase is the act of the clause's subject.
MANNER_PREPS = frozenset({"in"})
# Harm told in the passive, and the armed acts whose doers did it ("were wounded as X shelled").
HARM_VERBS = frozenset({"kill", "wound", "injure", "hurt", "kidnap", "abduct"})
ARMED_ACT_VERBS = frozenset({"fire", "shell", "attack", "bomb", "strike", "raid", "open",
                             "launch", "storm", "ambush"})
# "would" under a speech verb is the reported "will", not a conditional.
REPORTED_FUTURE_AUX = frozenset({"would"})
# Acts whose receipt is their giving: "received aid (assurances, support) from X" (CAMEO 03-07).
GIVING_ROOTS = frozenset({3, 5, 6, 7})
# Marks of the condition a threat sets: "unless the generals free", "if X attacks".
ULTIMATUM_MARKS = frozenset({"unless", "if"})
# Punctuation that sets off a noun naming the act of the clause before it ("…, a move
# condemned by X").
APPOSITION_MARKS = frozenset({",", "--", "—", "–", ";"})
# Entities that are only places: never the source of an event (capitals act through their
# state, which resolution already gives as the participant).
PLACE_ONLY_TYPES = frozenset({"CITY", "LOCATION"})
# Places that take part only in acts on places (seas, straits, areas): never the target of an
# act between actors ("contested the Gulf of Arlo" is no act against a sea).
PLACE_ONLY_TARGET_TYPES = frozenset({"LOCATION"})
# From this CAMEO root up, a city acted on stays a city; below it (visits, talks, aid) the city
# stands for its state.
PLACE_KEEPING_MIN_ROOT = 9
# A person who "attacked" an actor attacked in words (CAMEO 11): "the president attacked the
# newspaper for …" (a person who "fired missiles at" one did not).
VERBAL_ATTACK_VERBS = frozenset({"attack", "assail", "hit"})
# Below this CAMEO root (statements, appeals, talks, cooperation, aid, concessions) an actor
# does not act on its own state: a minister "meeting" the country he serves is a misread.
DOMESTIC_MIN_ROOT = 9
# "Speaking to lawmakers, X said …": a participle of these before a speech verb is its audience.
AUDIENCE_VERBS = frozenset({"speak", "talk", "address"})
# "…, citing X's objections": a participle of these gives the reason for the main act.
REASON_VERBS = frozenset({"cite"})
# "legislation targeting X", "measures aimed at X": a text or measure aimed at X is no force.
AIMING_VERBS = frozenset({"target", "aim"})
MEASURE_NOUNS = frozenset({"legislation", "law", "measure", "sanction", "tariff", "policy",
                           "rule", "regulation", "act", "amendment", "package"})
# "X claimed responsibility for the attack": X did it.
RESPONSIBILITY_NOUN = "responsibility"
CLAIMING_VERBS = frozenset({"claim", "take", "accept", "admit", "assume"})
# Sectors of crowds, for the "civilian" test of ``ACTOR_REWRITES``.
CROWD_SECTORS = frozenset({"CVL", "OPP"})
# Acts that private people (sector CVL: tourists, travellers, residents) do as private people:
# no event between actors ("Chinese tourists visited Vietnam").
PRIVATE_SECTOR = "CVL"
PRIVATE_ACTS = frozenset({"visited"})


# --------------------------------------------------------------------------- confidence
@dataclass(frozen=True)
class Confidence:
    """How sure each kind of reading is, before the pronoun and nominal penalties."""

    verb: float = 0.85  # a trigger verb with its arguments
    dictionary: float = 0.7  # a verb coded only by the CAMEO verb dictionary
    light_verb: float = 0.8  # "held talks with": the noun names the act
    reported: float = 0.7  # a demand or threat read through a speech verb's complement
    noun_between: float = 0.6  # "talks between X and Y"
    noun: float = 0.65  # "Russia's invasion": a verbless mention of a known act, vaguer
    coref_attitude: float = 0.5  # an attitude whose act's agent another sentence names
    coref_event: float = 0.45  # a definite event noun filled in from another sentence
    fallback: float = 0.25  # subtracted when an actor came from the nearest-actor fallback
    pronoun: float = 0.1  # subtracted when either side is a pronoun
    nominal: float = 0.05  # subtracted when either side is a nominal ("the ministry")
    floor: float = 0.05  # no event goes below this


CONFIDENCE = Confidence()


# ---- modality of speculation (issue 12)
# What a clause says is only thought, hoped, tried or alleged is no asserted event. The tables
# below name the words that say so; ``events.modality.speculated`` reads them.
#
# Heads whose clause complement is a belief, hope, fear or question, not a fact: "analysts
# think the two premiers may talk", "a senator hoped Peru would lean on Chile".
SPECULATION_HEADS = frozenset({
    "think", "believe", "expect", "hope", "fear", "doubt", "wonder", "question", "predict",
    "speculate", "guess", "suppose", "imagine", "assume", "worry", "wish", "anticipate",
    "suspect", "reckon", "bet", "pray", "dream",
})
# Heads whose "to"-complement is attempted, plotted or hired for, not done: "tried to establish
# a dialogue", "sought to", "was plotting to", "hired X to kill Y".
ATTEMPT_HEADS = frozenset({
    "try", "attempt", "seek", "plot", "conspire", "scheme", "strive", "endeavor", "endeavour",
    "hire", "recruit", "wish", "dream", "aspire", "hope", "expect", "aim", "plan", "intend",
    "want", "prepare", "push", "lobby", "campaign", "scramble", "rush", "race",
    # a law or a ruling that allows an act does not do it: "lets the state confiscate"
    "allow", "permit", "enable", "authorize", "authorise", "empower",
    "look",  # "looking to mend ties" has not mended them
})
# Nouns whose complement ("to"-clause, "that"-clause, "of"/"for" object) is not asserted: "a plot
# to kill X", "efforts to broker a ceasefire", "hope that cooperation could resume", "the
# possibility of talks".
SPECULATION_NOUNS = frozenset({
    "plot", "attempt", "bid", "plan", "effort", "hope", "possibility", "prospect", "conspiracy",
    "scheme", "try", "chance", "likelihood", "risk", "danger", "fear", "threat", "intention",
    "intent", "aim", "goal", "ambition", "desire", "wish", "proposal", "idea", "push", "drive",
    "expectation", "speculation", "prediction", "question", "doubt", "option", "willingness",
    "readiness", "offer", "call", "demand", "appeal", "request", "urge", "pressure",
})
# Of those, the ones that plan: their complement is future, as a planning verb's is ("announced
# plans that the premier will tour X" states intent, CAMEO 03).
PLAN_NOUNS = frozenset({"plan", "intention", "intent", "aim", "goal"})
SPECULATION_NOUN_PREPS = frozenset({"of", "for", "at", "toward", "towards"})
# Heads whose "of"-object is alleged, not established: "accused X of attacking civilians", "is
# suspected of", "was charged with". (A conviction establishes it: "convicted of" is not here.)
ACCUSATION_HEADS = frozenset({"accuse", "suspect", "charge", "indict"})
ACCUSATION_PREPS = frozenset({"of", "with"})
# Adverbs that attribute a clause to others: "Russia allegedly shelled X".
REPORTED_ADVERBS = frozenset({
    "allegedly", "reportedly", "purportedly", "supposedly", "ostensibly", "presumably",
})
# Modifiers of an event noun that attribute it to others ("the alleged attack", "a suspected
# drone strike") or say it has not happened ("a planned deal", "a possible invasion").
NOUN_MODALITY_MODIFIERS: dict[str, str] = {
    **dict.fromkeys(("alleged", "purported", "suspected", "reported", "supposed", "rumored",
                     "rumoured", "claimed"), "reported"),
    **dict.fromkeys(("planned", "proposed", "upcoming", "forthcoming", "expected", "scheduled",
                     "intended", "prospective", "future", "impending"), "future"),
    **dict.fromkeys(("possible", "potential", "attempted", "hypothetical", "would-be",
                     "likely", "feared", "threatened", "hoped"), "hypothetical"),
}
# Dependencies along which a clause's modality reaches down to a trigger: complements,
# conjuncts and the arguments of an event noun. Relative and adverbial clauses state their own
# facts ("X, which attacked Y last week, hopes …") and stop the climb.
SPECULATION_PATH_DEPS = frozenset({
    "conj", "xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "acl",
    "attr", "compound",
})
# An event noun that is the object of a verb (or of a preposition on a verb), or the definite
# subject of a clause, is taken as known: "a convoy seeking to run a Borovian siege",
# "threatened to begin a push in its conflict with Peru", "many think the raid was a
# mistake". Only an accusation reaches through them ("accused X of planning the raid").
PRESUPPOSING_DEPS = frozenset({"dobj", "attr"})
PRESUPPOSING_DEFINITE_DEPS = frozenset({"nsubj", "nsubjpass"})
SPECULATION_DEPTH = 6
# Auxiliaries of mere possibility: "Russia could attack Poland" in a writer's own voice is no
# announcement (and so no threat, CAMEO 13) by Russia; said by Russia it still is.
POSSIBILITY_AUX = frozenset({"could", "might", "may"})
