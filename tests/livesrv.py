"""A real `graphsvc serve` process for the tests that need one (serve, browser, notebook).

Starts the CLI on a free loopback port with a temporary data dir and the repo's seeds, waits for
/health, and stops it with SIGINT (a clean shutdown is part of what is tested).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

__all__ = ["REPO", "free_port", "live_server"]

REPO = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def live_server(
    data_dir: Path,
    *,
    check_exit: bool = False,
    seeds: Path = REPO / "seeds",
    env: dict[str, str] | None = None,
    wait_path: str = "/health",
) -> Iterator[str]:
    """Yield the base URL of a running `graphsvc serve` once ``wait_path`` answers 200.

    ``env`` adds GRAPHSVC_ variables (the caller's own are dropped); ``check_exit`` asserts
    status 0.
    """
    port = free_port()
    log_path = data_dir / "server.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHSVC_")} | (env or {})
    command = [sys.executable, "-m", "graphsvc.cli", "serve", "--host", "127.0.0.1", "--port",
               str(port), "--data-dir", str(data_dir), "--seeds", str(seeds)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, env=env, cwd=data_dir)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while True:
                if process.poll() is not None:
                    pytest.fail(f"server exited {process.returncode}:\n{log_path.read_text()}")
                try:
                    if httpx.get(f"{base}{wait_path}", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"server not up in {STARTUP_SECONDS}s:\n{log_path.read_text()}")
                time.sleep(0.25)
            yield base
        finally:
            process.send_signal(signal.SIGINT)
            try:
                status = process.wait(timeout=30)
                if check_exit:
                    assert status == 0, log_path.read_text()
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
