"""Running the jobs: a dramatiq worker plus the dispatcher thread, as one stoppable handle.

`start_inprocess_worker(app, settings)` is what the service calls at start-up when
`settings.broker == "inprocess"`; `portfolio worker` (cli/worker.py) calls `start_worker` with
the Redis or RabbitMQ broker and blocks until a signal arrives.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import dramatiq
from eventsourcing.application import Application

from pipeline.jobs.actors import PipelineActors, VersionService, declare_actors
from pipeline.jobs.broker import build_broker, is_durable, is_idle
from pipeline.jobs.dispatcher import Dispatcher, JobFeed
from pipeline.jobs.position import DispatchPosition
from config import Settings

WORKER_TIMEOUT_MS = 500  # how long a consumer blocks on an empty queue; bounds stop()


@dataclass
class WorkerHandle:
    """A running worker (and dispatcher); `stop()` drains in-flight jobs and closes the broker."""

    broker: dramatiq.Broker
    actors: PipelineActors
    worker: dramatiq.Worker
    dispatcher: Dispatcher | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def stop(self, timeout_s: float = 30.0) -> None:
        """Stop dispatching, let running jobs finish (up to `timeout_s`), close the broker."""
        if self._stop.is_set():
            return  # already stopped: the service may call this from several shutdown paths
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
        self.worker.stop(timeout=int(timeout_s * 1000))
        self.broker.close()

    def follow(self, dispatcher: Dispatcher, poll_seconds: float) -> None:
        """Run `dispatcher` on a background thread until `stop()`."""
        self.dispatcher = dispatcher
        self._thread = threading.Thread(
            target=dispatcher.run,
            args=(self._stop, poll_seconds),
            name="pipeline-dispatcher",
            daemon=True,
        )
        self._thread.start()

    def is_idle(self) -> bool:
        """In-process broker only: no message waiting or running (used by tests and health)."""
        return is_idle(self.broker, self.actors.process_version.queue_name)


def start_worker(
    app: Application,
    settings: Settings,
    *,
    service: VersionService | None = None,
    feed: JobFeed | None = None,
    dispatch: bool = True,
    broker: dramatiq.Broker | None = None,
) -> WorkerHandle:
    """Declare the actors on the settings' broker, start the worker threads and the dispatcher.

    `service` and `feed` default to the real pipeline (`pipeline.jobs.processing`).
    """
    broker = broker or build_broker(settings)
    actors = declare_actors(
        broker,
        settings.jobs_queue,
        service or _default_service(app, settings),
        settings.jobs_max_retries,
    )
    worker = dramatiq.Worker(
        broker, worker_threads=settings.worker_threads, worker_timeout=WORKER_TIMEOUT_MS
    )
    # Jobs take seconds: hold one message per thread so idle workers elsewhere get the rest
    # (dramatiq's default prefetches twice the threads).
    worker.queue_prefetch = settings.worker_threads
    worker.start()
    handle = WorkerHandle(broker=broker, actors=actors, worker=worker)
    if dispatch:
        dispatcher = build_dispatcher(app, broker, actors, feed or _default_feed())
        handle.follow(dispatcher, settings.dispatch_poll_seconds)
    return handle


def start_inprocess_worker(app: Application, settings: Settings) -> WorkerHandle:
    """The embedded set-up: jobs run on threads of the calling (service) process."""
    if settings.broker != "inprocess":
        raise ValueError(f"settings.broker is {settings.broker!r}: run `portfolio worker`")
    return start_worker(app, settings)


def build_dispatcher(
    app: Application, broker: dramatiq.Broker, actors: PipelineActors, feed: JobFeed
) -> Dispatcher:
    """A dispatcher that waits for an in-memory broker to settle before moving its position."""
    queue = actors.process_version.queue_name
    settled = None if is_durable(broker) else (lambda: is_idle(broker, queue))
    return Dispatcher(app, actors.send_version, feed, DispatchPosition(app), settled)


def _default_service(app: Application, settings: Settings) -> VersionService:
    from pipeline.jobs.processing import version_service

    return version_service(app, settings)


def _default_feed() -> JobFeed:
    from pipeline.jobs.processing import upload_feed

    return upload_feed()
