"""Optimistic concurrency: re-run a command when another writer saved the aggregate first.

Every command loads aggregates, decides, then saves with the versions it read; a concurrent
save makes the store raise `IntegrityError`. Re-running the whole command on fresh state is
safe because commands are idempotent (deterministic ids, no-op on repeats).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from portfolio.errors import Conflict

T = TypeVar("T")
ATTEMPTS = 8


def retrying(command: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """Run `command`, re-running it after a lost optimistic-concurrency race."""
    for attempt in range(attempts):
        try:
            return command()
        except IntegrityError:
            time.sleep(0.005 * (attempt + 1))
    raise Conflict(f"gave up after {attempts} concurrent modifications; try again")


def load_or_none(app: Any, aggregate_id: UUID) -> Any | None:
    """The aggregate, or None when it was never created."""
    try:
        return app.repository.get(aggregate_id)
    except AggregateNotFoundError:
        return None


def now(app: Any) -> datetime:
    """The application's clock when it has one (tests fix it), else UTC now."""
    clock = getattr(app, "clock", None)
    if clock is None:
        return datetime.now(UTC)
    return clock.now() if hasattr(clock, "now") else clock()
