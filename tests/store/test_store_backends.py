"""The Store contract on every backend (SQLite, PostgreSQL): round trip, idempotence, replace,
delete, rollback, merges, concurrent readers. Backend-specific tests live beside this file."""

from __future__ import annotations

import threading

import pytest

from graphsvc.errors import BadInput
from graphsvc.records import Document, Entity, Evidence, Extraction, Mention, Relation, Role
from graphsvc.store import Store

ENTITIES = {
    "ARD": Entity(id="ARD", name="Ardonia", type="COUNTRY", country="ARD", aliases=["Ardonian"]),
    "BEL": Entity(id="BEL", name="Belmark", type="COUNTRY", country="BEL"),
    "CAS": Entity(id="CAS", name="Castellan League", type="IGO", country="IGO"),
    "p-vos": Entity(id="p-vos", name="Mira Vos", type="PERSON", country="ARD", sector="GOV"),
}


def rel(
    doc_id: str,
    source: str,
    relation: str,
    target: str,
    sentence: str,
    *,
    confidence: float = 0.5,
    start: int = 0,
    **fields: object,
) -> Relation:
    evidence = Evidence(
        doc_id=doc_id, sentence=sentence, start=start, end=start + len(sentence),
        trigger=relation, extractor_version="test-1",
    )
    return Relation(
        source=source, target=target, relation=relation, confidence=confidence,
        evidence=[evidence], **fields,  # type: ignore[arg-type]
    )


def extraction(
    doc_id: str, relations: list[Relation], entities: list[Entity] | None = None
) -> Extraction:
    if entities is None:
        ids = sorted({end for r in relations for end in (r.source, r.target)})
        entities = [ENTITIES[i] for i in ids]
    mentions = [
        Mention(doc_id=doc_id, entity_id=e.id, sentence_index=0, start=0, end=len(e.name),
                text=e.name, label="GAZ")
        for e in entities
    ]
    return Extraction(id=doc_id, entities=entities, relations=relations, mentions=mentions)


def doc(doc_id: str, text: str, date: str | None = "2024-03-01") -> Document:
    return Document(id=doc_id, text=text, date=date, url=f"https://news.example/{doc_id}",
                    title=text[:20])


def relations_by_key(store: Store) -> dict[str, Relation]:
    return {r.key: r for r in store.iter_relations()}


def test_round_trip(store: Store) -> None:
    d = doc("d1", "Ardonia sanctioned Belmark. Mira Vos leads Ardonia.")
    ex = extraction(d.id, [
        rel(d.id, "ARD", "sanction", "BEL", "Ardonia sanctioned Belmark.", cameo="163",
            goldstein=-8.0, quad_class=4, date="2024-02-28"),
        rel(d.id, "p-vos", "leader_of", "ARD", "Mira Vos leads Ardonia.", start=28),
    ])
    result = store.add_document(d, ex)
    assert (result.status, result.entities, result.relations) == ("created", 3, 2)
    assert store.get_document("d1") == d
    assert store.has_content(d.content_hash) == "d1"
    assert store.has_content("0" * 64) is None
    assert store.counts() == {"documents": 1, "entities": 3, "relations": 2, "evidence": 2}
    assert {e.id: e for e in store.iter_entities()} == {
        i: ENTITIES[i] for i in ("ARD", "BEL", "p-vos")
    }
    assert relations_by_key(store) == {r.key: r for r in ex.relations}
    back = store.document_extraction("d1")
    assert back is not None
    assert sorted(back.relations, key=lambda r: r.key) == sorted(ex.relations, key=lambda r: r.key)
    assert back.mentions == ex.mentions
    assert [m.doc_id for m in store.iter_mentions("ARD")] == ["d1"]
    assert store.get_entity("nope") is None and store.get_document("nope") is None
    assert store.document_extraction("nope") is None


def test_list_documents_pages_in_ingest_order(store: Store) -> None:
    for i in range(5):
        d = doc(f"d{i}", f"Ardonia met Belmark, round {i}.")
        store.add_document(d, extraction(d.id, []))
    assert [d.id for d in store.list_documents()] == ["d0", "d1", "d2", "d3", "d4"]
    assert [d.id for d in store.list_documents(offset=1, limit=2)] == ["d1", "d2"]
    assert store.list_documents(offset=10) == []


