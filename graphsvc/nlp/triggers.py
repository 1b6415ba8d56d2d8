"""Event triggers: which words carry which event type, and where their target stands.

Three tables, all keyed by lemma and read against the dependency parse (never raw text):

- ``VERBS``: a verb (or verb + particle, "call on") → label and the prepositions that introduce
  its target besides the direct object ("meet *with*", "protest *against*");
- ``LIGHT_VERBS``: a verb whose object noun names the event ("hold talks", "impose sanctions",
  "stage war games") → label by noun, with the target prepositions;
- ``NOUNS``: an event noun ("invasion", "visit") → label and the prepositions of its target; its
  agent is its possessor, demonym, compound or *by* phrase.

Labels are rows of ``graphsvc.ontology``; a test checks every one exists.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ATTITUDE_LABELS",
    "CONSEQUENCE_NOUNS",
    "FUTURE_INTENT",
    "LIGHT_VERBS",
    "NEGATING_HEADS",
    "NOUNS",
    "SPEECH_VERBS",
    "TERRITORY_LABELS",
    "VERBS",
    "Trigger",
]


@dataclass(frozen=True)
class Trigger:
    label: str
    preps: frozenset[str] = frozenset()
    # Place-like targets change the label: "captured the city" is occupation, not seizure.
    place_label: str | None = None
    # Read from PETRARCH2's CAMEO verb dictionary rather than this module's curated tables.
    dictionary: bool = False


def _t(label: str, *preps: str, place: str | None = None) -> Trigger:
    return Trigger(label, frozenset(preps), place)


_TARGET_COMMON = ("against", "on", "upon")

VERBS: dict[str, Trigger] = {
    # 03 intent / 04 consult
    "meet": _t("met_with", "with"),
    "talk": _t("met_with", "with", "to"),
    "speak": _t("met_with", "with", "to"),
    "confer": _t("met_with", "with"),
    "consult": _t("met_with", "with"),
    "phone": _t("spoke_by_phone", "with"),
    "telephone": _t("spoke_by_phone", "with"),
    "visit": _t("visited"),
    "tour": _t("visited"),
    "host": _t("hosted"),
    "arrive": _t("visited", "in", "at"),
    "land": _t("visited", "in", "at"),
    "renew": _t("met_with", "with"),
    "receive": _t("hosted"),
    "negotiate": _t("negotiated_with", "with"),
    "mediate": _t("mediated", "between", "with", "in"),
    # 05 diplomatic cooperation
    "cooperate": _t("cooperated_with", "with"),
    "collaborate": _t("cooperated_with", "with"),
    "ally": _t("cooperated_with", "with"),
    "praise": _t("praised", "for"),
    "commend": _t("praised"),
    "hail": _t("praised"),
    "laud": _t("praised"),
    "applaud": _t("praised"),
    "welcome": _t("praised"),
    "congratulate": _t("praised"),
    "thank": _t("praised"),
    "support": _t("supported"),
    "back": _t("supported"),
    "endorse": _t("supported"),
    "defend": _t("supported"),
    "recognize": _t("recognised"),
    "recognise": _t("recognised"),
    "apologize": _t("apologised", "to"),
    "apologise": _t("apologised", "to"),
    "agree": _t("expressed_intent_to_cooperate", "with", "to", "on", "upon"),
    "offer": _t("expressed_intent_to_cooperate", "to"),
    "promise": _t("expressed_intent_to_cooperate", "to"),
    "vow": _t("expressed_intent_to_cooperate", "to", "against"),
    "commit": _t("expressed_intent_to_cooperate", "to"),
    "propose": _t("expressed_intent_to_cooperate", "to"),
    "want": _t("expressed_intent_to_cooperate"),
    "accept": _t("expressed_accord"),
    "ready": _t("expressed_intent_to_cooperate", "to", "for"),
    "willing": _t("expressed_intent_to_cooperate", "to"),
    "prepared": _t("expressed_intent_to_cooperate", "to"),
    "pledge": _t("pledged_aid", "to"),
    # 06 material cooperation / 07 aid
    "trade": _t("traded_with", "with"),
    "upgrade": _t("cooperated_with", "with"),
    "hand over": _t("provided_aid", "to"),
    "allow": _t("yielded"),
    "evacuate": _t("withdrew", "from"),
    "help": _t("provided_aid"),
    "aid": _t("provided_aid"),
    "assist": _t("provided_aid"),
    "arm": _t("provided_military_aid"),
    # funding an armed group or a movement is material support (CAMEO 07)
    "fund": _t("provided_aid", "to"),
    "finance": _t("provided_aid", "to"),
    "bankroll": _t("provided_aid", "to"),
    "rescue": _t("provided_humanitarian_aid"),
    # 08 yield
    "release": _t("released"),
    "free": _t("released"),
    "withdraw": _t("withdrew", "from"),
    "retreat": _t("withdrew", "from"),
    "pull out": _t("withdrew", "of", "from"),
    "concede": _t("yielded", "to"),
    "yield": _t("yielded", "to"),
    "surrender": _t("yielded", "to"),
    # leaving office under pressure concedes it (CAMEO 0833); the state is the target
    "resign": _t("yielded"), "abdicate": _t("yielded"),
    # 09 investigate / 10 demand / 02 appeal
    "investigate": _t("investigated"),
    "probe": _t("investigated"),
    "demand": _t("demanded", "from", "of"),
    "urge": _t("appealed_to"),
    "call on": _t("appealed_to", "on", "upon"),
    # "agreed with X (that …)" shares X's view (CAMEO 019); "agreed to act" is intent
    "agree with": _t("expressed_accord", "with"),
    # "called for X to resign", "called for the freeing of X"
    "call for": _t("demanded", "for"),
    "appeal": _t("appealed_to", "to"),
    "ask": _t("appealed_to"),
    "request": _t("appealed_to"),
    "press": _t("appealed_to"),
    # pressing someone hard to act is a demand (CAMEO 10): "pressured the union to end the strike"
    "pressure": _t("demanded"),
    "pressurize": _t("demanded"),
    "pressurise": _t("demanded"),
    # 11 disapprove
    "criticize": _t("criticized", "for", "over"),
    "criticise": _t("criticized", "for", "over"),
    "denounce": _t("criticized"),
    "slam": _t("criticized"),
    "blast": _t("criticized"),
    "rebuke": _t("criticized"),
    "censure": _t("criticized"),
    "chide": _t("criticized"),
    "decry": _t("criticized"),
    "deplore": _t("criticized"),
    "lambaste": _t("criticized"),
    "castigate": _t("criticized"),
    "condemn": _t("condemned"),
    "assail": _t("criticized", "for", "over"),
    "berate": _t("criticized", "for", "over"),
    "reprimand": _t("criticized", "for", "over"),
    "admonish": _t("criticized", "for", "over"),
    "accuse": _t("accused", "of"),
    "blame": _t("accused", "for"),
    # 12 reject
    "reject": _t("rejected"),
    "rebuff": _t("rejected"),
    "dismiss": _t("rejected"),
    "veto": _t("vetoed"),
    "oppose": _t("rejected", "to"),
    "renege": _t("rejected", "on"),
    "complain": _t("criticized", "about", "over", "against", "of"),
    "sue": _t("accused"),
    "summon": _t("criticized"),
    "snub": _t("rejected"),
    "refuse": _t("rejected"),
    "decline": _t("rejected"),
    "order": _t("demanded"),
    # 13 threaten
    "threaten": _t("threatened"),
    "warn": _t("warned"),
    # 14 protest
    "protest": _t("protested", "against"),
    "demonstrate": _t("demonstrated", "against"),
    "rally": _t("demonstrated", "against"),
    "march": _t("demonstrated", "against"),
    "riot": _t("rioted", "against"),
    # 15 force posture
    "mobilize": _t("mobilized", "against"),
    "mobilise": _t("mobilized", "against"),
    # 16 reduce relations
    "expel": _t("expelled", "from"),
    "suspend": _t("reduced_relations", "from"),
    "boycott": _t("sanctioned"),
    "sanction": _t("sanctioned"),
    "embargo": _t("sanctioned"),
    # 17 coerce
    "arrest": _t("arrested"),
    "detain": _t("arrested"),
    "jail": _t("arrested"),
    "imprison": _t("arrested"),
    "deport": _t("deported"),
    "extradite": _t("deported"),
    "seize": _t("seized", place="occupied"),
    "capture": _t("seized", place="occupied"),
    "confiscate": _t("seized"),
    "coerce": _t("coerced"),
    "intimidate": _t("coerced"),
    "harass": _t("coerced"),
    "repress": _t("repressed"),
    "prevent": _t("coerced"),
    # a state banning another's airlines, goods or officials sanctions it (CAMEO 16)
    "ban": _t("sanctioned"),
    "blacklist": _t("sanctioned"),
    "ram": _t("coerced"),
    "hijack": _t("abducted"),
    "outlaw": _t("coerced"),
    "demolish": _t("coerced"),
    "disperse": _t("repressed"),
    "torture": _t("assaulted"),
    "beat": _t("assaulted"),
    "abuse": _t("assaulted"),
    "execute": _t("killed"),
    "blow up": _t("attacked"),
    "retake": _t("occupied"),
    "recapture": _t("occupied"),
    "sink": _t("attacked"),
    "trespass": _t("invaded", "into", "across", "onto"),
    # "units crossed the frontier (into X)": crossing a frontier is an incursion (CAMEO 19)
    "intrude": _t("invaded", "into", "across", "onto"),
    "shoot down": _t("attacked"),
    "strafe": _t("attacked"),
    "shoot": _t("attacked", "at"),
    "target": _t("attacked"),
    "crack down": _t("repressed", "on"),
    "force out": _t("coerced", "from", "of"),
    # ordering envoys, peacekeepers or missions out is expelling them (CAMEO 16)
    "order out": _t("expelled", "of"),
    "drive out": _t("coerced", "from", "of"),
    # 18 assault / 19 fight / 20 mass violence
    "abduct": _t("abducted"),
    "kidnap": _t("abducted"),
    "kill": _t("killed"),
    "murder": _t("killed"),
    "assassinate": _t("assassinated"),
    "attack": _t("attacked"),
    "storm": _t("attacked"),
    "strike": _t("attacked"),
    "raid": _t("attacked"),
    "ambush": _t("attacked"),
    "assault": _t("attacked"),
    "bomb": _t("launched_airstrikes"),
    "shell": _t("shelled"),
    "bombard": _t("shelled"),
    "pound": _t("shelled"),
    "fire": _t("attacked", "at", "on", "into"),
    "fight": _t("fought", "with", "against"),
    "battle": _t("fought", "with", "against"),
    "clash": _t("clashed_with", "with"),
    "invade": _t("invaded"),
    "annex": _t("annexed"),
    "occupy": _t("occupied"),
    "blockade": _t("blockaded"),
    "besiege": _t("blockaded"),
    "massacre": _t("massacred"),
}

# verb lemma → {object noun lemma → trigger}
_TALKS = {
    "talk": _t("met_with", "with"), "meeting": _t("met_with", "with"),
    "consultation": _t("met_with", "with"), "discussion": _t("met_with", "with"),
    "summit": _t("met_with", "with"), "dialogue": _t("met_with", "with"),
    "negotiation": _t("negotiated_with", "with"),
}
_SANCTIONS = {
    n: _t("sanctioned", "on", "against", "targeting")
    for n in ("sanction", "embargo", "restriction", "tariff", "ban", "boycott", "penalty")
}
_LIFT = {
    **{n: _t("eased_sanctions", "on", "against") for n in ("sanction", "embargo")},
    # easing controls on a population is yielding (CAMEO 08); the place says on whom
    **{n: _t("yielded", "on", "in", "against")
       for n in ("restriction", "curfew", "ban", "emergency", "siege", "blockade", "measure",
                 "law", "rule", "closure", "lockdown")},
}
# Emergency powers over a population (CAMEO 17, coerce); the place says over whom.
_CONTROLS = {
    n: _t("coerced", "in", "on", "over", "across")
    for n in ("curfew", "siege", "emergency", "lockdown", "law", "rule")
}
# Extending or tightening a curfew is imposing it anew ("rules" and "laws" tightened are not).
_CURFEWS = {n: _CONTROLS[n] for n in ("curfew", "emergency", "lockdown")}
# Cutting what was given (CAMEO 16, reduce relations).
_CUTS = {
    n: _t("reduced_relations", "to", "for", "with", "in")
    for n in ("aid", "assistance", "delivery", "supply", "link", "flight", "mediation",
              "cooperation", "program", "programme", "loan", "credit", "funding", "tie",
              "relation", "talk", "contact", "visit", "trip")
}
_INQUIRIES = {
    n: _t("investigated", "into", "of", "on", "against")
    for n in ("investigation", "probe", "inquiry", "enquiry", "inspection", "hearing")
}
_DRILLS = {
    n: _t("held_military_drills", "near", "around", "off", "against", "close", "along")
    for n in ("drill", "exercise", "game", "manoeuvre", "maneuver", "maneuvers", "manoeuvres",
              "patrol", "war")
}
_ATTACKS = {
    "attack": _t("attacked", *_TARGET_COMMON, "in"), "strike": _t("attacked", *_TARGET_COMMON),
    "offensive": _t("attacked", "against", "on", "in"), "raid": _t("attacked", *_TARGET_COMMON),
    "assault": _t("attacked", *_TARGET_COMMON), "incursion": _t("attacked", "into", "in"),
    "airstrike": _t("launched_airstrikes", *_TARGET_COMMON),
    "bombardment": _t("shelled", "of", "on"),
    "shelling": _t("shelled", "of", "on"), "bombing": _t("launched_airstrikes", "of", "on"),
    "firing": _t("attacked", "on", "at"), "fighting": _t("fought", "with", "against"),
    "invasion": _t("invaded", "of"),
    # "began a campaign against the province": only "against" makes an operation hostile
    "operation": _t("attacked", "against"),
    **{n: _t("attacked", "at", "on", "into", "toward", "towards", "against")
       for n in ("salvo", "barrage", "volley")},
}
_AGREEMENTS = {
    n: _t("signed_agreement_with", "with")
    for n in ("agreement", "deal", "treaty", "accord", "pact", "memorandum", "contract",
              "consensus", "understanding")
}
_MEDIATION = {
    n: _t("mediated", "between", "with", "in")
    for n in ("mediation", "mediating", "shuttle")
}
_AID = {
    "aid": _t("provided_aid", "to", "for"), "assistance": _t("provided_aid", "to", "for"),
    "help": _t("provided_aid", "to", "for"), "loan": _t("provided_economic_aid", "to"),
    "fund": _t("provided_economic_aid", "to"), "money": _t("provided_economic_aid", "to"),
    "grant": _t("provided_economic_aid", "to"), "credit": _t("provided_economic_aid", "to"),
    "dollar": _t("provided_economic_aid", "to"), "donation": _t("provided_economic_aid", "to"),
    "subsidy": _t("provided_economic_aid", "to"),
    "weapon": _t("provided_military_aid", "to"), "arm": _t("provided_military_aid", "to"),
    "ammunition": _t("provided_military_aid", "to"), "missile": _t("provided_military_aid", "to"),
    "tank": _t("provided_military_aid", "to"), "equipment": _t("provided_military_aid", "to"),
    "food": _t("provided_humanitarian_aid", "to"),
    "asylum": _t("provided_humanitarian_aid", "to"),
    "refuge": _t("provided_humanitarian_aid", "to"),
    "intelligence": _t("provided_military_aid", "to"),
    "troop": _t("provided_military_aid", "to"),
    "medicine": _t("provided_humanitarian_aid", "to"),
    "supply": _t("provided_aid", "to", "for"), "relief": _t("provided_humanitarian_aid", "to"),
    # peacekeepers sent to a country protect it (CAMEO 074, military protection)
    "peacekeeper": _t("provided_military_aid", "to", "in"),
}
_SUPPORT = {
    n: _t("supported", "for", "to", "with") for n in ("support", "solidarity", "backing")
}
_CONCERN = {
    n: _t("criticized", "over", "about", "at", "with", "to")
    for n in ("concern", "displeasure", "dissatisfaction", "criticism", "outrage", "anger",
              "opposition", "protest", "discontent", "disappointment", "dismay", "frustration",
              "indignation", "alarm")
}
_WARNING = {
    "warning": _t("warned", "to", "against"), "ultimatum": _t("warned", "to"),
    "threat": _t("threatened", "to", "against"),
}
_TIES = {n: _t("cut_diplomatic_ties", "with") for n in ("tie", "relation", "contact")}
# Withdrawing one's envoy (CAMEO 161): "recalled its emissary from X", "to X".
_RECALLS = {n: _t("cut_diplomatic_ties", "from", "to", "in")
            for n in ("ambassador", "envoy", "diplomat", "emissary", "representative")}
# Dropping a threat or a coercive measure is a concession (CAMEO 08): "dropped its threat of
# tariffs on X" (the target sits down the "of … on" chain).
_DROPS = {
    **{n: _t("eased_sanctions", "on", "against", "of") for n in (
        "tariff", "sanction", "embargo", "ban", "boycott", "duty")},
    **{n: _t("yielded", "on", "against", "of", "to") for n in (
        "threat", "demand", "objection", "opposition", "veto", "claim", "charge", "lawsuit",
        "case")},
}
_CONTROL = {"control": _t("occupied", "of", "over", "from")}
_PROTESTS = {
    n: _t("protested", "against", "outside")
    for n in ("rally", "demonstration", "protest", "march", "sit-in", "boycott", "vigil")
}
_BLOCKADES = {
    n: _t("protested", "against")
    for n in ("road", "highway", "bridge", "street", "traffic", "transport", "railway", "port")
}

# Asking for shelter or help (CAMEO 023, request aid): "sought asylum in Germany", "sought help
# from Russia".
_REQUESTS = {
    **{n: _t("requested_aid", "in", "from", "of") for n in ("asylum", "refuge", "sanctuary")},
    **{n: _t("requested_aid", "from", "of") for n in ("aid", "assistance", "help", "loan")},
    # asking for political backing is an appeal (CAMEO 021)
    **{n: _t("appealed_to", "from", "of") for n in ("support", "backing")},
}
# A withdrawal begun, sped up or finished is a withdrawal (CAMEO 087).
_WITHDRAWALS = {n: _t("withdrew", "from") for n in ("withdrawal", "pullout", "pull-out")}
# Hosting talks hosts their parties (CAMEO 043): "hosted talks with X", "between X and Y".
_HOSTED_TALKS = {n: _t("hosted", "with", "between", "for")
                 for n in ("talk", "meeting", "summit", "negotiation", "conference")}
# Meeting someone's demands is conceding to them (CAMEO 08), not a meeting.
_MET_DEMANDS = {n: _t("yielded", "of", "from", "by")
                for n in ("demand", "condition", "terms", "requirement")}
# More forces in a place is a mobilisation (CAMEO 154): "reinforced its garrison in Chad".
_BUILDUPS = {n: _t("mobilized", "in", "near", "along", "on")
             for n in ("force", "troop", "presence", "garrison", "deployment", "contingent")}
# Spoken demands as objects: "sent a reminder to Peru that it has to …", "a call to X".
_ISSUED_DEMANDS = {"reminder": _t("demanded", "to"), "appeal": _t("appealed_to", "to"),
                   "plea": _t("appealed_to", "to"), "demand": _t("demanded", "to", "on", "of")}
# Setting fire to property destroys it (CAMEO 171, seize or damage property).
_ARSON = {"fire": _t("seized", "to")}
# What an order sets in motion is the act itself, not a demand: "ordered the arrest of X"
# (CAMEO 173), "the expulsion of", "the release of" (0841).
_ORDERS = {
    "arrest": _t("arrested", "of"), "detention": _t("arrested", "of"),
    "expulsion": _t("expelled", "of"), "deportation": _t("deported", "of"),
    "release": _t("released", "of"),
}

LIGHT_VERBS: dict[str, dict[str, Trigger]] = {
    "have": dict(_TALKS),
    "conduct": {**_TALKS, **_DRILLS, **_ATTACKS, **_INQUIRIES},
    "begin": {**_TALKS, **_DRILLS, **_ATTACKS, **_INQUIRIES, **_WITHDRAWALS},
    "start": {**_TALKS, **_DRILLS, **_ATTACKS, **_INQUIRIES, **_WITHDRAWALS},
    "speed": dict(_WITHDRAWALS),
    "accelerate": dict(_WITHDRAWALS),
    "finish": dict(_WITHDRAWALS),
    "seek": dict(_REQUESTS),
    "host": dict(_HOSTED_TALKS),
    "meet": dict(_MET_DEMANDS),
    "set": dict(_ARSON),
    "order": dict(_ORDERS),
    "contribute": dict(_AID),
    "institute": {**_SANCTIONS, **_CONTROLS},
    "open": {**_TALKS, **_INQUIRIES},
    "resume": dict(_TALKS),
    "exchange": {"view": _t("met_with", "with"), "opinion": _t("met_with", "with"),
                 "fire": _t("clashed_with", "with"), "shot": _t("clashed_with", "with"),
                 "blow": _t("clashed_with", "with")},
    "impose": {**_SANCTIONS, **_CONTROLS},
    "reimpose": {**_SANCTIONS, **_CONTROLS},
    "slap": dict(_SANCTIONS),
    "levy": dict(_SANCTIONS),
    "introduce": dict(_SANCTIONS),
    # tightening a blockade or a siege is imposing it (CAMEO 191); a curfew, coercion (17)
    "tighten": {**_SANCTIONS, **_CURFEWS,
                **{n: _t("blockaded", "of", "on", "against") for n in ("blockade", "siege")}},
    "extend": {**_SANCTIONS, **_SUPPORT, **_CURFEWS},
    "lift": dict(_LIFT),
    "ease": dict(_LIFT),
    "relax": dict(_LIFT),
    "remove": dict(_LIFT),
    "shorten": dict(_LIFT),
    "end": {**_CUTS, **_LIFT},
    "accept": {n: _t("yielded", "from", "of", "by")
               for n in ("demand", "condition", "ultimatum", "terms")},
    "receive": {**{n: t for n, t in _AID.items()}, **_SUPPORT,
                "assurance": _t("expressed_intent_to_cooperate", "from"),
                "guarantee": _t("expressed_intent_to_cooperate", "from")},
    "declare": {**_CONTROLS, "ceasefire": _t("declared_ceasefire"),
                "truce": _t("declared_ceasefire"),
                "recall": _t("cut_diplomatic_ties", "of", "to", "from")},
    "recall": dict(_RECALLS),
    "withdraw": dict(_RECALLS),
    "pull": dict(_RECALLS),
    "drop": dict(_DROPS),
    "abandon": dict(_DROPS),
    "rescind": dict(_DROPS),
    "wrest": dict(_CONTROL),
    "cross": {n: _t("invaded", "into") for n in ("border", "frontier", "boundary")},
    "assume": dict(_CONTROL),
    "grab": dict(_CONTROL),
    "complete": {**_WITHDRAWALS,
                 "investigation": _t("investigated", "into", "of", "on")},
    "stage": {**_DRILLS, **_ATTACKS, **_PROTESTS},
    "organize": dict(_PROTESTS),
    "continue": dict(_PROTESTS),
    "organise": dict(_PROTESTS),
    "hold": {**_TALKS, **_DRILLS, **_PROTESTS},
    # "called a strike", "joined the protests": a strike here is a walkout (verbs._walkout)
    "call": {"strike": _t("protested", "against")},
    "join": {**_PROTESTS, "strike": _t("protested", "against")},
    "block": dict(_BLOCKADES),
    "barricade": dict(_BLOCKADES),
    "carry": {**_DRILLS, **_ATTACKS},
    "mount": {**_DRILLS, **_ATTACKS},
    "launch": {**_ATTACKS, **_DRILLS, **_INQUIRIES, **_MEDIATION,
               **{n: _t("attacked", "at", "on", "against", "into")
                  for n in ("missile", "rocket", "drone", "shell", "fire")}},
    "announce": {**_SANCTIONS, "recall": _t("cut_diplomatic_ties", "of", "to", "from"),
                 "expulsion": _t("expelled", "of")},
    "present": {"evidence": _t("accused", "against"), "proof": _t("accused", "against")},
    "unleash": dict(_ATTACKS),
    "sign": dict(_AGREEMENTS),
    "ratify": dict(_AGREEMENTS),
    "conclude": dict(_AGREEMENTS),
    "seal": dict(_AGREEMENTS),
    "ink": dict(_AGREEMENTS),
    "reach": dict(_AGREEMENTS),
    "provide": {**_AID, **_SUPPORT},
    "send": dict(_AID),
    "give": {**_AID, **_SUPPORT, "welcome": _t("hosted", "to"), "reception": _t("hosted", "to")},
    "undertake": dict(_MEDIATION),
    "offer": {**{n: _t("pledged_aid", "to") for n in _AID}, **_SUPPORT, **_MEDIATION},
    "deliver": {**_AID, **_WARNING},
    "supply": dict(_AID),
    "grant": dict(_AID),
    "donate": dict(_AID),
    "ship": dict(_AID),
    "promise": {**{n: _t("pledged_aid", "to") for n in _AID}, **_SUPPORT},
    "pledge": {**{n: _t("pledged_aid", "to") for n in _AID}, **_SUPPORT},
    "express": {**_SUPPORT, **_CONCERN},
    "voice": {**_SUPPORT, **_CONCERN},
    "reaffirm": dict(_SUPPORT),
    "show": dict(_SUPPORT),
    "lend": dict(_SUPPORT),
    "raise": dict(_CONCERN),
    "issue": {**_WARNING, **_ISSUED_DEMANDS, "warrant": _t("arrested", "for", "against")},
    "make": {"visit": _t("visited", "to"), "trip": _t("visited", "to")},
    "cut": {**_CUTS, **_TIES},
    "sever": dict(_TIES),
    "break": {**_TIES, "ceasefire": _t("violated_ceasefire"), "truce": _t("violated_ceasefire")},
    "suspend": dict(_CUTS),
    "halt": dict(_CUTS),
    "stop": dict(_CUTS),
    "withhold": dict(_CUTS),
    "reduce": dict(_CUTS),
    "prohibit": dict(_CUTS),
    "cancel": {**_LIFT, **{n: _t("reduced_relations", "with", "to")
                           for n in ("visit", "trip", "talk", "meeting", "summit", "agreement",
                                     "deal")}},
    "postpone": {n: _t("reduced_relations", "with", "to")
                 for n in ("visit", "trip", "talk", "meeting", "summit")},
    "freeze": {**_CUTS, "asset": _t("sanctioned", "of", "in"),
               "trade": _t("reduced_relations", "with")},
    "downgrade": {n: _t("reduced_relations", "with") for n in ("tie", "relation")},
    # a diplomatic protest or complaint is disapproval (CAMEO 11), not a demonstration (14)
    "file": {"complaint": _t("criticized", "with", "against"),
             "charge": _t("accused", "against")},
    "lodge": {"complaint": _t("criticized", "with", "against"),
              "protest": _t("criticized", "with", "against")},
    "level": {"accusation": _t("accused", "against"), "charge": _t("accused", "against")},
    "take": dict(_CONTROL),
    "seize": dict(_CONTROL),
    "gain": dict(_CONTROL),
    "violate": {"ceasefire": _t("violated_ceasefire"), "truce": _t("violated_ceasefire")},
    "breach": {"ceasefire": _t("violated_ceasefire"), "truce": _t("violated_ceasefire")},
    "deploy": {**{n: _t("mobilized", "to", "near", "along", "toward", "towards", "against")
                  for n in ("troop", "force", "soldier", "warship", "missile", "army")},
               "peacekeeper": _t("provided_military_aid", "to", "in")},
    "mass": {n: _t("mobilized", "near", "along", "on") for n in ("troop", "force", "soldier")},
    "fire": {n: _t("attacked", "at", "on", "into", "toward", "towards")
             for n in ("missile", "rocket", "shell", "shot", "artillery", "salvo", "barrage",
                       "volley", "round", "mortar")},
    "renew": dict(_TALKS),
    "share": {n: _t("shared_intelligence", "with")
              for n in ("intelligence", "information", "evidence", "expertise", "data")},
    "pay": {"visit": _t("visited", "to"), "trip": _t("visited", "to"),
            "compensation": _t("yielded", "to")},
    "use": {"gas": _t("repressed", "against", "on"), "force": _t("coerced", "against")},
    "close": {n: _t("sanctioned", "to", "with") for n in ("border", "embassy", "airspace")},
    "dispatch": {n: _t("investigated", "to") for n in ("inspector", "investigator")},
    "establish": {n: _t("cooperated_with", "with") for n in ("relation", "tie")},
    "restore": {n: _t("cooperated_with", "with") for n in ("relation", "tie")},
    "normalize": {n: _t("cooperated_with", "with") for n in ("relation", "tie")},
    "strengthen": {**{n: _t("cooperated_with", "with", "between")
                      for n in ("tie", "relation", "cooperation", "coordination", "partnership")},
                   **_BUILDUPS},
    "reinforce": dict(_BUILDUPS),
    "bolster": dict(_BUILDUPS),
    "boost": dict(_BUILDUPS),
    "deepen": {n: _t("cooperated_with", "with", "between")
               for n in ("tie", "relation", "cooperation", "coordination", "partnership")},
    "expand": {n: _t("cooperated_with", "with", "between")
               for n in ("tie", "relation", "cooperation", "coordination", "partnership")},
}

NOUNS: dict[str, Trigger] = {
    "invasion": _t("invaded", "of", "into"),
    "incursion": _t("invaded", "into", "in"),
    "expulsion": _t("expelled", "of", "from"),
    "recall": _t("cut_diplomatic_ties", "of", "to", "from"),
    "seizure": _t("seized", "of"),
    "capture": _t("seized", "of"),
    "detention": _t("arrested", "of"),
    "killing": _t("killed", "of"),
    "assassination": _t("assassinated", "of"),
    "fire": _t("attacked", "on", "at", "into", "across", "toward", "towards", "against"),
    "salvo": _t("attacked", "on", "at", "into", "toward", "towards", "against"),
    "barrage": _t("attacked", "on", "at", "into", "toward", "towards", "against"),
    "volley": _t("attacked", "on", "at", "into", "toward", "towards", "against"),
    "firefight": _t("clashed_with", "with", "between"),
    "gunfight": _t("clashed_with", "with", "between"),
    "gunbattle": _t("clashed_with", "with", "between"),
    "skirmish": _t("clashed_with", "with", "between"),
    "tariff": _t("sanctioned", "on", "against"),
    "ban": _t("sanctioned", "on", "against"),
    "boycott": _t("sanctioned", "of", "on", "against"),
    "annexation": _t("annexed", "of"),
    "occupation": _t("occupied", "of"),
    "visit": _t("visited", "to"),
    "trip": _t("visited", "to"),
    "attack": _t("attacked", "on", "against"),
    "assault": _t("attacked", "on", "against"),
    "offensive": _t("attacked", "against", "on"),
    "airstrike": _t("launched_airstrikes", "on", "against"),
    "raid": _t("attacked", "on", "against", "into"),
    "strike": _t("attacked", "on", "against"),
    "bombardment": _t("shelled", "of"),
    "aggression": _t("attacked", "against"),
    "war": _t("fought", "against", "on", "with"),
    "sanction": _t("sanctioned", "on", "against"),
    "embargo": _t("sanctioned", "on", "against"),
    "meeting": _t("met_with", "with"),
    "talk": _t("met_with", "with"),
    "summit": _t("met_with", "with"),
    "support": _t("supported", "for", "to"),
    "criticism": _t("criticized", "of"),
    "condemnation": _t("condemned", "of"),
    # "the agreement between X and Y", "Iran's deal with Russia": an agreement reached
    **{n: _t("signed_agreement_with", "with") for n in (
        "agreement", "pact", "treaty", "accord")},
    "warning": _t("warned", "to", "against"),
    "threat": _t("threatened", "to", "against"),
    "aid": _t("provided_aid", "to", "for"),
    "assistance": _t("provided_aid", "to", "for"),
    "cooperation": _t("cooperated_with", "with"),
    "partnership": _t("cooperated_with", "with"),
    "blockade": _t("blockaded", "of", "on"),
    "arrest": _t("arrested", "of"),
    "accusation": _t("accused", "against"),
    "allegation": _t("accused", "against"),
    "protest": _t("protested", "against"),
    "demonstration": _t("demonstrated", "against"),
    "riot": _t("rioted", "against"),
    "sit-in": _t("protested", "against"),
    "fighting": _t("fought", "with", "against"),
    "clash": _t("clashed_with", "with"),
    "battle": _t("fought", "with", "against"),
    "firing": _t("attacked", "on", "at", "against"),
    "shelling": _t("shelled", "of", "on"),
    "bombing": _t("launched_airstrikes", "of", "on"),
    "drill": _t("held_military_drills", "near", "around", "off", "close", "along"),
    "exercise": _t("held_military_drills", "near", "around", "off", "close", "along"),
    "manoeuvre": _t("held_military_drills", "near", "around", "off", "close", "along"),
    "maneuver": _t("held_military_drills", "near", "around", "off", "close", "along"),
}

# Labels whose target is a territory: the preposition "from" names the loser, not the target.
TERRITORY_LABELS = frozenset({"annexed", "occupied", "invaded", "seized", "blockaded"})

# Physical acts on a place: their city targets stay cities (Kyiv shelled is not Ukraine shelled).
PLACE_TARGET_LABELS = TERRITORY_LABELS | frozenset({
    "attacked", "shelled", "launched_airstrikes", "carried_out_bombing", "seized", "occupied",
    "killed", "massacred", "used_wmd",
})

# Attitudes toward an act are attitudes toward its agent: condemning "the Russian invasion"
# condemns Russia.
ATTITUDE_LABELS = frozenset({
    "condemned", "criticized", "accused", "praised", "supported", "rejected", "protested",
    "demonstrated", "warned",
})

# Heads that negate what they govern: "refused to meet", "reluctance to condemn".
NEGATING_HEADS = frozenset({
    "refuse", "decline", "fail", "reluctance", "reluctant", "unwilling", "unwillingness",
    "refusal", "avoid", "hesitate", "hesitant", "resist", "cease", "stop", "halt", "abandon",
    "failure", "inability",
})

# Objects that make a promise a threat: "vowed revenge against", "promised retaliation".
HOSTILE_NOUNS = frozenset({
    "revenge", "retaliation", "response", "reprisal", "war", "attack", "punishment", "vengeance",
    "consequence", "retribution", "counterattack", "counter-attack", "strike",
})

# Weapons and platforms whose owner is the actor: "Russian missiles hit Kyiv".
INSTRUMENT_NOUNS = frozenset({
    "missile", "rocket", "drone", "jet", "aircraft", "warplane", "plane", "helicopter", "tank",
    "artillery", "shell", "bomb", "warship", "submarine", "gunboat", "bulldozer", "strike",
    "airstrike", "raid", "shelling", "bombing", "fire", "ship", "vessel", "boat", "frigate",
    "destroyer", "cutter", "trawler", "salvo", "barrage",
})

# "engaged the peacekeepers in a firefight": the prepositional object names the act, the
# direct object is the target.
ENGAGEMENT_NOUNS = frozenset({
    "firefight", "battle", "fighting", "clash", "combat", "gunfight", "fight", "skirmish",
    "gunbattle", "war", "exchange",
})
# Verbs of receiving: what is received was given by the "from" actor to the subject.
RECEIPT_VERBS = frozenset({"receive", "get", "obtain", "accept"})

# Heads whose complement says what they are about: "agreed to open talks with X", "threatened
# to cut off electricity to X", "urged X to withdraw". The head is the event; its target is the
# complement's; the complement is not an event of its own (it has not happened).
INTENT_HEADS = frozenset({
    "agree", "offer", "promise", "pledge", "vow", "commit", "ready", "willing", "prepared",
    "propose", "plan", "intend", "decide", "want",
})
THREAT_HEADS = frozenset({"threaten", "warn"})
# Heads whose hostile complement is done by deciding it: "agreed to impose sanctions".
DECISION_HEADS = frozenset({"agree", "decide"})
# Arrivals are visits only when people arrive (planes and troops land and arrive too).
MOTION_VISITS = frozenset({"arrive", "land"})
DEMAND_HEADS = frozenset({"demand", "urge", "ask", "press", "appeal", "call", "request",
                          "order", "pressure", "pressurize", "pressurise"})
# "told the ministry to draft a ban": the instructed act has not happened (but "officials told
# reporters the army had lifted the blockade" reports one: only the infinitive is folded).
INSTRUCTION_HEADS = frozenset({"tell", "instruct", "direct"})
REFUSAL_HEADS = frozenset({"refuse", "decline"})
COMPLEMENT_HEADS = INTENT_HEADS | THREAT_HEADS | DEMAND_HEADS | INSTRUCTION_HEADS
# Adjectives that head an intent like a verb: "Syria is ready to withdraw".
INTENT_ADJECTIVES = frozenset({"ready", "willing", "prepared"})

# Acts and words whose author is what an attitude is about: rejecting "an Indian proposal"
# rejects India; praising "Haiti's efforts" praises Haiti.
AUTHORED_NOUNS = frozenset({
    "proposal", "request", "demand", "offer", "plan", "statement", "policy", "effort", "decision",
    "call", "remark", "comment", "bid", "move", "position", "claim", "initiative", "idea",
    "suggestion", "resolution", "action", "change", "stance", "approach", "program", "programme",
    "law", "legislation", "measure", "step", "appeal", "accusation", "allegation", "threat",
    "ultimatum", "mediation", "role", "record", "behaviour", "behavior", "conduct", "policies",
    "plea", "overture", "invitation", "leadership", "government", "regime", "administration",
    "crime", "atrocity", "abuse", "violation", "misconduct", "corruption", "fraud", "killing",
})

# Acts two parties do together: conjoined subjects with no object pair up ("Jordan and
# Britain agreed", "the US, Russia and Switzerland met").
RECIPROCAL_VERBS = frozenset({
    "exchange", "reach", "agree", "meet", "talk", "negotiate", "cooperate", "collaborate", "sign",
    "clash", "fight", "battle", "trade", "consult", "confer",
})

# Texts that speak for whoever issued them: "a declaration demanding …".
DOCUMENT_NOUNS = frozenset({
    "declaration", "letter", "report", "note", "communique", "communiqué", "memorandum",
    "resolution", "motion", "bill", "decree", "order", "message", "speech", "editorial",
    "directive", "instruction", "edict", "ruling", "verdict",
})

# Organisation nouns named by what modifies them: "the Islamic Jihad movement".
ORGANISATION_NOUNS = frozenset({
    "movement", "group", "party", "organization", "organisation", "faction", "wing", "network",
    "coalition", "alliance", "front", "union", "association", "forum", "council", "committee",
    "body", "militia", "army", "force", "regime",
})

# Passives that describe the subject's stance, not something done to it.
STATIVE_PASSIVES = frozenset({"oppose", "commit", "prepare", "determine", "dedicate"})

# Nouns that stand for their members: "a group of Moroccan diplomats", "leaders of the party".
COLLECTIVE_NOUNS = frozenset({
    "group", "delegation", "team", "number", "member", "leader", "head", "representative",
    "side", "majority", "contingent", "unit", "battalion", "wing", "faction", "hundred",
    "thousand", "dozen", "score", "band", "crowd", "spokesman", "spokeswoman", "spokesperson",
})

SPEECH_VERBS = frozenset({
    "say", "announce", "state", "declare", "tell", "add", "note", "stress", "insist", "warn",
    "claim", "allege", "report", "write", "assert", "argue", "suggest", "confirm", "reiterate",
    "indicate", "vow", "threaten",
})
REPORTING_VERBS = frozenset({"claim", "allege", "report", "suggest", "rumor", "rumour"})

# "X said Y will face consequences": a threat by X against Y.
CONSEQUENCE_NOUNS = frozenset({
    "consequence", "repercussion", "retaliation", "punishment", "response", "reprisal",
})

# Cooperative acts announced for the future are, as events, expressions of intent (CAMEO 03).
FUTURE_INTENT: dict[str, str] = {
    "met_with": "agreed_to_meet", "visited": "agreed_to_meet", "hosted": "agreed_to_meet",
    "negotiated_with": "agreed_to_meet",
    "cooperated_with": "expressed_intent_to_cooperate",
    "traded_with": "agreed_to_cooperate", "provided_aid": "pledged_aid",
    "provided_economic_aid": "pledged_aid", "provided_military_aid": "pledged_aid",
    "provided_humanitarian_aid": "pledged_aid", "signed_agreement_with": "agreed_to_cooperate",
    "supported": "expressed_intent_to_cooperate",
    # announced concessions are intents to yield (CAMEO 035): "will release the hostages"
    "yielded": "expressed_intent_to_cooperate", "released": "expressed_intent_to_cooperate",
    "eased_sanctions": "expressed_intent_to_cooperate",
}
