"""The job machinery against the real brokers (Redis, RabbitMQ) with a trivial job.

Each test gets its own queue (and Redis namespace) and deletes it afterwards.
"""

from __future__ import annotations

import pytest

import bootstrap
from pipeline.jobs.actors import declare_actors
from pipeline.jobs.position import DispatchPosition
from pipeline.jobs.worker import build_dispatcher
from tests.jobs_support import (
    TrivialService,
    purge_remote,
    remote_settings,
    sqlite_app,
    start_trivial_worker,
    trivial_feed,
    wait_until,
)


@pytest.fixture(params=["redis", "rabbitmq"])
def settings(request, tmp_path):
    settings = remote_settings(request.param, tmp_path)
    yield settings
    purge_remote(settings)


@pytest.fixture
def app(tmp_path):
    return sqlite_app(str(tmp_path / "events.sqlite3"))


def test_uploads_are_processed_through_the_broker(settings, app):
    service = TrivialService(app)
    handle = start_trivial_worker(app, settings, service=service, feed=trivial_feed())
    try:
        pid, _ = app.upload("a")
        other, _ = app.upload("b")
        wait_until(lambda: app.results(pid) == [(1, "p1")] and app.results(other) == [(1, "p1")])
        wait_until(lambda: DispatchPosition(app).get() > 0)
    finally:
        handle.stop()
    assert service.calls == 2


def test_a_job_sent_before_a_crash_is_processed_by_a_later_worker(settings, app):
    """The dispatcher hands the job to the broker and dies; the broker keeps it."""
    broker = bootstrap.build_broker(settings)
    actors = declare_actors(broker, settings.jobs_queue, TrivialService(app))
    pid, _ = app.upload("a")
    assert build_dispatcher(app, broker, actors, trivial_feed()).dispatch_once() == 1
    broker.close()  # "crash": no worker ever ran in this process
    service = TrivialService(app)
    handle = start_trivial_worker(app, settings, service=service, feed=trivial_feed())
    try:
        wait_until(lambda: app.results(pid) == [(1, "p1")])
    finally:
        handle.stop()
    assert service.calls == 1  # the persisted position kept the new dispatcher from resending


def test_an_upload_committed_while_nothing_runs_is_processed_after_restart(settings, app):
    pid, _ = app.upload("a")  # no dispatcher, no worker
    handle = start_trivial_worker(app, settings, service=TrivialService(app), feed=trivial_feed())
    try:
        wait_until(lambda: app.results(pid) == [(1, "p1")])
    finally:
        handle.stop()


def test_the_same_message_twice_on_two_workers_records_one_result(settings, app):
    pid, _ = app.upload("a")
    service = TrivialService(app, delay_s=0.3)  # both runs read before either saves
    first = start_trivial_worker(
        app, settings, service=service, feed=trivial_feed(), dispatch=False
    )
    second = start_trivial_worker(
        app, settings, service=service, feed=trivial_feed(), dispatch=False
    )
    try:
        first.actors.send_version(pid, 1)
        first.actors.send_version(pid, 1)
        wait_until(lambda: service.calls == 2)
        wait_until(lambda: app.results(pid) == [(1, "p1")])
    finally:
        first.stop()
        second.stop()
    assert app.results(pid) == [(1, "p1")]


@pytest.mark.slow
def test_a_job_held_by_a_crashed_worker_is_given_to_another(settings, app):
    """A consumer takes the message and dies without acknowledging it (no close, no nack)."""
    # Maintenance on every Redis command: recovery then waits only for the heartbeat timeout,
    # not for a random draw (RabbitMQ re-queues as soon as the connection drops).
    settings = settings.model_copy(update={"redis_maintenance_chance": 1_000_000})
    crashed = bootstrap.build_broker(settings)
    actors = declare_actors(crashed, settings.jobs_queue, TrivialService(app))
    pid, _ = app.upload("a")
    actors.send_version(pid, 1)
    consumer = crashed.consume(settings.jobs_queue, prefetch=1, timeout=1000)
    assert _next_message(consumer) is not None  # now held, unacknowledged, by the "crashed" one
    if settings.broker == "rabbitmq":
        consumer.connection.close()  # the connection goes down with the process, no ack sent
    handle = start_trivial_worker(app, settings, service=TrivialService(app), dispatch=False)
    try:
        wait_until(lambda: app.results(pid) == [(1, "p1")], timeout_s=120)
    finally:
        handle.stop()


def _next_message(consumer, attempts: int = 20):
    for _ in range(attempts):
        message = next(consumer)
        if message is not None:
            return message
    return None
