"""Event-date resolution: each supported form, against several publication dates."""

from __future__ import annotations

import random
import re
import time

import pytest

from graphsvc.nlp import dates
from graphsvc.nlp.dates import date_expressions, event_date, resolve_date, sentence_date
from graphsvc.records import Relation

FRI = "2022-12-30"  # a Friday, last days of a year
WED = "2023-06-14"  # a Wednesday, mid-year
TUE = "2024-01-02"  # a Tuesday, first days of a year
MON_AUG = "2022-08-15"  # a Monday in August
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

PAST_CASES = [
    # weekdays: same day counts; "last" is strictly before, "next" strictly after
    ("on Friday", FRI, "2022-12-30"),
    ("Friday", FRI, "2022-12-30"),
    ("this Friday", FRI, "2022-12-30"),
    ("last Friday", FRI, "2022-12-23"),
    ("next Friday", FRI, "2023-01-06"),
    ("on Monday", FRI, "2022-12-26"),
    ("Thursday", FRI, "2022-12-29"),
    ("Saturday", FRI, "2022-12-24"),
    ("Friday night", FRI, "2022-12-30"),
    ("late Friday", FRI, "2022-12-30"),
    ("on Friday", WED, "2023-06-09"),
    ("Wednesday", WED, "2023-06-14"),
    ("last Wednesday", WED, "2023-06-07"),
    ("next Wednesday", WED, "2023-06-21"),
    ("Friday", TUE, "2023-12-29"),
    ("last Tuesday", TUE, "2023-12-26"),
    # day words
    ("yesterday", FRI, "2022-12-29"),
    ("today", FRI, "2022-12-30"),
    ("tomorrow", FRI, "2022-12-31"),
    ("tonight", FRI, "2022-12-30"),
    ("last night", FRI, "2022-12-29"),
    ("this morning", FRI, "2022-12-30"),
    ("yesterday afternoon", FRI, "2022-12-29"),
    ("earlier today", FRI, "2022-12-30"),
    ("the day before yesterday", FRI, "2022-12-28"),
    ("yesterday", TUE, "2024-01-01"),
    ("tomorrow", "2023-12-31", "2024-01-01"),
    ("three days ago", FRI, "2022-12-27"),
    ("3 days ago", WED, "2023-06-11"),
    # weeks and weekends have no ISO precision of their own: the month of the week meant
    ("this week", FRI, "2022-12"),
    ("last week", FRI, "2022-12"),
    ("last week", "2023-03-02", "2023-02"),
    ("next week", FRI, "2023-01"),
    ("earlier this week", FRI, "2022-12"),
    ("the weekend", FRI, "2022-12"),
    ("the weekend", "2023-03-01", "2023-02"),
    ("two weeks ago", FRI, None),
    # full and year-less days
    ("on Dec. 30", FRI, "2022-12-30"),
    ("December 30", FRI, "2022-12-30"),
    ("December 30th", FRI, "2022-12-30"),
    ("the 30th of December", FRI, "2022-12-30"),
    ("Dec. 31", FRI, "2021-12-31"),
    ("January 3", FRI, "2022-01-03"),
    ("December 30", TUE, "2023-12-30"),
    ("August 5", WED, "2022-08-05"),
    ("June 14", WED, "2023-06-14"),
    ("June 15", WED, "2022-06-15"),
    ("30 December 2022", FRI, "2022-12-30"),
    ("30 December 2022", WED, "2022-12-30"),
    ("Dec 30, 2022", TUE, "2022-12-30"),
    ("Friday, Dec. 23", FRI, "2022-12-23"),
    ("Tuesday, 4 March 2014", FRI, "2014-03-04"),
    ("2022-12-30", WED, "2022-12-30"),
    ("on 2022-12-30", FRI, "2022-12-30"),
    ("2022/12/30", FRI, "2022-12-30"),
    ("12/30/2022", FRI, "2022-12-30"),
    ("30/12/2022", FRI, "2022-12-30"),
    ("03/04/2022", FRI, None),  # day and month cannot be told apart
    ("February 29", "2024-03-01", "2024-02-29"),
    ("February 29", FRI, None),  # no 29 February in 2022
    ("February 30", FRI, None),
    ("on 2022-13-45", FRI, None),
    ("2022-02-30", FRI, None),
    # months
    ("in August", FRI, "2022-08"),
    ("in December", FRI, "2022-12"),
    ("in August", WED, "2022-08"),
    ("in June", WED, "2023-06"),
    ("in December", TUE, "2023-12"),
    ("February", FRI, "2022-02"),
    ("February's", FRI, "2022-02"),
    ("February’s", FRI, "2022-02"),
    ("mid-August", FRI, "2022-08"),
    ("early March", WED, "2023-03"),
    ("the end of November", FRI, "2022-11"),
    ("last August", FRI, "2022-08"),
    ("last August", MON_AUG, "2021-08"),
    ("last August", WED, "2022-08"),
    ("last December", FRI, "2021-12"),
    ("last December", TUE, "2023-12"),
    ("last June", WED, "2022-06"),
    ("this August", FRI, "2022-08"),
    ("this August", MON_AUG, "2022-08"),
    ("next August", FRI, "2023-08"),
    ("next June", WED, "2024-06"),
    ("August last year", FRI, "2021-08"),
    ("in March this year", WED, "2023-03"),
    ("in August 2008", FRI, "2008-08"),
    ("August 2008", WED, "2008-08"),
    ("Aug. 2008", FRI, "2008-08"),
    ("August of 2008", FRI, "2008-08"),
    ("Sept 2001", FRI, "2001-09"),
    ("2008-08", FRI, "2008-08"),
    ("last month", FRI, "2022-11"),
    ("last month", TUE, "2023-12"),
    ("this month", FRI, "2022-12"),
    ("earlier this month", FRI, "2022-12"),
    ("later this month", WED, "2023-06"),
    ("next month", FRI, "2023-01"),
    ("the end of last month", FRI, "2022-11"),
    ("two months ago", FRI, "2022-10"),
    ("two months ago", TUE, "2023-11"),
    # years
    ("in 2014", FRI, "2014"),
    ("2014", FRI, "2014"),
    ("in early 2014", FRI, "2014"),
    ("mid-2020", FRI, "2020"),
    ("late 2019", FRI, "2019"),
    ("the end of 2014", FRI, "2014"),
    ("the summer of 2014", FRI, "2014"),
    ("the first quarter of 2021", FRI, "2021"),
    ("last year", FRI, "2021"),
    ("last year", TUE, "2023"),
    ("this year", FRI, "2022"),
    ("earlier this year", FRI, "2022"),
    ("late last year", FRI, "2021"),
    ("the end of last year", FRI, "2021"),
    ("next year", FRI, "2023"),
    ("a year ago", FRI, "2021"),
    ("five years ago", WED, "2018"),
    # not points in time: durations, spans, bounds
    ("the last year", FRI, None),
    ("the past week", FRI, None),
    ("the next few days", FRI, None),
    ("in the 1990s", FRI, None),
    ("the 1990s", FRI, None),
    ("decades", FRI, None),
    ("for decades", FRI, None),
    ("recent days", FRI, None),
    ("in recent days", FRI, None),
    ("in recent weeks", FRI, None),
    ("the first 11 months of this year", FRI, None),
    ("11 months", FRI, None),
    ("three years", FRI, None),
    ("two weeks", FRI, None),
    ("for two weeks", FRI, None),
    ("since 2014", FRI, None),
    ("by 2030", FRI, None),
    ("until March", FRI, None),
    ("between 2014 and 2016", FRI, None),
    ("2014-2016", FRI, None),
    ("summer", FRI, None),
    ("several days ago", FRI, None),
    ("", FRI, None),
    ("   ", FRI, None),
]


