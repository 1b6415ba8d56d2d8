"""Query timeouts over HTTP: a request past settings.query_timeout answers 503 problem+json
E012 naming the limit; the normal limit answers 200; OpenAPI documents the 503; the Python
client raises the same QueryTimeoutError in HTTP and local mode."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from servicehelpers import neighbourhood_of

from graphsvc.api.app import create_app
from graphsvc.client import Client, QueryTimeoutError, ServerError
from graphsvc.errors import QueryTimeout
from graphsvc.graph import Deadline
from graphsvc.local import LocalClient
from graphsvc.service import GraphService
from graphsvc.settings import Settings

TINY = 1e-9

# (path, query): every route whose graph work is bounded.
BOUNDED: list[tuple[str, dict[str, Any]]] = [
    ("/entities/Q_ANN/neighbourhood", {"depth": 2}),
    ("/entities/Q_ANN/neighbourhood", {"format": "graphml"}),
    ("/paths", {"source": "Q_BOB", "target": "Q_GAMMA"}),
    ("/events", {}),
    ("/events", {"source": "Q_ANN", "view": "all"}),
    ("/timeline", {"source": "Q_ANN"}),
    ("/export/graphml", {}),
    ("/export/gexf", {}),
    ("/export/json", {}),
    ("/export/node-link", {}),
    ("/export/cytoscape", {}),
    ("/export/nodes.csv", {}),
    ("/export/edges.csv", {}),
    ("/stats", {}),
    ("/entities", {"q": "ann"}),
    ("/entities", {}),
    ("/entities/Q_ANN", {}),
    ("/relations", {"relation": "no_such_label"}),
]
IDS = [f"{path}?{'&'.join(f'{k}={v}' for k, v in query.items())}" for path, query in BOUNDED]


def _client(settings: Settings, service: GraphService, timeout: float) -> TestClient:
    limits = {"query_timeout": timeout, "export_timeout": timeout}
    return TestClient(create_app(settings.model_copy(update=limits), service))


@pytest.fixture
def tiny(settings: Settings, service: GraphService) -> Iterator[TestClient]:
    with _client(settings, service, TINY) as client:
        yield client


@pytest.mark.parametrize(("path", "query"), BOUNDED, ids=IDS)
def test_past_the_limit_is_a_503_problem(tiny: TestClient, path: str,
                                         query: dict[str, Any]) -> None:
    response = tiny.get(path, params=query)
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    # Retrying the same query would time out again, so no Retry-After (unlike not-ready).
    assert "retry-after" not in response.headers
    body = response.json()
    assert body["code"] == "E012"
    assert body["type"] == "https://graphsvc.dev/problems/query-timeout"
    assert body["status"] == 503 and body["instance"] == path
    assert body["limit_seconds"] == TINY and body["elapsed_seconds"] >= 0
    assert "limit" in body["detail"]


@pytest.mark.parametrize(("path", "query"), BOUNDED, ids=IDS)
def test_within_the_limit_is_answered(client: TestClient, path: str,
                                      query: dict[str, Any]) -> None:
    response = client.get(path, params=query)
    assert response.status_code == 200, response.text
    assert response.content


def test_each_request_gets_its_own_budget(settings: Settings, service: GraphService) -> None:
    # Two seconds per request: ten quick requests in a row all pass, since the budget does
    # not carry over from one request to the next.
    with _client(settings, service, 2.0) as client:
        for _ in range(10):
            assert client.get("/events").status_code == 200


def test_writes_and_health_are_not_bounded(tiny: TestClient) -> None:
    assert tiny.get("/health").status_code == 200
    assert tiny.get("/documents").status_code == 200


def test_openapi_documents_the_503(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in dict.fromkeys(path for path, _query in BOUNDED):
        template = path.replace("Q_ANN", "{entity_id}")
        responses = paths[template]["get"]["responses"]
        assert "503" in responses, template
        assert "application/problem+json" in responses["503"]["content"]


def _without_elapsed(problem: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in problem.items() if k != "elapsed_seconds"}


@pytest.mark.parametrize(
    "call",
    [
        lambda kg: kg.neighbourhood("Q_ANN"),
        lambda kg: kg.paths("Q_BOB", "Q_GAMMA"),
        lambda kg: kg.events(),
        lambda kg: kg.timeline("Q_ANN"),
        lambda kg: kg.export("edges.csv"),
        lambda kg: kg.stats(),
    ],
    ids=["neighbourhood", "paths", "events", "timeline", "export", "stats"],
)
def test_both_client_modes_raise_the_same_timeout(settings: Settings, service: GraphService,
                                                  call: Any) -> None:
    tiny_settings = settings.model_copy(update={"query_timeout": TINY, "export_timeout": TINY})
    raised: list[QueryTimeoutError] = []
    with TestClient(create_app(tiny_settings, service)) as http, Client(http=http) as remote:
        with pytest.raises(QueryTimeoutError) as remote_error:
            call(remote)
        raised.append(remote_error.value)
    with LocalClient(tiny_settings, service) as local, pytest.raises(QueryTimeoutError) as error:
        call(local)
    raised.append(error.value)
    remote_problem, local_problem = (_without_elapsed(e.problem) for e in raised)
    assert remote_problem == local_problem
    assert isinstance(raised[0], ServerError) and raised[0].status == 503
    assert raised[0].code == "E012" and raised[0].extra["limit_seconds"] == TINY


def test_service_neighbourhood_takes_a_deadline(service: GraphService) -> None:
    sub, truncated = neighbourhood_of(service, "Q_ANN", deadline=Deadline.after(60.0))
    assert sub.number_of_edges() > 0 and not truncated
    spent = Deadline.after(TINY)
    time.sleep(0.001)
    with pytest.raises(QueryTimeout):
        neighbourhood_of(service, "Q_ANN", deadline=spent)


def test_exports_follow_export_timeout_not_query_timeout(
    settings: Settings, service: GraphService
) -> None:
    limits = {"query_timeout": TINY, "export_timeout": 60.0}
    with TestClient(create_app(settings.model_copy(update=limits), service)) as client:
        assert client.get("/export/graphml").status_code == 200
        assert client.get("/stats").status_code == 503
