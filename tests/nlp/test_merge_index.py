"""extract._merge keeps per-key sets of evidence; these tests hold it to the list-scan rule it
replaced (``e not in have.evidence``): same evidence, same order, same confidence."""

from __future__ import annotations

import random

from graphsvc.extract import _merge, _undated_key
from graphsvc.records import Evidence, Relation


def _ev(n: int, trigger: str | None = "met") -> Evidence:
    return Evidence(doc_id="d", sentence=f"Sentence {n}.", start=10 * n, end=10 * n + 11,
                    trigger=trigger, extractor_version="v")


def _rel(source: str, target: str, date: str | None, evidence: list[Evidence],
         confidence: float = 0.5, symmetric: bool = False) -> Relation:
    return Relation(source=source, target=target, relation="meet", date=date,
                    confidence=confidence, symmetric=symmetric, evidence=evidence)


def _reference_merge(relations: list[Relation]) -> list[Relation]:
    """The list-scan version of _merge, as it was before the index."""

    def fold(merged: dict[str, Relation], key: str, rel: Relation) -> None:
        have = merged.get(key)
        if have is None:
            merged[key] = rel
            return
        have.evidence.extend(e for e in rel.evidence if e not in have.evidence)
        have.confidence = max(have.confidence, rel.confidence)

    merged: dict[str, Relation] = {}
    for rel in relations:
        fold(merged, rel.key, rel)
    dated: dict[tuple[str | bool, ...], list[str]] = {}
    for key, rel in merged.items():
        if rel.date is not None:
            dated.setdefault(_undated_key(rel), []).append(key)
    for key in [k for k, rel in merged.items() if rel.date is None]:
        candidates = dated.get(_undated_key(merged[key]), [])
        if len(candidates) == 1:
            fold(merged, candidates[0], merged.pop(key))
    return list(merged.values())


def test_repeated_evidence_is_kept_once_in_first_seen_order() -> None:
    out = _merge([
        _rel("A", "B", "2024-01-02", [_ev(1)]),
        _rel("A", "B", "2024-01-02", [_ev(2), _ev(1)], confidence=0.7),
        _rel("A", "B", None, [_ev(3), _ev(2), _ev(3)]),
    ])
    assert len(out) == 1
    assert [e.start for e in out[0].evidence] == [10, 20, 30]
    assert out[0].confidence == 0.7


def test_evidence_differing_in_one_field_is_not_a_repeat() -> None:
    out = _merge([_rel("A", "B", None, [_ev(1)]), _rel("A", "B", None, [_ev(1, trigger=None)])])
    assert [e.trigger for e in out[0].evidence] == ["met", None]


def test_same_result_as_the_list_scan_on_random_reports() -> None:
    rng = random.Random(7)
    for _ in range(200):
        reports = []
        for _ in range(rng.randint(1, 40)):
            source, target = rng.sample(["A", "B", "C"], 2)
            date = rng.choice([None, None, "2024-01-02", "2024-01-03"])
            evidence = [_ev(rng.randint(0, 8)) for _ in range(rng.randint(1, 3))]
            reports.append((source, target, date, evidence, rng.choice([0.3, 0.5, 0.9]),
                            rng.random() < 0.3))
        ours = _merge([_rel(s, t, d, list(ev), c, sym) for s, t, d, ev, c, sym in reports])
        reference = _reference_merge(
            [_rel(s, t, d, list(ev), c, sym) for s, t, d, ev, c, sym in reports])
        assert [r.model_dump() for r in ours] == [r.model_dump() for r in reference]
