"""Gazetteer data and loader: lookups, demonyms, territory policies, office holders, integrity."""

from __future__ import annotations

import itertools
import json
import time
from collections import defaultdict

import pycountry
import pytest

from graphsvc.gazetteer import DATA_FILE, Gazetteer, load_gazetteer
from graphsvc.gazetteer.normalise import acronym_key, fold_key, is_acronym
from graphsvc.records import ENTITY_TYPES

NON_ISO_CODES = {"IGO", "NGO", "IMG", "SUN", "YUG", "XKX"}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def gaz_controlled() -> Gazetteer:
    return load_gazetteer("controlled")


@pytest.mark.parametrize(
    ("surface", "entity_id"),
    [
        ("US", "Q30"), ("U.S.", "Q30"), ("USA", "Q30"), ("U.S.A.", "Q30"), ("America", "Q30"),
        ("United States of America", "Q30"), ("the United States", "Q30"), ("the U.S.'s", "Q30"),
        ("the U.S.’s", "Q30"), ("UNITED STATES", "Q30"),
        ("Russian Federation", "Q159"), ("Russia", "Q159"), ("Russia's", "Q159"),
        ("PRC", "Q148"),
        ("People's Republic of China", "Q148"),
        ("People’s Republic of China", "Q148"),
        ("the Netherlands", "country:NLD"), ("Holland", "country:NLD"),
        ("Türkiye", "Q43"), ("Turkiye", "Q43"), ("Turkey", "Q43"),
        ("UK", "Q145"), ("U.K.", "Q145"), ("Britain", "Q145"), ("Great Britain", "Q145"),
        ("DPRK", "Q423"), ("North Korea", "Q423"), ("ROK", "Q884"), ("South Korea", "Q884"),
        ("Republic of China (Taiwan)", "Q865"), ("Taiwan", "Q865"),
        ("Ivory Coast", "country:CIV"), ("Côte d'Ivoire", "country:CIV"),
        ("Cote d’Ivoire", "country:CIV"), ("Burma", "country:MMR"), ("Myanmar", "country:MMR"),
        ("Czechia", "country:CZE"), ("Iran", "Q794"), ("Syria", "Q858"), ("Georgia", "Q230"),
        ("Ukraine", "Q212"), ("Palestine", "Q219060"), ("Kosovo", "Q1246"),
        ("Vatican", "Q237"), ("Holy See", "Q237"), ("Soviet Union", "Q15180"), ("USSR", "Q15180"),
        ("Yugoslavia", "country:YUG"), ("DRC", "country:COD"), ("UAE", "country:ARE"),
    ],
)
def test_state_names(gaz: Gazetteer, surface: str, entity_id: str) -> None:
    entry = gaz.lookup(surface)
    assert entry is not None, surface
    assert entry.id == entity_id
    assert entry.type == "COUNTRY"


@pytest.mark.parametrize("surface", ["us", "Us", "it", "turkey", "china", "amnesty", "", "  "])
def test_lowercase_words_are_not_actors(gaz: Gazetteer, surface: str) -> None:
    assert gaz.lookup(surface) is None


@pytest.mark.parametrize(
    ("surface", "state", "sector", "type_"),
    [
        ("the Kremlin", "Q159", "GOV", "ORG"), ("Kremlin", "Q159", "GOV", "ORG"),
        ("the White House", "Q30", "GOV", "ORG"), ("Downing Street", "Q145", "GOV", "ORG"),
        ("the Elysee", "Q142", "GOV", "ORG"), ("Élysée", "Q142", "GOV", "ORG"),
        ("Zhongnanhai", "Q148", "GOV", "ORG"), ("the Pentagon", "Q30", "MIL", "ORG"),
        ("State Department", "Q30", "GOV", "ORG"), ("Foggy Bottom", "Q30", "GOV", "ORG"),
        ("Whitehall", "Q145", "GOV", "ORG"), ("the Quai d'Orsay", "Q142", "GOV", "ORG"),
        ("the Blue House", "Q884", "GOV", "ORG"), ("the Knesset", "Q801", "LEG", "ORG"),
        ("Capitol Hill", "Q30", "LEG", "ORG"), ("IDF", "Q801", "MIL", "ORG"),
    ],
)
def test_seats_are_metonyms(
    gaz: Gazetteer, surface: str, state: str, sector: str, type_: str
) -> None:
    entry = gaz.lookup(surface)
    assert entry is not None, surface
    assert (entry.metonym_for, entry.sector, entry.type) == (state, sector, type_)


