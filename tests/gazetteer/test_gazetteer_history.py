"""Gazetteer coverage of 1975-2000 heads of state and government, later African and Asian
leaders, peoples, historical state names and the bodies of that era."""

from __future__ import annotations

import pytest

from graphsvc.gazetteer import Gazetteer, load_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _state(gaz: Gazetteer, name: str) -> str:
    entry = gaz.lookup(name)
    assert entry is not None and entry.type == "COUNTRY", name
    return entry.id


@pytest.mark.parametrize(
    ("state", "office", "on", "name"),
    [
        ("United States", "president", "1985", "Ronald Reagan"),
        ("United States", "president", "1990-06", "George H. W. Bush"),
        ("United States", "president", "1979", "Jimmy Carter"),
        ("United States", "secretary of state", "1975", "Henry Kissinger"),
        ("Soviet Union", "leader", "1980", "Leonid Brezhnev"),
        ("Soviet Union", "leader", "1983", "Yuri Andropov"),
        ("Soviet Union", "leader", "1988", "Mikhail Gorbachev"),
        ("Soviet Union", "president", "1991-06", "Mikhail Gorbachev"),
        ("Soviet Union", "foreign minister", "1980", "Andrei Gromyko"),
        ("Russia", "president", "1995", "Boris Yeltsin"),
        ("Russia", "prime minister", "1995", "Viktor Chernomyrdin"),
        ("China", "leader", "1976-03", "Mao Zedong"),
        ("China", "leader", "1985", "Deng Xiaoping"),
        ("China", "general secretary", "1985", "Hu Yaobang"),
        ("China", "premier", "1990", "Li Peng"),
        ("United Kingdom", "prime minister", "1985", "Margaret Thatcher"),
        ("United Kingdom", "prime minister", "1978", "James Callaghan"),
        ("United Kingdom", "prime minister", "1995", "John Major"),
        ("France", "president", "1981-06", "François Mitterrand"),
        ("France", "president", "1995-05-16", "François Mitterrand"),
        ("France", "president", "1995-05-17", "Jacques Chirac"),
        ("France", "president", "1978", "Valéry Giscard d'Estaing"),
        ("France", "prime minister", "1987", "Jacques Chirac"),
        ("West Germany", "chancellor", "1978", "Helmut Schmidt"),
        ("Germany", "chancellor", "1990", "Helmut Kohl"),
        ("Japan", "prime minister", "1985", "Yasuhiro Nakasone"),
        ("Japan", "emperor", "1980", "Hirohito"),
        ("Israel", "prime minister", "1979", "Menachem Begin"),
        ("Israel", "prime minister", "1994", "Yitzhak Rabin"),
        ("Egypt", "president", "1979", "Anwar Sadat"),
        ("Egypt", "president", "1990", "Hosni Mubarak"),
        ("Egypt", "president", "2011-01", "Hosni Mubarak"),
        ("Syria", "president", "1985", "Hafez al-Assad"),
        ("Lebanon", "president", "1985", "Amine Gemayel"),
        ("Lebanon", "prime minister", "1995", "Rafic Hariri"),
        ("Jordan", "king", "1990", "Hussein bin Talal"),
        ("Iraq", "president", "1990", "Saddam Hussein"),
        ("Iraq", "leader", "2010", "Nouri al-Maliki"),
        ("Iran", "leader", "1977", "Mohammad Reza Pahlavi"),
        ("Iran", "supreme leader", "1985", "Ruhollah Khomeini"),
        ("Iran", "president", "1993", "Akbar Hashemi Rafsanjani"),
        ("Saudi Arabia", "king", "1980", "Khalid bin Abdulaziz Al Saud"),
        ("Libya", "leader", "1986", "Muammar Gaddafi"),
        ("Algeria", "president", "1985", "Chadli Bendjedid"),
        ("Algeria", "president", "2005", "Abdelaziz Bouteflika"),
        ("Morocco", "king", "1990", "Hassan II"),
        ("Tunisia", "president", "1995", "Zine El Abidine Ben Ali"),
        ("Sudan", "president", "2000", "Omar al-Bashir"),
        ("Sudan", "leader", "1980", "Gaafar Nimeiry"),
        ("Ethiopia", "leader", "1985", "Mengistu Haile Mariam"),
        ("Ethiopia", "prime minister", "2000", "Meles Zenawi"),
        ("Somalia", "president", "1985", "Siad Barre"),
        ("Kenya", "president", "1990", "Daniel arap Moi"),
        ("Uganda", "president", "1977", "Idi Amin"),
        ("Uganda", "president", "2010", "Yoweri Museveni"),
        ("Rwanda", "president", "1990", "Juvénal Habyarimana"),
        ("Rwanda", "president", "2010", "Paul Kagame"),
        ("Burundi", "president", "1990", "Pierre Buyoya"),
        ("Zaire", "president", "1990", "Mobutu Sese Seko"),
        ("DRC", "president", "2010", "Joseph Kabila"),
        ("Angola", "president", "1990", "José Eduardo dos Santos"),
        ("Mozambique", "president", "1980", "Samora Machel"),
        ("Zimbabwe", "leader", "1985", "Robert Mugabe"),
        ("Zimbabwe", "president", "2005", "Robert Mugabe"),
        ("South Africa", "leader", "1980", "P. W. Botha"),
        ("South Africa", "president", "1992", "F. W. de Klerk"),
        ("South Africa", "president", "1996", "Nelson Mandela"),
        ("Nigeria", "head of state", "1977", "Olusegun Obasanjo"),
        ("Nigeria", "leader", "1995", "Sani Abacha"),
        ("Nigeria", "president", "2003", "Olusegun Obasanjo"),
        ("Ghana", "leader", "1985", "Jerry Rawlings"),
        ("Liberia", "leader", "1985", "Samuel Doe"),
        ("Liberia", "president", "1999", "Charles Taylor"),
        ("Sierra Leone", "president", "2000", "Ahmad Tejan Kabbah"),
        ("Ivory Coast", "president", "1985", "Félix Houphouët-Boigny"),
        ("Ivory Coast", "president", "2005", "Laurent Gbagbo"),
        ("Ivory Coast", "president", "2015", "Alassane Ouattara"),
        ("Senegal", "president", "1990", "Abdou Diouf"),
        ("Chad", "president", "1985", "Hissène Habré"),
        ("Zambia", "president", "2005", "Levy Mwanawasa"),
        ("Afghanistan", "leader", "1982", "Babrak Karmal"),
        ("Afghanistan", "president", "1990", "Mohammad Najibullah"),
        ("Pakistan", "leader", "1980", "Muhammad Zia-ul-Haq"),
        ("Pakistan", "prime minister", "1990-06", "Benazir Bhutto"),
        ("India", "prime minister", "1983", "Indira Gandhi"),
        ("India", "prime minister", "1987", "Rajiv Gandhi"),
        ("Sri Lanka", "president", "1985", "J. R. Jayewardene"),
        ("Bangladesh", "prime minister", "2015", "Sheikh Hasina"),
        ("Vietnam", "leader", "1980", "Lê Duẩn"),
        ("Cambodia", "leader", "1977", "Pol Pot"),
        ("Kampuchea", "prime minister", "1990", "Hun Sen"),
        ("Philippines", "president", "1980", "Ferdinand Marcos"),
        ("Philippines", "president", "1990", "Corazon Aquino"),
        ("Indonesia", "president", "1990", "Suharto"),
        ("North Korea", "leader", "1990", "Kim Il-sung"),
        ("South Korea", "president", "1985", "Chun Doo-hwan"),
        ("Yugoslavia", "president", "1975", "Josip Broz Tito"),
        ("Yugoslavia", "president", "1999", "Slobodan Milošević"),
        ("Serbia", "president", "1995", "Slobodan Milošević"),
        ("Croatia", "president", "1995", "Franjo Tuđman"),
        ("Bosnia", "leader", "1994", "Alija Izetbegović"),
        ("Poland", "leader", "1985", "Wojciech Jaruzelski"),
        ("Poland", "president", "1993", "Lech Wałęsa"),
        ("Hungary", "leader", "1980", "János Kádár"),
        ("Romania", "president", "1985", "Nicolae Ceaușescu"),
        ("Cuba", "leader", "1985", "Fidel Castro"),
        ("Nicaragua", "president", "1987", "Daniel Ortega"),
        ("Nicaragua", "president", "1977", "Anastasio Somoza Debayle"),
        ("El Salvador", "president", "1986", "José Napoleón Duarte"),
        ("Panama", "leader", "1987", "Manuel Noriega"),
        ("Haiti", "president", "1980", "Jean-Claude Duvalier"),
        ("Argentina", "president", "1978", "Jorge Rafael Videla"),
        ("Argentina", "president", "1982-04", "Leopoldo Galtieri"),
        ("Chile", "president", "1985", "Augusto Pinochet"),
        ("Peru", "president", "1995", "Alberto Fujimori"),
        ("Colombia", "president", "1992", "César Gaviria"),
        ("Venezuela", "president", "1990", "Carlos Andrés Pérez"),
        ("Mexico", "president", "1990", "Carlos Salinas de Gortari"),
        ("Brazil", "president", "1987", "José Sarney"),
        ("Brazil", "president", "1992-11", "Itamar Franco"),
        ("Turkey", "president", "1985", "Kenan Evren"),
        ("Turkey", "prime minister", "1985", "Turgut Özal"),
        ("Greece", "prime minister", "1985", "Andreas Papandreou"),
        ("Cyprus", "president", "1980", "Spyros Kyprianou"),
        ("Myanmar", "leader", "2017", "Aung San Suu Kyi"),
        ("Myanmar", "leader", "2022", "Min Aung Hlaing"),
        ("Thailand", "prime minister", "2003", "Thaksin Shinawatra"),
        ("Malaysia", "prime minister", "1995", "Mahathir Mohamad"),
        ("Singapore", "prime minister", "1980", "Lee Kuan Yew"),
        ("Yemen", "president", "2000", "Ali Abdullah Saleh"),
        ("Kazakhstan", "president", "2010", "Nursultan Nazarbayev"),
    ],
)
def test_office_holders_1975_2026(
    gaz: Gazetteer, state: str, office: str, on: str, name: str
) -> None:
    holder = gaz.office_holder(_state(gaz, state), office, on)
    assert holder is not None, (state, office, on)
    assert holder.name == name