@pytest.mark.parametrize(("expr", "published", "expected"), PAST_CASES)
def test_resolve_date_past(expr: str, published: str, expected: str | None) -> None:
    assert resolve_date(expr, published) == expected


FUTURE_CASES = [
    ("Friday", FRI, "2022-12-30"),
    ("on Monday", FRI, "2023-01-02"),
    ("Wednesday", WED, "2023-06-14"),
    ("Friday", WED, "2023-06-16"),
    ("in January", FRI, "2023-01"),
    ("in December", FRI, "2022-12"),
    ("in March", WED, "2024-03"),
    ("January 3", FRI, "2023-01-03"),
    ("Dec. 30", FRI, "2022-12-30"),
    ("next Friday", FRI, "2023-01-06"),
    ("last Friday", FRI, "2022-12-23"),
    ("tomorrow", FRI, "2022-12-31"),
    ("next month", FRI, "2023-01"),
    ("next year", FRI, "2023"),
    ("next week", FRI, "2023-01"),
    ("2014", FRI, "2014"),
]


@pytest.mark.parametrize(("expr", "published", "expected"), FUTURE_CASES)
def test_resolve_date_future(expr: str, published: str, expected: str | None) -> None:
    assert resolve_date(expr, published, tense_past=False) == expected


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("30 December 2022", "2022-12-30"),
        ("Dec 30, 2022", "2022-12-30"),
        ("2022-12-30", "2022-12-30"),
        ("in August 2008", "2008-08"),
        ("in 2014", "2014"),
        ("mid-2020", "2020"),
        ("Friday", None),
        ("on Dec. 30", None),
        ("in August", None),
        ("yesterday", None),
        ("last year", None),
        ("this month", None),
        ("three days ago", None),
    ],
)
def test_without_publication_date_only_absolute_resolves(
    expr: str, expected: str | None
) -> None:
    assert resolve_date(expr, None) == expected
    assert resolve_date(expr, "not a date") == expected
    assert resolve_date(expr, "2022-02-30") == expected


