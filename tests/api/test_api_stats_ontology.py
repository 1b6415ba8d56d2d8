"""GET /stats and GET /ontology/event-types."""

from __future__ import annotations

from fastapi.testclient import TestClient

from graphsvc.ontology import event_types


def test_stats(client: TestClient) -> None:
    body = client.get("/stats").json()
    assert (body["documents"], body["nodes"], body["edges"]) == (1, 3, 2)
    assert body["relations"] == {"met_with": 1, "criticize": 1}
    assert body["entity_types"] == {"PERSON": 2, "ORG": 1}
    assert body["top_entities"][0] == {"id": "Q_ANN", "degree": 2}
    assert body["first_date"] == body["last_date"] == "2022-12-30"


def test_ontology(client: TestClient) -> None:
    rows = client.get("/ontology/event-types").json()
    assert len(rows) == len(event_types())
    assert any(r["label"] == "met_with" and r["cameo"] == "040" for r in rows)


def test_openapi_lists_every_resource(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ["/paths", "/events", "/timeline", "/relations/{key}/provenance", "/stats",
                 "/ontology/event-types", "/documents/batch", "/export/nodes.csv"]:
        assert path in paths
    post = paths["/documents"]["post"]["requestBody"]["content"]
    assert {"application/json", "text/plain"} <= set(post)
