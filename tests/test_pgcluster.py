"""scripts/pgcluster and the PostgreSQL fixtures: real clusters started, queried and removed."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from pgserver import PGCLUSTER, fresh_database, load_pgcluster, session_cluster, unavailable

pgcluster = load_pgcluster()


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(PGCLUSTER), *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


def select_one(url: str) -> int:
    with psycopg.connect(url, connect_timeout=5) as conn:
        row = conn.execute("SELECT 1").fetchone()
    assert row is not None
    return int(row[0])


@pytest.fixture
def binaries() -> Path:
    try:
        found: Path = pgcluster.find_bindir()
    except pgcluster.ClusterError as exc:
        unavailable(str(exc))
    return found


@pytest.fixture
def scratch(binaries: Path) -> Iterator[Path]:
    """A fresh root-style 0700 /tmp directory (the case the postgres user cannot traverse)."""
    parent = Path(tempfile.mkdtemp(prefix="pgcluster-test-"))
    yield parent
    for state in parent.glob("*/pgcluster.json"):
        cli("stop", str(state.parent))
    shutil.rmtree(parent, ignore_errors=True)


def test_two_clusters_start_answer_and_stop(scratch: Path) -> None:
    first, second = scratch / "one", scratch / "deep" / "two"
    urls = []
    for directory in (first, second):
        started = cli("start", str(directory))
        assert started.returncode == 0, started.stderr
        urls.append(started.stdout.strip())
    ports = [urlsplit(u).port for u in urls]
    assert ports[0] != ports[1]
    for directory, url, port in zip((first, second), urls, ports, strict=True):
        assert url == f"postgresql://postgres@127.0.0.1:{port}/graphsvc"
        assert cli("url", str(directory)).stdout.strip() == url
        assert select_one(url) == 1
        assert not pgcluster.port_is_free(port)
    if os.geteuid() == 0:
        # The server runs as postgres; root's 0700 dir gained search (x) for others, not read.
        mode = stat.S_IMODE(scratch.stat().st_mode)
        assert (mode & stat.S_IXOTH, mode & stat.S_IROTH) == (stat.S_IXOTH, 0)
        assert first.stat().st_uid == pgcluster.pwd.getpwnam("postgres").pw_uid
    for directory, port in zip((first, second), ports, strict=True):
        stopped = cli("stop", str(directory))
        assert stopped.returncode == 0, stopped.stderr
        assert not directory.exists()
        assert port is not None and pgcluster.port_is_free(port)


def test_keep_leaves_a_stopped_cluster_that_stop_then_removes(scratch: Path) -> None:
    directory = scratch / "kept"
    url = pgcluster.start(directory)
    pgcluster.stop(directory, keep=True)
    assert (directory / "data" / "PG_VERSION").is_file()
    with pytest.raises(pgcluster.ClusterError, match="not running"):
        pgcluster.url(directory)
    with pytest.raises(psycopg.OperationalError):
        select_one(url)
    pgcluster.stop(directory)
    assert not directory.exists()


def test_start_retries_when_the_probed_port_is_grabbed(
    scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        offers = iter([taken])
        real_pick = pgcluster._pick_port
        monkeypatch.setattr(pgcluster, "_pick_port", lambda: next(offers, None) or real_pick())
        url = pgcluster.start(scratch / "retry")
        assert urlsplit(url).port != taken
        assert select_one(url) == 1
    pgcluster.stop(scratch / "retry")


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["start", "{dir}/c", "--bindir", "/nonexistent/pg/bin"], {}, "no PostgreSQL binaries"),
        (["start", "{dir}/c"], {"GRAPHSVC_PG_BINDIR": "{dir}"}, "no PostgreSQL binaries"),
        (["bindir", "--bindir", "{dir}"], {}, "no PostgreSQL binaries"),
        (["start", "{dir}/c", "--port", "{busy}"], {}, "already taken"),
        (["start", "{dir}"], {}, "not an empty directory"),
        (["stop", "{dir}"], {}, "not a pgcluster directory"),
        (["url", "{dir}/c"], {}, "not a pgcluster directory"),
    ],
)
def test_errors_exit_2_with_one_line(
    scratch: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    (scratch / "precious.txt").write_text("must survive")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        fill = {"dir": str(scratch), "busy": str(busy.getsockname()[1])}
        environment = os.environ | {k: v.format(**fill) for k, v in env.items()}
        done = cli(*(a.format(**fill) for a in args), env=environment)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
    assert (scratch / "precious.txt").read_text() == "must survive"
    assert not (scratch / "c").exists()


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception),
                                             ("", pytest.skip.Exception)])
def test_missing_postgres_fails_under_ci_and_skips_otherwise(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.delenv("GRAPHSVC_TEST_PG_URL", raising=False)
    monkeypatch.setenv("GRAPHSVC_PG_BINDIR", str(tmp_path))
    with pytest.raises(outcome, match="PostgreSQL"), session_cluster():
        pass


def test_an_existing_server_url_is_used_as_given(
    monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    monkeypatch.setenv("GRAPHSVC_TEST_PG_URL", pg_url)
    monkeypatch.setenv("GRAPHSVC_PG_BINDIR", "/nonexistent")  # would fail if it started one
    with session_cluster() as url:
        assert url == pg_url


@pytest.mark.parametrize("marker", ["first", "second"])
def test_each_test_gets_its_own_empty_database(pg_database: str, pg_url: str, marker: str) -> None:
    assert urlsplit(pg_database).port == urlsplit(pg_url).port
    with psycopg.connect(pg_database, autocommit=True) as conn:
        # Fails with "already exists" if the other parametrization's database were reused.
        conn.execute("CREATE TABLE marker (test text)")
        conn.execute("INSERT INTO marker VALUES (%s)", (marker,))
        assert conn.execute("SELECT test FROM marker").fetchall() == [(marker,)]
        row = conn.execute("SELECT current_database()").fetchone()
    assert row is not None and row[0] != urlsplit(pg_url).path.lstrip("/")


def test_fresh_database_is_dropped_even_with_a_connection_left_open(pg_url: str) -> None:
    with fresh_database(pg_url) as url:
        name = urlsplit(url).path.lstrip("/")
        leftover = psycopg.connect(url)  # a test that forgot to close its pool
    try:
        with psycopg.connect(pg_url) as conn:
            found = conn.execute("SELECT count(*) FROM pg_database WHERE datname = %s",
                                 (name,)).fetchone()
        assert found == (0,)
    finally:
        leftover.close()
