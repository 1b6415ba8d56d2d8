"""Actor resolution on sentences written for these tests (never the peer suites' sentences).

Each row: text, publication date, the words of one mention, and what it must resolve to —
(entity name or None, country, sector). ``None`` as the name accepts any name; a row whose
expected value is ``NOTHING`` says no mention may cover those words.
"""

from __future__ import annotations

import time

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from graphsvc.gazetteer import Gazetteer, load_gazetteer
from graphsvc.nlp.pipeline import load_pipeline
from graphsvc.nlp.resolve import ActorMention, Resolution, resolve_actors, slugify
from graphsvc.settings import Settings

NOTHING = ("-", "-", "-")


@pytest.fixture(scope="module")
def nlp() -> Language:
    settings = Settings()
    return load_pipeline(settings.spacy_model, settings.territory_policy)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _resolve(nlp: Language, gaz: Gazetteer, text: str, published: str | None
             ) -> tuple[Doc, Resolution]:
    doc = nlp(text)
    return doc, resolve_actors(doc, gaz, published)


def _covering(doc: Doc, res: Resolution, words: str) -> list[ActorMention]:
    at = doc.text.index(words)
    span = doc.char_span(at, at + len(words), alignment_mode="expand")
    assert span is not None
    return [m for m in res.mentions if m.start < span.end and span.start < m.end]


