"""Every failure is RFC 9457 problem+json with a stable code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from apifakes import FakeExtractor
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.service import GraphService
from graphsvc.settings import Settings

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance", "code"}


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body.keys() >= PROBLEM_KEYS
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"].startswith("https://graphsvc.dev/problems/")
    return body


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/entities/Q_NOBODY", 404, "E002"),
        ("GET", "/entities/Q_NOBODY/neighbourhood", 404, "E002"),
        ("GET", "/documents/nope", 404, "E002"),
        ("DELETE", "/documents/nope", 404, "E002"),
        ("GET", "/no/such/route", 404, "E002"),
        ("PUT", "/health", 405, "E006"),
        ("GET", "/entities/Q_ANN/neighbourhood?depth=9", 422, "E001"),
        ("GET", "/entities/Q_ANN/neighbourhood?direction=sideways", 422, "E001"),
        ("GET", "/entities?limit=0", 422, "E001"),
    ],
)
def test_error_statuses(client: TestClient, method: str, path: str, status: int, code: str) -> None:
    body = assert_problem(client.request(method, path), status, code)
    assert body["instance"] == path.split("?")[0]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"id": "x"}, "body.text"),
        ({"id": "", "text": "Some words."}, "body.id"),
        ({"id": "x", "text": "Some words.", "date": "2022-02-30"}, "body.date"),
        ({"id": "x", "text": "Some words.", "date": "30/12/2022"}, "body.date"),
        ({"id": "x", "text": "Some words.", "author": "me"}, "body.author"),
    ],
)
def test_validation_errors_name_fields(
    client: TestClient, payload: dict[str, str], field: str
) -> None:
    body = assert_problem(client.post("/documents", json=payload), 422, "E001")
    assert field in {e["field"] for e in body["errors"]}
    assert field in body["detail"]


def test_query_validation_names_the_parameter(client: TestClient) -> None:
    body = assert_problem(client.get("/entities/Q_ANN/neighbourhood?depth=0"), 422, "E001")
    assert body["errors"][0]["field"] == "query.depth"


def test_malformed_json_is_a_problem(client: TestClient) -> None:
    response = client.post(
        "/documents", content=b'{"id": "x", "text": ', headers={"Content-Type": "application/json"}
    )
    body = assert_problem(response, 422, "E001")
    assert body["errors"][0]["field"] == "body"
    assert body["errors"][0]["type"] == "json_invalid"


@pytest.mark.parametrize(
    "content_type", ["text/html", "application/x-www-form-urlencoded", "image/png", None]
)
def test_wrong_content_type_is_415(client: TestClient, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/documents", content=b'{"id": "x", "text": "y"}', headers=headers)
    assert_problem(response, 415, "E007")


@pytest.fixture
def small_client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "small", max_body_bytes=200)
    service = GraphService(settings, extractor=FakeExtractor())
    with TestClient(create_app(settings, service)) as client:
        yield client
    service.close()


def test_413_from_content_length(small_client: TestClient) -> None:
    response = small_client.post("/documents", json={"id": "big", "text": "word " * 100})
    assert_problem(response, 413, "E003")


def test_413_from_streamed_body_without_length(small_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"id": "big", "text": "'
        for _ in range(20):
            yield b"words " * 10
        yield b'"}'

    response = small_client.post(
        "/documents", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert_problem(response, 413, "E003")


def test_body_under_the_limit_passes(small_client: TestClient) -> None:
    response = small_client.post("/documents", json={"id": "ok", "text": "Ann Example spoke."})
    assert response.status_code == 201


def test_unexpected_errors_are_a_logged_500_problem(
    settings: Settings, service: GraphService, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> dict[str, int]:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(service.store, "counts", broken)
    with TestClient(create_app(settings, service), raise_server_exceptions=False) as client:
        body = assert_problem(client.get("/health"), 500, "E000")
    assert "disk on fire" not in body["detail"]
