"""build_graph / apply_extraction: the snapshot mirrors the store's merge rules."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphsvc.graph import apply_extraction, build_graph
from graphsvc.records import (
    Document,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Relation,
    Role,
)
from graphsvc.store import SQLiteStore


def ent(eid: str, name: str, etype: EntityType = "COUNTRY", **fields: Any) -> Entity:
    return Entity(id=eid, name=name, type=etype, **fields)


def rel(doc_id: str, source: str, relation: str, target: str, sentence: str,
        confidence: float = 0.5, **fields: Any) -> Relation:
    ev = Evidence(doc_id=doc_id, sentence=sentence, start=0, end=len(sentence),
                  trigger=relation, extractor_version="t")
    return Relation(source=source, target=target, relation=relation, confidence=confidence,
                    evidence=[ev], **fields)


DOCS: list[tuple[Document, Extraction]] = []


def _docs() -> list[tuple[Document, Extraction]]:
    a_text = "Norvik threatened Osmar. Norvik and Osmar met."
    b_text = "Osmar met Norvik in Tellis. Osmar accused Norvik."
    c_text = "Ilse Brandt, who leads Norvik, praised Osmar."
    return [
        (Document(id="a", text=a_text), Extraction(id="a", entities=[
            ent("NOR", "Norvik", aliases=["Norvikian"]), ent("OSM", "Osmar")],
            relations=[rel("a", "NOR", "threaten", "OSM", "Norvik threatened Osmar.",
                           confidence=0.4, cameo="130"),
                       rel("a", "NOR", "meet", "OSM", "Norvik and Osmar met.", symmetric=True)])),
        (Document(id="b", text=b_text), Extraction(id="b", entities=[
            ent("NOR", "Republic of Norvik", country="NOR", aliases=["Norvik"]),
            ent("OSM", "Osmar", country="OSM"), ent("TEL", "Tellis", "CITY", country="OSM")],
            relations=[rel("b", "OSM", "meet", "NOR", "Osmar met Norvik in Tellis.",
                           symmetric=True, location="TEL", confidence=0.7),
                       rel("b", "OSM", "accuse", "NOR", "Osmar accused Norvik.")])),
        (Document(id="c", text=c_text), Extraction(id="c", entities=[
            ent("p-ib", "Ilse Brandt", "PERSON", country="NOR",
                roles=[Role(relation="leader_of", target="NOR", title="Chancellor")]),
            ent("NOR", "Norvik", roles=[Role(relation="member_of", target="X")])],
            relations=[rel("c", "p-ib", "leader_of", "NOR", c_text),
                       rel("c", "p-ib", "praise", "OSM", c_text, confidence=0.9)])),
    ]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore(tmp_path / "g.db")
    yield s
    s.close()


def snapshot(graph: nx.MultiDiGraph) -> tuple[dict[str, Any], dict[tuple[str, str, str], Any]]:
    return (dict(graph.nodes(data=True)),
            {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)})


def test_build_graph_nodes_and_edges(store: SQLiteStore) -> None:
    for document, extraction in _docs():
        store.add_document(document, extraction)
    graph = build_graph(store)
    assert sorted(graph.nodes) == ["NOR", "OSM", "TEL", "p-ib"]
    assert graph.number_of_edges() == 5  # the two "meet" readings are one edge
    nor = graph.nodes["NOR"]
    assert (nor["name"], nor["country"]) == ("Norvik", "NOR")
    assert nor["aliases"] == ["Norvik", "Norvikian"]
    assert nor["roles"] == [{"relation": "member_of", "target": "X", "title": None,
                             "start": None, "end": None}]
    ((u, v, data),) = [(u, v, d) for u, v, d in graph.edges(data=True) if d["relation"] == "meet"]
    assert (u, v, data["mentions"], data["confidence"], data["location"]) == (
        "NOR", "OSM", 2, 0.7, "TEL")
    assert [e["doc_id"] for e in data["evidence"]] == ["a", "b"]
    assert set(data) == {"relation", "cameo", "plover", "goldstein", "quad_class", "date",
                         "negated", "modality", "confidence", "symmetric", "location",
                         "evidence", "mentions"}


def test_incremental_apply_equals_rebuild(store: SQLiteStore) -> None:
    graph = nx.freeze(nx.MultiDiGraph())
    for document, extraction in _docs():
        store.add_document(document, extraction)
        graph = nx.freeze(apply_extraction(graph, extraction))
        assert snapshot(graph) == snapshot(build_graph(store))


def test_apply_leaves_the_old_snapshot_untouched() -> None:
    docs = _docs()
    first = nx.freeze(apply_extraction(nx.MultiDiGraph(), docs[0][1]))
    before = snapshot(first)
    frozen_lists = {k: list(d["evidence"]) for k, d in before[1].items()}
    second = apply_extraction(first, docs[1][1])
    assert snapshot(first) == before
    assert {k: d["evidence"] for k, d in snapshot(first)[1].items()} == frozen_lists
    assert first.nodes["NOR"]["aliases"] == ["Norvikian"]
    assert second.nodes["NOR"]["aliases"] == ["Norvik", "Norvikian"]
    assert second.number_of_nodes() == 3


def test_apply_is_idempotent() -> None:
    _doc, extraction = _docs()[1]
    once = apply_extraction(nx.MultiDiGraph(), extraction)
    twice = apply_extraction(once, extraction)
    assert snapshot(once) == snapshot(twice)


def test_a_much_reported_edge_merges_in_linear_time() -> None:
    """Adding a document to an edge read 10,000 times took a pairwise scan of its evidence
    (about 15 s here); now a set lookup per sentence. Repeats still go, in first-seen order."""
    many = [rel("d-old", "FRA", "met_with", "DEU", f"France met Germany, day {i}.")
            for i in range(10_000)]
    # One relation holding all its evidence, as the store hands it over.
    one = many[0].model_copy(update={"evidence": [r.evidence[0] for r in many]})
    base = Extraction(id="d-old", relations=[one],
                      entities=[ent("FRA", "France"), ent("DEU", "Germany")])
    graph = apply_extraction(nx.MultiDiGraph(), base)
    key = one.key
    again = Extraction(id="d-new", entities=base.entities, relations=[
        many[5], rel("d-new", "FRA", "met_with", "DEU", "France met Germany once more.")])
    started = time.perf_counter()
    merged = apply_extraction(graph, again)
    elapsed = time.perf_counter() - started
    evidence = merged.edges["FRA", "DEU", key]["evidence"]
    assert len(evidence) == 10_001 and merged.edges["FRA", "DEU", key]["mentions"] == 10_001
    assert evidence[-1]["sentence"] == "France met Germany once more."
    assert [e["sentence"] for e in evidence[:2]] == ["France met Germany, day 0.",
                                                     "France met Germany, day 1."]
    assert elapsed < 2.0, f"{elapsed:.1f} s"