@pytest.mark.parametrize(
    ("expr", "published", "expected"),
    [
        ("last month", "2022-12", "2022-11"),
        ("in August", "2022-12", "2022-08"),
        ("Friday", "2022-12", None),  # a weekday needs the publication day
        ("last year", "2022", "2021"),
        ("in August", "2022", None),  # August 2022 or 2021: unknown without the month
        ("Friday", "20221230", "2022-12-30"),
        ("Friday", "2022-12-30T08:15:00Z", "2022-12-30"),
    ],
)
def test_partial_and_other_publication_formats(
    expr: str, published: str, expected: str | None
) -> None:
    assert resolve_date(expr, published) == expected


@pytest.mark.parametrize(
    ("expressions", "published", "tense_past", "expected"),
    [
        (["Friday", "December 30"], FRI, True, "2022-12-30"),
        (["this week", "Friday"], FRI, True, "2022-12-30"),
        (["2022", "in December", "Friday"], FRI, True, "2022-12-30"),
        (["2014", "Friday"], FRI, True, "2014"),  # the absolute year overrules "Friday"
        (["August 8", "August 2008"], FRI, True, "2008-08"),
        (["this week", "in 2014"], FRI, True, "2014"),
        (["2014", "2015"], FRI, True, "2014"),
        (["in August", "last year"], FRI, True, "2022-08"),
        (["Friday"], WED, False, "2023-06-16"),
        (["decades", "three years"], FRI, True, None),
        ([], FRI, True, None),
        (["Friday"], None, True, None),
        (("yesterday",), FRI, True, "2022-12-29"),
    ],
)
def test_event_date(
    expressions: list[str], published: str | None, tense_past: bool, expected: str | None
) -> None:
    assert event_date(expressions, published, tense_past=tense_past) == expected


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("The two ministers met in Geneva on Tuesday to discuss the truce.", ["on Tuesday"]),
        ("Rebels seized the town on March 3, 2021, officials said.", ["March 3, 2021"]),
        ("The accord was signed in August 2008 after five days of fighting.",
         ["in August 2008"]),
        ("Troops have held the province since 2014.", ["since 2014"]),
        ("Crowds gathered yesterday outside the consulate.", ["yesterday"]),
        ("Grain exports rose in the first 11 months of this year.",
         ["the first 11 months of this year"]),
        ("The 2014 referendum was condemned abroad.", ["2014"]),
        ("Officials may march on the capital.", []),
        ("Last week, the navy held drills.", ["Last week"]),
        ("The summit is planned for next month.", ["next month"]),
        ("Shelling resumed three days ago near the border.", ["three days ago"]),
        ("He will arrive on Friday, Jan. 6, for talks.", ["on Friday, Jan. 6"]),
        ("Sanctions imposed after February's offensive hurt trade.", ["after February"]),
        ("The budget for 2014-2016 was cut by 1,900 units.", []),
        ("About 1500 soldiers crossed in the 1990s.", []),  # counts and decades are not dates
    ],
)
def test_date_expressions(sentence: str, found: list[str]) -> None:
    assert date_expressions(sentence) == found