def test_same_id_same_text_is_unchanged_and_writes_nothing(store: Store) -> None:
    d = doc("d1", "Ardonia sanctioned Belmark.")
    store.add_document(d, extraction(d.id, [rel(d.id, "ARD", "sanction", "BEL", d.text)]))
    before = store.counts()
    # Even a different extraction must not be written for identical text.
    other = extraction(d.id, [rel(d.id, "BEL", "threaten", "ARD", d.text)])
    result = store.add_document(d, other)
    assert (result.status, result.entities, result.relations) == ("unchanged", 2, 1)
    assert store.counts() == before
    assert [r.relation for r in store.iter_relations()] == ["sanction"]


def test_unchanged_result_is_a_read_with_add_documents_answer(store: Store) -> None:
    d = doc("d1", "Ardonia sanctioned Belmark.")
    assert store.unchanged_result(d) is None  # a new id
    written = store.add_document(d, extraction(d.id, [rel(d.id, "ARD", "sanction", "BEL", d.text)]))
    seq = store.change_seq()
    found = store.unchanged_result(d)
    assert found == store.add_document(d, extraction(d.id, []))
    assert found is not None and (found.status, found.entities, found.relations) == (
        "unchanged", written.entities, written.relations)
    assert store.unchanged_result(doc("d1", "Belmark sanctioned Ardonia.")) is None  # new text
    assert store.change_seq() == seq


def test_replace_swaps_evidence_and_drops_orphans(store: Store) -> None:
    d1 = doc("d1", "Ardonia sanctioned Belmark. The Castellan League praised Ardonia.")
    store.add_document(d1, extraction(d1.id, [
        rel(d1.id, "ARD", "sanction", "BEL", "Ardonia sanctioned Belmark."),
        rel(d1.id, "CAS", "praise", "ARD", "The Castellan League praised Ardonia.", start=28),
    ]))
    d2 = doc("d1", "Ardonia sanctioned Belmark again. Belmark protested.")
    ex2 = extraction(d2.id, [
        rel(d2.id, "ARD", "sanction", "BEL", "Ardonia sanctioned Belmark again."),
        rel(d2.id, "BEL", "protest", "ARD", "Belmark protested.", start=34),
    ])
    result = store.add_document(d2, ex2)
    assert result.status == "replaced"
    assert store.get_document("d1") == d2
    rels = relations_by_key(store)
    assert sorted(r.relation for r in rels.values()) == ["protest", "sanction"]
    sanction = next(r for r in rels.values() if r.relation == "sanction")
    assert [e.sentence for e in sanction.evidence] == ["Ardonia sanctioned Belmark again."]
    assert store.get_entity("CAS") is None  # only the old text named it
    assert {m.entity_id for m in store.iter_mentions("CAS")} == set()
    assert store.counts() == {"documents": 1, "entities": 2, "relations": 2, "evidence": 2}


def test_delete_keeps_shared_edges_with_other_evidence(store: Store) -> None:
    a = doc("a", "Ardonia sanctioned Belmark. The Castellan League praised Ardonia.")
    b = doc("b", "Belmark was sanctioned by Ardonia.")
    store.add_document(a, extraction(a.id, [
        rel(a.id, "ARD", "sanction", "BEL", "Ardonia sanctioned Belmark.", confidence=0.9),
        rel(a.id, "CAS", "praise", "ARD", "The Castellan League praised Ardonia.", start=28),
    ]))
    store.add_document(b, extraction(b.id, [
        rel(b.id, "ARD", "sanction", "BEL", b.text, confidence=0.6),
    ]))
    shared = relations_by_key(store)
    assert len(shared) == 2
    sanction_key = next(k for k, r in shared.items() if r.relation == "sanction")
    assert shared[sanction_key].confidence == 0.9
    assert [e.doc_id for e in shared[sanction_key].evidence] == ["a", "b"]

    assert store.delete_document("a") is True
    left = relations_by_key(store)
    assert list(left) == [sanction_key]
    assert [e.doc_id for e in left[sanction_key].evidence] == ["b"]
    assert left[sanction_key].confidence == 0.6  # max over what is left
    assert store.get_entity("CAS") is None
    assert store.get_entity("ARD") is not None
    assert store.get_document("a") is None
    assert store.delete_document("a") is False
    assert store.delete_document("b") is True
    assert store.counts() == {"documents": 0, "entities": 0, "relations": 0, "evidence": 0}


