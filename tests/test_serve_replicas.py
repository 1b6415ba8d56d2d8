"""Two `graphsvc serve` replicas and a `graphsvc ingest` sharing one PostgreSQL database.

What a load-balanced deployment needs: a document written through either replica, or by the CLI
beside them, shows up in both graphs (each refreshes from the store's change log), and the two
graphs end up identical.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from livesrv import live_server

REFRESH = 0.2
CONVERGE_SECONDS = 60


def replica(data_dir: Path, store_url: str) -> AbstractContextManager[str]:
    """A `graphsvc serve` on ``store_url`` with no seeds, once it is ready."""
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {"GRAPHSVC_STORE_URL": store_url, "GRAPHSVC_REFRESH_INTERVAL": str(REFRESH)}
    return live_server(data_dir, seeds=data_dir / "no-seeds", env=env, wait_path="/ready")


def wait_for(check: Callable[[], bool], what: str, seconds: float = CONVERGE_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"not {what} within {seconds} s")
        time.sleep(0.1)


def graph_of(base: str) -> dict[str, Any]:
    """The replica's whole graph, as node and edge id sets with each edge's evidence count."""
    data = httpx.get(f"{base}/export/json", timeout=30).json()
    return {
        "nodes": sorted(node["id"] for node in data["nodes"]),
        "edges": sorted((e["key"], len(e.get("evidence") or [])) for e in data["edges"]),
    }


def documents_of(base: str) -> int:
    return int(httpx.get(f"{base}/stats", timeout=10).json()["documents"])


def test_replicas_converge_on_one_database(pg_database: str, tmp_path: Path) -> None:
    with ExitStack() as stack:
        first = stack.enter_context(replica(tmp_path / "a", pg_database))
        second = stack.enter_context(replica(tmp_path / "b", pg_database))

        posted = httpx.post(f"{first}/documents", timeout=120, json={
            "id": "wire-1", "date": "2025-02-03",
            "text": "Germany's foreign minister met her Polish counterpart in Warsaw on Monday. "
                    "Poland condemned Belarus for the border incident.",
        })
        assert posted.status_code == 201, posted.text
        # /stats counts documents from the store; the graph follows at the next refresh.
        wait_for(lambda: graph_of(second) == graph_of(first), "seen by the second replica")
        assert graph_of(first)["edges"], "the posted text should yield at least one edge"

        before = graph_of(first)
        # Written beside both replicas by the CLI, in its own process.
        corpus = tmp_path / "more.jsonl"
        corpus.write_text(
            '{"id": "wire-2", "date": "2025-02-04", "text": "Japan protested to China over '
            'a coast guard incident near the Senkaku Islands."}\n', encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHSVC_")}
        env["GRAPHSVC_STORE_URL"] = pg_database
        subprocess.run([sys.executable, "-m", "graphsvc.cli", "ingest", str(corpus)],
                       check=True, env=env, cwd=tmp_path, stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=300)
        wait_for(lambda: documents_of(first) == documents_of(second) == 2, "ingest stored")
        wait_for(lambda: graph_of(first) == graph_of(second) != before, "ingest seen")

        deleted = httpx.delete(f"{second}/documents/wire-1", timeout=30)
        assert deleted.status_code == 204
        def delete_seen() -> bool:
            one, two = graph_of(first), graph_of(second)
            return one == two and not set(before["edges"]) & set(one["edges"])

        wait_for(delete_seen, "delete seen by both replicas")
