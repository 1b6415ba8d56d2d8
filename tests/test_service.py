"""GraphService with a fake rule-based extractor (no spaCy): ingest, snapshots, deletes, seeds."""

from __future__ import annotations

import re
import sys
import threading
import types
from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx as nx
import pytest
from servicehelpers import neighbourhood_of

from graphsvc.errors import BadInput, PayloadTooLarge
from graphsvc.graph import build_graph, search_entities
from graphsvc.records import (
    Document,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Relation,
)
from graphsvc.service import GraphService
from graphsvc.settings import Settings
from graphsvc.store import SQLiteStore

NAMES: dict[str, tuple[str, EntityType]] = {
    "Norvik": ("NOR", "COUNTRY"),
    "Osmar": ("OSM", "COUNTRY"),
    "Tellis": ("TEL", "CITY"),
    "Ilse Brandt": ("p-ib", "PERSON"),
    "the Harbour Guild": ("guild", "ORG"),
}
VERBS = {  # verb -> (label, cameo, symmetric)
    "threatened": ("threaten", "130", False),
    "met": ("meet", "036", True),
    "praised": ("praise", "051", False),
    "blockaded": ("blockade", "191", False),
    "leads": ("leader_of", None, False),
}
_NAME = "|".join(sorted(map(re.escape, NAMES), key=len, reverse=True))
_SENTENCE = re.compile(rf"^({_NAME}) (\w+) ({_NAME})\b")