@pytest.mark.parametrize(
    ("body", "office", "on", "name"),
    [
        ("igo:un", "secretary-general", "1985", "Javier Pérez de Cuéllar"),
        ("igo:nato", "secretary general", "1990", "Manfred Wörner"),
        ("igo:european-commission", "president", "1990", "Jacques Delors"),
        ("group:plo", "chairman", "1990", "Yasser Arafat"),
        ("group:plo", "chairman", "2010", "Mahmoud Abbas"),
        ("group:unita", "rebel leader", "1990", "Jonas Savimbi"),
        ("group:ltte", "rebel leader", "2000", "Velupillai Prabhakaran"),
        ("org:rsf-sudan", "commander", "2024", "Mohamed Hamdan Dagalo"),
    ],
)
def test_body_leaders(gaz: Gazetteer, body: str, office: str, on: str, name: str) -> None:
    holder = gaz.office_holder(body, office, on)
    assert holder is not None and holder.name == name


@pytest.mark.parametrize(
    ("surface", "state", "title", "start", "end"),
    [
        ("Mitterrand", "France", "President", "1981-05-21", "1995-05-17"),
        ("Gorbachev", "Soviet Union", "General Secretary", "1985-03-11", "1991-08-24"),
        ("Gorbachev", "Soviet Union", "President", "1990-03-15", "1991-12-25"),
        ("Mubarak", "Egypt", "President", "1981-10-14", "2011-02-11"),
        ("Thatcher", "United Kingdom", "Prime Minister", "1979-05-04", "1990-11-28"),
        ("Mandela", "South Africa", "President", "1994-05-10", "1999-06-14"),
        ("Museveni", "Uganda", "President", "1986-01-29", None),
        ("Bouteflika", "Algeria", "President", "1999-04-27", "2019-04-02"),
        ("Mwanawasa", "Zambia", "President", "2002-01-02", "2008-08-19"),
        ("Deng Xiaoping", "China", "Paramount Leader", "1978-12", "1989-11"),
    ],
)
def test_leader_roles_with_dates(
    gaz: Gazetteer, surface: str, state: str, title: str, start: str, end: str | None
) -> None:
    person = gaz.lookup(surface)
    assert person is not None and person.type == "PERSON", surface
    target = _state(gaz, state)
    roles = [r for r in person.roles if r.target == target and r.title == title]
    assert [(r.relation, r.start, r.end) for r in roles] == [("leader_of", start, end)]


