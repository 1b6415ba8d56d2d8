"""Idempotency with the real extractor: the same document twice adds nothing; a changed text under
the same id replaces its evidence atomically (old gone, new there, no orphans; a failed replace
leaves the old version whole; a concurrent reader sees one version or the other)."""

from __future__ import annotations

import importlib.util
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphsvc.errors import BadInput
from graphsvc.graph import build_graph
from graphsvc.records import Document, Evidence, Extraction, Relation
from graphsvc.service import GraphService
from graphsvc.settings import Settings
from graphsvc.store import SQLiteStore

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec(Settings().spacy_model) is None,
    reason="the spaCy model named by GRAPHSVC_SPACY_MODEL is not installed",
)

SHARED = "Brazil accused Argentina of dumping steel on its market on Monday."
V1 = Document(id="steel", date="2024-03-06",
              text=f"{SHARED} Peru praised Chile for its help after the earthquake.")
V2 = Document(id="steel", date="2024-03-06",
              text=f"{SHARED} Norway condemned Egypt for the arrest of two reporters.")


class CountingExtractor:
    """The real extractor, counting the documents it reads (and able to spoil one)."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.read: list[str] = []
        self.spoil: str | None = None

    def extract(self, doc: Document) -> Extraction:
        self.read.append(doc.id)
        extraction: Extraction = self.real.extract(doc)
        if doc.text == self.spoil:
            # An edge to an entity nobody knows: the store refuses it mid-transaction, after it
            # has already cleared the old version's rows.
            extraction.relations.append(Relation(
                source="nobody-knows", target=extraction.entities[0].id, relation="praised",
                evidence=[Evidence(doc_id=doc.id, sentence=SHARED, start=0, end=len(SHARED),
                                   extractor_version="test")],
            ))
        return extraction


@pytest.fixture(scope="module")
def real_extractor() -> Any:
    from graphsvc.extract import Extractor

    return Extractor(Settings())


@pytest.fixture
def extractor(real_extractor: Any) -> CountingExtractor:
    return CountingExtractor(real_extractor)


@pytest.fixture
def service(tmp_path: Path, extractor: CountingExtractor) -> Iterator[GraphService]:
    svc = GraphService(Settings(data_dir=tmp_path / "data"), extractor=extractor)
    yield svc
    svc.close()


def dump(service: GraphService) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(service.settings.sqlite_path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(map(tuple, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        conn.close()


def signature(graph: nx.MultiDiGraph) -> tuple[list[Any], list[Any]]:
    nodes = sorted((n, sorted(d.items(), key=str)) for n, d in graph.nodes(data=True))
    edges = sorted(((u, v, k, sorted(d.items(), key=str))
                    for u, v, k, d in graph.edges(keys=True, data=True)), key=str)
    return nodes, edges


def orphans(service: GraphService) -> tuple[int, int]:
    conn = sqlite3.connect(service.settings.sqlite_path)
    try:
        edges = conn.execute("SELECT COUNT(*) FROM relations r WHERE NOT EXISTS"
                             " (SELECT 1 FROM evidence e WHERE e.relation_key = r.key)").fetchone()
        nodes = conn.execute("SELECT COUNT(*) FROM entities n WHERE NOT EXISTS"
                             " (SELECT 1 FROM document_entities d WHERE d.entity_id = n.id)"
                             ).fetchone()
        return int(edges[0]), int(nodes[0])
    finally:
        conn.close()


def sentences(service: GraphService, doc_id: str) -> set[str]:
    extraction = service.store.document_extraction(doc_id)
    assert extraction is not None
    return {ev.sentence for rel in extraction.relations for ev in rel.evidence}


def test_same_document_twice_adds_nothing(service: GraphService,
                                          extractor: CountingExtractor) -> None:
    first = service.ingest(V1)
    assert first.status == "created" and first.relations >= 2
    before, graph = dump(service), service.graph
    again = service.ingest(V1)
    assert (again.status, again.entities, again.relations) == (
        "unchanged", first.entities, first.relations)
    assert dump(service) == before  # byte for byte, ingest time included
    assert service.graph is graph  # no new snapshot either
    assert extractor.read == ["steel"]  # and no second extraction


def test_same_document_twice_in_one_batch(service: GraphService) -> None:
    results = service.ingest_many([V1, V1])
    assert [r.status for r in results] == ["created", "unchanged"]
    assert service.store.counts()["documents"] == 1
    evidence = service.store.counts()["evidence"]
    assert evidence == results[0].relations  # one evidence row per relation, not two


def test_a_syndicated_copy_reuses_the_reading(service: GraphService,
                                              extractor: CountingExtractor) -> None:
    service.ingest(V1)
    copy = V1.model_copy(update={"id": "steel-wire"})
    assert service.ingest(copy).status == "created"
    assert extractor.read == ["steel"]
    assert sentences(service, "steel-wire") == sentences(service, "steel")
    counts = service.store.counts()
    assert counts["documents"] == 2 and counts["evidence"] == 2 * len(sentences(service, "steel"))


def test_changed_text_replaces_evidence_atomically(
    service: GraphService, tmp_path: Path, extractor: CountingExtractor
) -> None:
    service.ingest(V1)
    peru = {e.id for e in service.store.iter_entities() if e.name in ("Peru", "Chile")}
    assert len(peru) == 2
    result = service.ingest(V2)
    assert result.status == "replaced"
    assert sentences(service, "steel") == {SHARED, V2.text.removeprefix(SHARED + " ")}
    assert all("Peru" not in s for s in sentences(service, "steel"))
    assert orphans(service) == (0, 0)
    assert peru.isdisjoint(e.id for e in service.store.iter_entities())
    assert signature(service.graph) == signature(build_graph(service.store))

    # Equal to a store that only ever saw the new text (evidence, mentions, edges, entities).
    fresh = GraphService(Settings(data_dir=tmp_path / "fresh"), extractor=extractor)
    try:
        fresh.ingest(V2)
        mine, theirs = dump(service), dump(fresh)
        for table in ("evidence", "mentions"):
            assert [r[1:] for r in mine[table]] == [r[1:] for r in theirs[table]]
        for table in ("relations", "document_entities"):
            assert mine[table] == theirs[table]
        assert [r[0] for r in mine["entities"]] == [r[0] for r in theirs["entities"]]
        assert signature(service.graph) == signature(fresh.graph)
    finally:
        fresh.close()


def test_a_failed_replace_leaves_the_old_version_whole(
    service: GraphService, extractor: CountingExtractor
) -> None:
    service.ingest(V1)
    before, graph = dump(service), service.graph
    extractor.spoil = V2.text
    with pytest.raises(BadInput, match="unknown entity 'nobody-knows'"):
        service.ingest(V2)
    assert dump(service) == before
    assert service.graph is graph
    assert service.store.get_document("steel") == V1


def test_a_reader_sees_one_version_or_the_other(
    tmp_path: Path, real_extractor: Any
) -> None:
    """Replace back and forth 60 times while another connection reads the document's evidence
    and mentions in one read transaction: each read is exactly v1's or exactly v2's."""
    path = tmp_path / "g.db"
    writer = SQLiteStore(path)
    versions = {doc.text: real_extractor.extract(doc) for doc in (V1, V2)}
    writer.add_document(V1, versions[V1.text])
    expected: set[tuple[frozenset[str], int]] = set()
    for doc in (V1, V2):
        ex = versions[doc.text]
        expected.add((frozenset(ev.sentence for r in ex.relations for ev in r.evidence),
                      len(ex.mentions)))
    stop = threading.Event()
    seen: list[tuple[frozenset[str], int]] = []

    def read() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            while not stop.is_set():
                conn.execute("BEGIN")
                evidence = frozenset(r[0] for r in conn.execute(
                    "SELECT sentence FROM evidence WHERE doc_id = 'steel'"))
                mentions = conn.execute(
                    "SELECT COUNT(*) FROM mentions WHERE doc_id = 'steel'").fetchone()[0]
                conn.execute("COMMIT")
                seen.append((evidence, int(mentions)))
        finally:
            conn.close()

    thread = threading.Thread(target=read)
    thread.start()
    try:
        for turn in range(60):
            doc = V2 if turn % 2 == 0 else V1
            assert writer.add_document(doc, versions[doc.text]).status == "replaced"
    finally:
        stop.set()
        thread.join()
        writer.close()
    assert len(seen) > 10
    assert set(seen) <= expected