CASES = [
    # metonymy: a seat of government and an acting capital stand for their state
    ("The Kremlin rejected the offer on Monday.", "2023-05-02", "Kremlin",
     ("Russia", "RUS", "GOV")),
    ("Beijing protested against the visit.", "2023-05-02", "Beijing", ("China", "CHN", "GOV")),
    ("Protesters marched through Kyiv while Kiev officials met envoys.", "2023-05-02",
     "Kiev officials", ("Ukraine", "UKR", "GOV")),
    # titles with the state in the title phrase, after it, or in an apposition
    ("Freedonian envoys met Canadian Trade Minister Alma Rook in Ottawa.", "2001-04-04",
     "Alma Rook", (None, "CAN", "GOV")),
    ("Kenya's deputy foreign minister Otieno Baraza flew home.", "2001-04-04",
     "Otieno Baraza", (None, "KEN", "GOV")),
    ("King Tomas of Sweden opened the session.", "2001-04-04", "Tomas", (None, "SWE", "GOV")),
    ("Bakar Salim, the Tanzanian interior minister, denied the report.", "2001-04-04",
     "Bakar Salim", (None, "TZA", "GOV")),
    ("Chile's ambassador, Rosa Vidal, handed over the note.", "2001-04-04", "Rosa Vidal",
     (None, "CHL", "GOV")),
    ("Former Peruvian president Julio Campos spoke at the rally.", "2001-04-04", "Julio Campos",
     (None, "PER", "ELI")),
    ("Brazilian Gen. Paulo Matos inspected the border.", "2001-04-04", "Paulo Matos",
     (None, "BRA", "MIL")),
    ("Archbishop Thomas Olu blessed the crowd in Lagos.", "2001-04-04", "Thomas Olu",
     (None, None, "REL")),
    # date-bounded roles: the same title names different people in 2008 and 2022
    ("The U.S. president warned Tehran.", "2008-06-01", "president",
     ("George W. Bush", "USA", "GOV")),
    ("The U.S. president warned Tehran.", "2022-06-01", "president",
     ("Joe Biden", "USA", "GOV")),
    # partial names and pronouns point back at the full name
    ("Ines Varga, a Hungarian lawyer, arrived. Varga said she would appeal.", "2015-01-01",
     "Varga said", (None, None, None)),
    # demonym nouns are peoples: their civilians, not their government
    ("The Palestinians marched in Ramallah.", "2010-01-01", "Palestinians",
     ("Palestine civilians", "PSE", "CVL")),
    ("Two Serbs were arrested at the crossing.", "2010-01-01", "Serbs",
     ("Serbia civilians", "SRB", "CVL")),
    ("Bosnian Croats voted on Sunday.", "2010-01-01", "Bosnian Croats",
     (None, "BIH", "CVL")),
    # nominal actors: a state word plus an agent noun, with the sector the noun says
    ("Turkish police detained the driver.", "2010-01-01", "Turkish police",
     ("Turkey police", "TUR", "COP")),
    ("Israeli intelligence officials briefed reporters.", "2010-01-01",
     "Israeli intelligence officials", (None, "ISR", "SPY")),
    ("Afghan rebel leaders rejected the plan.", "2010-01-01", "Afghan rebel leaders",
     (None, "AFG", "REB")),
    ("The Sudanese government expelled the aid workers.", "2010-01-01", "Sudanese government",
     ("Sudan", "SDN", "GOV")),
    ("Sri Lanka's foreign ministry summoned the envoy.", "2010-01-01", "foreign ministry",
     (None, "LKA", "GOV")),
    ("Swiss doctors treated the wounded.", "2010-01-01", "Swiss doctors",
     (None, "CHE", "HLH")),
    ("Serb forces shelled the valley.", "2010-01-01", "Serb forces", (None, "SRB", "MIL")),
    ("Mexican army trucks blocked the road.", "2010-01-01", "army trucks",
     (None, "MEX", "MIL")),
    ("Ghanaian-led troops secured the airport.", "2010-01-01", "troops", (None, "GHA", "MIL")),
    ("U.N. peacekeepers patrolled the buffer zone.", "2010-01-01", "peacekeepers",
     (None, "IGO", "MIL")),
    ("Opposition parties in Kenya boycotted the vote.", "2010-01-01", "Opposition parties",
     (None, "KEN", "OPP")),
    ("The Estonian Supreme Court struck down the law.", "2010-01-01", "Estonian Supreme Court",
     (None, "EST", "JUD")),
    ("The Kenyan Federation of Nurses called a strike.", "2010-01-01",
     "Kenyan Federation of Nurses", (None, "KEN", None)),
    # disputed regions: the region's actors are the region's, its state per the policy
    ("Darfur rebels attacked a convoy.", "2010-01-01", "Darfur rebels", (None, "SDN", "REB")),
    # stances and origins are not affiliations; ethnic groups are not their kin states
    ("Pro-Russian militants seized the building.", "2014-04-01", "militants", NOTHING),
    ("Ethnic Hungarians rallied in the square.", "2014-04-01", "Hungarians", NOTHING),
    # troops *in* a country may be anyone's
    ("Troops in Mali fired on the convoy.", "2014-04-01", "Troops", NOTHING),
    # a definite phrase for a state named before: the last state, never the clause's own
    # subject, and a monarchy word only for a state the gazetteer calls a kingdom
    ("Peru recalled its envoy in Bolivia on Friday. The row led Bolivia to halt gas sales "
     "to the Andean nation.", "2010-01-01", "Andean nation",
     ("Peru", "PER", "GOV")),
    ("Jordan protested to Chile about the remarks on Monday. The kingdom summoned the envoy.",
     "2010-01-01", "kingdom", ("Jordan", "JOR", "GOV")),
    ("Lithuania expelled a diplomat. The former Soviet republic said the country's army was "
     "ready.", "2010-01-01", "former Soviet republic", ("Lithuania", "LTU", "GOV")),
    ("Lithuania expelled a diplomat. The former Soviet republic said the country's army was "
     "ready.", "2010-01-01", "army", (None, "LTU", "MIL")),
    ("Kenya and Uganda signed a border pact. The country will host the next round.",
     "2010-01-01", "country", NOTHING),
    ("Peru held elections on Sunday. Riots spread across the country.", "2010-01-01",
     "country", NOTHING),
    # an owner-less government noun: the one government named in the two sentences before
    ("Finland summoned three diplomats, the interior ministry said.", "2010-01-01",
     "interior ministry", ("Finland", "FIN", "GOV")),
    ("Norway criticised Iceland on Tuesday. The government said the quota was unfair.",
     "2010-01-01", "government", ("Norway", "NOR", "GOV")),
    ("The storm destroyed the old bridge. The ministry said repairs would start soon.",
     "2010-01-01", "ministry", NOTHING),
    # "her country" is the state of the person "her" refers to, never the person
    ("Chilean Foreign Minister Rosa Vidal said her country would host the summit.",
     "2010-01-01", "her country", ("Chile", "CHL", "GOV")),
    # outlets are sources, never actors; journalists stay actors
    ("State television said Sudanese gunboats had entered the harbour.", "2010-01-01",
     "State television", NOTHING),
    ("Kenya's state news agency announced the arrests.", "2010-01-01", "news agency",
     NOTHING),
    ("Police in Ankara detained a Dutch reporter.", "2010-01-01", "Dutch reporter",
     (None, "NLD", "MED")),
    # a head-office title plus a surname: the one holder of that surname on the date
    ("President Bush flew to the summit on Friday.", "1990-03-01", "Bush",
     ("George H. W. Bush", "USA", "GOV")),
    ("President Bush flew to the summit on Friday.", "2006-03-01", "Bush",
     ("George W. Bush", "USA", "GOV")),
    ("The Bush administration froze the funds.", "2006-03-01", "administration",
     ("George W. Bush", "USA", "GOV")),
    # nobody of that surname held it on the date: the nearest in time, in the one state
    ("President Bush flew to the summit on Friday.", "2014-03-01", "Bush",
     ("George W. Bush", "USA", "GOV")),
    ("Former President Bush flew to the summit.", "2006-03-01", "Bush", (None, None, "ELI")),
    ("President Omar Bashir opened the new dam.", "2006-03-01", "Omar Bashir",
     ("Omar al-Bashir", "SDN", "GOV")),
    ("President Salih Bashir opened the new dam.", "2006-03-01", "Salih Bashir",
     (None, None, "GOV")),
    # peoples with a place or a state other than their kin state are its civilians
    ("Lebanese Kurds marched in the capital.", "2012-01-01", "Kurds",
     (None, "LBN", "CVL")),
    ("Tamils living in Malaysia sent donations home.", "2012-01-01", "Tamils",
     (None, "MYS", "CVL")),
    ("Slovenes of Austria asked for bilingual signs.", "2012-01-01", "Slovenes",
     (None, "AUT", "CVL")),
    ("Poles in Britain wired money home.", "2012-01-01", "Poles", (None, "POL", "CVL")),
    # a modified head office is another office: no head-of-state holder
    ("A Peruvian rebel leader surrendered to the army.", "2005-06-01", "rebel leader",
     (None, "PER", "REB")),
    ("The Zambian opposition leader boycotted the vote.", "2005-06-01", "opposition leader",
     (None, "ZMB", "OPP")),
    ("A Congolese militia leader signed the truce.", "2005-06-01", "militia leader",
     (None, "COD", None)),
    ("The Italian minister opened the fair.", "2005-06-01", "Italian minister",
     ("Italy", "ITA", "GOV")),
    ("The new Brazilian president met the unions.", "2005-06-01", "president",
     ("Luiz Inácio Lula da Silva", "BRA", "GOV")),
    # unknown bodies with a scope word and no state are international: NGO, or IGO when
    # their members are states
    ("The Pan-African Forum of Jurists condemned the arrests.", "2012-01-01",
     "Forum of Jurists", (None, "NGO", None)),
    ("The World Federation of Dock Workers called a strike.", "2012-01-01",
     "World Federation", (None, "NGO", None)),
    ("The Council of Arab Ministers of Transport approved the plan.", "2012-01-01",
     "Council of Arab Ministers", (None, "IGO", None)),
    ("The Intergovernmental Commission on Coffee met in Lima.", "2012-01-01",
     "Intergovernmental Commission", (None, "IGO", None)),
    # places the gazetteer lacks take the state written after them
    ("Soldiers raided homes in Silopi, Turkey, on Monday.", "2012-01-01", "Silopi",
     ("Silopi", "TUR", None)),
    ("Gendarmes sealed off the town of Bismil in southeastern Turkey.", "2012-01-01",
     "Bismil", ("Bismil", "TUR", None)),
    ("President Bush warned Cuba again.", "1985-06-01", "Bush",
     ("George H. W. Bush", "USA", None)),
    ("President Milosevic was in court.", "2004-06-01", "Milosevic",
     ("Slobodan Milošević", "YUG", None)),
    ("President Toure was in Paris.", "1990-06-01", "Toure", (None, None, None)),
    # a plural agent phrase read from its lemma ("security force") keeps its listed sector
    ("Security forces in Niger detained six smugglers.", "2015-01-01", "forces",
     (None, "NER", "COP")),
    # a possessive pronoun owns its noun: "from X" is where they come from, not whose
    ("Japan slowed the return of its forces from Sudan.", "2015-01-01",
     "forces", NOTHING),
    # a bare head office is its holder in the only state nearby; none with two states
    ("Protesters in Peru demanded that the president resign.", "2012-03-01", "the president",
     ("Ollanta Humala", "PER", None)),
    ("Chile and Peru met. The president said little.", "2012-03-01", "The president",
     NOTHING),
    ("Peruvian rebels attacked. The rebel leader fled.", "2012-03-01", "The rebel leader",
     NOTHING),
    # an unknown head of state or government is of the only state nearby, not counting the
    # states of the other people named there
    ("Rebels in Peru said they would free President Tomas Quispe on Sunday.", "2005-01-01",
     "Tomas Quispe", ("Tomas Quispe", "PER", "GOV")),
    ("President Jean Dupont welcomed Kenya's leader Musa Otieno in Paris.", "2005-01-01",
     "Jean Dupont", ("Jean Dupont", None, "GOV")),
    # a title conjoined with a named person's is that person's, not today's holder
    ("The defeat of Russian ruler and emperor Nicholas Romanov ended the war.", "2025-01-01",
     "ruler", ("Russia", "RUS", None)),
    # an apposition gives an unknown person the body it names
    ("Ilse Brandt, a member of the Austrian parliament, criticized Hungary.", "2015-01-01",
     "Ilse Brandt", ("Ilse Brandt", "AUT", "LEG")),
    ("Tomas Ek, the European Union special envoy, met Serbian officials.", "2015-01-01",
     "Tomas Ek", ("Tomas Ek", "IGO", None)),
    # a bare state organ is that organ of the only state named before; none with two
    ("Ana Sol, Peru's best known rights lawyer, accused the army of torture.", "2015-01-01",
     "the army", (None, "PER", "MIL")),
    ("Peru and Chile traded accusations. The army said it fired no shots.", "2015-01-01",
     "The army", NOTHING),
    ("Bolivian police questioned the mayor of La Paz on Friday.", "2015-01-01", "the mayor",
     NOTHING),
    # a text with no actors at all
    ("It rained all day and the roads were quiet.", "2014-04-01", "roads", NOTHING),
]


