"""Property: the extractor takes any Unicode text without raising, and every offset it returns
indexes its own text (evidence sentence == text[start:end], mention text likewise).

Bounded for CI: 100 examples per property, no deadline (the first example loads nothing, but a
long random text can take a second). Texts mix random Unicode with news fragments of our own so
that the event path runs too, not just the "no actor found" one. Lone surrogates are not valid
Unicode and are refused before extraction (``graphsvc.records.check_unicode``)."""

from __future__ import annotations

import importlib.util
from datetime import date as Date
from typing import Any

import pytest

from graphsvc.records import MAX_YEAR, MIN_YEAR, Document, Extraction
from graphsvc.settings import Settings

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec(Settings().spacy_model) is None,
    reason="the spaCy model named by GRAPHSVC_SPACY_MODEL is not installed",
)

FRAGMENTS = (
    "Kenya accused Uganda of shelling a border village on Friday. ",
    "The president of Mexico met Canada's prime minister in Ottawa last week. ",
    "Japan did not sanction Russia. ",
    "India will sign a defence pact with France in 2026. ",
    "Officials said Egypt had condemned the strike. ",
    "Xi Jinping ",
    " on Tuesday",
    "\n\n",
    "NATO",
    " in Kyiv.",
    ", ",
)
TEXTS = st.lists(
    st.one_of(st.text(max_size=40), st.sampled_from(FRAGMENTS)), max_size=12
).map("".join)
# Every publication date the date rule accepts, its first and last day included.
DATES = st.one_of(st.none(), st.dates(Date(MIN_YEAR, 1, 1), Date(MAX_YEAR, 12, 31)).map(
    lambda d: d.isoformat()))
# database=None: no .hypothesis/ directory is written into the work tree.
BOUNDED = settings(max_examples=100, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow])


@pytest.fixture(scope="module")
def extractor() -> Any:
    from graphsvc.extract import Extractor

    return Extractor(Settings())


def check_offsets(text: str, extraction: Extraction) -> None:
    for rel in extraction.relations:
        assert rel.evidence
        for ev in rel.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.sentence
    for mention in extraction.mentions:
        assert 0 <= mention.start <= mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text


@BOUNDED
@given(text=st.text(), date=DATES)
def test_any_unicode_never_raises(extractor: Any, text: str, date: str | None) -> None:
    extraction = extractor.extract(Document(id="p", text=text, date=date))
    check_offsets(text, extraction)


@BOUNDED
@given(text=TEXTS, date=DATES)
def test_news_mixed_with_noise_keeps_offsets(extractor: Any, text: str,
                                             date: str | None) -> None:
    extraction = extractor.extract(Document(id="p", text=text, date=date))
    check_offsets(text, extraction)


@BOUNDED
@given(texts=st.lists(TEXTS, min_size=1, max_size=4))
def test_batched_reading_equals_one_by_one(extractor: Any, texts: list[str]) -> None:
    docs = [Document(id=f"p{i}", text=t, date="2024-05-16") for i, t in enumerate(texts)]
    assert list(extractor.extract_many(docs)) == [extractor.extract(d) for d in docs]