@pytest.mark.parametrize(
    ("surface", "titles"),
    [
        # Obasanjo ruled twice, as military head of state and as elected president.
        ("Obasanjo", {("country:NGA", "Head of State"), ("country:NGA", "President")}),
        ("Shevardnadze", {("Q15180", "Foreign Minister"), ("Q230", "President")}),
        ("Milošević", {("country:SRB", "President"), ("country:YUG", "President")}),
        ("Chirac", {("Q142", "Prime Minister"), ("Q142", "President")}),
    ],
)
def test_people_hold_several_offices(
    gaz: Gazetteer, surface: str, titles: set[tuple[str, str]]
) -> None:
    person = gaz.lookup(surface)
    assert person is not None
    assert {(r.target, r.title) for r in person.roles} == titles


@pytest.mark.parametrize(
    ("surface", "entity_id", "country", "ambiguous"),
    [
        ("Kurds", "group:kurds", None, False), ("Kurdish", "group:kurds", None, False),
        ("Druze", "group:druze", None, False), ("Muslims", "group:muslims", None, False),
        ("Moslem", "group:muslims", None, False), ("Shiites", "group:shia", None, False),
        ("Pashtuns", "group:pashtuns", None, False), ("Tamils", "group:tamils", None, False),
        ("Hutu", "group:hutu", None, False), ("Tutsis", "group:tutsi", None, False),
        ("Yoruba", "group:yoruba", "NGA", False), ("Ibo", "group:igbo", "NGA", False),
        ("Igbo", "group:igbo", "NGA", False), ("Hausa", "group:hausa", "NGA", False),
        ("Shona", "group:shona", "ZWE", True), ("Karen", "group:karen", "MMR", True),
        ("Rohingya", "group:rohingya", "MMR", False), ("Uighurs", "group:uyghurs", "CHN", False),
        ("Copts", "group:copts", "EGY", False), ("Sahrawis", "group:sahrawis", "ESH", False),
        ("Crimean Tatars", "group:crimean-tatars", "UKR", False),
    ],
)
def test_peoples(
    gaz: Gazetteer, surface: str, entity_id: str, country: str | None, ambiguous: bool
) -> None:
    entry = gaz.lookup(surface)
    assert entry is not None, surface
    assert (entry.id, entry.type, entry.country, entry.sector, entry.ambiguous) == (
        entity_id, "GROUP", country, "PPL", ambiguous)


