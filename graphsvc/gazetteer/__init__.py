"""The gazetteer: canonical actors (states, regions, cities, seats of government, bodies, groups,
people with date-bounded roles), demonyms, agent nouns, offices, title words and sectors, for
entity resolution.

Run time reads only ``data/gazetteer.json`` (built by ``scripts/build_gazetteer`` from pycountry,
countrynames, countryinfo and the curated YAML tables beside it; sources and licences in
``README.md``). Ids are Wikidata QIDs where certain (``Q159`` Russia) and stable slugs otherwise
(``country:FRA``, ``region:crimea``, ``person:xi-jinping`` would be one if Xi had no QID).

Dates are ISO strings at any precision ("2008", "2008-05", "2008-05-01"); a role runs from its
start (inclusive) to its end (exclusive, the successor's first day); end None = still in office.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from graphsvc.errors import BadInput
from graphsvc.gazetteer.normalise import (
    COMMON_WORDS,
    acronym_key,
    clean_surface,
    fold_key,
    is_acronym,
)
from graphsvc.records import Role

__all__ = [
    "DATA_FILE",
    "TERRITORY_POLICIES",
    "GazEntry",
    "Gazetteer",
    "TitleWords",
    "load_gazetteer",
]

DATA_FILE = Path(__file__).with_name("data") / "gazetteer.json"
TERRITORY_POLICIES = ("recognised", "controlled")

# When one surface form names several entries, prefer the most likely actor in news text.
_TYPE_RANK = {"COUNTRY": 0, "IGO": 1, "GROUP": 2, "ORG": 3, "PERSON": 4, "CITY": 5,
              "REGION": 6, "LOCATION": 7}


@dataclass(frozen=True)
class GazEntry:
    """One canonical actor or place. ``country`` is ISO-3, or IGO / NGO / IMG for non-state
    bodies; ``part_of`` is the holding state's id under the loaded territory policy (for bodies,
    the parent body's id); ``roles`` target entity ids."""

    id: str
    name: str
    type: str
    country: str | None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    capital_of: str | None = None
    metonym_for: str | None = None
    roles: tuple[Role, ...] = ()
    ambiguous: bool = False

    def __hash__(self) -> int:  # Role models are unhashable; the id identifies the entry.
        return hash(self.id)


@dataclass(frozen=True)
class TitleWords:
    """What the words of a person's title phrase say (``data/titles.yaml``): ``sectors`` maps a
    title word to the sector its holder acts in ("gen" -> MIL), ``heads`` a head noun to the
    office word of ``offices.yaml`` it denotes ("premier" -> "prime minister"), and ``former``
    holds the qualifiers that say a title is no longer held."""

    sectors: Mapping[str, str]
    heads: Mapping[str, str]
    former: frozenset[str]


def _day_range(value: str) -> tuple[int, int]:
    """A partial ISO date as [first day, day after last day) in proleptic ordinals."""
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal()
    month = parts[1]
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    if len(parts) == 2:
        return date(year, month, 1).toordinal(), nxt.toordinal()
    first = date(year, month, parts[2]).toordinal()
    return first, first + 1


def _role_span(role: Role) -> tuple[int, int]:
    start = _day_range(role.start)[0] if role.start else date.min.toordinal()
    end = _day_range(role.end)[0] if role.end else date.max.toordinal()
    return start, end


def _overlap(role: Role, on: str) -> int:
    """Days of the period ``on`` during which the role was held (0 = not held)."""
    lo, hi = _day_range(on)
    start, end = _role_span(role)
    return max(0, min(hi, end) - max(lo, start))