@pytest.mark.parametrize(
    ("surface", "state"),
    [
        ("Moscow", "Q159"), ("Beijing", "Q148"), ("Peking", "Q148"), ("Washington", "Q30"),
        ("Washington, D.C.", "Q30"), ("Kyiv", "Q212"), ("Kiev", "Q212"), ("Taipei", "Q865"),
        ("Tbilisi", "Q230"), ("Pyongyang", "Q423"), ("Seoul", "Q884"), ("Tehran", "Q794"),
        ("London", "Q145"), ("Paris", "Q142"), ("Brussels", "country:BEL"),
        ("Damascus", "Q858"), ("Pristina", "Q1246"),
    ],
)
def test_capitals(gaz: Gazetteer, surface: str, state: str) -> None:
    entry = gaz.lookup(surface)
    assert entry is not None, surface
    assert entry.type == "CITY"
    assert entry.capital_of == state


@pytest.mark.parametrize(
    ("word", "state", "ambiguous"),
    [
        ("Chinese", "Q148", False), ("Russian", "Q159", False), ("Russians", "Q159", False),
        ("Ukrainian", "Q212", False), ("American", "Q30", True), ("U.S.", "Q30", False),
        ("British", "Q145", False), ("Briton", "Q145", False), ("Israeli", "Q801", False),
        ("Israelis", "Q801", False), ("Palestinian", "Q219060", False),
        ("Taiwanese", "Q865", False), ("Iranian", "Q794", False), ("Syrian", "Q858", False),
        ("Georgian", "Q230", True), ("Korean", "Q884", True), ("Dominican", "country:DOM", True),
        ("Soviet", "Q15180", False), ("Kosovar", "Q1246", False), ("French", "Q142", False),
        ("Emirati", "country:ARE", False),
        ("Saudi", "Q851", False),
        ("Dutch", "country:NLD", False),
        ("Filipino", "country:PHL", False),
    ],
)
def test_demonyms(gaz: Gazetteer, word: str, state: str, ambiguous: bool) -> None:
    entry = gaz.demonym(word)
    assert entry is not None, word
    assert entry.id == state
    assert gaz.demonym_is_ambiguous(word) is ambiguous


@pytest.mark.parametrize("word", ["Russian-backed", "Martian", "polish", "us", ""])
def test_non_demonyms(gaz: Gazetteer, word: str) -> None:
    assert gaz.demonym(word) is None


def test_every_state_has_a_demonym(gaz: Gazetteer) -> None:
    covered = {entry.id for _form, entry in gaz.demonym_forms()}
    # "Congolese" and "Dominican" go to the larger namesake (flagged ambiguous); the Vatican
    # has no demonym, its name is the adjective.
    shared = {"country:COG", "country:DMA", "Q237"}
    missing = [
        e.name for e in gaz.entries()
        if e.type == "COUNTRY" and e.id not in covered and e.id not in shared
    ]
    assert not missing