@pytest.mark.parametrize(
    ("surface", "entity_id"),
    [
        # Names that contain a people's word resolve to the longer name.
        ("Tamil Tigers", "group:ltte"), ("Tamil Nadu", "region:tamil-nadu"),
        ("Muslim Brotherhood", "group:muslim-brotherhood"), ("Karen State", "region:kayin-state"),
        ("Karen National Union", "group:knu"), ("Kurdistan Workers' Party", "group:pkk"),
    ],
)
def test_longer_names_win_over_peoples(gaz: Gazetteer, surface: str, entity_id: str) -> None:
    entry = gaz.lookup(surface)
    assert entry is not None and entry.id == entity_id


@pytest.mark.parametrize(
    ("word", "entity_id"),
    [
        ("Kampuchean", "country:KHM"), ("West German", "Q183"), ("West Germans", "Q183"),
        ("Soviet", "Q15180"), ("Yugoslav", "country:YUG"), ("Burmese", "country:MMR"),
        ("Zairean", "country:COD"), ("Rhodesian", "country:ZWE"),
        ("Crimean", "region:crimea"), ("Tibetan", "region:tibet"), ("Chechens", "region:chechnya"),
        ("Kashmiri", "region:kashmir"), ("Basque", "region:basque-country"),
    ],
)
def test_historical_and_regional_demonyms(gaz: Gazetteer, word: str, entity_id: str) -> None:
    entry = gaz.demonym(word)
    assert entry is not None and entry.id == entity_id


