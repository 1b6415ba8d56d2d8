"""Limits and bad input at the HTTP level: each a 4xx problem+json with a stable code, never
a 500, and no write when refused (store counts unchanged)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_reliability_http_fakes import make_service, pair_text

from graphsvc.api.app import create_app
from graphsvc.records import Document
from graphsvc.service import GraphService

JSON = {"Content-Type": "application/json"}
PLAIN = {"Content-Type": "text/plain; charset=utf-8"}
OK_DOC = {"id": "ok-1", "text": pair_text("K"), "date": "2024-05-16"}
BIG = 10 * 1024 * 1024

# (name, method, path, request kwargs, status, code)
CASES: list[tuple[str, str, str, dict[str, Any], int, str]] = [
    ("depth 50", "GET", "/entities/P_ArdenS/neighbourhood?depth=50", {}, 422, "E001"),
    ("depth 0", "GET", "/entities/P_ArdenS/neighbourhood?depth=0", {}, 422, "E001"),
    ("entities limit 1e9", "GET", "/entities?limit=1000000000", {}, 422, "E001"),
    ("relations limit 1e9", "GET", "/relations?limit=1000000000", {}, 422, "E001"),
    ("documents limit 1e9", "GET", "/documents?limit=1000000000", {}, 422, "E001"),
    ("offset beyond int64", "GET", "/documents?offset=" + "9" * 30, {}, 422, "E001"),
    ("limit of 5000 digits", "GET", "/entities?limit=" + "9" * 5000, {}, 422, "E001"),
    ("page_size huge", "GET", "/events?page_size=" + "9" * 25, {}, 422, "E001"),
    ("page_size 0", "GET", "/events?page_size=0", {}, 422, "E001"),
    ("page_token forged", "GET", "/events?page_token=bm90LWEtdG9rZW4", {}, 422, "E001"),
    ("max_hops 50", "GET", "/paths?source=P_ArdenS&target=P_CorvinS&max_hops=50", {}, 422,
     "E001"),
    ("unknown PLOVER type", "GET", "/events?plover=PARLEY", {}, 422, "E001"),
    ("unknown CAMEO code", "GET", "/events?cameo=99", {}, 422, "E001"),
    ("unknown modality", "GET", "/events?modality=rumoured", {}, 422, "E001"),
    ("unknown view", "GET", "/events?view=some", {}, 422, "E001"),
    ("unknown direction", "GET", "/entities/P_ArdenS/neighbourhood?direction=up", {}, 422,
     "E001"),
    ("unknown format", "GET", "/entities/P_ArdenS/neighbourhood?format=pdf", {}, 422, "E001"),
    ("unknown granularity", "GET", "/timeline?source=P_ArdenS&granularity=day", {}, 422,
     "E001"),
    ("since 2022-13-45", "GET", "/events?since=2022-13-45", {}, 422, "E001"),
    ("since yesterday", "GET", "/events?since=yesterday", {}, 422, "E001"),
    ("until 30 February", "GET", "/events?until=2022-02-30", {}, 422, "E001"),
    ("until before since", "GET", "/events?since=2023&until=2022", {}, 422, "E001"),
    ("confidence nan", "GET", "/events?min_confidence=nan", {}, 422, "E001"),
    ("confidence 2", "GET", "/events?min_confidence=2", {}, 422, "E001"),
    ("dyad of one", "GET", "/events?dyad=P_ArdenS", {}, 422, "E001"),
    ("unknown entity", "GET", "/entities/P_Nobody", {}, 404, "E002"),
    ("unknown entity hood", "GET", "/entities/P_Nobody/neighbourhood", {}, 404, "E002"),
    ("unknown path end", "GET", "/paths?source=P_ArdenS&target=P_Nobody", {}, 404, "E002"),
    ("unknown timeline actor", "GET", "/timeline?source=P_Nobody", {}, 404, "E002"),
    ("unknown relation key", "GET", "/relations/r_0000000000000000", {}, 404, "E002"),
    ("unknown provenance", "GET", "/relations/r_0000000000000000/provenance", {}, 404, "E002"),
    ("unknown document", "GET", "/documents/nope", {}, 404, "E002"),
    ("NUL in an id", "GET", "/documents/a%00b", {}, 422, "E001"),
    ("traversal in static", "GET", "/static/..%2F..%2Fsettings.py", {}, 404, "E002"),
    ("traversal in static 2", "GET", "/static/%2e%2e%2fapp.py", {}, 404, "E002"),
    ("unknown route", "GET", "/admin", {}, 404, "E002"),
    ("delete unknown", "DELETE", "/documents/nope", {}, 404, "E002"),
    ("malformed JSON", "POST", "/documents", {"content": b'{"id": "x", ', "headers": JSON},
     422, "E001"),
    ("JSON nested 100k deep", "POST", "/documents",
     {"content": b"[" * 100_000 + b"]" * 100_000, "headers": JSON}, 422, "E001"),
    ("batch nested deep", "POST", "/documents/batch",
     {"content": b"[" * 100_000 + b"]" * 100_000, "headers": JSON}, 422, "E001"),
    ("JSON not an object", "POST", "/documents", {"json": ["a", "b"]}, 422, "E001"),
    ("JSON null", "POST", "/documents", {"content": b"null", "headers": JSON}, 422, "E001"),
    ("wrong types", "POST", "/documents", {"json": {"id": 5, "text": ["a"]}}, 422, "E001"),
    ("text missing", "POST", "/documents", {"json": {"id": "x"}}, 422, "E001"),
    ("empty text", "POST", "/documents", {"json": {"id": "x", "text": ""}}, 422, "E001"),
    ("whitespace text", "POST", "/documents", {"json": {"id": "x", "text": " \n\t "}}, 422,
     "E001"),
    ("unknown field", "POST", "/documents", {"json": {**OK_DOC, "author": "me"}}, 422, "E001"),
    ("id too long", "POST", "/documents", {"json": {**OK_DOC, "id": "i" * 201}}, 422, "E001"),
    ("date 2022-13-45", "POST", "/documents", {"json": {**OK_DOC, "date": "2022-13-45"}}, 422,
     "E001"),
    ("date yesterday", "POST", "/documents", {"json": {**OK_DOC, "date": "yesterday"}}, 422,
     "E001"),
    ("date a number", "POST", "/documents", {"json": {**OK_DOC, "date": 20240516}}, 422, "E001"),
    ("NUL in text", "POST", "/documents", {"json": {**OK_DOC, "text": "Arden\x00 met"}}, 422,
     "E001"),
    ("bell in text", "POST", "/documents", {"json": {**OK_DOC, "text": "ring \x07 ring"}}, 422,
     "E001"),
    ("escape in text", "POST", "/documents", {"json": {**OK_DOC, "text": "\x1b[31mred"}}, 422,
     "E001"),
    ("newline in id", "POST", "/documents", {"json": {**OK_DOC, "id": "a\nb"}}, 422, "E001"),
    ("tab in title", "POST", "/documents", {"json": {**OK_DOC, "title": "a\tb"}}, 422, "E001"),
    ("lone surrogate", "POST", "/documents",
     {"content": b'{"id": "s", "text": "\\ud800 alone"}', "headers": JSON}, 422, "E001"),
    ("invalid UTF-8 in JSON", "POST", "/documents",
     {"content": b'{"id": "u", "text": "\xff\xfe"}', "headers": JSON}, 422, "E001"),
    ("invalid UTF-8 plain text", "POST", "/documents?id=p",
     {"content": b"caf\xe9 \xff\xfe", "headers": PLAIN}, 422, "E001"),
    ("binary plain text", "POST", "/documents?id=b",
     {"content": bytes(range(256)), "headers": PLAIN}, 422, "E001"),
    ("unknown charset", "POST", "/documents?id=c",
     {"content": b"text", "headers": {"Content-Type": "text/plain; charset=klingon"}}, 415,
     "E007"),
    ("plain text bad date", "POST", "/documents?id=d&date=2022-13-45",
     {"content": b"Arden met Belmor.", "headers": PLAIN}, 422, "E001"),
    ("10 MB JSON body", "POST", "/documents",
     {"content": b'{"id": "big", "text": "' + b"a" * BIG + b'"}', "headers": JSON}, 413, "E003"),
    ("10 MB plain body", "POST", "/documents?id=big",
     {"content": b"word " * (BIG // 5), "headers": PLAIN}, 413, "E003"),
    ("10 MB batch", "POST", "/documents/batch",
     {"content": b'[{"id": "big", "text": "' + b"a" * BIG + b'"}]', "headers": JSON}, 413,
     "E003"),
    ("batch of 1001", "POST", "/documents/batch",
     {"json": [{"id": f"b{n}", "text": "a"} for n in range(1001)]}, 413, "E003"),
    ("batch not a list", "POST", "/documents/batch", {"json": OK_DOC}, 422, "E001"),
    ("batch with one bad", "POST", "/documents/batch",
     {"json": [OK_DOC, {"id": "bad", "text": ""}]}, 422, "E001"),
    ("no content type", "POST", "/documents", {"content": b"{}"}, 415, "E007"),
    ("form body", "POST", "/documents",
     {"content": b"id=x", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
     415, "E007"),
    ("PUT a document", "PUT", "/documents/ok-1", {"json": OK_DOC}, 405, "E006"),
]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, GraphService]]:
    service = make_service(tmp_path / "d")
    service.ingest(Document(id="seed-1", text=pair_text("S"), date="2024-01-02"))
    with TestClient(create_app(service.settings, service), raise_server_exceptions=False) as c:
        yield c, service
    service.close()


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_bad_input_is_a_4xx_problem_and_writes_nothing(
    client: tuple[TestClient, GraphService],
    method: str,
    path: str,
    kwargs: dict[str, Any],
    status: int,
    code: str,
) -> None:
    http, service = client
    before = (service.store.counts(), service.graph.number_of_edges())
    response = http.request(method, path, **kwargs)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["code"] == code
    assert body["detail"] and body["type"].startswith("https://graphsvc.dev/problems/")
    assert (service.store.counts(), service.graph.number_of_edges()) == before


def test_a_huge_neighbourhood_limit_is_capped_not_refused(
    client: tuple[TestClient, GraphService],
) -> None:
    """``limit`` on a neighbourhood is a wish capped by GRAPHSVC_NEIGHBOURHOOD_LIMIT."""
    http, service = client
    response = http.get("/entities/P_ArdenS/neighbourhood", params={"limit": 10**9, "depth": 3})
    assert response.status_code == 200
    assert len(response.json()["edges"]) <= service.settings.neighbourhood_limit


@pytest.mark.parametrize(
    "text",
    ["Arden met Belmor.\tTabs,\r\nCRLF and\x0cform feeds are text.",
     "Ärden met Bëlmor in Zürich.", "北京 met 東京.", "مرحبا met שלום.", "a" * 1000],
)
def test_ordinary_unicode_text_is_accepted(
    client: tuple[TestClient, GraphService], text: str
) -> None:
    http, _service = client
    assert http.post("/documents", json={"id": "u-1", "text": text}).status_code == 201


def test_unknown_relation_labels_match_nothing(client: tuple[TestClient, GraphService]) -> None:
    """Relation labels are open (extractors may add labels): unknown ones filter to empty."""
    http, _service = client
    response = http.get("/events", params={"relation": "parleyed_with"})
    assert response.status_code == 200 and response.json()["items"] == []
