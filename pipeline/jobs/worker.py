"""Running the jobs: a dramatiq worker plus the dispatcher thread, as one stoppable handle.

`bootstrap.build_worker(settings, portfolio)` builds the broker and the processing service and
calls `start_worker`; the service runs it in-process on the embedded broker, `portfolio worker`
runs it with the Redis or RabbitMQ broker and blocks until a signal arrives.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import dramatiq

from pipeline.jobs.actors import PipelineActors, VersionService, declare_actors
from pipeline.jobs.broker import is_durable, is_idle
from pipeline.jobs.dispatcher import Dispatcher, JobFeed
from pipeline.jobs.position import DispatchPosition
from portfolio.application.store import EventStore

WORKER_TIMEOUT_MS = 500  # how long a consumer blocks on an empty queue; bounds stop()


@dataclass(frozen=True)
class WorkerOptions:
    """How a worker consumes: its queue, threads, retries and how often the log is polled."""

    queue: str = "pipeline"
    threads: int = 2
    max_retries: int = 5
    poll_seconds: float = 1.0


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
    store: EventStore,
    broker: dramatiq.Broker,
    service: VersionService,
    feed: JobFeed,
    options: WorkerOptions,
    *,
    dispatch: bool = True,
) -> WorkerHandle:
    """Declare the actors on `broker`, start the worker threads and (unless told not to) the
    dispatcher that follows `store`'s log and sends one job per event of `feed`."""
    actors = declare_actors(broker, options.queue, service, options.max_retries)
    worker = dramatiq.Worker(
        broker, worker_threads=options.threads, worker_timeout=WORKER_TIMEOUT_MS
    )
    # Jobs take seconds: hold one message per thread so idle workers elsewhere get the rest
    # (dramatiq's default prefetches twice the threads).
    worker.queue_prefetch = options.threads
    worker.start()
    handle = WorkerHandle(broker=broker, actors=actors, worker=worker)
    if dispatch:
        handle.follow(build_dispatcher(store, broker, actors, feed), options.poll_seconds)
    return handle


def build_dispatcher(
    store: EventStore, broker: dramatiq.Broker, actors: PipelineActors, feed: JobFeed
) -> Dispatcher:
    """A dispatcher that waits for an in-memory broker to settle before moving its position."""
    queue = actors.process_version.queue_name
    settled = None if is_durable(broker) else (lambda: is_idle(broker, queue))
    return Dispatcher(store, actors.send_version, feed, DispatchPosition(store), settled)
