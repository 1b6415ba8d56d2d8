"""Hand-built records for API tests: a fake extractor that needs no spaCy model."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from graphsvc.records import Document, Entity, Evidence, Extraction, Relation

__all__ = ["ENTITIES", "TEXT", "FakeExtractor"]

ENTITIES = {
    "Q_ANN": Entity(id="Q_ANN", name="Ann Example", type="PERSON", country="FRA", sector="GOV"),
    "Q_BOB": Entity(id="Q_BOB", name="Bob Sample", type="PERSON", country="DEU", sector="GOV"),
    "Q_GAMMA": Entity(id="Q_GAMMA", name="Gamma Corp", type="ORG", country="DEU"),
}
# (source, relation, target, trigger, cameo, symmetric)
EVENTS = [
    ("Q_ANN", "met_with", "Q_BOB", "met", "040", True),
    ("Q_ANN", "criticize", "Q_GAMMA", "criticised", "111", False),
]

TEXT = (
    "Ann Example met Bob Sample in Lyon on Friday. "
    "Later that day Ann Example criticised Gamma Corp over its exports."
)
_DATELINE = re.compile(r"(?P<place>[A-Z][A-Z ]+) \((?P<outlet>[^)]+)\) - ")


class FakeExtractor:
    """Finds the catalogue's names and triggers in any text; evidence offsets are real."""

    def extract(self, doc: Document) -> Extraction:
        sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", doc.text)]
        found = {eid: e for eid, e in ENTITIES.items() if e.name in doc.text}
        relations = []
        for source, label, target, trigger, cameo, symmetric in EVENTS:
            for start, end in sentences:
                sentence = doc.text[start:end]
                names = (ENTITIES[source].name, ENTITIES[target].name, f" {trigger} ")
                if all(n in sentence for n in names):
                    evidence = Evidence(
                        doc_id=doc.id,
                        sentence=sentence.strip(),
                        start=start,
                        end=end,
                        trigger=trigger,
                        extractor_version="fake-1",
                    )
                    relations.append(
                        Relation(
                            source=source,
                            target=target,
                            relation=label,
                            cameo=cameo,
                            date=doc.date,
                            symmetric=symmetric,
                            confidence=0.9,
                            evidence=[evidence],
                        )
                    )
        # "PLACE (Outlet) - ": a dateline with a credit, as graphsvc_media reads one.
        line = _DATELINE.match(doc.text)
        return Extraction(
            id=doc.id, date=doc.date, entities=list(found.values()), relations=relations,
            outlet=line and line["outlet"], dateline=line and line["place"],
        )

    def extract_many(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        for doc in docs:
            yield self.extract(doc)