@pytest.mark.parametrize(("text", "published", "words", "expected"), CASES,
                         ids=[f"{i}-{c[2]}" for i, c in enumerate(CASES)])
def test_resolves(nlp: Language, gaz: Gazetteer, text: str, published: str, words: str,
                  expected: tuple[str | None, str | None, str | None]) -> None:
    doc, res = _resolve(nlp, gaz, text, published)
    mentions = _covering(doc, res, words)
    if expected == NOTHING:
        assert mentions == []
        return
    name, country, sector = expected
    entities = [res.entity(m.entity_id) for m in mentions]
    assert entities, f"no mention over {words!r}"
    assert any(
        (name is None or e.name == name) and e.country == country
        and (sector is None or e.sector == sector)
        for e in entities
    ), [(e.name, e.country, e.sector) for e in entities]


def test_pronoun_follows_person(nlp: Language, gaz: Gazetteer) -> None:
    doc, res = _resolve(nlp, gaz, "Vladimir Putin arrived late. He spoke for an hour.",
                        "2023-01-01")
    he = [m for m in res.mentions if doc[m.start].lower_ == "he"]
    assert he and he[0].kind == "pronoun" and res.entity(he[0].entity_id).name == "Vladimir Putin"


def test_pronoun_prefers_the_subject(nlp: Language, gaz: Gazetteer) -> None:
    doc, res = _resolve(nlp, gaz, "Vladimir Putin spoke to Emmanuel Macron on Friday. "
                        "He said the talks had failed.", "2023-01-01")
    he = [m for m in res.mentions if doc[m.start].text == "He"]
    assert he and res.entity(he[0].entity_id).name == "Vladimir Putin"


