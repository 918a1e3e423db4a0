"""Follow the event log and enqueue one job per uploaded version.

The dispatcher polls the store's notifications (SQLite has no `subscribe()`) from a
persisted position. A job is sent before the position moves past it, so a crash in between
sends it again on restart: harmless, because the actors are idempotent. With the in-memory
broker a sent message dies with the process, so the position moves only once that broker has
no unfinished message (`settled`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from eventsourcing.persistence import Notification

from pipeline.jobs.position import DispatchPosition
from portfolio.application.store import EventStore
from portfolio.errors import SubjectErased

log = logging.getLogger(__name__)

Job = tuple[UUID, int]
Send = Callable[[UUID, int], None]
BATCH_SIZE = 100
MAX_ERROR_BACKOFF_S = 30.0


@dataclass(frozen=True)
class JobFeed:
    """Which logged events start a job (`topics`) and the job's ids read from one event."""

    topics: tuple[str, ...]
    to_job: Callable[[object], Job | None]


class Dispatcher:
    """Turns new upload events into messages, remembering how far it got."""

    def __init__(
        self,
        store: EventStore,
        send: Send,
        feed: JobFeed,
        position: DispatchPosition,
        settled: Callable[[], bool] | None = None,
    ) -> None:
        self._store, self._send, self._feed = store, send, feed
        self._position, self._settled = position, settled
        self._persisted = position.get()
        self.cursor = self._persisted  # ahead of `_persisted` while messages are unsettled

    def dispatch_once(self, limit: int = BATCH_SIZE) -> int:
        """Send the jobs of up to `limit` new events; returns how many events were read."""
        notifications = self._store.notifications(
            self.cursor, limit, self._feed.topics, inclusive_of_start=False
        )
        for notification in notifications:
            job = self._job(notification)
            if job is not None:
                self._send(*job)
            self.cursor = notification.id
        self._persist()
        return len(notifications)

    def run(self, stop: threading.Event, poll_seconds: float) -> None:
        """Dispatch until `stop` is set; errors are logged and retried with backoff."""
        backoff = poll_seconds
        while not stop.is_set():
            try:
                read = self.dispatch_once()
                backoff = poll_seconds
            except Exception:  # a broker or database outage must not kill the loop
                log.exception("dispatch failed; retrying in %.1fs", backoff)
                read, backoff = 0, min(backoff * 2, MAX_ERROR_BACKOFF_S)
            if read < BATCH_SIZE:
                stop.wait(backoff)

    def _job(self, notification: Notification) -> Job | None:
        return _job(self._store, self._feed, notification)

    def _persist(self) -> None:
        if self.cursor <= self._persisted:
            return
        if self._settled is None or self._settled():
            self._position.advance(self.cursor)
            self._persisted = self.cursor


def recheck(store: EventStore, send: Send, feed: JobFeed) -> int:
    """Send a job for every version ever uploaded; returns how many were sent.

    Used after a pipeline upgrade: the processing service skips versions that already have a
    report from the running pipeline version and appends a new report to the others.
    """
    sent, start = 0, 0
    while batch := store.notifications(start, BATCH_SIZE, feed.topics, inclusive_of_start=False):
        for notification in batch:
            job = _job(store, feed, notification)
            if job is not None:
                send(*job)
                sent += 1
        start = batch[-1].id
    return sent


def _job(store: EventStore, feed: JobFeed, notification: Notification) -> Job | None:
    try:
        event = store.domain_event(notification)
    except SubjectErased:
        log.info("skipping notification %s: its subject was erased", notification.id)
        return None
    return feed.to_job(event)
