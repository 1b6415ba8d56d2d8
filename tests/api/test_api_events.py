"""GET /events: date order, ends, dyads, filters, cursor pagination, errors."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

LATER = {"id": "doc-2", "text": "Bob Sample met Ann Example in Bonn.", "date": "2023-01-05"}


@pytest.fixture
def events_client(client: TestClient) -> TestClient:
    assert client.post("/documents", json=LATER).status_code == 201
    return client


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [("met_with", "2022-12-30"), ("criticize", "2022-12-30"),
              ("met_with", "2023-01-05")]),
        ({"source": "Q_BOB"}, [("met_with", "2022-12-30"), ("met_with", "2023-01-05")]),
        ({"target": "Q_GAMMA"}, [("criticize", "2022-12-30")]),
        ({"dyad": "Q_BOB,Q_ANN"}, [("met_with", "2022-12-30"), ("met_with", "2023-01-05")]),
        ({"since": "2023"}, [("met_with", "2023-01-05")]),
        ({"relation": "criticize"}, [("criticize", "2022-12-30")]),
    ],
)
def test_events(events_client: TestClient, params: dict[str, Any],
                expected: list[tuple[str, str]]) -> None:
    body = events_client.get("/events", params=params).json()
    got = [(e["relation"], e["date"]) for e in body["items"]]
    assert sorted(got, key=lambda e: e[1]) == got
    assert sorted(got) == sorted(expected)
    assert body["next_page_token"] is None


def test_pages_follow_tokens_and_survive_writes(events_client: TestClient) -> None:
    first = events_client.get("/events", params={"page_size": 2}).json()
    assert len(first["items"]) == 2 and first["next_page_token"]
    # A document deleted between pages does not make the next page repeat or skip anything.
    assert events_client.delete("/documents/doc-2").status_code == 204
    assert events_client.post("/documents", json=LATER).status_code == 201
    second = events_client.get(
        "/events", params={"page_size": 2, "page_token": first["next_page_token"]}
    ).json()
    keys = [e["key"] for e in first["items"] + second["items"]]
    assert len(keys) == len(set(keys)) == 3
    assert second["next_page_token"] is None


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"page_token": "garbage!"}, 422, "query.page_token"),
        ({"page_size": 0}, 422, "query.page_size"),
        ({"dyad": "Q_ANN"}, 422, "query.dyad"),
        ({"until": "2022-13"}, 422, "query.until"),
        ({"source": "nobody"}, 404, None),
    ],
)
def test_event_errors(client: TestClient, params: dict[str, Any], status: int,
                      field: str | None) -> None:
    response = client.get("/events", params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    if field:
        assert field in {e["field"] for e in response.json()["errors"]}
