"""Ids and dates that the pipeline cannot hold are refused where they enter (issue 13, items 1,
4 and 5), and a batch is written all or nothing.

* Dates: one rule (``graphsvc.records.DATE_RULE``): YYYY[-MM[-DD]], ASCII digits, a real day,
  years 1000-2999, for document dates (JSON, text/plain, X-Document-Date, the CLI, the
  clients) and for since/until. "9999-12-31" used to crash the extractor (500); "２０２４" was
  stored as sent and never matched a filter.
* Ids: one rule (``graphsvc.records.ID_RULE``): "c/d" used to be created (201) and then could be
  neither read nor deleted; bidi overrides, zero-width and control characters are refused too.
* ``POST /documents/batch``: validated and extracted before one transaction; 40 good documents
  and one bad used to leave 32 stored.

The documents here are made up (``pair_text``: invented names meeting and criticising).
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from test_reliability_http_fakes import PairExtractor, live_server, make_service, pair_text

import graphsvc.service
from graphsvc.api.app import create_app
from graphsvc.cli import main
from graphsvc.client import Client, ValidationError
from graphsvc.documents import parse_jsonl, parse_text
from graphsvc.errors import BadInput
from graphsvc.graph.filters import date_interval, make_filter
from graphsvc.local import LocalClient
from graphsvc.records import (
    PARTIAL_DATE_PATTERN,
    Document,
    Extraction,
    check_doc_id,
    parse_partial_date,
)
from graphsvc.service import GraphService
from graphsvc.settings import Settings

PACKAGE = Path(__file__).resolve().parent.parent / "graphsvc"

# Dates that break the rule, each for its own reason.
BAD_DATES = [
    "9999-12-31",  # crashed the extractor: the role span of a year ends on the next year's 1st
    "9999",
    "3000-01-01",
    "0999-12-31",
    "0001-01-01",
    "２０２４-0５-1６",  # full-width digits
    "٢٠٢٤-٠٥-١٦",  # Arabic-Indic digits
    "2024-05-16\n",  # a trailing newline passed the old "^...$" regex
    "2024-5-16",
    "2023-02-29",
    "2024-13",
    "20240516",
    "2_024",
    " 2024",
]
GOOD_DATES = ["1000-01-01", "1000", "2999-12-31", "2999", "2024-02-29", "2024-05"]


@pytest.fixture
def service(tmp_path: Path) -> Iterator[GraphService]:
    svc = make_service(tmp_path / "d")
    yield svc
    svc.close()


@pytest.fixture
def http(service: GraphService) -> Iterator[TestClient]:
    with TestClient(create_app(service.settings, service), raise_server_exceptions=False) as c:
        yield c


def _state(service: GraphService) -> tuple[dict[str, int], int, int]:
    return service.store.counts(), service.store.change_seq(), service.graph.number_of_edges()


def _problem(response: Any, status: int = 422, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text[:400]
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    if field is not None:
        assert [e["field"] for e in body["errors"]] == [field], body
    return body


# -- the date rule ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", BAD_DATES)
def test_the_date_rule_refuses(value: str) -> None:
    with pytest.raises(ValueError, match="date must be YYYY"):
        parse_partial_date(value)
    with pytest.raises(BadInput, match="not a date"):
        date_interval(value)


@pytest.mark.parametrize("value", GOOD_DATES)
def test_the_date_rule_accepts(value: str) -> None:
    year, month, _day = parse_partial_date(value)
    assert f"{year:04d}" == value[:4] and (month is None) == (len(value) == 4)
    first, last = date_interval(value)
    assert first <= last and first.startswith(value[:4])


@pytest.mark.parametrize("value", BAD_DATES)
def test_post_refuses_a_date_outside_the_rule(
    http: TestClient, service: GraphService, value: str
) -> None:
    before = _state(service)
    body = _problem(http.post("/documents", json={"id": "d1", "text": pair_text("A"),
                                                  "date": value}), field="body.date")
    assert "year 1000 to 2999" in body["detail"]
    assert _state(service) == before


@pytest.mark.parametrize("value", ["9999-12-31", "２０２４-05-16"])
def test_plain_text_dates_follow_the_rule(http: TestClient, value: str) -> None:
    plain = {"Content-Type": "text/plain; charset=utf-8"}
    _problem(http.post(f"/documents?id=p1&date={quote(value)}", content=pair_text("B"),
                       headers=plain), field="query.date")
    _problem(http.post("/documents?id=p1", content=pair_text("B"),
                       headers={**plain, "X-Document-Date": quote(value)}), field="query.date")


@pytest.mark.parametrize("value", GOOD_DATES)
def test_post_accepts_the_ends_of_the_range(http: TestClient, value: str) -> None:
    response = http.post("/documents", json={"id": "d1", "text": pair_text("C"), "date": value})
    assert response.status_code == 201, response.text
    assert http.get("/documents/d1").json()["date"] == value


@pytest.mark.parametrize(
    "query",
    ["since=２０２４", "until=٢٠٢٤", "since=9999", "until=0999-01", "since=2024-05-16%0A",
     "since=2_024"],
)
@pytest.mark.parametrize("route", ["/events", "/timeline?source=P_ArdenA",
                                   "/entities/P_ArdenA/neighbourhood"])
def test_since_and_until_follow_the_rule(http: TestClient, route: str, query: str) -> None:
    http.post("/documents", json={"id": "d1", "text": pair_text("A"), "date": "2024-05-16"})
    joiner = "&" if "?" in route else "?"
    name = query.split("=", 1)[0]
    body = _problem(http.get(f"{route}{joiner}{query}"), field=f"query.{name}")
    assert "ASCII digits" in body["detail"]


def test_since_with_ascii_digits_still_matches(http: TestClient) -> None:
    http.post("/documents", json={"id": "d1", "text": pair_text("A"), "date": "2024-05-16"})
    assert http.get("/events?since=2024").json()["items"]
    assert http.get("/events?since=2024-05-16&until=2024-05-16").json()["items"]


def test_the_partial_date_regex_exists_once() -> None:
    """Every date check goes through ``graphsvc.records``; nothing else in the package spells
    a partial-date regex (graphsvc/nlp reads date words in running text, a different job)."""
    shapes = re.compile(r"\\d\{4\}|\[0-9\]\{4\}|\[12\]\[0-9\]\{3\}")
    found = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "nlp" not in path.parts and shapes.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["records.py"]
    assert PARTIAL_DATE_PATTERN.count("[0-9]") >= 1 and "\\d" not in PARTIAL_DATE_PATTERN


def test_a_timestamp_becomes_its_day_only_in_ascii() -> None:
    row = json.dumps({"id": "t", "text": "x", "date": "2022-12-30T08:00:00Z"})
    assert next(parse_jsonl([row], "f.jsonl")).date == "2022-12-30"
    wide = json.dumps({"id": "t", "text": "x", "date": "２０２２-12-30T08:00:00Z"})
    with pytest.raises(BadInput, match=r"f\.jsonl:1: date"):
        list(parse_jsonl([wide], "f.jsonl"))


@pytest.mark.parametrize("header", ["date 9999-12-31", "date ２０２４-05-16", "date 2024-05"])
def test_a_text_date_header_follows_the_rule(header: str) -> None:
    with pytest.raises(BadInput, match=r"story\.txt:1: date header must be YYYY-MM-DD"):
        parse_text(f"{header}\n{pair_text('D')}", doc_id="story", source="story.txt")


RELATIVE = [
    "Xi Jinping will meet Vladimir Putin tomorrow.",
    "Xi Jinping met Vladimir Putin yesterday.",
    "Xi Jinping met Vladimir Putin 9999 days ago.",
    "Xi Jinping met Vladimir Putin on 0999-05-01.",
    "Xi Jinping will meet Vladimir Putin next year.",
    "Xi Jinping will meet Vladimir Putin in January.",
]


@pytest.mark.skipif(importlib.util.find_spec(Settings().spacy_model) is None,
                    reason="the spaCy model named by GRAPHSVC_SPACY_MODEL is not installed")
def test_real_extraction_at_the_ends_of_the_range() -> None:
    """The real pipeline on publication dates at both ends of the range: people with dated
    roles (the old crash: a role span ends on the next year's first day) and relative dates
    that land outside the range, which leave the event undated rather than refuse it."""
    from graphsvc.extract import Extractor

    extractor = Extractor(Settings())
    dated = []
    for published in ["1000-01-01", "1000", "2999-12-31", "2999-12", "2999"]:
        for text in RELATIVE:
            extraction = extractor.extract(Document(id="x", text=text, date=published))
            events = [r for r in extraction.relations if r.cameo]
            assert events, (published, text)
            for rel in events:
                if rel.date is not None:
                    parse_partial_date(rel.date)
                    dated.append(rel.date)
    assert "2999-12-30" in dated  # "yesterday", inside the range, is kept


# -- a batch is all or nothing ---------------------------------------------------------------


def _batch(count: int) -> list[dict[str, Any]]:
    return [{"id": f"b-{i:03d}", "text": pair_text(f"N{i}"), "date": "2024-05-16"}
            for i in range(count)]


def test_a_batch_with_one_bad_date_stores_nothing(http: TestClient, service: GraphService
                                                  ) -> None:
    """The issue's case: 40 good documents, then "9999-12-31", used to store 32 and answer 500."""
    before = _state(service)
    rows = [*_batch(40), {"id": "b-bad", "text": pair_text("Z"), "date": "9999-12-31"}]
    _problem(http.post("/documents/batch", json=rows), field="body.40.date")
    assert _state(service) == before


class FailingExtractor(PairExtractor):
    """Fails on the document whose id is ``fail_on`` (an extractor bug, a dead model…)."""

    def __init__(self, fail_on: str) -> None:
        self.fail_on = fail_on

    def extract(self, doc: Document) -> Extraction:
        if doc.id == self.fail_on:
            raise RuntimeError("extractor failed")
        return super().extract(doc)


def test_an_extraction_failure_late_in_a_batch_stores_nothing(tmp_path: Path) -> None:
    service = make_service(tmp_path / "d")
    service._extractor = FailingExtractor(fail_on="b-040")
    try:
        before = _state(service)
        with TestClient(create_app(service.settings, service),
                        raise_server_exceptions=False) as http:
            assert http.post("/documents/batch", json=_batch(41)).status_code == 500
        assert _state(service) == before
        # Once the cause is gone the same batch goes in whole.
        service._extractor = PairExtractor()
        results = service.ingest_many(Document(**row) for row in _batch(41))
        assert [r.status for r in results] == ["created"] * 41
        assert service.store.counts()["documents"] == 41
    finally:
        service.close()


def test_a_store_failure_late_in_a_batch_stores_nothing(tmp_path: Path) -> None:
    """The last document's extraction names an entity that exists nowhere: the store refuses
    it inside the batch's one transaction, so the 40 written before it are rolled back."""
    service = make_service(tmp_path / "d")
    try:
        before = _state(service)
        docs = [Document(**row) for row in _batch(41)]
        extractor = PairExtractor()
        broken = extractor.extract(docs[-1])
        broken.entities.pop()

        class Broken(PairExtractor):
            def extract(self, doc: Document) -> Extraction:
                return broken if doc.id == docs[-1].id else extractor.extract(doc)

        service._extractor = Broken()
        with pytest.raises(BadInput, match="unknown entity"):
            service.ingest_many(docs)
        assert _state(service) == before
    finally:
        service.close()


def test_a_batch_is_published_once_whole(http: TestClient, service: GraphService) -> None:
    seen: list[int] = []
    publish = service._publish

    def spy(graph: Any) -> None:
        seen.append(graph.number_of_edges())
        publish(graph)

    service._publish = spy  # type: ignore[method-assign]
    response = http.post("/documents/batch", json=_batch(70))
    assert response.status_code == 200, response.text
    assert len(seen) == 1 and seen[0] == service.graph.number_of_edges() == 70 * 3


# -- the id rule --------------------------------------------------------------------------------

BAD_IDS = {
    "slash": "c/d",
    "leading slash": "/etc",
    "dot": ".",
    "dot dot": "..",
    "RLO": "abc\u202edcba",
    "zero-width space": "a\u200bb",
    "zero-width joiner": "a\u200db",
    "BOM": "\ufeffid",
    "soft hyphen": "a\u00adb",
    "NUL": "a\x00b",
    "newline": "a\nb",
    "tab": "a\tb",
    "ESC": "a\x1b[31mb",
    "DEL": "a\x7fb",
    "C1 control": "a\x85b",
    "line separator": "a\u2028b",
    "too long": "x" * 201,
}
GOOD_IDS = ["a b", "Ünïcødé-ß-日本", "..x", "a\\b", "a%2Fb", "q?x#y", "x" * 200, "~", "a.b"]


@pytest.mark.parametrize("doc_id", BAD_IDS.values(), ids=BAD_IDS.keys())
def test_the_id_rule_refuses(doc_id: str) -> None:
    with pytest.raises(ValueError, match="id must be"):
        check_doc_id(doc_id)
    with pytest.raises(ValueError, match=r"id must be|at most 200 characters"):
        Document(id=doc_id, text="x")


@pytest.mark.parametrize("doc_id", BAD_IDS.values(), ids=BAD_IDS.keys())
def test_post_refuses_a_bad_id(http: TestClient, service: GraphService, doc_id: str) -> None:
    before = _state(service)
    _problem(http.post("/documents", json={"id": doc_id, "text": pair_text("E")}),
             field="body.id")
    rows = [*_batch(3), {"id": doc_id, "text": pair_text("F")}]
    _problem(http.post("/documents/batch", json=rows), field="body.3.id")
    _problem(http.post(f"/documents?id={quote(doc_id, safe='')}", content=pair_text("G"),
                       headers={"Content-Type": "text/plain"}), field="query.id")
    assert _state(service) == before


# ("." and ".." never reach the server: clients drop such path segments, which is why they are
# refused as ids.)
@pytest.mark.parametrize("doc_id", ["abc\u202edcba", "a\u200bb", "a\x00b", "x" * 201])
def test_a_bad_id_in_the_path_is_a_422(http: TestClient, doc_id: str) -> None:
    path = f"/documents/{quote(doc_id, safe='')}"
    _problem(http.get(path), field="path.doc_id")
    _problem(http.delete(path), field="path.doc_id")


def test_every_id_that_can_be_created_can_be_read_and_deleted(service: GraphService) -> None:
    """Over real HTTP (uvicorn): Starlette's TestClient decodes the path twice, so it would
    read /documents/a%252Fb as a/b, which no real server does."""
    with live_server(create_app(service.settings, service)) as base, \
            httpx.Client(base_url=base) as http:
        for doc_id in GOOD_IDS:
            created = http.post("/documents", json={"id": doc_id, "text": pair_text("H")})
            assert created.status_code == 201, created.text
            location = created.headers["location"]
            assert location == f"/documents/{quote(doc_id, safe='')}"
            assert http.get(location).json()["id"] == doc_id
            assert http.delete(location).status_code == 204
            assert http.get(location).status_code == 404


@pytest.mark.parametrize("mode", ["http", "local"])
@pytest.mark.parametrize("doc_id", ["c/d", "a\u202eb"])
def test_clients_refuse_a_bad_id_as_the_server_does(
    http: TestClient, service: GraphService, mode: str, doc_id: str
) -> None:
    kg: Any = Client(http=http) if mode == "http" else LocalClient(service.settings, service)
    for call, field in ((lambda: kg.document(doc_id), "path.doc_id"),
                        (lambda: kg.delete_document(doc_id), "path.doc_id"),
                        (lambda: kg.ingest(pair_text("I"), doc_id), "body.id"),
                        (lambda: kg.ingest_many([{"text": pair_text("J"), "id": doc_id}]),
                         "body.0.id")):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.status == 422 and caught.value.code == "E001"
        assert [e["field"] for e in caught.value.errors] == [field]


# -- the CLI skips, with a reason, what the rules refuse -----------------------------------------


class _NameService(GraphService):
    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, extractor=PairExtractor())


