"""The job machinery on the embedded set-up: SQLite events, in-process broker, trivial job."""

from __future__ import annotations

import pytest
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

import bootstrap
from config import Settings
from pipeline.jobs.actors import parse_job
from pipeline.jobs.broker import is_durable
from pipeline.jobs.dispatcher import Dispatcher, recheck
from pipeline.jobs.position import DispatchPosition
from portfolio.errors import InvalidInput, StorageUnavailable
from tests.jobs_support import (
    TrivialService,
    sqlite_app,
    start_trivial_worker,
    trivial_feed,
    wait_until,
)
from tests.unit.evidence_support import make_app


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path, broker="inprocess", dispatch_poll_seconds=0.05)


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "events.sqlite3")


def processed_events(app) -> int:
    from eventsourcing.utils import get_topic

    from tests.jobs_support import Upload

    topics = [get_topic(Upload.Processed)]
    return len(app.notifications(start=None, limit=10_000, topics=topics))


def test_build_broker_follows_settings(settings):
    assert isinstance(bootstrap.build_broker(settings), StubBroker)
    redis = bootstrap.build_broker(settings.model_copy(update={"broker": "redis"}))
    rabbit = bootstrap.build_broker(settings.model_copy(update={"broker": "rabbitmq"}))
    assert isinstance(redis, RedisBroker) and redis.namespace == settings.jobs_namespace
    assert isinstance(rabbit, RabbitmqBroker) and rabbit.confirm_delivery
    assert is_durable(redis) and not is_durable(bootstrap.build_broker(settings))


@pytest.mark.parametrize("args", [("not-a-uuid", 1), (None, 1)])
def test_parse_job_refuses_a_malformed_production_id(args):
    with pytest.raises(InvalidInput):
        parse_job(*args)


@pytest.mark.parametrize("version", [0, -1, "2", True, 1.5])
def test_parse_job_refuses_a_malformed_version(version):
    with pytest.raises(InvalidInput):
        parse_job("6f3c8d2a-4b1e-5c7a-9e0f-2d4b6a8c0e1f", version)


def test_start_inprocess_worker_refuses_a_remote_broker(settings, db):
    remote = settings.model_copy(update={"broker": "redis"})
    with pytest.raises(ValueError, match="portfolio worker"):
        bootstrap.build_worker(remote, make_app(), embedded=True)


def test_uploads_are_processed_by_the_inprocess_worker(settings, db):
    app = sqlite_app(db)
    service = TrivialService(app)
    handle = start_trivial_worker(app, settings, service=service, feed=trivial_feed())
    try:
        pid, _ = app.upload("a")
        app.upload("a")
        wait_until(lambda: sorted(app.results(pid)) == [(1, "p1"), (2, "p1")])
        wait_until(lambda: DispatchPosition(app).get() > 0)
    finally:
        handle.stop()
    assert service.calls == 2


def test_an_upload_committed_while_stopped_is_processed_after_restart(settings, db):
    app = sqlite_app(db)
    handle = start_trivial_worker(app, settings, service=TrivialService(app), feed=trivial_feed())
    pid, _ = app.upload("a")
    wait_until(lambda: app.results(pid) == [(1, "p1")])
    wait_until(lambda: DispatchPosition(app).get() > 0)
    handle.stop()
    app.upload("a")  # nothing runs now
    restarted = sqlite_app(db)
    service = TrivialService(restarted)
    handle = start_trivial_worker(restarted, settings, service=service, feed=trivial_feed())
    try:
        wait_until(lambda: sorted(restarted.results(pid)) == [(1, "p1"), (2, "p1")])
    finally:
        handle.stop()
    assert service.calls == 1  # version 1 was not dispatched again


def test_a_crash_before_the_position_is_saved_dispatches_again(db):
    app = sqlite_app(db)
    pid, _ = app.upload("a")
    sent: list = []
    never_settled = Dispatcher(
        app, lambda *job: sent.append(job), trivial_feed(), DispatchPosition(app), lambda: False
    )
    assert never_settled.dispatch_once() == 1
    # the process dies here: the message was sent but the position never moved
    again = Dispatcher(app, lambda *job: sent.append(job), trivial_feed(), DispatchPosition(app))
    assert again.dispatch_once() == 1
    assert sent == [(pid, 1), (pid, 1)]
    assert DispatchPosition(app).get() == again.cursor
    assert again.dispatch_once() == 0