def test_his_country_without_a_state_is_nobody(nlp: Language, gaz: Gazetteer) -> None:
    doc, res = _resolve(nlp, gaz, "Tomas Ferreira said his country would never give up.",
                        "2023-01-01")
    assert _covering(doc, res, "his country") == []


def test_dateline_is_no_actor(nlp: Language, gaz: Gazetteer) -> None:
    doc, res = _resolve(nlp, gaz, "NAIROBI (Reuters) - Kenyan police arrested two men.",
                        "2023-01-01")
    assert _covering(doc, res, "NAIROBI (Reuters)") == []
    assert _covering(doc, res, "Kenyan police")


def test_capital_as_place_keeps_state_participant(nlp: Language, gaz: Gazetteer) -> None:
    doc, res = _resolve(nlp, gaz, "The ministers met in Paris on Friday.", "2023-01-01")
    paris = _covering(doc, res, "Paris")
    assert paris and res.entity(paris[0].participant_id).country == "FRA"
    assert paris[0].entity_id != paris[0].participant_id


def test_demonym_adjective_is_not_a_mention(nlp: Language, gaz: Gazetteer) -> None:
    doc, res = _resolve(nlp, gaz, "The Chilean proposal was rejected.", "2023-01-01")
    chilean = next(t for t in doc if t.text == "Chilean")
    assert res.at(chilean) == []
    assert res.entity(res.demonyms[chilean.i].entity_id).country == "CHL"


