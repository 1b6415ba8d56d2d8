"""GraphService.refresh: a replica sees what another process wrote to a shared store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from storefakes import shape, write

from graphsvc.graph.snapshot import build_graph
from graphsvc.service import GraphService
from graphsvc.settings import Settings
from graphsvc.store import SQLiteStore, open_store
from graphsvc.store.sql import SQLStore


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "sqlite":
        return Settings(data_dir=tmp_path, seeds_dir=tmp_path / "no-seeds")
    url = request.getfixturevalue("pg_database")
    return Settings(data_dir=tmp_path, store_url=url, seeds_dir=tmp_path / "no-seeds")


@pytest.fixture
def other_process(settings: Settings) -> Iterator[SQLStore]:
    """A second, independent connection to the same store, as another process would have."""
    store = open_store(settings)
    assert isinstance(store, SQLStore)
    yield store
    store.close()


def test_refresh_applies_other_writers_documents(
    settings: Settings, other_process: SQLStore
) -> None:
    service = GraphService(settings)
    try:
        assert service.refresh() == 0
        write(other_process, "a", [("VAL", "sanction", "KES"), ("KES", "meet", "MOR")])
        write(other_process, "b", [("MOR", "meet", "KES")])
        old = service.graph
        assert service.refresh() == 2
        assert service.graph is not old and old.number_of_edges() == 0  # readers kept theirs
        assert shape(service.graph) == shape(build_graph(service.store))
        other_process.delete_document("a")
        write(other_process, "b", [("VAL", "warn", "MOR")])
        assert service.refresh() == 2
        assert shape(service.graph) == shape(build_graph(service.store))
        assert service.refresh() == 0  # caught up with every change the other process made
    finally:
        service.close()


def test_far_behind_replica_rebuilds(
    settings: Settings, other_process: SQLStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("graphsvc.service.REBUILD_AFTER", 1)
    service = GraphService(settings)
    try:
        for doc_id in ("a", "b", "c"):
            write(other_process, doc_id, [("VAL", "sanction", "KES")])
        assert service.refresh() >= 3
        assert shape(service.graph) == shape(build_graph(service.store))
    finally:
        service.close()


def test_sqlite_default_is_still_a_file(tmp_path: Path) -> None:
    store = open_store(Settings(data_dir=tmp_path))
    try:
        assert isinstance(store, SQLiteStore)
        assert (tmp_path / "graphsvc.db").exists()
    finally:
        store.close()
