"""A trivial event store for testing the job machinery without the real pipeline.

`Upload` aggregates record `VersionUploaded(number)`; the `TrivialService` records one
`Processed(number, pipeline)` per (number, pipeline), like the real processing service.
`start_trivial_worker` starts the real worker and dispatcher over it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from uuid import NAMESPACE_URL, UUID, uuid4, uuid5

import dramatiq
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import IntegrityError
from eventsourcing.utils import get_topic

import bootstrap
from config import Settings
from pipeline.jobs.actors import VersionService
from pipeline.jobs.dispatcher import JobFeed
from pipeline.jobs.worker import WorkerHandle, start_worker
from portfolio.application.store import EventStore
from portfolio.errors import NotFound


class Upload(Aggregate):
    @event("Created")
    def __init__(self, key: str) -> None:
        self.key = key
        self.uploaded = 0
        self.results: list[tuple[int, str]] = []

    @staticmethod
    def create_id(key: str) -> UUID:
        return uuid5(NAMESPACE_URL, key)

    @event("VersionUploaded")
    def upload(self, number: int) -> None:
        self.uploaded = number

    @event("Processed")
    def record(self, number: int, pipeline: str) -> None:
        self.results.append((number, pipeline))


class TrivialApp(EventStore):
    """The event store with two commands of its own: upload a version, read the results."""

    def upload(self, key: str) -> tuple[UUID, int]:
        agg = self.get_or_none(Upload.create_id(key), Upload) or Upload(key)
        agg.upload(agg.uploaded + 1)
        self.save(agg)
        return agg.id, agg.uploaded

    def results(self, pid: UUID) -> list[tuple[int, str]]:
        return list(self.get(pid, Upload, NotFound).results)


def trivial_feed() -> JobFeed:
    topic = get_topic(Upload.VersionUploaded)
    return JobFeed(topics=(topic,), to_job=lambda e: (e.originator_id, e.number))


class TrivialService:
    """Idempotent per (number, pipeline); counts calls; optional delay to widen races."""

    def __init__(self, app: TrivialApp, pipeline: str = "p1", delay_s: float = 0.0) -> None:
        self.app, self.pipeline, self.delay_s = app, pipeline, delay_s
        self.calls = 0
        self._lock = threading.Lock()

    def __call__(self, pid: UUID, number: int) -> None:
        with self._lock:
            self.calls += 1
        for _ in range(5):
            agg = self.app.get(pid, Upload, NotFound)
            if (number, self.pipeline) in agg.results:
                return
            time.sleep(self.delay_s)
            agg.record(number, self.pipeline)
            try:
                self.app.save(agg)
                return
            except IntegrityError:
                continue  # a concurrent run recorded first: reload and look again


def sqlite_app(path: str) -> TrivialApp:
    env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": path}
    env["CREATE_TABLE"] = "y"
    return TrivialApp(env=env)


def start_trivial_worker(
    app: TrivialApp,
    settings: Settings,
    *,
    service: VersionService,
    feed: JobFeed | None = None,
    dispatch: bool = True,
    broker: dramatiq.Broker | None = None,
) -> WorkerHandle:
    """The real worker (and dispatcher) of `settings` over the trivial store and service."""
    return start_worker(
        app,
        broker or bootstrap.build_broker(settings),
        service,
        feed or trivial_feed(),
        bootstrap.worker_options(settings),
        dispatch=dispatch,
    )


def wait_until(predicate: Callable[[], bool], timeout_s: float = 20.0) -> None:
    """Poll `predicate` until true; fail the test after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"condition not met within {timeout_s}s")


def remote_settings(kind: str, data_dir) -> Settings:
    """Settings for a real broker with a queue (and Redis namespace) no other test uses."""
    from tests.services import require

    require(kind, "127.0.0.1", 6379 if kind == "redis" else 5672)
    tag = uuid4().hex[:12]
    return Settings(
        data_dir=data_dir,
        broker=kind,
        jobs_queue=f"test-jobs-{tag}",
        jobs_namespace=f"test-jobs-{tag}",
        dispatch_poll_seconds=0.05,
    )


def purge_remote(settings: Settings) -> None:
    """Delete everything a test left in the broker: Redis keys or RabbitMQ queues."""
    if settings.broker == "redis":
        import redis

        client = redis.Redis.from_url(settings.redis_url)
        keys = list(client.scan_iter(f"{settings.jobs_namespace}*"))
        if keys:
            client.delete(*keys)
        client.close()
    elif settings.broker == "rabbitmq":
        import pika

        with pika.BlockingConnection(pika.URLParameters(settings.rabbitmq_url)) as conn:
            channel = conn.channel()
            for suffix in ("", ".DQ", ".XQ"):
                channel.queue_delete(settings.jobs_queue + suffix)
