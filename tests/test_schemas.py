"""schemas/ must match the records: run scripts/gen_schemas after changing graphsvc.records."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.cli import SCHEMA_MODELS, render_schemas

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
    assert len(EXPECTED) == len(SCHEMA_MODELS)