class FakeExtractor:
    """Reads "<Name> <verb> <Name>." sentences; records which documents it was asked for."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.calls: list[str] = []
        self.fail_on = fail_on

    def extract(self, doc: Document) -> Extraction:
        self.calls.append(doc.id)
        if doc.id == self.fail_on:
            raise RuntimeError("extractor crashed")
        entities: dict[str, Entity] = {}
        mentions: list[Mention] = []
        relations: list[Relation] = []
        for index, match in enumerate(re.finditer(r"[^.]+\.", doc.text)):
            sentence = match.group().strip()
            start = match.start() + (len(match.group()) - len(match.group().lstrip()))
            for name in re.finditer(_NAME, sentence):
                eid, etype = NAMES[name.group()]
                entities.setdefault(eid, Entity(id=eid, name=name.group(), type=etype))
                mentions.append(Mention(doc_id=doc.id, entity_id=eid, sentence_index=index,
                                        start=start + name.start(), end=start + name.end(),
                                        text=name.group(), label="GAZ"))
            parsed = _SENTENCE.match(sentence)
            if parsed is None or parsed.group(2) not in VERBS:
                continue
            label, cameo, symmetric = VERBS[parsed.group(2)]
            relations.append(Relation(
                source=NAMES[parsed.group(1)][0], target=NAMES[parsed.group(3)][0],
                relation=label, cameo=cameo, symmetric=symmetric, date=doc.date,
                confidence=0.6,
                evidence=[Evidence(doc_id=doc.id, sentence=sentence, start=start,
                                   end=start + len(sentence), trigger=parsed.group(2),
                                   extractor_version="fake-1")],
            ))
        return Extraction(id=doc.id, date=doc.date, entities=list(entities.values()),
                          relations=relations, mentions=mentions)


class BatchingExtractor(FakeExtractor):
    def __init__(self) -> None:
        super().__init__()
        self.batches = 0

    def extract_many(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        self.batches += 1
        for doc in docs:
            yield self.extract(doc)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", max_text_chars=2000, neighbourhood_limit=3)


@pytest.fixture
def extractor() -> FakeExtractor:
    return FakeExtractor()


@pytest.fixture
def service(settings: Settings, extractor: FakeExtractor) -> Iterator[GraphService]:
    svc = GraphService(settings, extractor=extractor)
    yield svc
    svc.close()


def edges(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(u, d["relation"], v) for u, v, d in graph.edges(data=True)}


def assert_matches_store(service: GraphService) -> None:
    rebuilt = build_graph(service.store)
    assert dict(service.graph.nodes(data=True)) == dict(rebuilt.nodes(data=True))
    assert sorted(service.graph.edges(keys=True, data=True)) == sorted(
        rebuilt.edges(keys=True, data=True))


def test_ingest_swaps_in_a_new_frozen_snapshot(service: GraphService) -> None:
    before = service.graph
    result = service.ingest(Document(id="a", text="Norvik threatened Osmar. Osmar met Norvik."))
    assert (result.status, result.entities, result.relations) == ("created", 2, 2)
    after = service.graph
    assert after is not before and before.number_of_edges() == 0
    assert edges(after) == {("NOR", "threaten", "OSM"), ("OSM", "meet", "NOR")}
    assert nx.is_frozen(after)
    with pytest.raises(nx.NetworkXError):
        after.add_node("X")
    assert_matches_store(service)


def test_reingest_same_text_skips_extraction(service: GraphService,
                                             extractor: FakeExtractor) -> None:
    doc = Document(id="a", text="Norvik threatened Osmar.")
    service.ingest(doc)
    snapshot = service.graph
    result = service.ingest(doc)
    assert (result.status, result.entities, result.relations) == ("unchanged", 2, 1)
    assert extractor.calls == ["a"]
    assert service.graph is snapshot


def test_replace_withdraws_old_edges(service: GraphService) -> None:
    service.ingest(Document(id="a", text="Norvik threatened Osmar."))
    result = service.ingest(Document(id="a", text="Osmar praised Norvik."))
    assert result.status == "replaced"
    assert edges(service.graph) == {("OSM", "praise", "NOR")}
    assert_matches_store(service)


def test_delete_keeps_edges_the_other_document_supports(service: GraphService) -> None:
    service.ingest(Document(id="a", text="Norvik threatened Osmar. Norvik met Tellis."))
    service.ingest(Document(id="b", text="Norvik threatened Osmar again."))
    assert service.delete_document("a") is True
    assert edges(service.graph) == {("NOR", "threaten", "OSM")}
    ((_u, _v, data),) = service.graph.edges(data=True)
    assert [e["doc_id"] for e in data["evidence"]] == ["b"]
    assert "TEL" not in service.graph
    assert service.delete_document("a") is False
    assert_matches_store(service)


@pytest.mark.parametrize(
    ("text", "error"),
    [("", BadInput), ("   \n\t ", BadInput), ("Norvik met Osmar. " * 200, PayloadTooLarge)],
)
def test_ingest_validates_before_anything(service: GraphService, extractor: FakeExtractor,
                                          text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        service.ingest(Document(id="bad", text=text))
    with pytest.raises(error):
        service.ingest_many([Document(id="ok", text="Norvik met Osmar."),
                             Document(id="bad", text=text)])
    assert extractor.calls == []
    assert service.store.counts()["documents"] == 0


def test_ingest_many_batches_and_keeps_order(settings: Settings) -> None:
    extractor = BatchingExtractor()
    service = GraphService(settings, extractor=extractor)
    try:
        service.ingest(Document(id="old", text="Norvik praised Osmar."))
        docs = [
            Document(id="n1", text="Osmar blockaded Norvik."),
            Document(id="old", text="Norvik praised Osmar."),
            Document(id="n2", text="Ilse Brandt leads Norvik."),
            # Same text and date as "old" under a new id: its extraction is reused.
            Document(id="copy", text="Norvik praised Osmar."),
        ]
        results = service.ingest_many(docs)
        assert [(r.doc_id, r.status) for r in results] == [
            ("n1", "created"), ("old", "unchanged"), ("n2", "created"), ("copy", "created")]
        assert extractor.batches == 1
        assert extractor.calls == ["old", "n1", "n2"]
        praise = [d for _u, _v, d in service.graph.edges(data=True) if d["relation"] == "praise"]
        assert [e["doc_id"] for e in praise[0]["evidence"]] == ["old", "copy"]
        assert {m.doc_id for m in service.store.iter_mentions("OSM")} == {"old", "n1", "copy"}
        assert_matches_store(service)
    finally:
        service.close()


def test_extraction_failure_writes_nothing_of_the_open_batch(settings: Settings) -> None:
    extractor = FakeExtractor(fail_on="b")
    service = GraphService(settings, extractor=extractor)
    try:
        with pytest.raises(RuntimeError):
            service.ingest_many([Document(id="a", text="Norvik met Osmar."),
                                 Document(id="b", text="Osmar met Tellis.")])
        # Both fall in one batch, which is stored only once all of it is extracted.
        assert service.store.list_documents() == []
        assert service.graph.number_of_edges() == 0
        service.ingest(Document(id="a", text="Norvik met Osmar."))
        assert edges(service.graph) == {("NOR", "meet", "OSM")}
    finally:
        service.close()


def test_refresh_picks_up_writes_from_another_process(service: GraphService,
                                                      settings: Settings) -> None:
    other = SQLiteStore(settings.sqlite_path)
    doc = Document(id="ext", text="Norvik met Osmar.")
    other.add_document(doc, FakeExtractor().extract(doc))
    other.close()
    assert service.graph.number_of_edges() == 0
    service.refresh()
    assert edges(service.graph) == {("NOR", "meet", "OSM")}


def test_lazy_default_extractor(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Settings] = []

    class Lazy(FakeExtractor):
        def __init__(self, s: Settings) -> None:
            super().__init__()
            made.append(s)

    fake_module = types.ModuleType("graphsvc.extract")
    fake_module.Extractor = Lazy  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "graphsvc.extract", fake_module)
    service = GraphService(settings)
    try:
        assert made == []
        service.ingest(Document(id="a", text="Norvik met Osmar."))
        service.ingest(Document(id="b", text="Osmar met Tellis."))
        assert made == [settings]
    finally:
        service.close()


def test_ingest_seeds_only_into_an_empty_store(service: GraphService, tmp_path: Path) -> None:
    pytest.importorskip("graphsvc.documents")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "001.txt").write_text("date 2024-06-02\nNorvik threatened Osmar.\n")
    (seeds / "002.txt").write_text("Osmar met Tellis.\n")
    (seeds / "notes.md").write_text("not a seed")
    results = service.ingest_seeds(seeds)
    assert [(r.doc_id, r.status) for r in results] == [("001", "created"), ("002", "created")]
    stored = service.store.get_document("001")
    assert stored is not None and stored.date == "2024-06-02"
    assert service.ingest_seeds(seeds) == []
    assert service.ingest_seeds(tmp_path / "missing") == []


def test_service_neighbourhood_and_search(service: GraphService) -> None:
    service.ingest(Document(id="a", text=(
        "Norvik threatened Osmar. Norvik met Tellis. Norvik praised the Harbour Guild. "
        "Ilse Brandt leads Norvik.")))
    sub, truncated = neighbourhood_of(service, "NOR")
    assert truncated and sub.number_of_edges() == 3  # settings.neighbourhood_limit
    full, truncated = neighbourhood_of(service, "NOR", limit=10)
    assert not truncated and full.number_of_edges() == 4
    assert search_entities(service.graph, "norvik")[0] == ("NOR", 1.0)
    assert [i for i, _ in search_entities(service.graph, "harbour")] == ["guild"]


def test_readers_never_see_half_a_document(service: GraphService) -> None:
    errors: list[BaseException] = []
    done = threading.Event()

    def writer() -> None:
        try:
            for i in range(20):
                service.ingest(Document(id=f"d{i}", text=(
                    f"Norvik threatened Osmar in round {i}. Osmar blockaded Norvik.")))
            service.delete_document("d3")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            done.set()

    def reader() -> None:
        try:
            while not done.is_set():
                graph = service.graph  # one snapshot per "request"
                per_doc: dict[str, int] = {}
                for _u, _v, data in graph.edges(data=True):
                    for ev in data["evidence"]:
                        per_doc[ev["doc_id"]] = per_doc.get(ev["doc_id"], 0) + 1
                assert all(n == 2 for n in per_doc.values()), per_doc
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer), *(threading.Thread(target=reader)
                                                  for _ in range(3))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert service.store.counts()["documents"] == 19
    assert_matches_store(service)


def test_graph_of_a_reopened_store(settings: Settings, extractor: FakeExtractor) -> None:
    first = GraphService(settings, extractor=extractor)
    first.ingest(Document(id="a", text="Norvik met Osmar."))
    first.close()
    second = GraphService(settings, extractor=extractor)
    try:
        assert edges(second.graph) == {("NOR", "meet", "OSM")}
    finally:
        second.close()


def test_passed_in_store_is_not_closed(settings: Settings, extractor: FakeExtractor) -> None:
    settings.data_dir.mkdir(parents=True)
    store = SQLiteStore(settings.data_dir / "own.db")
    service = GraphService(settings, store=store, extractor=extractor)
    service.close()
    assert store.counts()["documents"] == 0
    store.close()


def test_a_bad_seed_file_stops_before_writing(service: GraphService, tmp_path: Path) -> None:
    pytest.importorskip("graphsvc.documents")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "001.txt").write_text("Norvik threatened Osmar.\n")
    (seeds / "002.txt").write_text("   \n")
    with pytest.raises(BadInput, match="002"):
        service.ingest_seeds(seeds)
    assert service.store.counts()["documents"] == 0
