"""GET /paths: hops with evidence, filters, bounds, errors."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def test_path_through_a_middle_entity(client: TestClient) -> None:
    body = client.get("/paths", params={"source": "Q_BOB", "target": "Q_GAMMA"}).json()
    assert body["length"] == 2 and body["truncated"] is False
    (path,) = body["items"]
    assert path["nodes"] == ["Q_BOB", "Q_ANN", "Q_GAMMA"]
    first, second = path["edges"]
    assert first["relation"] == "met_with" and first["evidence"][0]["doc_id"] == "doc-1"
    assert (second["source"], second["target"]) == ("Q_ANN", "Q_GAMMA")
    assert {e["id"] for e in body["entities"]} == {"Q_BOB", "Q_ANN", "Q_GAMMA"}


@pytest.mark.parametrize(
    ("params", "length"),
    [
        ({"relation": "met_with"}, None),
        ({"cameo": "04,11"}, 2),
        ({"since": "2023"}, None),
        ({"max_hops": 1}, None),
    ],
)
def test_path_filters(client: TestClient, params: dict[str, Any], length: int | None) -> None:
    body = client.get("/paths", params={"source": "Q_BOB", "target": "Q_GAMMA", **params})
    assert body.status_code == 200
    assert body.json()["length"] == length
    assert (body.json()["items"] == []) is (length is None)


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"source": "Q_BOB", "target": "nobody"}, 404),
        ({"source": "nobody", "target": "Q_BOB"}, 404),
        ({"source": "Q_BOB"}, 422),
        ({"source": "Q_BOB", "target": "Q_ANN", "max_hops": 9}, 422),
        ({"source": "Q_BOB", "target": "Q_ANN", "since": "soon"}, 422),
    ],
)
def test_path_errors(client: TestClient, params: dict[str, Any], status: int) -> None:
    response = client.get("/paths", params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
