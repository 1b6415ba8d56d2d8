"""Documents: ingest as JSON or text/plain (date from query or header), batches, deletion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.local import LocalClient
from graphsvc.service import GraphService
from graphsvc.settings import Settings

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


WIRE = "RIVERTON (Wire News) - Ann Example met Bob Sample in Lyon."


def _source(client: TestClient, doc_id: str) -> tuple[str | None, str | None]:
    doc = client.get(f"/documents/{doc_id}").json()
    return doc["outlet"], doc["dateline"]


def test_documents_report_outlet_and_dateline(client: TestClient) -> None:
    assert client.post("/documents", json={"id": "wire-1", "text": WIRE}).status_code == 201
    assert _source(client, "wire-1") == ("Wire News", "RIVERTON")
    listed = {d["id"]: (d["outlet"], d["dateline"]) for d in client.get("/documents").json()[
        "items"]}
    assert listed == {"doc-1": (None, None), "wire-1": ("Wire News", "RIVERTON")}
    # A syndicated copy reuses the stored reading, metadata included.
    assert client.post("/documents", json={"id": "wire-2", "text": WIRE}).status_code == 201
    assert _source(client, "wire-2") == ("Wire News", "RIVERTON")
    replaced = client.post("/documents", json={
        "id": "wire-1", "text": "PORT ALBA (Coast Herald) - Ann Example met Bob Sample."})
    assert replaced.json()["status"] == "replaced"
    assert _source(client, "wire-1") == ("Coast Herald", "PORT ALBA")
    client.post("/documents", json={"id": "wire-1", "text": "Ann Example met Bob Sample."})
    assert _source(client, "wire-1") == (None, None)
    assert client.delete("/documents/wire-1").status_code == 204
    assert client.get("/documents/wire-1").status_code == 404
    assert _source(client, "wire-2") == ("Wire News", "RIVERTON")


def test_outlet_and_dateline_are_not_inputs(client: TestClient) -> None:
    body = {"id": "wire-1", "text": WIRE, "outlet": "Mine", "dateline": "HERE"}
    response = client.post("/documents", json=body)
    assert response.status_code == 422
    assert {"body.outlet", "body.dateline"} <= {e["field"] for e in response.json()["errors"]}
    assert client.get("/documents/wire-1").status_code == 404
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert "outlet" not in schemas["DocumentIn"]["properties"]
    for name in ("DocumentDetail", "DocumentSummary"):
        assert {"outlet", "dateline"} <= set(schemas[name]["properties"])
        assert "outlet" not in schemas[name].get("required", [])


def test_real_extraction_stores_outlet_and_dateline(tmp_path: Path) -> None:
    """End to end with spaCy: text → graphsvc_media → Extraction → store → HTTP and local."""
    from graphsvc.extract import Extractor

    settings = Settings(data_dir=tmp_path / "data", seeds_dir=tmp_path / "no-seeds")
    service = GraphService(settings, extractor=Extractor(settings))
    text = "RIVERTON (Wire News) - Ruritania recalled its envoy."
    try:
        with TestClient(create_app(settings, service)) as http:
            assert http.post("/documents", json={"id": "r-1", "text": text}).status_code == 201
            assert _source(http, "r-1") == ("Wire News", "RIVERTON")
        with LocalClient(settings, service) as local:
            doc = local.document("r-1")
            assert (doc["outlet"], doc["dateline"]) == ("Wire News", "RIVERTON")
            assert [(d["outlet"], d["dateline"]) for d in local.documents()] == [
                ("Wire News", "RIVERTON")]
    finally:
        service.close()
