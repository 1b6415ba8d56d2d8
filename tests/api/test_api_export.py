"""Whole-graph exports, streamed, loading back through networkx and csv."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.records import Document, Entity, Evidence, Extraction, Relation
from graphsvc.service import GraphService
from graphsvc.settings import Settings


def test_graphml_round_trips(client: TestClient) -> None:
    graph = nx.read_graphml(io.BytesIO(client.get("/export/graphml").content),
                            force_multigraph=True)
    assert set(graph) == {"Q_ANN", "Q_BOB", "Q_GAMMA"}
    assert {d["relation"] for *_e, d in graph.edges(data=True)} == {"met_with", "criticize"}


def test_gexf_round_trips_with_time_intervals(client: TestClient) -> None:
    response = client.get("/export/gexf")
    assert b'mode="dynamic"' in response.content
    graph = nx.read_gexf(io.BytesIO(response.content))
    assert {n: d["label"] for n, d in graph.nodes(data=True)}["Q_ANN"] == "Ann Example"
    assert {(d["start"], d["end"]) for *_e, d in graph.edges(data=True)} == {
        ("2022-12-30", "2022-12-30")}


@pytest.mark.parametrize("path", ["/export/json", "/export/node-link"])
def test_node_link_loads_back(client: TestClient, path: str) -> None:
    data = json.loads(client.get(path).content)
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.number_of_edges() == 2 and graph.is_multigraph()


def test_cytoscape(client: TestClient) -> None:
    elements = client.get("/export/cytoscape").json()["elements"]
    assert len(elements["nodes"]) == 3 and len(elements["edges"]) == 2


@pytest.mark.parametrize(("path", "rows", "column"),
                         [("/export/nodes.csv", 3, "name"), ("/export/edges.csv", 2, "evidence")])
def test_csv(client: TestClient, path: str, rows: int, column: str) -> None:
    response = client.get(path)
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert len(table) == rows and all(row[column] for row in table)


class _HostileNames:
    """An extractor whose actors are named like spreadsheet formulas (news text can say
    anything), with a conflict event so a negative Goldstein score is exported too."""

    def extract(self, doc: Document) -> Extraction:
        evil = Entity(id="Q_EVIL", name='=HYPERLINK("http://attacker.invalid/","x")',
                      type="ORG", aliases=["@SUM(A1:A2)"])
        plus = Entity(id="Q_PLUS", name="+1", type="ORG")
        minus = Entity(id="Q_MINUS", name="-2", type="ORG")
        evidence = Evidence(doc_id=doc.id, sentence=doc.text, start=0, end=len(doc.text),
                            extractor_version="fake-1")
        relation = Relation(source="Q_EVIL", target="Q_MINUS", relation="attacked",
                            cameo="190", goldstein=-10.0, quad_class=4, evidence=[evidence])
        return Extraction(id=doc.id, entities=[evil, plus, minus], relations=[relation])


def test_csv_over_http_neutralises_formulas(settings: Settings) -> None:
    service = GraphService(settings, extractor=_HostileNames())
    service.ingest(Document(id="d-evil", text="=1+1 attacked -2."))
    with TestClient(create_app(settings, service)) as http:
        nodes = list(csv.DictReader(io.StringIO(http.get("/export/nodes.csv").text)))
        edges = http.get("/export/edges.csv").text
    service.close()
    names = {row["id"]: row["name"] for row in nodes}
    assert names == {"Q_EVIL": "'=HYPERLINK(\"http://attacker.invalid/\",\"x\")",
                     "Q_PLUS": "'+1", "Q_MINUS": "'-2"}
    assert ',-10.0,4,' in edges
    (edge,) = csv.DictReader(io.StringIO(edges))
    assert edge["goldstein"] == "-10.0" and edge["evidence"].startswith("[")
