"""Cooperative query deadlines: a budget of seconds that long graph traversals check as they go.

API routes run traversals in worker threads, which Python cannot interrupt from outside; a
traversal that must stop therefore has to notice by itself. It takes a ``Deadline`` and calls
``tick()`` once per unit of work (an edge read, a node scored); every ``every``-th tick reads the
monotonic clock and raises ``QueryTimeout`` once the budget is spent. One request, one deadline,
one thread at a time: a ``Deadline`` is not meant to be shared between concurrent queries.

``pause()`` / ``resume()`` stop the clock while a streamed export waits for its client, so the
budget bounds the server's work of building the file, not the client's download speed
(``stream_within``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from graphsvc.errors import QueryTimeout

__all__ = ["DEFAULT_EVERY", "Deadline", "stream_within", "ticked"]

_T = TypeVar("_T")

DEFAULT_EVERY = 256
"""Ticks between clock reads: a clock read costs ~50 ns, a tick ~30 ns, so checking every 256th
unit of work adds well under 1% to a loop that does anything at all per unit, and even a
slow unit of work (a fuzzy name match, ~20 µs) overshoots the budget by only a few ms."""


class Deadline:
    """A time budget in seconds on the monotonic clock, started when created.

    ``limit`` is the budget in seconds (``math.inf`` for ``Deadline.never()``). ``check()``
    raises ``QueryTimeout`` (E012, 503) once more than ``limit`` seconds have run, with extra
    problem fields ``limit_seconds`` (the budget) and ``elapsed_seconds`` (time run so far,
    paused time excluded, rounded to ms). ``tick()`` is the cheap form for hot loops.
    """

    __slots__ = (
        "_clock", "_countdown", "_every", "_expires", "_paused", "_paused_at", "_started", "limit",
    )

    def __init__(
        self,
        limit: float,
        every: int = DEFAULT_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not limit > 0:
            raise ValueError(f"a deadline needs a positive number of seconds, got {limit!r}")
        if every < 1:
            raise ValueError(f"every must be at least 1, got {every!r}")
        self.limit = float(limit)
        self._clock = clock
        self._every = every
        # The first tick reads the clock, so an already-spent budget stops at once.
        self._countdown = 1
        self._started = clock()
        self._expires = self._started + self.limit
        self._paused = 0.0  # seconds spent paused so far
        self._paused_at: float | None = None

    @classmethod
    def after(cls, seconds: float, every: int = DEFAULT_EVERY) -> Deadline:
        """A deadline ``seconds`` from now."""
        return cls(seconds, every=every)

    @classmethod
    def never(cls) -> Deadline:
        """A deadline that never passes (for callers that want no limit but one code path)."""
        return cls(math.inf)

    @property
    def elapsed(self) -> float:
        """Seconds run since creation, paused time excluded."""
        now = self._paused_at if self._paused_at is not None else self._clock()
        return now - self._started - self._paused

    @property
    def remaining(self) -> float:
        """Seconds left (negative once passed; ``math.inf`` for ``never()``)."""
        return self.limit - self.elapsed

    @property
    def expired(self) -> bool:
        return self.remaining < 0

    def check(self) -> None:
        """Raise ``QueryTimeout`` if the budget is spent; reads the clock every time."""
        if self._paused_at is None and self._clock() > self._expires:
            raise self._timeout()

    def tick(self) -> None:
        """``check()`` on every ``every``-th call only: one decrement otherwise."""
        self._countdown -= 1
        if self._countdown <= 0:
            self._countdown = self._every
            self.check()

    def pause(self) -> None:
        """Stop the clock (idempotent): time until ``resume()`` does not count."""
        if self._paused_at is None:
            self._paused_at = self._clock()

    def resume(self) -> None:
        """Start the clock again after ``pause()``; the expiry moves by the paused time."""
        if self._paused_at is not None:
            paused = self._clock() - self._paused_at
            self._paused += paused
            self._expires += paused
            self._paused_at = None

    def _timeout(self) -> QueryTimeout:
        elapsed = round(self.elapsed, 3)
        return QueryTimeout(
            f"The query was stopped at the {self.limit:g} s limit (settings.query_timeout); "
            "narrow it (depth, limit, filters) or raise the limit",
            limit_seconds=self.limit,
            elapsed_seconds=elapsed,
        )

    def __repr__(self) -> str:
        return f"Deadline(limit={self.limit:g}, remaining={self.remaining:.3f})"


def stream_within(chunks: Iterable[bytes], deadline: Deadline) -> Iterator[bytes]:
    """``chunks`` with ``deadline`` running only while a chunk is being built: the clock is
    paused from each yield until the consumer asks for the next chunk, so a slow download does
    not use up the budget. Raises ``QueryTimeout`` from building as ``chunks`` does."""
    iterator = iter(chunks)
    while True:
        deadline.resume()
        try:
            chunk = next(iterator)
        except StopIteration:
            return
        deadline.check()
        deadline.pause()
        yield chunk


def ticked(items: Iterable[_T], deadline: Deadline | None) -> Iterable[_T]:
    """``items``, ticking ``deadline`` once per item taken; ``items`` itself when there is no
    deadline, so an unbounded query pays nothing."""
    if deadline is None:
        return items
    return _ticking(items, deadline)


def _ticking(items: Iterable[_T], deadline: Deadline) -> Iterator[_T]:
    tick = deadline.tick
    for item in items:
        tick()
        yield item
