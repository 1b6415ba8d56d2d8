"""schemas/ must match the records: run scripts/gen_schemas after changing graphsvc.records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphsvc.cli import ONTOLOGY_FILE, SCHEMA_MODELS, render_schemas

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
EXPECTED = render_schemas()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_schema_file_is_current(name: str) -> None:
    path = SCHEMAS / name
    assert path.is_file(), f"{path} is missing; run scripts/gen_schemas"
    assert path.read_text(encoding="utf-8") == EXPECTED[name], (
        f"{path} is stale; run scripts/gen_schemas"
    )


def test_no_stray_schema_files() -> None:
    assert {p.name for p in SCHEMAS.glob("*.json")} == set(EXPECTED)
    assert len(EXPECTED) == len(SCHEMA_MODELS) + 1  # the records plus the event-type table


def test_event_type_table_is_published() -> None:
    rows = json.loads((SCHEMAS / ONTOLOGY_FILE).read_text(encoding="utf-8"))
    assert {"label", "cameo", "plover", "goldstein", "quad_class"} <= set(rows[0])
    assert any(row["label"] == "met_with" and row["cameo"] == "040" for row in rows)
