"""GET /timeline: per-period rows for one actor or a dyad, filters, errors."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("params", "periods"),
    [
        ({"source": "Q_ANN"}, [("2022-12", 2)]),
        ({"source": "Q_ANN", "target": "Q_BOB"}, [("2022-12", 1)]),
        ({"source": "Q_GAMMA", "target": "Q_BOB"}, []),
        ({"source": "Q_ANN", "granularity": "year"}, [("2022", 2)]),
        ({"source": "Q_ANN", "relation": "criticize"}, [("2022-12", 1)]),
        ({"source": "Q_ANN", "since": "2023"}, []),
    ],
)
def test_timeline(client: TestClient, params: dict[str, Any],
                  periods: list[tuple[str, int]]) -> None:
    body = client.get("/timeline", params=params).json()
    assert [(r["period"], r["events"]) for r in body["items"]] == periods
    assert body["source"] == params["source"]
    for row in body["items"]:
        assert {"quad_1", "quad_2", "quad_3", "quad_4", "goldstein"} <= set(row)


@pytest.mark.parametrize(
    ("params", "status"),
    [({}, 422), ({"source": "nobody"}, 404), ({"source": "Q_ANN", "target": "nobody"}, 404),
     ({"source": "Q_ANN", "granularity": "week"}, 422)],
)
def test_timeline_errors(client: TestClient, params: dict[str, Any], status: int) -> None:
    response = client.get("/timeline", params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