@pytest.mark.parametrize(
    ("surface", "entity_id"),
    [
        ("Zaire", "country:COD"), ("Kampuchea", "country:KHM"), ("West Germany", "Q183"),
        ("Rhodesia", "country:ZWE"), ("Ceylon", "country:LKA"), ("Upper Volta", "country:BFA"),
        ("Dahomey", "country:BEN"),
    ],
)
def test_historical_state_names(gaz: Gazetteer, surface: str, entity_id: str) -> None:
    entry = gaz.lookup(surface)
    assert entry is not None and entry.id == entity_id and entry.type == "COUNTRY"


@pytest.mark.parametrize(
    ("surface", "entity_id", "type_", "country", "sector"),
    [
        ("EEC", "igo:european-community", "IGO", "IGO", "GOV"),
        ("European Community", "igo:european-community", "IGO", "IGO", "GOV"),
        ("Common Market", "igo:european-community", "IGO", "IGO", "GOV"),
        ("European Union", "igo:eu", "IGO", "IGO", "GOV"),
        ("OAU", "igo:oau", "IGO", "IGO", "GOV"),
        ("Organization of African Unity", "igo:oau", "IGO", "IGO", "GOV"),
        ("ECOWAS", "igo:ecowas", "IGO", "IGO", "GOV"), ("SADC", "igo:sadc", "IGO", "IGO", "GOV"),
        ("Commonwealth of Nations", "igo:commonwealth", "IGO", "IGO", "GOV"),
        ("OIC", "igo:oic", "IGO", "IGO", "GOV"), ("APEC", "igo:apec", "IGO", "IGO", "BUS"),
        ("Interpol", "igo:interpol", "IGO", "IGO", "COP"),
        ("Red Crescent", "ngo:ifrc", "IGO", "NGO", "HLH"),
        ("Amnesty International", "ngo:amnesty", "IGO", "NGO", "HRI"),
        ("ICTY", "igo:icty", "IGO", "IGO", "JUD"),
        ("UNITA", "group:unita", "GROUP", "AGO", "REB"),
        ("RUF", "group:ruf", "GROUP", "SLE", "REB"),
        ("SPLA", "group:spla", "GROUP", "SDN", "REB"),
        ("SPLM/A", "group:spla", "GROUP", "SDN", "REB"),
        ("LTTE", "group:ltte", "GROUP", "LKA", "REB"),
        ("Islamic Salvation Front", "group:fis", "GROUP", "DZA", "OPP"),
        ("ANC", "group:anc", "GROUP", "ZAF", "PTY"),
        ("PLO", "group:plo", "GROUP", "PSE", "GOV"),
        ("Fatah", "group:fatah", "GROUP", "PSE", "GOV"),
        ("Islamic Jihad", "group:palestinian-islamic-jihad", "GROUP", "PSE", "INS"),
        ("KLA", "group:kla", "GROUP", "XKX", "REB"),
        ("FARC", "group:farc", "GROUP", "COL", "REB"),
        ("ELN", "group:eln", "GROUP", "COL", "REB"),
        ("Shining Path", "group:shining-path", "GROUP", "PER", "REB"),
        ("Sendero Luminoso", "group:shining-path", "GROUP", "PER", "REB"),
        ("Sandinistas", "group:sandinistas", "GROUP", "NIC", "PTY"),
        ("Contras", "group:contras", "GROUP", "NIC", "REB"),
        ("Khmer Rouge", "group:khmer-rouge", "GROUP", "KHM", "REB"),
        ("Mujahideen", "group:mujahideen", "GROUP", "AFG", "REB"),
        ("Polisario", "group:polisario", "GROUP", "ESH", "REB"),
        ("Lord's Resistance Army", "group:lra", "GROUP", "UGA", "REB"),
        ("M23", "group:m23", "GROUP", "COD", "REB"),
        ("Janjaweed", "group:janjaweed", "GROUP", "SDN", "MIL"),
        ("Houthis", "group:houthis", "GROUP", "YEM", "REB"),
        ("Interahamwe", "group:interahamwe", "GROUP", "RWA", "MIL"),
    ],
)
def test_bodies_and_armed_groups(
    gaz: Gazetteer, surface: str, entity_id: str, type_: str, country: str, sector: str
) -> None:
    entry = gaz.lookup(surface)
    assert entry is not None, surface
    assert (entry.id, entry.type, entry.country, entry.sector) == (
        entity_id, type_, country, sector)


