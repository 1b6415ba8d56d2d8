"""Auth: with GRAPHSVC_API_KEY set, every write without the key or with a wrong one is a 401
problem+json, whatever its body, and leaves the store and the graph exactly as they were.
Missing and wrong keys are both 401 (one shared key: no identity to refuse with a 403)."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_reliability_http_fakes import make_service, pair_text

from graphsvc.api import auth
from graphsvc.api.app import create_app
from graphsvc.records import Document
from graphsvc.service import GraphService

KEY = "correct-horse-battery"
DOC = {"id": "new-1", "text": pair_text("N"), "date": "2024-05-16"}
JSON = {"Content-Type": "application/json"}

# Every write route, with bodies good and bad: auth comes before any parsing.
WRITES: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/documents", {"json": DOC}),
    ("POST", "/documents", {"content": b"plain text", "headers": {"Content-Type": "text/plain"}}),
    ("POST", "/documents", {"content": b'{"id": ', "headers": JSON}),
    ("POST", "/documents", {"json": {"id": 5}}),
    ("POST", "/documents/batch", {"json": [DOC]}),
    ("POST", "/documents/batch", {"content": b"[{", "headers": JSON}),
    ("DELETE", "/documents/seed-1", {}),
    ("DELETE", "/documents/no-such-doc", {}),
    ("PUT", "/documents/seed-1", {"json": DOC}),
    ("PATCH", "/entities/P_ArdenS", {"json": {}}),
]
BAD_KEYS: list[str | None] = [None, "", "wrong", KEY[:-1], KEY + "x", KEY.upper(), f" {KEY}"]


@pytest.fixture
def keyed(tmp_path: Path) -> Iterator[tuple[TestClient, GraphService]]:
    service = make_service(tmp_path / "d", api_key=KEY)
    service.ingest(Document(id="seed-1", text=pair_text("S"), date="2024-01-02"))
    with TestClient(create_app(service.settings, service)) as client:
        yield client, service
    service.close()


def snapshot(service: GraphService) -> tuple[dict[str, int], int, int, list[str]]:
    graph = service.graph
    docs = [d.id for d in service.store.list_documents(offset=0, limit=1000)]
    return service.store.counts(), graph.number_of_nodes(), graph.number_of_edges(), docs


@pytest.mark.parametrize("key", BAD_KEYS)
@pytest.mark.parametrize(("method", "path", "kwargs"), WRITES)
def test_writes_without_the_right_key_are_401_and_change_nothing(
    keyed: tuple[TestClient, GraphService],
    method: str,
    path: str,
    kwargs: dict[str, Any],
    key: str | None,
) -> None:
    client, service = keyed
    before = snapshot(service)
    kwargs = dict(kwargs)
    headers = dict(kwargs.pop("headers", {}))
    if key is not None:
        headers["X-API-Key"] = key
    response = client.request(method, path, headers=headers, **kwargs)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "E004"
    assert "X-API-Key" in response.headers["www-authenticate"]
    assert snapshot(service) == before


def test_the_right_key_writes(keyed: tuple[TestClient, GraphService]) -> None:
    client, service = keyed
    headers = {"X-API-Key": KEY}
    assert client.post("/documents", json=DOC, headers=headers).status_code == 201
    assert client.delete("/documents/seed-1", headers=headers).status_code == 204
    assert [d.id for d in service.store.list_documents(offset=0, limit=10)] == ["new-1"]


def test_every_write_route_is_guarded(keyed: tuple[TestClient, GraphService]) -> None:
    """Every operation with an unsafe method in the live schema, present or future, declares
    the X-API-Key scheme (it depends on require_api_key), and the table above covers it."""
    client, _service = keyed
    schema = client.get("/openapi.json").json()
    writes = {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method.upper() not in {"GET", "HEAD", "OPTIONS"}
    }
    assert writes == {("POST", "/documents"), ("POST", "/documents/batch"),
                      ("DELETE", "/documents/{doc_id}")}
    for method, path in writes:
        assert schema["paths"][path][method.lower()]["security"] == [{"APIKeyHeader": []}]
    covered = {(m, "/documents/{doc_id}" if m == "DELETE" else p) for m, p, _ in WRITES}
    assert writes <= covered


def test_reads_stay_open(keyed: tuple[TestClient, GraphService]) -> None:
    client, _service = keyed
    for path in ("/health", "/ready", "/entities", "/documents", "/stats", "/export/json"):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize(("given", "ok"), [(KEY, True), ("wrong", False), (KEY + "x", False)])
def test_keys_are_compared_with_compare_digest(
    keyed: tuple[TestClient, GraphService],
    monkeypatch: pytest.MonkeyPatch,
    given: str,
    ok: bool,
) -> None:
    client, _service = keyed
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    response = client.post("/documents", json=DOC, headers={"X-API-Key": given})
    assert response.status_code == (201 if ok else 401)
    # Middleware and route dependency both compare, in constant time, every time.
    assert len(calls) == (2 if ok else 1)
    assert all(expected == KEY.encode() for _given, expected in calls)
