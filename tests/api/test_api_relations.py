"""GET /relations/{key} and its provenance: every document and sentence, with offsets."""

from __future__ import annotations

import pytest
from apifakes import TEXT
from fastapi.testclient import TestClient

COPY = {"id": "doc-copy", "text": "Ann Example met Bob Sample at noon.", "date": "2022-12-30",
        "title": "Second source", "url": "https://example.org/2"}


def met_key(client: TestClient) -> str:
    items = client.get("/relations", params={"relation": "met_with"}).json()["items"]
    return str(items[0]["key"])


def test_relation_by_key(client: TestClient) -> None:
    key = met_key(client)
    body = client.get(f"/relations/{key}").json()
    assert body["key"] == key and body["relation"] == "met_with"


def test_provenance_lists_every_document_with_offsets(client: TestClient) -> None:
    assert client.post("/documents", json=COPY).status_code == 201
    body = client.get(f"/relations/{met_key(client)}/provenance").json()
    assert body["documents"] == 2
    by_doc = {item["doc_id"]: item for item in body["items"]}
    first = by_doc["doc-1"]
    assert TEXT[first["start"]:first["end"]].strip() == first["sentence"]
    assert first["title"] == "A meeting" and first["date"] == "2022-12-30"
    assert by_doc["doc-copy"]["url"] == "https://example.org/2"
    assert body["relation"]["mentions"] == 2


@pytest.mark.parametrize("path", ["/relations/r_nope", "/relations/r_nope/provenance"])
def test_unknown_key_is_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
