"""News media are sources, never actors: datelines, wire credits and outlet names.

``graphsvc_media`` (registered factory, version 1) runs after ``graphsvc_gazetteer``. It reads
``doc.ents`` (with the gazetteer's ids) and the tokens; it writes ``doc.ents`` and three ``Doc``
extensions. What it finds:

- a **dateline** at the start of the document or of a paragraph (after a blank line): upper-case
  place tokens ("QUITO", "TOKYO/BEIJING"), or a title-case place the NER or the gazetteer knows
  followed by a colon ("Jerusalem:"), an optional ", Region" ("KHARTOUM, Sudan", "WASHINGTON,
  D.C."), an optional date ("Nov. 15", "Mon. June 29, 2009"), an optional parenthesised credit
  ("(Reuters)", "(Outlet / Agency - 19th May, 2021)"), then a dash, em-dash or colon (the dash may
  be missing after a credit). One leading "Outlet," before the place is part of it. A bare credit
  at the start ("(CNN) --") is a dateline without a place. Found with a spaCy ``Matcher`` over
  token patterns;
- **parenthesised wire credits** anywhere: "(AFP)", "(Xinhua)", "(AP Photo/…)" — a parenthesis
  that opens with an outlet name;
- **outlet names** from ``graphsvc/data/media_outlets.yaml`` ("Reuters", "the BBC", "Al Jazeera",
  "China Daily"), and unknown outlets named as such ("the official news agency Xyz", "Xyz News
  Agency", "the newspaper Xyz"). Forms marked ``ambiguous`` in the table ("Dawn", "MENA", "SPA",
  "Petra") count only in a credit context: in parentheses, after "according to", "told", "news
  agency", or before "reported", "said", "quoted".

What it writes:

- ``doc.ents``: every entity overlapping a dateline or a credit is dropped, except DATE and TIME
  entities (the dateline date is the filing date the event reader may use); the place of a
  dateline is where the story was filed, not an actor. Every outlet mention becomes an entity
  labelled ``MEDIA`` with no ``kb_id``, replacing the model's ORG / PERSON / NORP guess and any
  gazetteer binding; ``resolve`` makes no actor of a ``MEDIA`` entity. (Its nominal pass still
  reads a demonym inside one as a holder, "the Canadian Press" → Canada's media, until
  ``resolve.vocab.NOT_HOLDERS`` lists ``MEDIA``.)
- ``doc._.dateline``: ``None`` or ``{"start": int, "end": int, "place": str, "text": str}`` (char
  offsets of the whole dateline; ``place`` is "" for a bare credit such as "(CNN) --").
- ``doc._.outlets``: canonical names of the outlets the document cites, in order of first
  mention, without repeats (an unknown outlet keeps its surface text).
- ``doc._.media_spans``: ``[start_char, end_char, kind]`` of every dateline, credit and outlet
  mention (``kind`` is "dateline", "credit" or "outlet"), for later passes that must skip them.

Values are plain dicts, lists and strings so that docs still serialise (``Doc.to_bytes``).

**Decision: outlets are never actors.** "China Daily said" reports a statement, and so does "the
state wire service reported": the outlet is the source, and the claim belongs to whoever the
outlet quotes. Even when an outlet is the target of an event ("police raided the offices of Al
Jazeera") graphsvc does not make it an actor: media as newsmakers are rare in the event graph,
while media as sources are in almost every article, and one rule that never fires wrongly is
worth more than the few events it loses. ``doc._.outlets`` keeps them for provenance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

__all__ = [
    "COMPONENT_VERSION",
    "DATA_FILE",
    "MEDIA_COMPONENT",
    "MEDIA_LABEL",
    "MediaComponent",
    "Outlet",
    "load_outlets",
]

MEDIA_COMPONENT = "graphsvc_media"
COMPONENT_VERSION = 1
MEDIA_LABEL = "MEDIA"
DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "media_outlets.yaml"

_DATELINE_WINDOW = 48  # tokens
_KINDS = frozenset({"wire", "agency", "broadcaster", "newspaper", "online"})
_KEEP_IN_DATELINE = frozenset({"DATE", "TIME"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "COUNTRY", "CITY", "REGION", "LOCATION"})
_NOT_OUTLET_LABELS = _PLACE_LABELS | {"NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "IGO"}
_DASHES = ["-", "--", "---", "–", "—", "―", "−"]
_TERMINATORS = [*_DASHES, ":"]
# Upper-case words that open wire copy but are story slugs, not places.
_SLUGS = frozenset({
    "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "FACTBOX", "INSIGHT", "WRAPUP",
    "COLUMN", "OPINION", "EDITORIAL", "REFILE", "CORRECTED", "CORRECTION", "FEATURE",
    "INTERVIEW", "NEWS", "PHOTOS", "VIDEO", "WATCH", "LIVE", "URGENT", "FLASH", "ALERT",
    "EXPLAINER", "REVIEW", "NOTE", "BACKGROUND", "TIMELINE", "QUOTE", "QUOTES",
})
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct",
           "nov", "dec", "january", "february", "march", "april", "june", "july", "august",
           "september", "october", "november", "december")
_DAYS = ("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday",
         "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CALENDAR = frozenset(_MONTHS + _DAYS)
_DATE_WORD = r"(?i)^(?:" + "|".join(_MONTHS + _DAYS) + r")\.?$"
_DATE_PART = r"(?i)^(?:" + "|".join(_MONTHS + _DAYS) + r")\.?$|^\d{1,4}(?:st|nd|rd|th)?$|^[.,]$"
# Words around a name that make it a source: "according to X", "X reported".
_BEFORE_CREDIT = frozenset({"told", "to", "agency", "broadcaster", "newspaper", "daily",
                            "channel", "television", "tv", "radio", "outlet", "website",
                            "network", "tabloid", "weekly", "by", "via", "citing", "from"})
_AFTER_CREDIT = frozenset({"report", "say", "quote", "cite", "carry", "broadcast", "add",
                           "publish", "write", "air", "tell", "learn", "claim", "reported",
                           "reports", "said", "says", "quoted", "cited", "added", "published",
                           "wrote", "aired", "learned", "learnt"})
_AFTER_PAREN = frozenset({")", "/", ",", ";", *_DASHES, "Photo", "photo", "TV", "file",
                          "reporting", "Reporting"})


@dataclass(frozen=True)
class Outlet:
    """One news outlet of the table: its canonical name and every form it is printed in."""

    name: str
    kind: str
    country: str
    aliases: tuple[str, ...] = ()
    ambiguous: bool = False

    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@lru_cache(maxsize=4)
def load_outlets(path: Path = DATA_FILE) -> tuple[Outlet, ...]:
    """Read and check the outlet table: known kinds, and no surface form used twice."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a list of outlets")
    outlets: list[Outlet] = []
    seen: dict[str, str] = {}
    for item in raw:
        outlet = Outlet(
            name=str(item["name"]),
            kind=str(item["kind"]),
            country=str(item["country"]),
            aliases=tuple(str(a) for a in item.get("aliases") or ()),
            ambiguous=bool(item.get("ambiguous", False)),
        )
        if outlet.kind not in _KINDS:
            raise ValueError(f"{path}: {outlet.name}: unknown kind {outlet.kind!r}")
        for form in outlet.forms():
            if form in seen:
                raise ValueError(f"{path}: {form!r} is a form of {seen[form]} and {outlet.name}")
            seen[form] = outlet.name
        outlets.append(outlet)
    return tuple(outlets)


