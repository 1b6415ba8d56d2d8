"""Documents: ingest as JSON or text/plain (date from query or header), batches, deletion."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

TEXT = "Bob Sample met Ann Example in Bonn."


@pytest.mark.parametrize(
    ("params", "headers", "date"),
    [
        ({"id": "plain-1", "date": "2023-02-01"}, {}, "2023-02-01"),
        ({"id": "plain-1"}, {"X-Document-Date": "2023-03-04"}, "2023-03-04"),
        ({"id": "plain-1", "title": "Bonn"}, {}, None),
    ],
)
def test_plain_text_ingest(client: TestClient, params: dict[str, str],
                           headers: dict[str, str], date: str | None) -> None:
    response = client.post("/documents", content=TEXT.encode(), params=params,
                           headers={"Content-Type": "text/plain; charset=utf-8", **headers})
    assert response.status_code == 201
    assert response.json()["relations"] == 1
    doc = client.get("/documents/plain-1").json()
    assert doc["date"] == date and doc["text"] == TEXT


def test_plain_text_without_id_gets_a_content_id(client: TestClient) -> None:
    response = client.post("/documents", content=TEXT.encode(),
                           headers={"Content-Type": "text/plain"})
    assert response.status_code == 201
    assert response.json()["doc_id"].startswith("doc-")


@pytest.mark.parametrize(
    ("content", "params", "field"),
    [
        (b"", {}, "body"),
        (TEXT.encode(), {"date": "2023-02-30"}, "query.date"),
        (b"\xff\xfe bad", {}, "body"),
    ],
)
def test_plain_text_errors(client: TestClient, content: bytes, params: dict[str, str],
                           field: str) -> None:
    response = client.post("/documents", content=content, params=params,
                           headers={"Content-Type": "text/plain"})
    assert response.status_code == 422
    assert field in {e["field"] for e in response.json()["errors"]}


def test_batch_ingest(client: TestClient) -> None:
    docs = [{"id": "b-1", "text": TEXT, "date": "2023-01-01"},
            {"id": "b-2", "text": "Ann Example criticised Gamma Corp.", "date": "2023-01-02"},
            {"id": "doc-1", "text": client.get("/documents/doc-1").json()["text"],
             "date": "2022-12-30"}]
    response = client.post("/documents/batch", json=docs)
    assert response.status_code == 200
    assert [r["status"] for r in response.json()["items"]] == ["created", "created", "unchanged"]
    assert client.get("/health").json()["documents"] == 3


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ([{"id": "x"}], 422, "body.0.text"),
        ([{"id": "x", "text": "   "}], 422, None),
        ({"id": "x", "text": "y"}, 422, "body"),
    ],
)
def test_batch_errors(client: TestClient, body: Any, status: int, field: str | None) -> None:
    response = client.post("/documents/batch", json=body)
    assert response.status_code == status
    if field:
        assert field in {e["field"] for e in response.json()["errors"]}
    assert client.get("/health").json()["documents"] == 1  # nothing written


def test_delete_removes_edges_only_it_supported(client: TestClient) -> None:
    client.post("/documents", json={"id": "doc-2", "text": TEXT, "date": "2022-12-30"})
    assert client.delete("/documents/doc-1").status_code == 204
    relations = {e["relation"] for e in client.get("/relations").json()["items"]}
    assert relations == {"met_with"}  # doc-2 still supports the meeting; the criticism went