@pytest.mark.parametrize(
    ("surface", "recognised", "controlled"),
    [
        ("Crimea", "UKR", "RUS"), ("Donetsk", "UKR", "RUS"), ("Luhansk", "UKR", "RUS"),
        ("Lugansk", "UKR", "RUS"), ("Donbass", "UKR", "RUS"), ("Donbas", "UKR", "RUS"),
        ("Zaporozhye", "UKR", "UKR"), ("Kherson", "UKR", "UKR"),
        ("South Ossetia", "GEO", "RUS"), ("Abkhazia", "GEO", "RUS"),
        ("Transnistria", "MDA", "MDA"), ("Nagorno-Karabakh", "AZE", "AZE"),
        ("Golan Heights", "SYR", "ISR"), ("West Bank", "PSE", "ISR"), ("Gaza Strip", "PSE", "PSE"),
        ("Northern Cyprus", "CYP", "TUR"), ("Tibet", "CHN", "CHN"), ("Xinjiang", "CHN", "CHN"),
        ("Hong Kong", "CHN", "CHN"), ("Macau", "CHN", "CHN"), ("Jammu and Kashmir", "IND", "IND"),
        ("Azad Kashmir", "PAK", "PAK"), ("Senkaku Islands", "JPN", "JPN"),
        ("Diaoyu Islands", "JPN", "JPN"), ("Kuril Islands", "RUS", "RUS"),
        ("Falklands", "GBR", "GBR"), ("Idlib", "SYR", "SYR"), ("Tigray", "ETH", "ETH"),
        ("Darfur", "SDN", "SDN"), ("Kurdistan Region", "IRQ", "IRQ"),
        ("Western Sahara", "ESH", "MAR"),
    ],
)
def test_territory_policies(
    gaz: Gazetteer, gaz_controlled: Gazetteer, surface: str, recognised: str, controlled: str
) -> None:
    rec, ctl = gaz.lookup(surface), gaz_controlled.lookup(surface)
    assert rec is not None and ctl is not None, surface
    assert rec.id == ctl.id
    assert (rec.country, ctl.country) == (recognised, controlled)
    for entry in (rec, ctl):
        if entry.part_of is not None:
            holder = gaz.get(entry.part_of)
            assert holder is not None and holder.country == entry.country


@pytest.mark.parametrize(
    "surface", ["South China Sea", "Taiwan Strait", "Black Sea", "Strait of Hormuz", "Red Sea"]
)
def test_waters_belong_to_no_state(gaz_controlled: Gazetteer, surface: str) -> None:
    entry = gaz_controlled.lookup(surface)
    assert entry is not None and entry.type == "LOCATION"
    assert entry.part_of is None and entry.country is None


def test_unknown_policy_is_rejected() -> None:
    with pytest.raises(Exception, match="territory_policy"):
        load_gazetteer("claimed")


@pytest.mark.parametrize(
    ("state", "office", "on", "name"),
    [
        ("Q30", "president", "2008-05-01", "George W. Bush"),
        ("Q30", "president", "2008", "George W. Bush"),
        ("Q30", "president", "2022", "Joe Biden"),
        ("Q30", "president", "2026", "Donald Trump"),
        ("Q30", "president", "2009-01-20", "Barack Obama"),
        ("Q30", "president", "2009-01-19", "George W. Bush"),
        ("Q30", "president", None, "Donald Trump"),
        ("Q159", "president", "2009", "Dmitry Medvedev"),
        ("Q159", "president", "2015", "Vladimir Putin"),
        ("Q159", "prime minister", "2010", "Vladimir Putin"),
        ("Q145", "prime minister", "2019-12", "Boris Johnson"),
        ("Q145", "PM", "2023", "Rishi Sunak"),
        ("Q145", "premier", "2005", "Tony Blair"),
        ("Q183", "chancellor", "2015", "Angela Merkel"),
        ("Q183", "leader", "2023", "Olaf Scholz"),
        ("Q148", "president", "2020", "Xi Jinping"),
        ("Q148", "leader", "2008", "Hu Jintao"),
        ("Q148", "premier", "2010", "Wen Jiabao"),
        ("Q212", "president", "2020", "Volodymyr Zelensky"),
        ("Q794", "supreme leader", "2010", "Ali Khamenei"),
        ("Q794", "head of state", "2010", "Ali Khamenei"),
        ("Q794", "president", "2010", "Mahmoud Ahmadinejad"),
        ("Q145", "head of state", "2020", "Elizabeth II"),
        ("Q145", "king", "2024", "Charles III"),
        ("Q30", "secretary of state", "2010", "Hillary Clinton"),
        ("Q159", "foreign minister", "2024", "Sergey Lavrov"),
        ("Q148", "foreign minister", "2023-09", "Wang Yi"),
        ("Q145", "foreign secretary", "2017", "Boris Johnson"),
        ("Q30", "defense secretary", "2003", "Donald Rumsfeld"),
        ("Q159", "defence minister", "2020", "Sergei Shoigu"),
        ("Q212", "defence minister", "2022", "Oleksii Reznikov"),
        ("org:us-house", "speaker", "2020", "Nancy Pelosi"),
        ("org:us-house", "speaker", "2012", "John Boehner"),
        ("igo:un", "secretary-general", "2005", "Kofi Annan"),
        ("igo:nato", "secretary general", "2020", "Jens Stoltenberg"),
        ("igo:european-commission", "president", "2022", "Ursula von der Leyen"),
        ("Q423", "leader", "2015", "Kim Jong-un"),
        ("Q858", "president", "2015", "Bashar al-Assad"),
        ("Q801", "prime minister", "2022-03", "Naftali Bennett"),
    ],
)
def test_office_holders(
    gaz: Gazetteer, state: str, office: str, on: str | None, name: str
) -> None:
    holder = gaz.office_holder(state, office, on)
    assert holder is not None, (state, office, on)
    assert holder.name == name
    assert holder.type == "PERSON"


