"""`portfolio worker` as its own process: it dispatches and processes an upload, then stops on
SIGTERM with exit code 0. The event store is a SQLite file shared with the test process.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import bootstrap
from tests.jobs_support import purge_remote, remote_settings, wait_until

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
GOOD = "E1_FONTAINE_Lea_MaisonVerdier.docx"
PORTFOLIO = Path(sys.executable).with_name("portfolio")

pytestmark = pytest.mark.slow


@pytest.fixture(params=["redis", "rabbitmq"])
def settings(request, tmp_path):
    settings = remote_settings(request.param, tmp_path)
    yield settings
    purge_remote(settings)


def worker_env(settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTFOLIO_")}
    return env | {
        "PORTFOLIO_DATA_DIR": str(settings.data_dir),
        "PORTFOLIO_BROKER": settings.broker,
        "PORTFOLIO_JOBS_QUEUE": settings.jobs_queue,
        "PORTFOLIO_JOBS_NAMESPACE": settings.jobs_namespace,
        "PORTFOLIO_DISPATCH_POLL_SECONDS": "0.1",
    }


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_the_worker_process_checks_an_upload_and_stops_on_sigterm(settings):
    app = bootstrap.build(settings)
    session = app.sessions.open_session("RNCP38700", "cdc-2024.1", "2026-spring", "test:admin")
    candidate = app.sessions.add_candidate(
        session, "C-1", "Léa F", "lea@example.org", "formation", "t"
    )
    worker = subprocess.Popen(
        [str(PORTFOLIO), "worker"], env=worker_env(settings), stderr=subprocess.PIPE, text=True
    )
    try:
        data = (CORPUS / GOOD).read_bytes()
        app.evidence.upload(candidate, "E1", io.BytesIO(data), GOOD, "", "candidate")
        _wait_or_explain(worker, lambda: app.evidence.production(candidate, "E1").checks)
        print(f"worker RSS after one check: {rss_mib(worker.pid):.0f} MiB")
        worker.send_signal(signal.SIGTERM)
        _, stderr = worker.communicate(timeout=60)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(10)
    assert worker.returncode == 0, stderr
    assert "worker stopped" in stderr
    (check,) = app.evidence.production(candidate, "E1").checks
    assert check.report["status"] == "accepted"


def _wait_or_explain(worker: subprocess.Popen, predicate) -> None:
    """Wait for `predicate`; on timeout, fail with the worker's own log."""
    try:
        wait_until(predicate, 120)
    except AssertionError:
        worker.kill()
        _, stderr = worker.communicate(timeout=10)
        pytest.fail(f"no check report within 120 s; worker exit {worker.returncode}:\n{stderr}")


def test_the_inprocess_worker_rechecks_without_duplicating_reports(tmp_path):
    from config import Settings

    settings = Settings(data_dir=tmp_path, broker="inprocess")
    app = bootstrap.build(settings)
    session = app.sessions.open_session("RNCP38700", "cdc-2024.1", "2026-spring", "test:admin")
    candidate = app.sessions.add_candidate(
        session, "C-1", "Léa F", "lea@example.org", "formation", "t"
    )
    data = (CORPUS / GOOD).read_bytes()
    app.evidence.upload(candidate, "E1", io.BytesIO(data), GOOD, "", "candidate")
    env = worker_env(settings) | {"PORTFOLIO_BROKER": "inprocess"}
    worker = subprocess.Popen(
        [str(PORTFOLIO), "worker", "--recheck"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        _wait_or_explain(worker, lambda: app.evidence.production(candidate, "E1").checks)
        worker.send_signal(signal.SIGTERM)
        _, stderr = worker.communicate(timeout=60)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(10)
    assert worker.returncode == 0, stderr
    assert "re-check: 1 version(s) enqueued" in stderr
    assert (
        len(app.evidence.production(candidate, "E1").checks) == 1
    )  # dispatch + re-check: one report
