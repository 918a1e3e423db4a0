"""Outages of the event store surface fast: 503 with Retry-After, exit 7 with one sentence.

Faults are real and made on loopback (tests/netfaults.py): a proxy to the machine's
PostgreSQL that is cut (the port then refuses), a black-holed port (SYNs dropped), a table
locked by another session (a hung store). The only timing bounds are generous ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from portfolio.errors import StorageUnavailable
from storage.bootstrap import build_app
from storage.eventstore import pg_conninfo
from storage.pgpool import shared_pool
from tests.conftest import PG_HOST, PG_PORT, free_port
from tests.netfaults import BlackHole, TcpProxy

PORTFOLIO = str(Path(sys.executable).parent / "portfolio")
LOGIN = {"login": "nobody@example.org", "password": "not-the-password"}

pytestmark = pytest.mark.postgres


@pytest.fixture
def proxy() -> TcpProxy:
    proxy = TcpProxy(PG_PORT, PG_HOST)
    yield proxy
    proxy.cut()


def test_configured_timeouts_are_applied_to_every_connection(pg_env):
    settings = pg_env.model_copy(
        update={"postgres_connect_timeout": 4, "postgres_statement_timeout": 2.5}
    )
    app = build_app(settings)
    datastore = app.factory.datastore
    assert datastore.pool.timeout == 4  # waiting for a pooled connection
    with datastore.get_connection() as conn:
        assert conn.execute("SHOW statement_timeout").fetchone() == {"statement_timeout": "2500ms"}
        assert conn.execute("SHOW lock_timeout").fetchone() == {"lock_timeout": "2500ms"}
        parameters = conn.info.get_parameters()
    assert parameters["connect_timeout"] == "4"
    assert parameters["tcp_user_timeout"] == "4000"
    with shared_pool(pg_conninfo(settings)).connection() as keys:  # the key table's pool
        assert keys.execute("SHOW statement_timeout").fetchone() == ("2500ms",)
    app.close()


@pytest.mark.parametrize("fault", ["closed port", "black hole"])
def test_a_request_during_an_outage_answers_503_with_retry_after_quickly(pg_env, proxy, fault):
    settings = pg_env.model_copy(update={"postgres_port": proxy.port})  # default timeouts
    client = TestClient(create_app(settings))
    assert client.post("/api/auth/login", json=LOGIN).status_code == 401  # store reachable
    proxy.cut()
    hole = BlackHole(proxy.port) if fault == "black hole" else None
    try:
        started = time.monotonic()
        answer = client.post("/api/auth/login", json=LOGIN)
        elapsed = time.monotonic() - started
    finally:
        if hole:
            hole.close()
    assert answer.status_code == 503, answer.text
    assert answer.headers["Retry-After"] == "5"
    assert answer.headers["content-type"] == "application/problem+json"
    assert elapsed < 5, f"503 after {elapsed:.1f} s"  # was ~52 s (ten retried pool timeouts)


def test_a_locked_log_is_unavailable_after_the_statement_timeout_not_ten(pg_env):
    settings = pg_env.model_copy(update={"postgres_statement_timeout": 1})
    app = build_app(settings)
    session = app.open_session("RNCP38700", "cdc-2024.1", "2026-juin", "test:admin")
    table = f'"{settings.postgres_schema}".portfolio_events'
    outcome: list[BaseException | None] = []
    with psycopg.connect(**pg_conninfo(pg_env)) as locker:
        locker.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")  # held until the end

        def read() -> None:
            try:
                app.repository.get(session)
                outcome.append(None)
            except BaseException as exc:  # noqa: BLE001 - reported below
                outcome.append(exc)

        reader = threading.Thread(target=read, daemon=True)
        started = time.monotonic()
        reader.start()
        reader.join(timeout=60)
        elapsed = time.monotonic() - started
        locker.rollback()
    assert outcome and isinstance(outcome[0], StorageUnavailable), outcome
    assert "no answer in time" in str(outcome[0])
    assert elapsed < 5, f"gave up after {elapsed:.1f} s"  # eventsourcing alone: 10 x 1 s + waits


def _run(command: str, port: int) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        PORTFOLIO_EVENT_STORE="postgres",
        PORTFOLIO_POSTGRES_HOST="127.0.0.1",
        PORTFOLIO_POSTGRES_PORT=str(port),
        PORTFOLIO_BROKER="inprocess",
        PORTFOLIO_PORT=str(free_port()),
    )
    return subprocess.run(
        [PORTFOLIO, command], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
@pytest.mark.parametrize("command", ["serve", "worker"])
def test_serve_and_worker_against_an_unreachable_store_exit_7_with_one_sentence(command, tmp_path):
    closed = free_port()  # nothing listens there
    done = _run(command, closed)
    assert done.returncode == 7, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "unavailable" in lines[0] and f":{closed}" in lines[0]
