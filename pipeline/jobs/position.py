"""The dispatcher's position in the notification log, persisted beside the events.

It is eventsourcing's own tracking record (`EventStore.tracking_recorder()`): a `tracking`
table in the same SQLite file or PostgreSQL database as the events, one row per name, that only
ever moves forward. A restart resumes from it, so an upload committed just before a crash is
still dispatched.
"""

from __future__ import annotations

from contextlib import suppress

from eventsourcing.persistence import IntegrityError, Tracking

from portfolio.application.store import EventStore

DEFAULT_NAME = "pipeline-dispatcher"


class DispatchPosition:
    """Last notification id whose job is safely handed over (0 before the first)."""

    def __init__(self, store: EventStore, name: str = DEFAULT_NAME) -> None:
        self._recorder = store.tracking_recorder()
        self._name = name

    def get(self) -> int:
        return self._recorder.max_tracking_id(self._name) or 0

    def advance(self, notification_id: int) -> None:
        """Move forward to `notification_id`; a position at or past it is left as it is."""
        # Single-row tracking refuses to go back (IntegrityError): another dispatcher got further.
        with suppress(IntegrityError):
            self._recorder.insert_tracking(Tracking(self._name, notification_id))