def test_sub_actor_is_part_of_its_state(nlp: Language, gaz: Gazetteer) -> None:
    _doc, res = _resolve(nlp, gaz, "Greek riot police cleared the square.", "2023-01-01")
    subs = [e for e in res.iter_entities() if e.sector == "COP"]
    assert subs and res.part_of[subs[0].id] == gaz.demonym("Greek").id  # type: ignore[union-attr]


def test_slugify() -> None:
    assert slugify("Nancy Pelosi") == "nancy-pelosi"
    assert slugify("Côte d’Ivoire") == "cote-divoire"
    assert slugify("!!!") == "x"


def test_resolution_is_cheap_next_to_parsing(nlp: Language, gaz: Gazetteer) -> None:
    text = " ".join(row[0] for row in CASES) * 3
    start = time.perf_counter()
    doc = nlp(text)
    parsed = time.perf_counter() - start
    start = time.perf_counter()
    resolve_actors(doc, gaz, "2010-01-01")
    resolved = time.perf_counter() - start
    assert resolved < 0.2 * parsed


def test_a_bare_surname_is_the_last_person_of_that_name() -> None:
    from graphsvc.extract import Extractor
    from graphsvc.records import Document

    text = ("Tony Blair met the French president in London. Later Cherie Blair met Jacques "
            "Chirac in Paris. Blair praised France on Monday.")
    extraction = Extractor().extract(Document(id="t", text=text, date="2003-01-10"))
    names = {e.id: e.name for e in extraction.entities}
    praisers = {names[r.source] for r in extraction.relations if r.relation == "praised"}
    assert praisers == {"Cherie Blair"}


def test_a_name_before_a_facility_noun_is_no_person() -> None:
    from graphsvc.extract import Extractor
    from graphsvc.records import Document

    text = "The journalist was moved to the Harlow Mendes prison on Friday."
    extraction = Extractor().extract(Document(id="t", text=text, date="2020-01-10"))
    assert not [e for e in extraction.entities if e.type == "PERSON"]


def _with_person(nlp: Language, text: str, words: str) -> Doc:
    """``text`` parsed, with ``words`` forced to one PERSON entity (as the small model does
    with some acronyms and headings), the other entities kept where they do not overlap."""
    doc = nlp(text)
    start = text.index(words)
    span = doc.char_span(start, start + len(words), label="PERSON")
    assert span is not None
    doc.ents = [*(e for e in doc.ents if e.end <= span.start or e.start >= span.end), span]
    return doc


def test_an_acronym_tagged_as_a_person_is_no_person(nlp: Language, gaz: Gazetteer) -> None:
    doc = _with_person(nlp, 'Kagame spoke on the radio. "The FDLR must disarm now," he said. '
                       "Later, he was criticized by Congo.", "FDLR")
    res = resolve_actors(doc, gaz, "2020-01-01")
    assert all(e.name != "FDLR" for e in res.entities.values())
    he = [t for t in doc if t.lower_ == "he"][-1]
    assert [res.entity(m.entity_id).name for m in res.at(he)] == ["Paul Kagame"]


def test_a_name_run_into_the_next_line_keeps_only_the_name(nlp: Language,
                                                            gaz: Gazetteer) -> None:
    doc = _with_person(nlp, "President Paul Kagame spoke. Reaction from President Kagame "
                       "Shortly before the summit, Congo criticized him.", "Kagame Shortly")
    res = resolve_actors(doc, gaz, "2020-01-01")
    assert all("Shortly" not in e.name for e in res.entities.values())