def _fail_after_entities(store: Store) -> None:
    def boom(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    store._write_relations = boom  # type: ignore[method-assign, assignment]


@pytest.mark.parametrize("fault", ["unknown_entity", "crash_mid_write"])
def test_failed_add_writes_nothing(store: Store, fault: str) -> None:
    d = doc("d1", "Ardonia sanctioned Belmark.")
    ex = extraction(d.id, [rel(d.id, "ARD", "sanction", "BEL", d.text)])
    if fault == "unknown_entity":
        ex = ex.model_copy(update={"entities": [ENTITIES["ARD"]], "mentions": []})
        with pytest.raises(BadInput, match="BEL"):
            store.add_document(d, ex)
    else:
        _fail_after_entities(store)
        with pytest.raises(RuntimeError):
            store.add_document(d, ex)
    assert store.counts() == {"documents": 0, "entities": 0, "relations": 0, "evidence": 0}
    assert store.get_document("d1") is None
    assert list(store.iter_mentions("ARD")) == []


def test_failed_replace_keeps_the_old_document(store: Store) -> None:
    d1 = doc("d1", "Ardonia sanctioned Belmark.")
    store.add_document(d1, extraction(d1.id, [rel(d1.id, "ARD", "sanction", "BEL", d1.text)]))
    before = (store.counts(), relations_by_key(store), list(store.iter_entities()))
    _fail_after_entities(store)
    d2 = doc("d1", "The Castellan League praised Ardonia.")
    with pytest.raises(RuntimeError):
        store.add_document(d2, extraction(d2.id, [rel(d2.id, "CAS", "praise", "ARD", d2.text)]))
    assert (store.counts(), relations_by_key(store), list(store.iter_entities())) == before
    assert store.get_document("d1") == d1


@pytest.mark.parametrize(
    ("case", "message"),
    [("wrong_id", "not of document"), ("foreign_evidence", "carries records"),
     ("no_evidence", "no evidence")],
)
def test_rejects_extractions_that_are_not_the_documents(
    store: Store, case: str, message: str
) -> None:
    d = doc("d1", "Ardonia sanctioned Belmark.")
    r = rel(d.id, "ARD", "sanction", "BEL", d.text)
    if case == "wrong_id":
        ex = extraction("d2", [r])
    elif case == "foreign_evidence":
        ex = extraction(d.id, [rel("other", "ARD", "sanction", "BEL", d.text)])
    else:
        ex = extraction(d.id, [r.model_copy(update={"evidence": []})])
    with pytest.raises(BadInput, match=message):
        store.add_document(d, ex)
    assert store.counts()["documents"] == 0


def test_entities_merge_across_documents(store: Store) -> None:
    first = Entity(id="ARD", name="Ardonia", type="COUNTRY", aliases=["Ardonian"],
                   roles=[Role(relation="member_of", target="CAS")])
    later = Entity(id="ARD", name="Republic of Ardonia", type="COUNTRY", country="ARD",
                   sector="GOV", aliases=["Ardonia", "Ardonian"],
                   roles=[Role(relation="member_of", target="CAS"),
                          Role(relation="leader_of", target="X", title="Chair")])
    for doc_id, entity in (("a", first), ("b", later)):
        d = doc(doc_id, f"Text {doc_id} about Ardonia.")
        store.add_document(d, extraction(d.id, [], [entity]))
    assert store.counts()["entities"] == 1
    merged = store.get_entity("ARD")
    assert merged is not None
    assert merged.name == "Ardonia"  # the stored name is not null, so it stays
    assert (merged.country, merged.sector) == ("ARD", "GOV")  # nulls filled by the later one
    assert merged.aliases == ["Ardonia", "Ardonian"]
    assert [r.relation for r in merged.roles] == ["member_of", "leader_of"]
    assert sorted(m.doc_id for m in store.iter_mentions("ARD")) == ["a", "b"]


def test_symmetric_relations_merge_regardless_of_direction(store: Store) -> None:
    a, b = doc("a", "Ardonia met Belmark."), doc("b", "Belmark met Ardonia.")
    store.add_document(a, extraction(a.id, [rel(a.id, "ARD", "meet", "BEL", a.text,
                                                symmetric=True)]))
    store.add_document(b, extraction(b.id, [rel(b.id, "BEL", "meet", "ARD", b.text,
                                                symmetric=True)]))
    (only,) = store.iter_relations()
    assert (only.source, only.target) == ("ARD", "BEL")
    assert [e.doc_id for e in only.evidence] == ["a", "b"]


def test_duplicate_readings_in_one_document_are_stored_once(store: Store) -> None:
    d = doc("d1", "Ardonia sanctioned Belmark.")
    ex = extraction(d.id, [rel(d.id, "ARD", "sanction", "BEL", d.text, confidence=0.3),
                           rel(d.id, "ARD", "sanction", "BEL", d.text, confidence=0.8)])
    assert store.add_document(d, ex).relations == 1
    (only,) = store.iter_relations()
    assert len(only.evidence) == 1 and only.confidence == 0.8


def test_relation_merge_fills_unknown_coding(store: Store) -> None:
    a, b = doc("a", "Ardonia struck Belmark."), doc("b", "Ardonia struck Belmark hard.")
    store.add_document(a, extraction(a.id, [rel(a.id, "ARD", "attack", "BEL", a.text)]))
    store.add_document(b, extraction(b.id, [rel(b.id, "ARD", "attack", "BEL", b.text,
                                                cameo="190", location="BEL")]))
    (only,) = store.iter_relations()
    assert (only.cameo, only.location) == ("190", "BEL")


def test_concurrent_reads_see_whole_documents(store: Store) -> None:
    errors: list[BaseException] = []
    done = threading.Event()

    def writer() -> None:
        try:
            for i in range(25):
                d = doc(f"d{i}", f"Report {i}: Ardonia sanctioned Belmark; Belmark protested.")
                store.add_document(d, extraction(d.id, [
                    rel(d.id, "ARD", "sanction", "BEL", f"Report {i}: sanction."),
                    rel(d.id, "BEL", "protest", "ARD", f"Report {i}: protest.", start=30),
                ]))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            done.set()

    def reader() -> None:
        try:
            while not done.is_set():
                per_doc: dict[str, int] = {}
                for r in store.iter_relations():
                    for ev in r.evidence:
                        per_doc[ev.doc_id] = per_doc.get(ev.doc_id, 0) + 1
                assert all(n == 2 for n in per_doc.values()), per_doc
                store.counts()
                store.list_documents()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader)
                                                   for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert store.counts()["documents"] == 25