class Gazetteer:
    """Read-only index over the gazetteer entries for one territory policy."""

    def __init__(self, doc: dict[str, Any], territory_policy: str) -> None:
        if territory_policy not in TERRITORY_POLICIES:
            raise BadInput(f"territory_policy must be one of {TERRITORY_POLICIES}",
                           value=territory_policy)
        self.territory_policy = territory_policy
        raw = doc["entries"]
        state_iso = {e["id"]: e["country"] for e in raw if e["type"] == "COUNTRY"}
        self._entries: dict[str, GazEntry] = {}
        for item in raw:
            entry = self._entry(item, state_iso)
            self._entries[entry.id] = entry
        self._acronyms: dict[str, list[GazEntry]] = defaultdict(list)
        self._folded: dict[str, list[GazEntry]] = defaultdict(list)
        for entry in self._entries.values():
            for alias in (entry.name, *entry.aliases):
                self._index(alias, entry, self._acronyms, self._folded)
        for bucket in (*self._acronyms.values(), *self._folded.values()):
            bucket.sort(key=lambda e: (e.ambiguous, _TYPE_RANK.get(e.type, 9), e.id))
        self._demonyms: dict[str, tuple[GazEntry, bool]] = {}
        self._demonym_forms: list[tuple[str, GazEntry]] = []
        for form, entity_id, ambiguous in doc["demonyms"]:
            target = self._entries[entity_id]
            self._demonyms[self._key(form)] = (target, bool(ambiguous))
            self._demonym_forms.append((form, target))
        self._agents: dict[str, str] = doc["agents"]
        self._offices: dict[str, list[str]] = doc["offices"]
        self._state_titles: dict[str, dict[str, str | list[str]]] = doc["state_titles"]
        self._sectors: dict[str, dict[str, Any]] = doc["sectors"]
        # read on every event pair, so built once
        self._organ_sectors = frozenset(
            code for code, spec in self._sectors.items() if spec.get("organ"))
        titles: dict[str, Any] = doc["titles"]
        self._title_words = TitleWords(
            sectors={word: sector for sector, words in titles["sectors"].items()
                     for word in words},
            heads=dict(titles["heads"]),
            former=frozenset(titles["former"]),
        )
        self._holders: dict[str, list[tuple[Role, GazEntry]]] = defaultdict(list)
        for entry in self._entries.values():
            for role in entry.roles:
                self._holders[role.target].append((role, entry))
        self._by_surname: dict[str, list[GazEntry]] | None = None  # holders_by_surname
        # Event rules ask for a state by its ISO code once per non-state actor; index it once.
        self._states_by_code: dict[str, str] = {
            e.country: e.id for e in self._entries.values() if e.type == "COUNTRY" and e.country}

    def _entry(self, item: dict[str, Any], state_iso: dict[str, str]) -> GazEntry:
        part_of = item.get("part_of")
        if isinstance(part_of, dict):
            part_of = part_of.get(self.territory_policy)
        elif part_of is None:
            part_of = item.get("member_of")
        country = item.get("country")
        if item["type"] in ("REGION", "LOCATION", "CITY") and "part_of" in item:
            country = state_iso.get(part_of) if part_of else item.get("own_country")
        elif country is None and item.get("own_country"):
            country = item["own_country"]
        return GazEntry(
            id=item["id"], name=item["name"], type=item["type"], country=country,
            sector=item.get("sector"), aliases=tuple(item.get("aliases", ())), part_of=part_of,
            capital_of=item.get("capital_of"), metonym_for=item.get("metonym_for"),
            roles=tuple(Role(**r) for r in item.get("roles", ())),
            ambiguous=bool(item.get("ambiguous", False)),
        )

    @staticmethod
    def _key(text: str) -> str:
        return ("A:" + acronym_key(text)) if is_acronym(text) else ("F:" + fold_key(text))

    @staticmethod
    def _index(
        alias: str,
        entry: GazEntry,
        acronyms: dict[str, list[GazEntry]],
        folded: dict[str, list[GazEntry]],
    ) -> None:
        if is_acronym(alias):
            acronyms[acronym_key(alias)].append(entry)
        else:
            folded[fold_key(alias)].append(entry)

    # --- lookups --------------------------------------------------------------------------
    def get(self, entity_id: str) -> GazEntry | None:
        """The entry with this id, or None."""
        return self._entries.get(entity_id)

    def lookup(self, surface: str) -> GazEntry | None:
        """The entry a name or alias denotes (see ``normalise`` for the matching rules).

        Acronyms match case-sensitively ("US" yes, "us" no); everyday words ("Turkey",
        "Amnesty") only when capitalised. Where a form names several entries the unambiguous,
        then state-like one wins; its ``ambiguous`` flag tells the caller to check context.
        """
        cleaned = clean_surface(surface)
        if not cleaned:
            return None
        if is_acronym(cleaned):
            hits = self._acronyms.get(acronym_key(cleaned))
            if hits:
                return hits[0]
        key = fold_key(cleaned)
        if key in COMMON_WORDS and not cleaned[:1].isupper():
            return None
        hits = self._folded.get(key)
        return hits[0] if hits else None

    def lookup_all(self, surface: str) -> list[GazEntry]:
        """Every entry a surface form may denote, best first (for disambiguation)."""
        cleaned = clean_surface(surface)
        out: list[GazEntry] = []
        if is_acronym(cleaned):
            out.extend(self._acronyms.get(acronym_key(cleaned), ()))
        key = fold_key(cleaned)
        if cleaned and not (key in COMMON_WORDS and not cleaned[:1].isupper()):
            out.extend(e for e in self._folded.get(key, ()) if e not in out)
        return out

    def demonym(self, word: str) -> GazEntry | None:
        """The state (or region) a demonym / adjective refers to: "Chinese" -> China.

        Hyphenated compounds ("Russian-backed") are the caller's to split.
        """
        cleaned = clean_surface(word)
        if not cleaned:
            return None
        if fold_key(cleaned) in COMMON_WORDS and not cleaned[:1].isupper():
            return None
        hit = self._demonyms.get(self._key(cleaned))
        return hit[0] if hit else None

    def demonym_is_ambiguous(self, word: str) -> bool:
        """True when a demonym also means something else ("Georgian", "Indian", "Korean")."""
        hit = self._demonyms.get(self._key(clean_surface(word)))
        return bool(hit and hit[1])

    def agent_sector(self, phrase: str) -> str | None:
        """Sector code of an agent noun or two-word phrase: "troops" -> "MIL"."""
        words = fold_key(phrase).split()
        if not words:
            return None
        for candidate in _singulars(words):
            sector = self._agents.get(" ".join(candidate))
            if sector:
                return sector
        return None

    def sector_codes(self) -> frozenset[str]:
        """Every sector code the gazetteer knows (``data/sectors.yaml``)."""
        return frozenset(self._sectors)

    def sector_name(self, code: str) -> str | None:
        """How a sector is named in a sub-actor's name: "MIL" -> "military"."""
        spec = self._sectors.get(code)
        return str(spec["name"]) if spec else None

    def organ_sectors(self) -> frozenset[str]:
        """Sectors whose organisations, named with a state word, are organs of that state."""
        return self._organ_sectors

    def title_words(self) -> TitleWords:
        """Title, head-office and former-title words for reading a person's title."""
        return self._title_words

    def state_by_code(self, code: str | None) -> str | None:
        """Entity id of the state with an ISO alpha-3 code, if the gazetteer has it."""
        return self._states_by_code.get(code) if code else None

    # --- offices and roles -----------------------------------------------------------------
    def office_titles(self, state_id: str, office: str) -> list[str]:
        """Role titles an office word stands for at this target, in preference order."""
        titles: list[str] = []
        key = fold_key(office).replace("-", " ")
        names = self._offices.get(key) or self._offices.get(key.replace(" ", "-")) or []
        per_state = self._state_titles.get(state_id, {})
        for name in names:
            if name.startswith("@"):
                title = per_state.get(name[1:])
                titles.extend([title] if isinstance(title, str) else title or [])
            else:
                titles.append(name)
        return titles

    def is_office(self, office: str) -> bool:
        """Whether an office word or phrase is listed in ``offices.yaml`` ("foreign minister")."""
        key = fold_key(office).replace("-", " ")
        return key in self._offices or key.replace(" ", "-") in self._offices

    def office_holder(self, state_id: str, office: str, on: str | None) -> GazEntry | None:
        """Who held ``office`` at ``state_id`` (a state or body id) on the date ``on``.

        ``on`` is a partial ISO date; over a period the holder for the longest part wins.
        ``on=None`` gives the current holder (or the most recent one).
        """
        titles = self.office_titles(state_id, office)
        best: tuple[int, int, int] | None = None
        winner: GazEntry | None = None
        for role, person in self._holders.get(state_id, ()):
            if role.title not in titles:
                continue
            start, _end = _role_span(role)
            if on is None:
                held = 1 if role.end is None else 0
            else:
                held = _overlap(role, on)
                if held == 0:
                    continue
            score = (held, -titles.index(role.title), start)
            if best is None or score > best:
                best, winner = score, person
        return winner

    def roles_on(self, person_id: str, on: str | None) -> list[Role]:
        """The person's roles in force on ``on`` (None: roles with no end)."""
        entry = self._entries.get(person_id)
        if entry is None:
            return []
        if on is None:
            return [r for r in entry.roles if r.end is None]
        return [r for r in entry.roles if _overlap(r, on) > 0]

    def holders_by_surname(self, surname: str, on: str | None) -> list[tuple[Role, GazEntry]]:
        """Roles in force on ``on`` of the people whose name ends with ``surname`` ("Bush" ->
        George W. Bush's presidency in 2003; "Bashir" also finds "al-Bashir"), for a title
        plus a surname."""
        return [(role, person) for person in self._surname_people(surname)
                for role in self.roles_on(person.id, on)]

    def roles_by_surname(self, surname: str) -> list[tuple[Role, GazEntry]]:
        """Every role ever held by the people whose name ends with ``surname``: for a title
        plus a surname nobody held on the document date ("President Carter" decades later)."""
        return [(role, person) for person in self._surname_people(surname)
                for role in person.roles]

    @staticmethod
    def days_apart(role: Role, on: str) -> int:
        """Days between the partial ISO date ``on`` and the time ``role`` was held (0: held)."""
        if _overlap(role, on):
            return 0
        lo, hi = _day_range(on)
        start, end = _role_span(role)
        return max(start - hi + 1, lo - end + 1)

    def _surname_people(self, surname: str) -> Sequence[GazEntry]:
        if self._by_surname is None:
            index: dict[str, list[GazEntry]] = defaultdict(list)
            for entry in self._entries.values():
                if entry.type == "PERSON" and entry.roles:
                    index[_surname_key(entry.name.split()[-1])].append(entry)
            self._by_surname = index
        return self._by_surname.get(_surname_key(surname), ())

    # --- iteration --------------------------------------------------------------------------
    def entries(self) -> Iterable[GazEntry]:
        """Every entry, in id order."""
        return list(self._entries.values())

    def surface_forms(self) -> Iterator[tuple[str, GazEntry]]:
        """(name or alias as written, entry) pairs for building a PhraseMatcher; no demonyms."""
        for entry in self._entries.values():
            yield entry.name, entry
            for alias in entry.aliases:
                yield alias, entry

    def demonym_forms(self) -> Iterator[tuple[str, GazEntry]]:
        """(demonym as written, the state or region it refers to)."""
        yield from self._demonym_forms

    def __len__(self) -> int:
        return len(self._entries)


