"""The production shape: PostgreSQL events, Redis or RabbitMQ jobs, the real pipeline.

The dispatcher's position is eventsourcing's tracking row in the same PostgreSQL schema.
"""

from __future__ import annotations

import io
from pathlib import Path

import psycopg
import pytest

import bootstrap
from pipeline.jobs.position import DispatchPosition
from pipeline.jobs.processing import upload_feed
from tests.jobs_support import purge_remote, remote_settings, wait_until

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
GOOD = "E1_FONTAINE_Lea_MaisonVerdier.docx"
ZIP_BOMB = "E1_GARNIER_Chloe_dossier_final.docx"

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture(params=["redis", "rabbitmq"])
def settings(request, pg_env, tmp_path):
    broker = remote_settings(request.param, tmp_path)
    fields = ("broker", "jobs_queue", "jobs_namespace", "dispatch_poll_seconds")
    settings = pg_env.model_copy(update={f: getattr(broker, f) for f in fields})
    yield settings
    purge_remote(settings)


def enrolled(app):
    session = app.sessions.open_session("RNCP38700", "cdc-2024.1", "2026-spring", "test:admin")
    return app.sessions.add_candidate(session, "C-1", "Léa F", "lea@example.org", "formation", "t")


def upload(app, candidate, name: str) -> None:
    data = (CORPUS / name).read_bytes()
    app.evidence.upload(candidate, "E1", io.BytesIO(data), name, "", "candidate")


def last_upload_id(app) -> int:
    notes = app.adapters.store.notifications(start=None, limit=1000, topics=upload_feed().topics)
    return notes[-1].id


def tracking_rows(settings) -> list[tuple]:
    with psycopg.connect(host=settings.postgres_host, user="postgres", dbname="postgres") as conn:
        table = f'"{settings.postgres_schema}".portfolio_tracking'
        return conn.execute(f"SELECT application_name, notification_id FROM {table}").fetchall()


def test_uploads_before_and_during_a_run_are_processed_and_tracked(settings):
    app = bootstrap.build(settings)
    candidate = enrolled(app)
    upload(app, candidate, ZIP_BOMB)  # before any worker exists
    handle = bootstrap.build_worker(settings, bootstrap.build(settings))
    try:
        wait_until(lambda: app.evidence.production(candidate, "E1").extractions, 90)
        upload(app, candidate, GOOD)
        wait_until(lambda: app.evidence.production(candidate, "E1").checks, 90)
        wait_until(lambda: DispatchPosition(app.adapters.store).get() == last_upload_id(app))
    finally:
        handle.stop()
    outcomes = sorted(
        (e.version, e.outcome) for e in app.evidence.production(candidate, "E1").extractions
    )
    assert outcomes == [(1, "rejected"), (2, "completed")]
    assert ("pipeline-dispatcher", last_upload_id(app)) in tracking_rows(settings)


def test_a_restarted_worker_resumes_after_the_persisted_position(settings):
    app = bootstrap.build(settings)
    candidate = enrolled(app)
    upload(app, candidate, ZIP_BOMB)
    handle = bootstrap.build_worker(settings, app)
    try:
        wait_until(lambda: app.evidence.production(candidate, "E1").extractions, 90)
    finally:
        handle.stop()
    upload(app, candidate, ZIP_BOMB)  # while stopped
    restarted = bootstrap.build(settings)
    handle = bootstrap.build_worker(settings, restarted)
    try:
        wait_until(lambda: len(restarted.evidence.production(candidate, "E1").extractions) == 2, 90)
    finally:
        handle.stop()
    assert [e.category for e in app.evidence.production(candidate, "E1").extractions] == [
        "zip_bomb"
    ] * 2