def test_outlet_and_dateline_are_stored_from_the_extraction(store: Store) -> None:
    text = "RIVERTON (Wire News) - Ruritania recalled its envoy."
    # A value on the input record is ignored: the text's reading is what is stored.
    d = doc("d1", text).model_copy(update={"outlet": "Client Says", "dateline": "NOWHERE"})
    ex = extraction(d.id, []).model_copy(update={"outlet": "Wire News", "dateline": "RIVERTON"})
    assert store.add_document(d, ex).status == "created"
    stored = store.get_document("d1")
    assert stored is not None
    assert (stored.outlet, stored.dateline) == ("Wire News", "RIVERTON")
    assert stored.model_dump(exclude={"outlet", "dateline"}) == d.model_dump(
        exclude={"outlet", "dateline"})
    assert [(x.id, x.outlet, x.dateline) for x in store.list_documents()] == [
        ("d1", "Wire News", "RIVERTON")]
    back = store.document_extraction("d1")
    assert back is not None and (back.outlet, back.dateline) == ("Wire News", "RIVERTON")
    # Same text again: unchanged, and an empty extraction does not wipe the metadata.
    assert store.add_document(d, extraction(d.id, [])).status == "unchanged"
    assert store.get_document("d1") == stored
    # A new text replaces them, to None when it names no outlet and has no dateline.
    plain = doc("d1", "Ruritania recalled its envoy again.")
    assert store.add_document(plain, extraction(plain.id, [])).status == "replaced"
    assert store.get_document("d1") == plain
    assert (plain.outlet, plain.dateline) == (None, None)
    again = doc("d1", "PORT ALBA (Coast Herald) - Ruritania sent its envoy back.")
    store.add_document(again, extraction(again.id, []).model_copy(
        update={"outlet": "Coast Herald", "dateline": "PORT ALBA"}))
    stored = store.get_document("d1")
    assert stored is not None and (stored.outlet, stored.dateline) == ("Coast Herald", "PORT ALBA")
    assert store.delete_document("d1")
    assert store.get_document("d1") is None and store.list_documents() == []
    assert store.document_extraction("d1") is None