def _variants(form: str) -> set[str]:
    """ "The Times" also prints as "the Times"; datelines print credits in capitals."""
    found = {form, form.upper()}
    if form.startswith("The "):
        found.add("the " + form[4:])
    return found


def _register_extensions() -> None:
    for name in ("dateline", "outlets", "media_spans"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _dateline_patterns() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Token patterns of a dateline, one per combination of its optional parts."""
    upper_word: dict[str, Any] = {"TEXT": {"REGEX": r"^[A-Z][A-Z'’.-]*[A-Z.]$"}}
    upper_more: dict[str, Any] = {"TEXT": {"REGEX": r"^(?:[A-Z][A-Z'’.-]*[A-Z.]|/)$"},
                                  "OP": "{0,4}"}
    title_place: dict[str, Any] = {"IS_TITLE": True, "IS_ALPHA": True, "OP": "{1,3}"}
    comma: dict[str, Any] = {"ORTH": ","}
    region: dict[str, Any] = {"TEXT": {"REGEX": r"^(?:[A-Z][A-Za-z.'’-]*|\.)$"},
              "LOWER": {"NOT_IN": [m + "." for m in _CALENDAR] + list(_CALENDAR)},
              "OP": "{1,3}"}
    date_first: dict[str, Any] = {"TEXT": {"REGEX": _DATE_WORD}}
    date_rest: dict[str, Any] = {"TEXT": {"REGEX": _DATE_PART}, "OP": "{0,7}"}
    credit: list[dict[str, Any]] = [
        {"ORTH": "("}, {"ORTH": {"NOT_IN": ["(", ")"]}, "OP": "{1,16}"}, {"ORTH": ")"}]
    places: dict[str, list[dict[str, Any]]] = {
        "UPPER": [upper_word, upper_more], "TITLE": [title_place]}
    regions: list[list[dict[str, Any]]] = [[], [comma, region]]
    dates: list[list[dict[str, Any]]] = [[], [{"ORTH": ",", "OP": "?"}, date_first, date_rest]]
    credits: list[list[dict[str, Any]]] = [[], [{"ORTH": ",", "OP": "?"}, *credit]]
    for key, place in places.items():
        for reg in regions:
            for date in dates:
                for cred in credits:
                    terms = [[{"ORTH": {"IN": _TERMINATORS}}]]
                    if cred:
                        terms.append([])
                    for term in terms:
                        if key == "TITLE" and (cred or not term):
                            continue
                        yield key, [*place, *reg, *date, *cred, *term]
    yield "CREDIT", [*credit, {"ORTH": {"IN": _TERMINATORS}, "OP": "?"}]


class MediaComponent:
    """Finds datelines, wire credits and outlet names; keeps them out of the actors."""

    def __init__(self, nlp: Language, data_file: str = "") -> None:
        _register_extensions()
        self.outlets = load_outlets(Path(data_file) if data_file else DATA_FILE)
        self._by_key: dict[str, Outlet] = {}
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        for n, outlet in enumerate(self.outlets):
            key = f"outlet{n}"
            self._by_key[key] = outlet
            forms = {v for form in outlet.forms() for v in _variants(form)}
            self.names.add(key, [nlp.make_doc(form) for form in sorted(forms)])
        self.datelines = Matcher(nlp.vocab)
        for key, pattern in _dateline_patterns():
            self.datelines.add(key, [pattern])
        self.attributions = Matcher(nlp.vocab)
        propn = {"POS": "PROPN", "LOWER": {"NOT_IN": sorted(_CALENDAR)}, "OP": "{1,4}"}
        self.attributions.add("NAMED_AFTER", [
            [{"LOWER": {"IN": ["news", "press"]}}, {"LOWER": "agency"}, propn],
            [{"LOWER": {"IN": ["newspaper", "daily", "broadcaster", "tabloid", "weekly"]}},
             propn],
        ])
        self.attributions.add("NAMED_WITH", [
            [{"IS_TITLE": True, "OP": "{1,3}"}, {"ORTH": {"IN": ["News", "Press"]}},
             {"ORTH": {"IN": ["Agency", "Service"]}}],
        ])

    # ------------------------------------------------------------------ finders
    def _outlet_mentions(self, doc: Doc) -> list[tuple[Span, str]]:
        """Table outlets the text names as outlets: (span, canonical name)."""
        found: list[tuple[Span, str]] = []
        persons = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
        for match_id, start, end in self.names(doc):
            outlet = self._by_key[doc.vocab.strings[match_id]]
            span = doc[start:end]
            if end < len(doc) and _continues_name(doc[end]):
                continue  # "the Guardian Council", "The Independent Electoral Commission"
            if end - start == 1 and start > 0 and _continues_name(doc[start - 1]) \
                    and not _sentence_start(doc, start - 1):
                continue  # "Michael Bloomberg", "Mayor Bloomberg"
            if any(s <= start and end <= e and e - s > end - start for s, e in persons):
                continue
            if outlet.ambiguous and (not _credit_context(doc, start, end)
                                     or _spelled_out(doc, start, end)):
                continue
            found.append((span, outlet.name))
        return found

    def _attributed(self, doc: Doc) -> list[Span]:
        """Unknown outlets named as such: "the news agency Xyz", "Xyz News Agency"."""
        found: list[Span] = []
        for match_id, start, end in self.attributions(doc):
            if doc.vocab.strings[match_id] == "NAMED_AFTER":
                head = start + 1
                while head < end and doc[head].lower_ in {"news", "press", "agency"}:
                    head += 1
                span = doc[head:end]
            else:
                span = doc[start:end]
            while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                    and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper():
                end += 2  # "RAI-Z": the tokenizer splits a hyphenated name
                span = doc[span.start:end]
            if any(t.ent_kb_id_ or t.ent_type_ in _NOT_OUTLET_LABELS for t in span) and \
                    doc.vocab.strings[match_id] == "NAMED_AFTER":
                continue
            if end < len(doc) and _continues_name(doc[end]):
                continue
            found.append(span)
        return filter_spans(found)

    def _dateline(self, doc: Doc, starts: set[int]) -> Span | None:
        best: Span | None = None
        matches: list[tuple[int, int, int]] = []
        for first in sorted(starts):
            # A dateline is short: match only a window at each paragraph start.
            window = doc[first:min(len(doc), first + _DATELINE_WINDOW)]
            matches.extend((m, first + s, first + e) for m, s, e in self.datelines(window))
        for match_id, start, end in matches:
            if start not in starts:
                continue
            key = doc.vocab.strings[match_id]
            span = doc[start:end]
            if key == "UPPER" and not _upper_place_ok(span):
                continue
            if key == "TITLE" and not _title_place_ok(span):
                continue
            if not _terminator_ok(span):
                continue
            if best is None or len(span) > len(best):
                best = span
        if best is not None and best.start >= 2 and best.start - 2 in starts \
                and doc[best.start - 1].text == ",":
            # "Outlet, PLACE, date:": the outlet before the place belongs to the dateline.
            best = doc[best.start - 2:best.end]
        return best

    def _credits(self, doc: Doc, outlets: list[tuple[Span, str]]) -> list[Span]:
        """Parentheses that open with an outlet: "(Reuters)", "(AP Photo/…)"."""
        found: list[Span] = []
        for span, _name in outlets:
            start, end = span.start, span.end
            if start == 0 or doc[start - 1].text != "(":
                continue
            if end < len(doc) and doc[end].text not in _AFTER_PAREN:
                continue
            if _spelled_out(doc, start, end) and not any(o.end == start - 1 for o, _ in outlets):
                # "the Aam Aadmi Party (AAP)": an acronym spelled out, unless the spelled-out
                # name is itself the outlet ("Anadolu Agency (AA)").
                continue
            close = next((t.i for t in doc[end:min(len(doc), end + 16)] if t.text == ")"), None)
            if close is None:
                continue
            found.append(doc[start - 1:close + 1])
        return found

    # ------------------------------------------------------------------ call
    def __call__(self, doc: Doc) -> Doc:
        outlets = self._outlet_mentions(doc)
        unknown = [s for s in self._attributed(doc)
                   if not any(o.start < s.end and s.start < o.end for o, _ in outlets)]
        dateline = self._dateline(doc, _dateline_starts(doc))
        credits = self._credits(doc, outlets)
        # In a dateline credit every part names an outlet: "(Foo News / Agency - 19th May)".
        named: list[tuple[Span, str]] = [*outlets, *((s, s.text) for s in unknown)]
        if dateline is not None:
            named.extend(_credit_parts(dateline, named))
        named = sorted(named, key=lambda pair: pair[0].start)
        blocked = [*credits, *([dateline] if dateline is not None else [])]
        media = filter_spans(
            [Span(doc, s.start, s.end, label=MEDIA_LABEL) for s, _ in named])

        def overlaps(ent: Span, spans: Iterable[Span]) -> bool:
            return any(ent.start < s.end and s.start < ent.end for s in spans)

        kept = [
            ent for ent in doc.ents
            if not overlaps(ent, media)
            and not (overlaps(ent, blocked) and ent.label_ not in _KEEP_IN_DATELINE)
        ]
        if media or len(kept) != len(doc.ents):
            doc.ents = filter_spans(kept + media)

        names: list[str] = []
        for _span, name in named:
            if name not in names:
                names.append(name)
        doc._.outlets = names
        spans: list[list[Any]] = []
        if dateline is not None:
            doc._.dateline = {
                "start": dateline.start_char, "end": dateline.end_char,
                "place": _place_text(dateline), "text": dateline.text,
            }
            spans.append([dateline.start_char, dateline.end_char, "dateline"])
        else:
            doc._.dateline = None
        spans.extend([s.start_char, s.end_char, "credit"] for s in credits)
        spans.extend([s.start_char, s.end_char, "outlet"] for s in media)
        doc._.media_spans = sorted(spans)
        return doc


# ---------------------------------------------------------------------- helpers
def _continues_name(token: Any) -> bool:
    """A capitalised word that would make a longer proper name (not a weekday or month)."""
    return bool(token.is_alpha and token.text[:1].isupper()
                and token.lower_.rstrip(".") not in _CALENDAR
                and token.text not in {"The", "TV"})


def _spelled_out(doc: Doc, start: int, end: int) -> bool:
    """ "the Aam Aadmi Party (AAP)": an acronym in parentheses after the name it abbreviates."""
    return (start >= 2 and doc[start - 1].text == "(" and end < len(doc)
            and doc[end].text == ")" and _continues_name(doc[start - 2])
            and not doc[start - 2].is_upper)


def _sentence_start(doc: Doc, i: int) -> bool:
    return i == 0 or doc[i - 1].text in {".", "!", "?", ":", ";", "\"", "“", "(", "-", "—", "–"} \
        or doc[i - 1].is_space


def _credit_context(doc: Doc, start: int, end: int) -> bool:
    """Around a name, words that make it a source: parentheses, "according to", "reported"."""
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.text == "the" and start > 1:
        before = doc[start - 2]
    after = doc[end] if end < len(doc) else None
    if before is not None and before.text in {"(", "/"}:
        return True
    if after is not None and after.text in {")", "/"}:
        return True
    if before is not None and before.lower_ in _BEFORE_CREDIT:
        return before.lower_ != "to" or (start >= 2 and doc[before.i - 1].lower_ == "according")
    return after is not None and (after.lower_ in _AFTER_CREDIT or after.lemma_ in _AFTER_CREDIT)


def _dateline_starts(doc: Doc) -> set[int]:
    """Token indices where a dateline may start: the first word of the document and of every
    paragraph after a blank line, and the word after one leading "Outlet," there."""
    starts: set[int] = set()
    last_end: int | None = None
    text = doc.text  # built anew on every access
    for token in doc:
        if token.is_space:
            continue
        gap = text[last_end:token.idx] if last_end is not None else ""
        if last_end is None or gap.count("\n") >= 2:
            starts.add(token.i)
            if token.i + 2 < len(doc) and doc[token.i + 1].text == "," \
                    and token.text[:1].isupper() and not token.is_upper:
                starts.add(token.i + 2)
        last_end = token.idx + len(token.text)
    return starts


def _place_tokens(span: Span) -> list[Any]:
    """The place words of a dateline: the leading upper-case (or title-case) run."""
    words: list[Any] = []
    if len(span) > 2 and span[1].text == "," and not span[0].is_upper \
            and span[2].text[:1].isupper():
        span = span[2:]  # "Outlet, PLACE …"
    for token in span:
        if token.text in {"(", ",", ":", *_DASHES}:
            break
        words.append(token)
    return words


def _place_text(span: Span) -> str:
    words = _place_tokens(span)
    if not words:
        return ""
    end = words[-1].i + 1
    # ", Sudan" / ", D.C." after the place is part of it; a date is not.
    doc = span.doc
    i = end
    if i < span.end and doc[i].text == ",":
        j = i + 1
        while j < span.end and re.match(r"^(?:[A-Z][A-Za-z.'’-]*|\.)$", doc[j].text) \
                and doc[j].lower_.rstrip(".") not in _CALENDAR:
            j += 1
        if j > i + 1:
            end = j
    return doc[words[0].i:end].text


def _upper_place_ok(span: Span) -> bool:
    words = [t for t in _place_tokens(span) if t.text != "/"]
    if not words or any(t.text.rstrip(".") in _SLUGS for t in words):
        return False
    return not (len(words) == 1 and len(words[0].text.rstrip(".")) < 3)


def _title_place_ok(span: Span) -> bool:
    words = _place_tokens(span)
    return bool(words) and all(t.ent_type_ in _PLACE_LABELS or t.ent_kb_id_ for t in words)


def _terminator_ok(span: Span) -> bool:
    """A hyphen ends a dateline only with a space before it ("BEIJING - …", not "US-China")."""
    last = span[-1]
    if last.text != "-":
        return True
    return bool(span.doc[last.i - 1].whitespace_)


def _credit_parts(dateline: Span, named: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """The outlets inside a dateline credit that the table does not know: the parts between
    "(", "/" and the dash that starts the date ("(Foo News / Agency - 19th May, 2021)")."""
    doc = dateline.doc
    found: list[tuple[Span, str]] = []
    if len(dateline) > 2 and dateline[1].text == "," and not dateline[0].is_upper:
        prefix = dateline[0:1]
        if not any(o.start < prefix.end and prefix.start < o.end for o, _ in named):
            found.append((prefix, prefix.text))
    opening = next((t.i for t in dateline if t.text == "("), None)
    closing = next((t.i for t in dateline if t.text == ")"), None)
    if opening is None or closing is None:
        return found
    part_start = opening + 1
    for i in range(opening + 1, closing + 1):
        if doc[i].text in {"/", ")", ";", *_DASHES}:
            part = doc[part_start:i]
            if len(part) and not any(o.start < part.end and part.start < o.end
                                     for o, _ in named) \
                    and not all(re.match(_DATE_PART, t.text) for t in part):
                found.append((part, part.text))
            if doc[i].text in _DASHES:
                break
            part_start = i + 1
    return found


@Language.factory(
    MEDIA_COMPONENT,
    default_config={"data_file": ""},
    assigns=["doc.ents", "doc._.dateline", "doc._.outlets", "doc._.media_spans"],
    requires=["doc.ents"],
)
def make_media_component(nlp: Language, name: str, data_file: str) -> MediaComponent:
    return MediaComponent(nlp, data_file)
