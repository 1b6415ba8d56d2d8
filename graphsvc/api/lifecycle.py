"""Startup in the background, and the readiness it reports.

Opening the service (store, graph snapshot, spaCy model, first-start seeding) takes seconds to
minutes. It runs in a thread while the server already listens: ``GET /ready`` says 503 until it
is done (and stays 503, with the reason, if it failed), and every route that needs the service
answers 503 ``not-ready`` with ``Retry-After`` meanwhile, so a load balancer or a script can
wait for ``/ready`` rather than for a port to open.

A load that fails (a missing model, an unreadable seed file) leaves the server up but never
ready: the reason is logged and served by ``/ready``, and ``/health`` fails too, so an
orchestrator's probes see it rather than a half-seeded graph.

Once ready, the same thread keeps the graph in step with the store every
``settings.refresh_interval`` seconds (``GraphService.refresh``): other ``serve`` replicas and
``graphsvc ingest`` may write to a shared store, and their documents should show up here without
a restart. A failed refresh is logged and retried at the next tick; the old snapshot stays served.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from graphsvc.errors import GraphsvcError
from graphsvc.service import GraphService
from graphsvc.settings import Settings

__all__ = ["Readiness", "ServiceLoader"]

log = logging.getLogger("graphsvc.api")

State = Literal["loading", "ready", "failed", "stopping"]


@dataclass
class Readiness:
    """Where startup is; read by ``/ready`` and by ``deps.get_service`` (one attribute write
    per change, so readers on other threads need no lock)."""

    state: State = "loading"
    detail: str = "Loading: opening the store, the model and the seed documents"

    def set(self, state: State, detail: str) -> None:
        self.detail = detail
        self.state = state


class ServiceLoader:
    """Runs ``open_service(settings)`` on a thread and publishes the result as
    ``app_state.service`` (``app_state`` is ``app.state``), updating ``app_state.readiness``."""

    def __init__(
        self,
        app_state: Any,
        settings: Settings,
        open_service: Callable[[Settings], GraphService],
    ) -> None:
        self._state = app_state
        self._settings = settings
        self._open = open_service
        self._lock = threading.Lock()
        self._stopping = False
        self._stop_watching = threading.Event()
        self._service: GraphService | None = None
        self._thread = threading.Thread(target=self._run, name="graphsvc-loader", daemon=True)
        self.readiness = Readiness()
        app_state.readiness = self.readiness

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            service = self._open(self._settings)
        except Exception as exc:
            reason = exc.detail if isinstance(exc, GraphsvcError) else f"{type(exc).__name__}"
            log.error("startup failed, the service will not become ready: %s", reason,
                      exc_info=exc)
            self.readiness.set("failed", f"Startup failed: {reason}")
            return
        with self._lock:
            if self._stopping:
                # Shutdown gave up waiting for us; nobody else will close it.
                service.close()
                return
            self._service = service
            self._state.service = service
            self.readiness.set("ready", "Ready")
        log.info("ready")
        self._watch(service)

    def _watch(self, service: GraphService) -> None:
        interval = self._settings.refresh_interval
        if interval <= 0:
            return
        pause = interval
        while not self._stop_watching.wait(pause):
            started = time.monotonic()
            try:
                applied = service.refresh()
            except Exception as exc:  # a store hiccup must not end the watch
                log.warning("refresh from the store failed; retrying in %.1f s: %s", pause, exc)
                continue
            took = time.monotonic() - started
            # A refresh copies the graph (seconds near a million edges); pausing twice as long
            # as it took keeps a replica under steady foreign ingest from spending more than a
            # third of a core on copies instead of answering requests.
            pause = max(interval, 2 * took)
            if applied:
                log.info("refreshed the graph in %.2f s: %d document writes from other "
                         "processes", took, applied)

    def stop(self, wait: float) -> None:
        """Stop answering ready, wait up to ``wait`` seconds for a load still running, and
        close the service. A load still running after that is left to finish on its own
        (its committed documents stay committed; it closes what it opened)."""
        self.readiness.set("stopping", "Shutting down")
        self._stop_watching.set()
        self._thread.join(wait)
        with self._lock:
            self._stopping = True
            service, self._service = self._service, None
        if self._thread.is_alive():
            log.warning("shutting down while startup is still loading; left after %.0f s", wait)
        if service is not None:
            service.close()