def test_a_failed_send_leaves_the_position_before_the_unsent_job(db):
    app = sqlite_app(db)
    app.upload("a")
    app.upload("b")
    sent: list = []

    def send_once(*job):
        if sent:
            raise ConnectionError("broker down")
        sent.append(job)

    dispatcher = Dispatcher(app, send_once, trivial_feed(), DispatchPosition(app))
    with pytest.raises(ConnectionError):
        dispatcher.dispatch_once()
    assert DispatchPosition(app).get() == 0  # nothing persisted: both are sent again later
    resumed = Dispatcher(app, lambda *job: sent.append(job), trivial_feed(), DispatchPosition(app))
    assert resumed.dispatch_once() == 2


def test_the_position_never_moves_back(db):
    app = sqlite_app(db)
    position = DispatchPosition(app)
    position.advance(5)
    position.advance(3)
    assert DispatchPosition(sqlite_app(db)).get() == 5


def test_a_message_delivered_twice_records_one_result(settings, db):
    app = sqlite_app(db)
    pid, _ = app.upload("a")
    service = TrivialService(app, delay_s=0.2)  # both threads read before either saves
    handle = start_trivial_worker(
        app, settings, service=service, feed=trivial_feed(), dispatch=False
    )
    try:
        handle.actors.send_version(pid, 1)
        handle.actors.send_version(pid, 1)
        wait_until(lambda: service.calls == 2 and handle.is_idle())
    finally:
        handle.stop()
    assert app.results(pid) == [(1, "p1")]
    assert processed_events(app) == 1


def test_a_permanent_error_is_not_retried_and_the_dispatcher_moves_on(settings, db):
    app = sqlite_app(db)
    calls: list = []

    def refuse(pid, number):
        calls.append(number)
        raise InvalidInput("unreadable")

    handle = start_trivial_worker(app, settings, service=refuse, feed=trivial_feed())
    try:
        app.upload("a")
        wait_until(lambda: calls and handle.is_idle() and DispatchPosition(app).get() > 0)
    finally:
        handle.stop()
    assert calls == [1]
    assert len(handle.broker.dead_letters) == 1


def test_recheck_with_a_new_pipeline_appends_a_second_result(settings, db):
    app = sqlite_app(db)
    handle = start_trivial_worker(
        app, settings, service=TrivialService(app, "p1"), feed=trivial_feed()
    )
    pid, _ = app.upload("a")
    wait_until(lambda: app.results(pid) == [(1, "p1")])
    handle.stop()
    upgraded = TrivialService(app, "p2")
    handle = start_trivial_worker(
        app, settings, service=upgraded, feed=trivial_feed(), dispatch=False
    )
    try:
        assert recheck(app, handle.actors.send_version, trivial_feed()) == 1
        wait_until(lambda: app.results(pid) == [(1, "p1"), (1, "p2")])
    finally:
        handle.stop()


def test_stop_is_idempotent(settings, db):
    app = sqlite_app(db)
    handle = start_trivial_worker(app, settings, service=TrivialService(app), feed=trivial_feed())
    handle.stop()
    handle.stop()
    assert handle.is_idle()


def test_a_transient_error_is_retried_until_the_job_succeeds(settings, db):
    app = sqlite_app(db)
    service = TrivialService(app)
    failures: list = []

    def flaky(pid, number):
        if not failures:
            failures.append(number)
            raise StorageUnavailable("event store restarting")
        service(pid, number)

    handle = start_trivial_worker(app, settings, service=flaky, feed=trivial_feed())
    try:
        pid, _ = app.upload("a")
        wait_until(lambda: app.results(pid) == [(1, "p1")])
    finally:
        handle.stop()
    assert failures == [1] and service.calls == 1