@pytest.mark.parametrize(
    ("sentence", "published", "tense_past", "expected"),
    [
        ("The two ministers met in Geneva on Tuesday to discuss the truce.", FRI, True,
         "2022-12-27"),
        ("The accord was signed in August 2008 after five days of fighting.", FRI, True,
         "2008-08"),
        ("Troops have held the province since 2014.", FRI, True, None),
        ("Grain exports rose in the first 11 months of this year.", FRI, True, None),
        ("He will arrive on Friday, Jan. 6, for talks.", FRI, False, "2023-01-06"),
        ("The summit is planned for next month.", FRI, False, "2023-01"),
        ("Nothing here has a date.", FRI, True, None),
    ],
)
def test_sentence_date(
    sentence: str, published: str, tense_past: bool, expected: str | None
) -> None:
    assert sentence_date(sentence, published, tense_past=tense_past) == expected


ODD = [
    "", " ", "\x00", "\u200b", "\ufeff2014", "２０１４", "٢٠٢٢-١٢-٣٠", "𝟚𝟘𝟙𝟜", "Ｆｒｉｄａｙ",
    "ﬁrst", "İstanbul 2014", "ß", "’s", "'", "-", "--2014--", "9999-12-31", "0000-00-00",
    "0001-01-01", "99999", "10000 years ago", "9999 years ago", "99999999999999999999 days ago",
    "1 day ago", "the the the", "on on on Friday", "last last Friday", "mid-", "early",
    "December 0", "0 December", "December 99 2022", "31/31/2022", "00/00/0000", "Friday" * 40,
    "a" * 10_000, "\n\t2014\r\n", "2014\x00", "🙂 Friday 🙂", "Pазгром 2014", "August 2008 😀",
    None, 2014, 3.5, b"2014", ["2014"],
]
ODD_PUBLISHED = [FRI, None, "", "0001-01-01", "9999-12-31", "2022-13-01", "🙂", "٢٠٢٢-١٢-٣٠"]


@pytest.mark.parametrize("published", ODD_PUBLISHED)
def test_never_raises_on_odd_input(published: str | None) -> None:
    for expr in ODD:
        for tense_past in (True, False):
            value = resolve_date(expr, published, tense_past=tense_past)  # type: ignore[arg-type]
            assert value is None or ISO.match(value)
            assert event_date([expr], published, tense_past=tense_past) in {  # type: ignore[list-item]
                value, None
            }
        if isinstance(expr, str):
            for found in date_expressions(expr):
                assert isinstance(found, str)
            sentence_date(expr, published)


def test_never_raises_on_random_token_soup() -> None:
    rng = random.Random(20221230)
    tokens = [
        "on", "in", "last", "next", "this", "the", "of", "early", "mid-", "late", "ago", "days",
        "year", "month", "week", "Friday", "Dec.", "December", "30", "31", "2022", "0",
        "99", "-", "/", ",", "'s", "🙂", "\u0301", "ß", "29", "February", "13", "45",
    ]
    for _ in range(3000):
        expr = " ".join(rng.choice(tokens) for _ in range(rng.randint(0, 6)))
        if rng.random() < 0.3:
            expr = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 4)))
        for published in (FRI, "0001-01-01", "9999-12-31", None):
            value = resolve_date(expr, published, tense_past=rng.random() < 0.5)
            assert value is None or ISO.match(value), (expr, published, value)
        sentence_date(expr, FRI)


def test_results_are_valid_partial_dates() -> None:
    for expr, published, _ in PAST_CASES:
        value = resolve_date(expr, published)
        assert Relation(source="a", target="b", relation="met_with", date=value).date == value


def test_resolution_is_fast() -> None:
    exprs = [expr for expr, _, _ in PAST_CASES]
    uncached = dates._resolve_cached.__wrapped__
    rounds = 20
    start = time.perf_counter()
    for _ in range(rounds):
        for expr in exprs:
            uncached(expr, FRI, True)
    mean_us = (time.perf_counter() - start) / (rounds * len(exprs)) * 1e6
    # Typically ~10 µs; the bound is loose so slow CI machines do not flake.
    assert mean_us < 200, mean_us
