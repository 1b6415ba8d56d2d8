"""``Store.add_documents`` on every backend: several documents in one transaction, all of them
or none (what ``POST /documents/batch`` relies on)."""

from __future__ import annotations

import pytest
from storefakes import COUNTRIES, relation

from graphsvc.errors import BadInput
from graphsvc.records import Document, Extraction
from graphsvc.store.sql import SQLStore


def _pair(doc_id: str, source: str, target: str) -> tuple[Document, Extraction]:
    sentence = f"{COUNTRIES[source].name} met {COUNTRIES[target].name}."
    extraction = Extraction(
        id=doc_id, entities=[COUNTRIES[source], COUNTRIES[target]],
        relations=[relation(doc_id, source, "meet", target, sentence, symmetric=True)],
    )
    return Document(id=doc_id, text=sentence, date="2025-05-05"), extraction


def _tables(store: SQLStore) -> tuple[dict[str, int], int]:
    return store.counts(), store.change_seq()


def test_a_batch_is_written_in_order_in_one_go(store: SQLStore) -> None:
    first = _pair("b-1", "VAL", "KES")
    # The second document names VAL without carrying it: the first one's write is visible.
    doc, extraction = _pair("b-2", "VAL", "MOR")
    second = (doc, extraction.model_copy(update={"entities": [COUNTRIES["MOR"]]}))
    again = (Document(id="b-1", text="Kestria met Valdoria again.", date="2025-05-06"),
             first[1].model_copy(update={"relations": []}))
    results = store.add_documents([first, second, again])
    assert [(r.doc_id, r.status) for r in results] == [
        ("b-1", "created"), ("b-2", "created"), ("b-1", "replaced")]
    assert store.counts()["documents"] == 2
    assert store.change_seq() == 3
    assert store.add_documents([]) == []


@pytest.mark.parametrize("position", [0, 2, 4])
def test_a_failure_anywhere_in_a_batch_writes_nothing(store: SQLStore, position: int) -> None:
    store.add_document(*_pair("seed", "VAL", "KES"))
    before = _tables(store)
    batch = [_pair(f"b-{i}", "KES", "MOR") for i in range(5)]
    doc, extraction = batch[position]
    # An edge to an entity neither carried nor stored: refused inside the transaction.
    stray = relation(doc.id, "KES", "meet", "NOWHERE", doc.text)
    broken = extraction.model_copy(update={"relations": [*extraction.relations, stray]})
    batch[position] = (doc, broken)
    with pytest.raises(BadInput, match="unknown entity 'NOWHERE'"):
        store.add_documents(batch)
    assert _tables(store) == before
    assert store.get_document("b-0") is None
    # The store is usable afterwards and the same batch, fixed, goes in whole.
    batch[position] = (doc, extraction)
    assert len(store.add_documents(batch)) == 5
    assert store.counts()["documents"] == 6


def test_an_extraction_of_another_document_refuses_the_batch_before_writing(
    store: SQLStore,
) -> None:
    doc, _ = _pair("b-1", "VAL", "KES")
    _, other = _pair("other", "VAL", "KES")
    with pytest.raises(BadInput):
        store.add_documents([_pair("b-0", "VAL", "KES"), (doc, other)])
    assert store.counts()["documents"] == 0