@pytest.mark.parametrize(
    ("state", "office", "on"),
    [("Q30", "president", "1850"), ("Q30", "emperor", "2010"), ("Q999999", "president", "2010")],
)
def test_no_office_holder(gaz: Gazetteer, state: str, office: str, on: str) -> None:
    assert gaz.office_holder(state, office, on) is None


@pytest.mark.parametrize(
    ("person", "on", "titles"),
    [
        ("Q7747", "2010", {"Prime Minister"}),
        ("Q7747", "2020", {"President"}),
        ("Q6279", "2012", {"Vice President"}),
        ("Q6279", "2023", {"President"}),
        ("Q170581", "2008", {"Speaker"}),
        ("Q6279", "2030", set()),
        ("Q7747", None, {"President"}),
    ],
)
def test_roles_on(gaz: Gazetteer, person: str, on: str | None, titles: set[str]) -> None:
    assert {role.title for role in gaz.roles_on(person, on)} == titles


def test_speaker_is_member_of_the_house(gaz: Gazetteer) -> None:
    house = gaz.lookup("U.S. House of Representatives")
    assert house is not None and (house.type, house.country, house.sector) == ("ORG", "USA", "LEG")
    pelosi = gaz.get("Q170581")
    assert pelosi is not None
    assert any(r.relation == "member_of" and r.target == house.id for r in pelosi.roles)


@pytest.mark.parametrize(
    ("surface", "entity_id"),
    [
        ("Putin", "Q7747"), ("Vladimir Putin", "Q7747"), ("Xi", "Q15031"),
        ("Xi Jinping", "Q15031"), ("Biden", "Q6279"), ("Pelosi", "Q170581"),
        ("Zelensky", "person:volodymyr-zelensky"), ("Zelenskyy", "person:volodymyr-zelensky"),
        ("Erdogan", "person:recep-tayyip-erdogan"), ("Lukashenko", "person:alexander-lukashenko"),
        ("Netanyahu", "person:benjamin-netanyahu"), ("Merkel", "Q567"),
    ],
)
def test_people(gaz: Gazetteer, surface: str, entity_id: str) -> None:
    entry = gaz.lookup(surface)
    assert entry is not None and entry.id == entity_id
    assert entry.type == "PERSON" and entry.sector == "GOV"


@pytest.mark.parametrize(
    "surname",
    [
        "Johnson", "Clinton", "Kim", "Lee", "Sharif", "Kaczynski", "Bush", "Gandhi", "Bhutto",
        "Castro", "Kenyatta", "Aquino", "Marcos", "Rajapaksa", "Hariri", "Kabila", "Fukuda",
        "Karamanlis", "Papandreou", "Duvalier", "Déby", "Aoun", "Karami", "Carter", "Singh",
        "Hu", "Fujimori",
    ],
)
def test_shared_surnames_are_not_aliases(gaz: Gazetteer, surname: str) -> None:
    assert gaz.lookup(surname) is None


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [
        ("troops", "MIL"), ("soldiers", "MIL"), ("army", "MIL"), ("forces", "MIL"),
        ("navy", "MIL"), ("air force", "MIL"), ("warships", "MIL"), ("drones", "MIL"),
        ("defence ministry", "MIL"), ("defense ministry", "MIL"), ("Pentagon", "MIL"),
        ("general", "MIL"), ("government", "GOV"), ("officials", "GOV"), ("ministry", "GOV"),
        ("authorities", "GOV"), ("diplomats", "GOV"), ("envoy", "GOV"), ("embassy", "GOV"),
        ("foreign ministry", "GOV"), ("cabinet", "GOV"), ("police", "COP"),
        ("border guards", "COP"), ("court", "JUD"), ("judges", "JUD"), ("prosecutors", "JUD"),
        ("parliament", "LEG"), ("lawmakers", "LEG"), ("senators", "LEG"), ("rebels", "REB"),
        ("separatists", "REB"), ("militias", "REB"), ("guerrillas", "REB"),
        ("protesters", "OPP"), ("dissidents", "OPP"), ("civilians", "CVL"),
        ("villagers", "CVL"), ("companies", "BUS"), ("banks", "BUS"), ("journalists", "MED"),
        ("state TV", "MED"), ("refugees", "REF"), ("migrants", "REF"), ("spies", "SPY"),
        ("intelligence", "SPY"), ("students", "EDU"), ("clergy", "REL"), ("Russian troops", "MIL"),
        ("policemen", "COP"),
    ],
)
def test_agent_sectors(gaz: Gazetteer, phrase: str, sector: str) -> None:
    assert gaz.agent_sector(phrase) == sector