def test_cli_ingest_skips_bad_dates_and_ids_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(graphsvc.service, "GraphService", _NameService)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = [
        {"id": "ok-1", "text": pair_text("K"), "date": "2024-05-16"},
        {"id": "far", "text": pair_text("L"), "date": "9999-12-31"},
        {"id": "wide", "text": pair_text("M"), "date": "２０２４-05-16"},
        {"id": "c/d", "text": pair_text("N")},
        {"id": "ok-2", "text": pair_text("O"), "date": "2999-12-31"},
    ]
    (corpus / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    (corpus / "rlo\u202eevil.txt").write_text(pair_text("P"), encoding="utf-8")
    (corpus / "future.txt").write_text(f"date 9999-12-31\n{pair_text('Q')}", encoding="utf-8")
    report = tmp_path / "skipped.jsonl"
    argv = ["--data-dir", str(tmp_path / "data"), "ingest", "--workers", "1", "--skipped",
            str(report), str(corpus)]
    assert main(argv) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    with report.open(encoding="utf-8") as lines:
        skipped = {row["id"] or Path(row["source"]).stem: row for row in map(json.loads, lines)}
    assert set(skipped) == {"far", "wide", "c/d", "rlo\u202eevil", "future"}
    assert {row["code"] for row in skipped.values()} == {"E001"}
    assert "year 1000 to 2999" in skipped["far"]["reason"]
    assert "ASCII digits" in skipped["wide"]["reason"]
    assert "U+002F" in skipped["c/d"]["reason"]
    assert "U+202E" in skipped["rlo\u202eevil"]["reason"]
    assert "date header must be YYYY-MM-DD" in skipped["future"]["reason"]
    done = GraphService(Settings(data_dir=tmp_path / "data"), extractor=PairExtractor())
    try:
        assert sorted(d.id for d in done.store.list_documents()) == ["ok-1", "ok-2"]
    finally:
        done.close()


def test_filters_follow_the_rule_in_local_mode_too() -> None:
    with pytest.raises(BadInput) as caught:
        make_filter(since="２０２４", until="9999")
    assert [e["field"] for e in caught.value.extra["errors"]] == ["query.since", "query.until"]


def test_a_store_written_under_the_old_rules_stays_readable(tmp_path: Path) -> None:
    """Ids with "/" and any year were accepted before: such rows are read back, not refused."""
    import sqlite3

    service = make_service(tmp_path / "d")
    service.ingest(Document(id="d1", text=pair_text("R"), date="2024-05-16"))
    service.close()
    with sqlite3.connect(tmp_path / "d" / "graphsvc.db") as conn:
        conn.execute("INSERT INTO documents (id, text, date, content_hash, ingested_at)"
                     " VALUES ('wire/2020/1', 'Old text.', '9999', 'h', '2020-01-01')")
        conn.execute("UPDATE relations SET date = '0999-05-01' WHERE relation = 'met_with'")
    conn.close()
    service = make_service(tmp_path / "d")
    try:
        with TestClient(create_app(service.settings, service)) as http:
            listed = http.get("/documents").json()["items"]
            assert {(d["id"], d["date"]) for d in listed} == {
                ("d1", "2024-05-16"), ("wire/2020/1", "9999")}
            dates = {e["date"] for e in http.get("/events").json()["items"]}
            assert "0999-05-01" in dates
    finally:
        service.close()
