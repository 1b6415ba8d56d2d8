"""Event dates: turn the date words of a sentence into an ISO date at the precision they give.

An expression is resolved against the publication date of its document: "on Friday" in a story
published on Friday 2022-12-30 is "2022-12-30", "in August" is "2022-08", "in 2014" is "2014".
Results are "YYYY", "YYYY-MM" or "YYYY-MM-DD" (never a widened false day), or None when the words
are not a point in time: durations ("three years", "11 months"), spans ("the 1990s", "recent
days", "this week", "the first 11 months of this year"), bounds ("since 2014", "by 2030") and
anything unparsable. Weeks and weekends resolve to None because no ISO precision fits them.

Without a publication date only absolute expressions resolve ("30 December 2022", "August 2008",
"2014"); relative ones ("yesterday", "last year", "in August") give None.

Direction: year-less expressions ("Friday", "December 30", "in August") go back to the most
recent such day or month on or before publication for past-tense events (the same day counts) and
forward to the next one on or after it for future-tense events. "last X" is strictly before
publication and "next X" strictly after, whatever the tense.

A hand-written parser rather than ``dateparser``: the forms are few, the rules above must be exact,
and it has to be fast (it runs per event) and total (it never raises, whatever the input).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "date_expressions",
    "event_date",
    "resolve_date",
    "sentence_date",
]

_MAX_EXPR_CHARS = 80
_MAX_SENTENCE_CHARS = 5000

_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(
    (
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ),
    start=1,
):
    _MONTHS[_name] = _i
    _MONTHS[_name[:3]] = _i
_MONTHS["sept"] = 9

_WEEKDAYS: dict[str, int] = {}
for _i, _name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
):
    _WEEKDAYS[_name] = _i
    _WEEKDAYS[_name[:3]] = _i
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))

# Words that make the expression a bound or a span, not the event's date.
_BOUND = re.compile(
    r"^(?:since|until|till|til|before|after|by|between|from|through|throughout|for|within|"
    r"over|across|ahead of|prior to|up to)\b"
)
# Position words that narrow a period without making it more precise ("early 2014" is 2014).
_POSITION = re.compile(
    r"^(?:the )?(?:very )?(?:early|earlier|mid|middle|late|later|end|start|beginning|"
    r"first half|second half|(?:first|second|third|fourth|final|last) quarter|"
    r"spring|summer|autumn|fall|winter)(?: of| in| on)?(?:[\s-]+|$)"
)
_LEAD = re.compile(r"^(?:on|in|at|during|of)\s+")
_TIME_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night|noon|midday|overnight)$")
_EDGE_JUNK = re.compile(r"^[^0-9a-z]+|[^0-9a-z]+$")

# How dates are written in article prose, not the date rule (``records.PARTIAL_DATE_PATTERN``):
# these read "2022/3/7" or "7/3/2022" as well, and what they yield is held to the rule once,
# by ``extract._in_range``, before it becomes an event date.
_ISO_DAY = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"(\d{4})")
_NUMERIC_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_MONTH_DAY = re.compile(
    rf"(?:(?:{_WEEKDAY_RE}) )?({_MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?(?: (\d{{4}}))?"
)
_DAY_MONTH = re.compile(
    rf"(?:(?:{_WEEKDAY_RE}) )?(?:the )?(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? ({_MONTH_RE})"
    r"(?: (\d{4}))?"
)
_MONTH_YEAR = re.compile(rf"({_MONTH_RE})(?: of)? (\d{{4}})")
_MONTH_OF_RELATIVE_YEAR = re.compile(rf"({_MONTH_RE})(?: of)? (last|this|next) year")
_MONTH_ALONE = re.compile(rf"(?:(last|this|next|coming|past) )?({_MONTH_RE})")
_WEEKDAY = re.compile(rf"(?:(last|this|next|coming|past) )?({_WEEKDAY_RE})")
_RELATIVE_PERIOD = re.compile(r"(last|this|next|coming|past) (month|year)")
# "last week", "earlier this week", "at the weekend", "weekend": month precision, as wire copy
# gives no day (the month of the week meant, counted from the publication date).
_WEEK = re.compile(r"(?:(?:earlier|later) )?(?:(last|this|next|coming|past) )?(week|weekend)")
_AGO = re.compile(r"(\d{1,4}|[a-z]+) (day|days|month|months|year|years) ago")

_SPAN_OPENERS = frozenset({"last", "past", "next", "coming", "previous", "first"})

_DAY_WORDS: dict[str, int] = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "the day before yesterday": -2,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}


class _Anchor(NamedTuple):
    """The publication date at whatever precision it was given."""

    year: int
    month: int | None
    day: int | None

    def as_date(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


def _anchor(published: str | None) -> _Anchor | None:
    """Parse "YYYY", "YYYY-MM", "YYYY-MM-DD", "YYYYMMDD" or an ISO timestamp; None if invalid."""
    if not isinstance(published, str):
        return None
    text = published.strip()[:10]
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if match is None:
        return None
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return _Anchor(year, month, day)


def _day(d: date) -> str:
    return d.isoformat()


def _month(year: int, month: int) -> str | None:
    if not 1 <= year <= 9999 or not 1 <= month <= 12:
        return None
    return f"{year:04d}-{month:02d}"


def _year(year: int) -> str | None:
    return f"{year:04d}" if 1000 <= year <= 2999 else None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _normalise(expr: str) -> tuple[str, bool] | None:
    """Lower-case, strip punctuation, possessives and leading prepositions.

    Returns the cleaned text and whether a leading "the" was removed ("the last year" is a span,
    "last year" a date); None when the words are a bound or a span.
    """
    text = expr.lower().replace("\u2019", "'").replace("'s", "").replace("s'", "s")
    text = re.sub(r"[.,]", " ", text)
    text = " ".join(text.split())
    text = _EDGE_JUNK.sub("", text)
    if _BOUND.match(text):
        return None
    had_the = False
    while True:
        stripped = _LEAD.sub("", text)
        if stripped.startswith("the ") and not stripped.startswith("the day "):
            stripped = stripped[4:]
            had_the = had_the or stripped.split(" ", 1)[0] in _SPAN_OPENERS
        if stripped == text:
            break
        text = stripped
    return text, had_the


def _year_less_day(month: int, day: int, anchor: _Anchor | None, past: bool) -> str | None:
    if anchor is None or anchor.month is None or anchor.day is None:
        return None
    on_or_before = (month, day) <= (anchor.month, anchor.day)
    on_or_after = (month, day) >= (anchor.month, anchor.day)
    if past:
        year = anchor.year if on_or_before else anchor.year - 1
    else:
        year = anchor.year if on_or_after else anchor.year + 1
    return _day(date(year, month, day))


def _month_relative(month: int, modifier: str | None, anchor: _Anchor | None, past: bool
                    ) -> str | None:
    if anchor is None or anchor.month is None:
        return None
    here = anchor.month
    if modifier == "this":
        return _month(anchor.year, month)
    if modifier in {"last", "past"}:
        return _month(anchor.year if month < here else anchor.year - 1, month)
    if modifier in {"next", "coming"}:
        return _month(anchor.year if month > here else anchor.year + 1, month)
    if past:
        return _month(anchor.year if month <= here else anchor.year - 1, month)
    return _month(anchor.year if month >= here else anchor.year + 1, month)


def _weekday(weekday: int, modifier: str | None, anchor: _Anchor | None, past: bool
             ) -> str | None:
    if anchor is None:
        return None
    base = anchor.as_date()
    if base is None:
        return None
    back = (base.weekday() - weekday) % 7
    forward = (weekday - base.weekday()) % 7
    if modifier in {"last", "past"}:
        return _day(base - timedelta(days=back or 7))
    if modifier in {"next", "coming"}:
        return _day(base + timedelta(days=forward or 7))
    return _day(base - timedelta(days=back)) if past else _day(base + timedelta(days=forward))


def _relative_period(modifier: str, unit: str, anchor: _Anchor | None) -> str | None:
    if anchor is None:
        return None
    delta = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[modifier]
    if unit == "year":
        return _year(anchor.year + delta)
    if anchor.month is None:
        return None
    year, month = _shift_month(anchor.year, anchor.month, delta)
    return _month(year, month)


def _ago(count_word: str, unit: str, anchor: _Anchor | None) -> str | None:
    count = int(count_word) if count_word.isdigit() else _NUMBERS.get(count_word)
    if count is None or anchor is None:
        return None
    if unit.startswith("year"):
        return _year(anchor.year - count)
    if anchor.month is None:
        return None
    if unit.startswith("month"):
        year, month = _shift_month(anchor.year, anchor.month, -count)
        return _month(year, month)
    base = anchor.as_date()
    return None if base is None else _day(base - timedelta(days=count))


def _resolve(text: str, had_the: bool, anchor: _Anchor | None, past: bool) -> str | None:
    """Resolve a normalised expression; may raise ValueError/OverflowError on impossible dates."""
    if text in _DAY_WORDS:
        base = anchor.as_date() if anchor else None
        return None if base is None else _day(base + timedelta(days=_DAY_WORDS[text]))
    if (m := _ISO_DAY.fullmatch(text)) is not None:
        return _day(date(int(m[1]), int(m[2]), int(m[3])))
    if (m := _ISO_MONTH.fullmatch(text)) is not None:
        return _month(int(m[1]), int(m[2]))
    if (m := _YEAR.fullmatch(text)) is not None:
        return _year(int(m[1]))
    if (m := _NUMERIC_DMY.fullmatch(text)) is not None:
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        if first > 12 >= second:
            return _day(date(year, second, first))
        if second > 12 >= first:
            return _day(date(year, first, second))
        return None  # 03/04/2022: day and month cannot be told apart
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        if (m := pattern.fullmatch(text)) is not None:
            month, day = _MONTHS[m[month_group]], int(m[day_group])
            if m[3]:
                return _day(date(int(m[3]), month, day))
            date(2000, month, day)  # validates the day against a leap year before inferring
            return _year_less_day(month, day, anchor, past)
    if (m := _MONTH_YEAR.fullmatch(text)) is not None:
        return _month(int(m[2]), _MONTHS[m[1]])
    if (m := _MONTH_OF_RELATIVE_YEAR.fullmatch(text)) is not None:
        relative_year = _relative_period(m[2], "year", anchor)
        return None if relative_year is None else _month(int(relative_year), _MONTHS[m[1]])
    if had_the and text.split(" ", 1)[0] in _SPAN_OPENERS:
        return None  # "the last year", "the next month": spans, not dates
    if (m := _MONTH_ALONE.fullmatch(text)) is not None:
        return _month_relative(_MONTHS[m[2]], m[1], anchor, past)
    if (m := _WEEKDAY.fullmatch(text)) is not None:
        return _weekday(_WEEKDAYS[m[2]], m[1], anchor, past)
    if (m := _RELATIVE_PERIOD.fullmatch(text)) is not None:
        return _relative_period(m[1], m[2], anchor)
    if (m := _AGO.fullmatch(text)) is not None:
        return _ago(m[1], m[2], anchor)
    if (m := _WEEK.fullmatch(text)) is not None:
        return _week(m[1], m[2], anchor, past)
    return None


def _week(modifier: str | None, unit: str, anchor: _Anchor | None, past: bool) -> str | None:
    """The month of a week or weekend named relative to the publication date."""
    base = anchor.as_date() if anchor else None
    if base is None:
        return None
    if unit == "week":
        delta = {"last": -7, "past": -7, "next": 7, "coming": 7}.get(modifier or "this", 0)
        day = base + timedelta(days=delta)
    else:
        # The weekend: the last Saturday on or before the date (or the next, for what is to come).
        back = (base.weekday() - 5) % 7
        if modifier in {"next", "coming"} or (modifier is None and not past):
            day = base + timedelta(days=(5 - base.weekday()) % 7 or 7)
        else:
            day = base - timedelta(days=back + (7 if modifier in {"last", "past"} and back < 2
                                                else 0))
    return _month(day.year, day.month)


@lru_cache(maxsize=8192)
def _resolve_cached(expr: str, published: str | None, tense_past: bool) -> str | None:
    normalised = _normalise(expr)
    if normalised is None:
        return None
    text, had_the = normalised
    # Position words ("early", "mid-", "the end of") keep the precision of what follows.
    for _ in range(2):
        stripped = _POSITION.sub("", text)
        if stripped == text or not stripped:
            break
        text = _LEAD.sub("", stripped)
    if text not in _DAY_WORDS:  # "last night" is a day; "yesterday morning" is yesterday
        text = _TIME_OF_DAY.sub("", text)
    try:
        return _resolve(text, had_the, _anchor(published), tense_past)
    except (ValueError, OverflowError):
        return None


def resolve_date(expr: str, published: str | None, *, tense_past: bool = True) -> str | None:
    """Resolve one date expression against the publication date.

    ``expr`` is the date words as written ("on Friday", "Dec. 30", "in August 2008", "2014");
    ``published`` is the document date ("YYYY-MM-DD"; "YYYY-MM", "YYYY", "YYYYMMDD" and ISO
    timestamps are accepted too). ``tense_past`` says whether the event lies before publication
    (past tense) or after it (future tense); it decides where year-less expressions land.
    Returns "YYYY", "YYYY-MM" or "YYYY-MM-DD", or None; never raises.
    """
    if not isinstance(expr, str) or not expr or len(expr) > _MAX_EXPR_CHARS:
        return None
    if published is not None and not isinstance(published, str):
        published = None
    return _resolve_cached(expr, published, bool(tense_past))


def _compatible(a: str, b: str) -> bool:
    """True when one ISO partial date contains the other ("2022-12" and "2022-12-30")."""
    return a.startswith(b) or b.startswith(a)


def event_date(
    expressions: Sequence[str], published: str | None, *, tense_past: bool = True
) -> str | None:
    """The date of an event from the date expressions attached to it (e.g. spaCy DATE texts).

    Picks the most specific resolvable expression (day over month over year; earlier in the
    list wins ties). An absolute expression ("2014", "August 2008") overrules a relative one that
    contradicts it: for ["Friday", "in 2014"] the event is "2014", not a Friday of the
    publication week. Returns None when nothing resolves.
    """
    resolved: list[tuple[str, bool]] = []
    for expr in expressions:
        value = resolve_date(expr, published, tense_past=tense_past)
        if value is not None:
            absolute = resolve_date(expr, None, tense_past=tense_past) is not None
            resolved.append((value, absolute))
    if not resolved:
        return None
    absolutes = [value for value, is_absolute in resolved if is_absolute]
    ranked = sorted(resolved, key=lambda item: -len(item[0]))  # stable: list order breaks ties
    for value, _ in ranked:
        if all(_compatible(value, other) for other in absolutes):
            return value
    return max(absolutes, key=len)


_FIND = re.compile(
    r"(?<![\w-])(?:"
    r"\d{4}-\d{2}-\d{2}"
    rf"|(?:(?:on )?(?:{_WEEKDAY_RE})\.?,? )?(?:{_MONTH_RE})\.? \d{{1,2}}(?:st|nd|rd|th)?"
    r"(?:,? \d{4})?"
    rf"|(?:the )?\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTH_RE})\.?,?(?: \d{{4}})?"
    rf"|(?:(?:early|mid|late|in|during)[ -])?(?:{_MONTH_RE})\.?,? (?:of )?"
    r"(?:\d{4}|(?:last|this|next) year)"
    r"|(?:early|mid|late|earlier|later)[ -](?:this |last |next )?(?:year|month|\d{4})"
    r"|(?:the )?(?:first|last|past|next|previous|coming) (?:\d{1,3} |[a-z]+ )?"
    r"(?:days?|weeks?|months?|years?|decades?)(?: of (?:this|last|next) (?:year|month)| of \d{4})?"
    rf"|(?:last|this|next) (?:week|weekend|month|year|{_WEEKDAY_RE}|{_MONTH_RE})"
    r"|(?:the day (?:before|after) )?(?:yesterday|today|tomorrow|tonight)"
    r"|(?:\d{1,4}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) "
    r"(?:days?|weeks?|months?|years?) ago"
    rf"|(?:in|during|since|by|until|before|after|from) (?:early |mid-?|late )?"
    rf"(?:{_MONTH_RE}|\d{{4}})"
    rf"|(?:{_MONTH_RE})['’]s"
    r"|(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:1[89]|20)\d\d(?!s\b)"
    r")(?![\w-])",
    re.IGNORECASE,
)


def date_expressions(text: str) -> list[str]:
    """Date-like phrases in a plain sentence, in order, for callers without spaCy entities.

    Bare month names are taken only with a cue ("in August", "last May", "February's"), since
    "may" and "march" are also ordinary words. Bounds ("since 2014") are returned too; they
    resolve to None.
    """
    if not isinstance(text, str):
        return []
    return [m.group(0) for m in _FIND.finditer(text[:_MAX_SENTENCE_CHARS])]


def sentence_date(
    sentence: str, published: str | None, *, tense_past: bool = True
) -> str | None:
    """``event_date`` over the date phrases ``date_expressions`` finds in a plain sentence."""
    return event_date(date_expressions(sentence), published, tense_past=tense_past)
