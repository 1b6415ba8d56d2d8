"""The event-type table: well-formed, consistent with CAMEO roots, and (when the shared peer
suite is present) faithful to the CAMEO code list, Goldstein table and CAMEO→PLOVER mapping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphsvc import ontology
from graphsvc.errors import BadInput
from graphsvc.ontology import FACT_LABELS
from graphsvc.records import EventType

ROWS = ontology.event_types()
CODED = [row for row in ROWS if row.cameo is not None]
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "peer-suites" / "petrarch2"
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
LABEL_SHAPE = r"^[a-z][a-z_]*[a-z]$"


def _tsv_rows(name: str) -> list[list[str]]:
    lines = (SHARED / name).read_text("utf-8").splitlines()
    rows = [ln.split("\t") for ln in lines if ln and not ln.startswith("#")]
    return rows[1:]  # first non-comment line is the header


needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared peer suite absent")


def test_table_size_and_order_is_stable() -> None:
    assert 60 <= len(ROWS) <= 100
    assert [r.label for r in ROWS] == [r.label for r in ontology.event_types()]
    assert ontology.event_types() is not ontology.event_types()  # callers may mutate their copy


def test_labels_unique_and_well_formed() -> None:
    names = [r.label for r in ROWS]
    assert len(names) == len(set(names))
    assert ontology.labels() == frozenset(names)
    for name in names:
        assert re.match(LABEL_SHAPE, name), name


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.label)
def test_row_is_valid(row: EventType) -> None:
    assert EventType.model_validate(row.model_dump()) == row
    assert row.description and row.description.endswith(".")
    if row.fact:
        assert (row.cameo, row.plover, row.goldstein, row.quad_class) == (None, None, None, None)
        assert not row.symmetric
        return
    assert row.cameo is not None and row.goldstein is not None
    assert -10.0 <= row.goldstein <= 10.0
    root = ontology.cameo_root(row.cameo)
    assert row.quad_class == ontology.quad_class_of_root(root)
    if root in {"01", "02"}:
        assert row.plover is None
    else:
        assert row.plover in PLOVER_TYPES


def test_facts_are_exactly_the_shared_fact_labels() -> None:
    # FACT_LABELS is read from the table's fact column; those are exactly its uncoded rows.
    assert {r.label for r in ROWS if r.fact} == FACT_LABELS
    assert FACT_LABELS == {r.label for r in ROWS if r.cameo is None} == {
        "leader_of", "member_of", "part_of"}


def test_all_twenty_roots_covered() -> None:
    roots = {ontology.cameo_root(r.cameo) for r in CODED if r.cameo}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


@pytest.mark.parametrize(
    ("label", "cameo", "plover", "quad", "symmetric"),
    [
        ("met_with", "040", "CONSULT", 1, True),
        ("visited", "042", "CONSULT", 1, False),
        ("hosted", "043", "CONSULT", 1, False),
        ("appealed_to", "020", None, 1, False),
        ("made_statement", "010", None, 1, False),
        ("signed_agreement_with", "057", "SUPPORT", 1, True),
        ("supported", "051", "SUPPORT", 1, False),
        ("traded_with", "061", "COOPERATE", 2, True),
        ("provided_military_aid", "072", "AID", 2, False),
        ("released", "0841", "RETREAT", 2, False),
        ("accused", "112", "ACCUSE", 3, False),
        ("warned", "130", "THREATEN", 3, False),
        ("threatened_military_force", "138", "THREATEN", 3, False),
        ("vetoed", "129", "REJECT", 3, False),
        ("held_military_drills", "150", "MOBILIZE", 4, False),
        ("sanctioned", "163", "COERCE", 4, False),
        ("arrested", "173", "COERCE", 4, False),
        ("assassinated", "186", "ASSAULT", 4, False),
        ("invaded", "192", "COERCE", 4, False),
        ("annexed", "192", "COERCE", 4, False),
        ("fought", "190", "ASSAULT", 4, True),
        ("used_wmd", "204", "ASSAULT", 4, False),
    ],
)
def test_key_labels(
    label: str, cameo: str, plover: str | None, quad: int, symmetric: bool
) -> None:
    row = ontology.event_type(label)
    assert (row.cameo, row.plover, row.quad_class, row.symmetric) == (
        cameo, plover, quad, symmetric
    )


def test_seed_gold_roots() -> None:
    # Invasion is accepted under roots 18/19, annexation under 19.
    assert ontology.cameo_root(ontology.event_type("invaded").cameo or "") in {"18", "19"}
    assert ontology.cameo_root(ontology.event_type("annexed").cameo or "") == "19"


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("met_with", "met_with"),
        ("Met-With", "met_with"),
        ("met with", "met_with"),
        ("recognized", "recognised"),
        ("criticised", "criticized"),
        ("military_drills", "held_military_drills"),
        ("economic_aid", "provided_economic_aid"),
        ("signed_agreement", "signed_agreement_with"),
    ],
)
def test_aliases(given: str, canonical: str) -> None:
    assert ontology.canonical_label(given) == canonical
    assert ontology.event_type(given).label == canonical
    assert given not in ontology.labels() or given == canonical


@pytest.mark.parametrize("bad", ["", "teleported", "met_with_", "040", "MET WITH!"])
def test_unknown_label_is_bad_input(bad: str) -> None:
    assert ontology.canonical_label(bad) is None
    with pytest.raises(BadInput) as caught:
        ontology.event_type(bad)
    assert caught.value.code == "E001"


def test_by_cameo_returns_first_row_of_each_code() -> None:
    first: dict[str, str] = {}
    for row in CODED:
        first.setdefault(row.cameo or "", row.label)
    for code, label in first.items():
        found = ontology.by_cameo(code)
        assert found is not None and found.label == label and found.cameo == code


@pytest.mark.parametrize(
    ("code", "label"),
    [("040", "met_with"), ("190", "attacked"), ("192", "occupied"), ("111", "criticized")],
)
def test_by_cameo_canonical(code: str, label: str) -> None:
    row = ontology.by_cameo(code)
    assert row is not None and row.label == label


@pytest.mark.parametrize("code", ["04", "084", "999", "", "19x", "0401"])
def test_by_cameo_exact_only(code: str) -> None:
    assert ontology.by_cameo(code) is None


@pytest.mark.parametrize(
    ("code", "root"),
    [("192", "19"), ("0841", "08"), ("04", "04"), ("20", "20"), ("2041", "20"), ("010", "01")],
)
def test_cameo_root(code: str, root: str) -> None:
    assert ontology.cameo_root(code) == root


@pytest.mark.parametrize("code", ["", "1", "21", "00", "210", "12345", "1a2", " 19", "١٩٢"])
def test_cameo_root_rejects(code: str) -> None:
    with pytest.raises(BadInput):
        ontology.cameo_root(code)


@pytest.mark.parametrize(
    ("root", "quad"),
    [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3), ("14", 4), ("20", 4)],
)
def test_quad_class_of_root(root: str, quad: int) -> None:
    assert ontology.quad_class_of_root(root) == quad


@pytest.mark.parametrize("root", ["00", "21", "1", "190", "ab", ""])
def test_quad_class_of_root_rejects(root: str) -> None:
    with pytest.raises(BadInput):
        ontology.quad_class_of_root(root)


@needs_shared
def test_codes_exist_and_goldstein_matches_cameo_table() -> None:
    goldstein = {f[0]: f[6] for f in _tsv_rows("cameo-codes.tsv")}
    for row in CODED:
        assert row.cameo in goldstein, row.label
        assert goldstein[row.cameo or ""] != "", row.label
        assert row.goldstein == float(goldstein[row.cameo or ""]), row.label


@needs_shared
def test_plover_matches_mapping() -> None:
    mapping: dict[str, str] = {}
    for fields in _tsv_rows("cameo-to-plover.tsv"):
        mapping.setdefault(fields[0], fields[1])
    for row in CODED:
        code = row.cameo or ""
        if code[:2] in {"01", "02"}:
            assert code not in mapping and row.plover is None, row.label
        else:
            assert mapping.get(code) == row.plover, row.label
