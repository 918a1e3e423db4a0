"""Login throttling: after repeated failures a login is locked for a growing while, and a
client address that fails too often across logins waits until its window clears.

State is per process and in memory (one application instance per process): it slows a
password-guessing client down without writing an event per failed guess. Unknown logins are
throttled exactly like known ones, so the lock reveals nothing about which logins exist. The
per-address window (`WindowThrottle`) stops one client spraying a password over many logins,
which the per-login lock alone never notices.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from portfolio.errors import TooManyAttempts


@dataclass
class _Failures:
    count: int = 0
    locked_until: datetime | None = None


class LoginThrottle:
    """Counts consecutive failures per key; from `free_failures` on, each failure locks."""

    def __init__(
        self,
        clock: Callable[[], datetime],
        free_failures: int = 5,
        base_lock: timedelta = timedelta(seconds=30),
        max_lock: timedelta = timedelta(minutes=15),
    ) -> None:
        self._clock = clock
        self._free = free_failures
        self._base = base_lock
        self._max = max_lock
        self._state: dict[str, _Failures] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> None:
        """Raise `TooManyAttempts` while `key` is locked."""
        with self._lock:
            state = self._state.get(key)
            if state is None or state.locked_until is None:
                return
            remaining = (state.locked_until - self._clock()).total_seconds()
        if remaining > 0:
            raise TooManyAttempts("too many failed logins; try again later", int(remaining) + 1)

    def failed(self, key: str) -> None:
        with self._lock:
            state = self._state.setdefault(key, _Failures())
            state.count += 1
            excess = state.count - self._free
            if excess >= 0:
                lock = min(self._base * (2**excess), self._max)
                state.locked_until = self._clock() + lock

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._state.pop(key, None)


class WindowThrottle:
    """At most `limit` failures per key within a sliding `window`; success does not reset it
    (signing in to one's own account must not buy more guesses at others)."""

    def __init__(
        self,
        clock: Callable[[], datetime],
        limit: int = 20,
        window: timedelta = timedelta(minutes=10),
    ) -> None:
        self._clock = clock
        self._limit = limit
        self._window = window
        self._failures: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        """The key's failures still inside the window (caller holds the lock)."""
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self._window:
            times.popleft()
        return times

    def check(self, key: str) -> None:
        """Raise `TooManyAttempts` while `key` has used up its failures in the window."""
        with self._lock:
            now = self._clock()
            times = self._recent(key, now)
            if len(times) < self._limit:
                if not times:
                    del self._failures[key]
                return
            remaining = (times[-self._limit] + self._window - now).total_seconds()
        raise TooManyAttempts(
            "too many failed logins from this address; try later", int(remaining) + 1
        )

    def failed(self, key: str) -> None:
        with self._lock:
            now = self._clock()
            self._recent(key, now).append(now)
