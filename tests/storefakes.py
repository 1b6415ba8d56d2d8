"""Tiny made-up documents written straight into a store, shared by store and service tests."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphsvc.records import Document, Entity, Evidence, Extraction, Relation
from graphsvc.store.base import Store

__all__ = ["COUNTRIES", "relation", "shape", "write"]

COUNTRIES = {
    "VAL": Entity(id="VAL", name="Valdoria", type="COUNTRY", country="VAL"),
    "KES": Entity(id="KES", name="Kestria", type="COUNTRY", country="KES"),
    "MOR": Entity(id="MOR", name="Morrow Isles", type="COUNTRY", country="MOR"),
}


def relation(doc_id: str, source: str, label: str, target: str, sentence: str,
             **fields: Any) -> Relation:
    evidence = Evidence(doc_id=doc_id, sentence=sentence, start=0, end=len(sentence),
                        trigger=label, extractor_version="test-1")
    return Relation(source=source, target=target, relation=label, confidence=0.6,
                    evidence=[evidence], **fields)


def write(store: Store, doc_id: str, facts: list[tuple[str, str, str]]) -> None:
    """Store document ``doc_id`` whose text states ``facts`` (source, relation, target)."""
    sentences = [f"{COUNTRIES[s].name} {r} {COUNTRIES[t].name}." for s, r, t in facts]
    text = " ".join(sentences) or "Nothing happened."
    relations = [
        relation(doc_id, s, r, t, sentence, symmetric=(r == "meet"))
        for (s, r, t), sentence in zip(facts, sentences, strict=True)
    ]
    ids = sorted({end for s, _r, t in facts for end in (s, t)})
    store.add_document(
        Document(id=doc_id, text=text, date="2025-05-05"),
        Extraction(id=doc_id, entities=[COUNTRIES[i] for i in ids], relations=relations),
    )


def shape(graph: nx.MultiDiGraph) -> tuple[dict[str, Any], dict[tuple[str, str, str], Any]]:
    return (dict(graph.nodes(data=True)),
            {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)})