@pytest.mark.parametrize("phrase", ["", "weather", "on Tuesday"])
def test_unknown_agents(gaz: Gazetteer, phrase: str) -> None:
    assert gaz.agent_sector(phrase) is None


@pytest.mark.parametrize(
    ("surface", "entity_id", "type_", "country"),
    [
        ("UN", "igo:un", "IGO", "IGO"), ("U.N.", "igo:un", "IGO", "IGO"),
        ("United Nations", "igo:un", "IGO", "IGO"),
        ("UN Security Council", "igo:unsc", "IGO", "IGO"),
        ("UNSC", "igo:unsc", "IGO", "IGO"), ("General Assembly", "igo:unga", "IGO", "IGO"),
        ("UNHCR", "igo:unhcr", "IGO", "IGO"), ("UNICEF", "igo:unicef", "IGO", "IGO"),
        ("WHO", "igo:who", "IGO", "IGO"), ("IAEA", "igo:iaea", "IGO", "IGO"),
        ("WTO", "igo:wto", "IGO", "IGO"), ("IMF", "igo:imf", "IGO", "IGO"),
        ("World Bank", "igo:world-bank", "IGO", "IGO"), ("EU", "igo:eu", "IGO", "IGO"),
        ("European Union", "igo:eu", "IGO", "IGO"),
        ("European Commission", "igo:european-commission", "IGO", "IGO"),
        ("European Parliament", "igo:european-parliament", "IGO", "IGO"),
        ("NATO", "igo:nato", "IGO", "IGO"), ("Nato", "igo:nato", "IGO", "IGO"),
        ("G7", "igo:g7", "IGO", "IGO"), ("G20", "igo:g20", "IGO", "IGO"),
        ("ASEAN", "igo:asean", "IGO", "IGO"), ("African Union", "igo:african-union", "IGO", "IGO"),
        ("Arab League", "igo:arab-league", "IGO", "IGO"), ("OPEC", "igo:opec", "IGO", "IGO"),
        ("SCO", "igo:sco", "IGO", "IGO"), ("BRICS", "igo:brics", "IGO", "IGO"),
        ("OSCE", "igo:osce", "IGO", "IGO"),
        ("Council of Europe", "igo:council-of-europe", "IGO", "IGO"),
        ("GCC", "igo:gcc", "IGO", "IGO"), ("ICC", "igo:icc", "IGO", "IGO"),
        ("ICJ", "igo:icj", "IGO", "IGO"), ("Red Cross", "ngo:icrc", "IGO", "NGO"),
        ("ICRC", "ngo:icrc", "IGO", "NGO"), ("Amnesty International", "ngo:amnesty", "IGO", "NGO"),
        ("Human Rights Watch", "ngo:hrw", "IGO", "NGO"), ("MSF", "ngo:msf", "IGO", "NGO"),
        ("Hamas", "group:hamas", "GROUP", "PSE"), ("Hezbollah", "group:hezbollah", "GROUP", "LBN"),
        ("Islamic State", "group:islamic-state", "GROUP", "IMG"),
        ("ISIS", "group:islamic-state", "GROUP", "IMG"),
        ("ISIL", "group:islamic-state", "GROUP", "IMG"),
        ("Daesh", "group:islamic-state", "GROUP", "IMG"),
        ("al-Qaeda", "group:al-qaeda", "GROUP", "IMG"),
        ("Taliban", "group:taliban", "GROUP", "AFG"), ("Houthis", "group:houthis", "GROUP", "YEM"),
        ("Wagner Group", "group:wagner", "GROUP", "RUS"),
        ("Boko Haram", "group:boko-haram", "GROUP", "IMG"),
        ("al-Shabaab", "group:al-shabaab", "GROUP", "SOM"), ("PKK", "group:pkk", "GROUP", "IMG"),
    ],
)
def test_bodies(
    gaz: Gazetteer, surface: str, entity_id: str, type_: str, country: str
) -> None:
    entry = gaz.lookup(surface)
    assert entry is not None, surface
    assert (entry.id, entry.type, entry.country) == (entity_id, type_, country)