def _surname_key(word: str) -> str:
    """A surname without its Arabic article: "al-Bashir" and "Bashir" are one key."""
    key = fold_key(word)
    for article in ("al-", "el-", "al ", "el "):
        if key.startswith(article) and len(key) > len(article) + 1:
            return key[len(article):]
    return key


def _singulars(words: list[str]) -> Iterator[list[str]]:
    """The phrase, then forms with the last word made singular (troops -> troop) or, for a
    phrase, plural; then the last word alone."""
    yield words
    *head, last = words
    if last.endswith("ies") and len(last) > 4:
        yield [*head, last[:-3] + "y"]
    if last.endswith("men"):
        yield [*head, last[:-3] + "man"]
    if last.endswith("es"):
        yield [*head, last[:-2]]
    if last.endswith("s") and not last.endswith("ss"):
        yield [*head, last[:-1]]
    elif head:  # a lemma ("security force") finds a phrase listed in the plural
        yield [*head, last + "s"]
    if head:  # "Russian troops" -> "troops": the caller may pass a modified head noun
        yield from _singulars([last])


@lru_cache(maxsize=1)
def _document() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as fh:
        doc: dict[str, Any] = json.load(fh)
    return doc


@lru_cache(maxsize=len(TERRITORY_POLICIES))
def _load(territory_policy: str) -> Gazetteer:
    return Gazetteer(_document(), territory_policy)


def load_gazetteer(territory_policy: str = "recognised") -> Gazetteer:
    """The gazetteer under a territory policy ("recognised" or "controlled"); cached."""
    return _load(territory_policy)
