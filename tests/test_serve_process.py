"""The real thing: `graphsvc serve` as a process with the real spaCy model and the repo's seeds.

Slow (loads the model, ingests the seed article); skipped when the model is not installed.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

import httpx
import pytest
from livesrv import live_server

from graphsvc.settings import Settings

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec(Settings().spacy_model) is None,
    reason="the spaCy model named by GRAPHSVC_SPACY_MODEL is not installed",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `graphsvc serve` on a free port, a temp data dir and the repo's seeds."""
    with live_server(tmp_path_factory.mktemp("serve-data"), check_exit=True) as base:
        yield base


def test_seed_is_ingested(server: str) -> None:
    health = httpx.get(f"{server}/health").json()
    assert health["documents"] >= 1
    assert health["relations"] >= 1


def test_xi_met_putin(server: str) -> None:
    hits = httpx.get(f"{server}/entities", params={"q": "Xi Jinping"}).json()["items"]
    assert hits, "Xi Jinping not found"
    xi = hits[0]
    assert xi["name"] == "Xi Jinping"
    body = httpx.get(f"{server}/entities/{xi['id']}/neighbourhood").json()
    names = {node["id"]: node["name"] for node in body["nodes"]}
    meetings = [
        edge
        for edge in body["edges"]
        if edge["relation"] == "met_with"
        and {names[edge["source"]], names[edge["target"]]} == {"Xi Jinping", "Vladimir Putin"}
    ]
    assert meetings, f"no met_with edge to Putin among {body['edges']}"
    edge = meetings[0]
    assert edge["date"] == "2022-12-30"
    assert any("met with" in evidence["sentence"] for evidence in edge["evidence"])


def test_problem_json_from_the_real_server(server: str) -> None:
    response = httpx.get(f"{server}/entities/no-such-entity")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_analyst_endpoints_on_the_real_server(server: str) -> None:
    xi = httpx.get(f"{server}/entities", params={"q": "xi jinpin"}).json()["items"][0]
    assert xi["name"] == "Xi Jinping" and xi["degree"] >= 1
    events = httpx.get(f"{server}/events", params={"source": xi["id"], "page_size": 1}).json()
    assert len(events["items"]) == 1
    key = events["items"][0]["key"]
    provenance = httpx.get(f"{server}/relations/{key}/provenance").json()
    assert provenance["items"] and provenance["items"][0]["end"] > provenance["items"][0]["start"]
    timeline = httpx.get(f"{server}/timeline", params={"source": xi["id"]}).json()
    assert timeline["items"]
    gexf = httpx.get(f"{server}/export/gexf")
    assert gexf.status_code == 200 and b"<gexf" in gexf.content
    assert httpx.get(f"{server}/stats").json()["edges"] >= 1