@pytest.mark.parametrize(
    ("surface", "country", "sector"),
    [
        ("Duma", "RUS", "LEG"), ("Knesset", "ISR", "LEG"), ("Bundestag", "DEU", "LEG"),
        ("National People's Congress", "CHN", "LEG"), ("Congress", "USA", "LEG"),
        ("Supreme Soviet", "SUN", "LEG"), ("Loya Jirga", "AFG", "LEG"),
        ("Rajya Sabha", "IND", "LEG"), ("Pentagon", "USA", "MIL"),
        ("Supreme Court of India", "IND", "JUD"), ("Israeli Supreme Court", "ISR", "JUD"),
        ("Federal Constitutional Court", "DEU", "JUD"),
    ],
)
def test_state_organs(gaz: Gazetteer, surface: str, country: str, sector: str) -> None:
    entry = gaz.lookup(surface)
    assert entry is not None and entry.type == "ORG", surface
    assert (entry.country, entry.sector) == (country, sector)
    assert entry.metonym_for is not None


def test_congress_is_case_sensitive_and_flagged(gaz: Gazetteer) -> None:
    entry = gaz.lookup("Congress")
    assert entry is not None and entry.ambiguous
    assert gaz.lookup("congress") is None
    party = gaz.lookup("Indian National Congress")
    assert party is not None and party.country == "IND"


def test_bare_supreme_court_is_not_an_alias(gaz: Gazetteer) -> None:
    # Every state has one; "Pakistan's Supreme Court" is bound through its modifier instead.
    assert gaz.lookup("Supreme Court") is None


def test_every_person_has_a_country(gaz: Gazetteer) -> None:
    missing = [e.id for e in gaz.entries() if e.type == "PERSON" and not e.country]
    assert not missing


def test_every_state_with_leaders_answers_leader(gaz: Gazetteer) -> None:
    """A state whose heads are listed has an executive title that one of them held, so
    "leader" finds someone (the holder of the first such term, on its first day)."""
    roles = [(r, p) for p in gaz.entries() for r in p.roles if r.relation == "leader_of"]
    for entry in gaz.entries():
        if entry.type != "COUNTRY" or not any(r.target == entry.id for r, _ in roles):
            continue
        titles = gaz.office_titles(entry.id, "leader")
        starts = sorted(
            r.start for r, _ in roles if r.target == entry.id and r.title in titles and r.start
        )
        assert starts, entry.name
        assert gaz.office_holder(entry.id, "leader", starts[-1]) is not None, entry.name