def test_brussels_stays_belgian(gaz: Gazetteer) -> None:
    entry = gaz.lookup("Brussels")
    assert entry is not None and entry.capital_of == "country:BEL"


# --- integrity ----------------------------------------------------------------------------------


def test_every_entry_has_valid_type_and_country(gaz: Gazetteer) -> None:
    iso3 = {c.alpha_3 for c in pycountry.countries}
    for entry in gaz.entries():
        assert entry.type in ENTITY_TYPES, entry.id
        if entry.type == "LOCATION" and entry.country is None:
            continue
        if entry.type == "REGION" and entry.country is None:
            assert entry.part_of is None  # disputed with no recognised holder (Kashmir)
            continue
        if entry.type == "GROUP" and entry.sector == "PPL" and entry.country is None:
            continue  # a people of several states (Kurds) or a faith (Muslims)
        assert entry.country in iso3 | NON_ISO_CODES, (entry.id, entry.country)


def test_every_sovereign_state_is_present(gaz: Gazetteer) -> None:
    states = [e for e in gaz.entries() if e.type == "COUNTRY"]
    assert 195 <= len(states) <= 200
    assert len({e.country for e in states}) == len(states)


def test_no_alias_names_two_unambiguous_entries(gaz: Gazetteer) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for alias, entry in gaz.surface_forms():
        key = ("A:" + acronym_key(alias)) if is_acronym(alias) else ("F:" + fold_key(alias))
        if not entry.ambiguous:
            owners[key].add(entry.id)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes


def test_references_resolve(gaz: Gazetteer) -> None:
    for entry in gaz.entries():
        for role in entry.roles:
            assert gaz.get(role.target) is not None, (entry.id, role.target)
            if role.start and role.end:
                assert role.start <= role.end, (entry.id, role)
        for ref in (entry.part_of, entry.capital_of, entry.metonym_for):
            assert ref is None or gaz.get(ref) is not None, (entry.id, ref)


def test_terms_do_not_overlap(gaz: Gazetteer) -> None:
    """Two people never hold the same title at the same target on the same day."""
    terms: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for entry in gaz.entries():
        for role in entry.roles:
            terms[(role.target, role.title or "")].append(
                (role.start or "0000", role.end or "9999", entry.id)
            )
    for key, spans in terms.items():
        spans.sort()
        for (_s1, end1, who1), (start2, _e2, who2) in itertools.pairwise(spans):
            assert end1[:7] <= start2[:7] or who1 == who2, (key, who1, who2)


def test_ids_are_qids_or_slugs(gaz: Gazetteer) -> None:
    for entry in gaz.entries():
        prefix = entry.id.split(":", 1)[0]
        assert (entry.id[1:].isdigit() and entry.id[0] == "Q") or prefix in {
            "country", "region", "city", "location", "org", "igo", "ngo", "group", "person",
        }, entry.id


def test_surface_forms_exclude_demonyms(gaz: Gazetteer) -> None:
    forms = {alias for alias, _ in gaz.surface_forms()}
    assert "United States" in forms and "Kremlin" in forms
    assert "Chinese" not in forms
    assert ("Chinese", gaz.get("Q148")) in set(gaz.demonym_forms())


def test_loading_is_cached_and_fast() -> None:
    assert load_gazetteer() is load_gazetteer("recognised")
    with DATA_FILE.open(encoding="utf-8") as fh:
        doc = json.load(fh)
    started = time.perf_counter()
    Gazetteer(doc, "controlled")
    assert time.perf_counter() - started < 0.3
