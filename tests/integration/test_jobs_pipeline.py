"""The real pipeline through each broker: corpus files uploaded, extracted, checked, recorded.

In-process (StubBroker) runs on SQLite alone; Redis and RabbitMQ are the real servers, with a
queue (and Redis namespace) per test deleted afterwards.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from eventsourcing.utils import get_topic

import bootstrap
from config import Settings
from pipeline.jobs.processing import ProcessVersion
from pipeline.report import PIPELINE_VERSION
from portfolio.domain import ids
from portfolio.domain.production import Production
from tests.jobs_support import purge_remote, remote_settings, wait_until

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
GOOD = "E1_FONTAINE_Lea_MaisonVerdier.docx"
ZIP_BOMB = "E1_GARNIER_Chloe_dossier_final.docx"
ODT = "E1_MOREAU_Kevin_CyclesArdent.odt"
WAIT_S = 90.0  # a check loads spaCy once (a few seconds) and parses in a child process

pytestmark = pytest.mark.slow


@pytest.fixture(params=["inprocess", "redis", "rabbitmq"])
def settings(request, tmp_path):
    if request.param == "inprocess":
        yield Settings(data_dir=tmp_path, broker="inprocess", dispatch_poll_seconds=0.05)
        return
    settings = remote_settings(request.param, tmp_path)
    yield settings
    purge_remote(settings)


@pytest.fixture
def app(settings):
    return bootstrap.build(settings)


@pytest.fixture
def candidate(app):
    session = app.sessions.open_session("RNCP38700", "cdc-2024.1", "2026-spring", "test:admin")
    return app.sessions.add_candidate(
        session, "C-1", "Léa Fontaine", "lea@example.org", "formation", "t"
    )


def upload(app, candidate, name: str, code: str = "E1") -> int:
    data = (CORPUS / name).read_bytes()
    return app.evidence.upload(candidate, code, io.BytesIO(data), name, "", "candidate").version


def extractions(app, candidate, code: str = "E1"):
    return app.evidence.production(candidate, code).extractions


def count(app, event_class) -> int:
    topics = [get_topic(event_class)]
    return len(app.adapters.store.notifications(start=None, limit=10_000, topics=topics))


def test_an_upload_is_extracted_checked_and_recorded(settings, app, candidate):
    handle = bootstrap.build_worker(settings, app)
    try:
        upload(app, candidate, GOOD)
        wait_until(lambda: app.evidence.production(candidate, "E1").checks, WAIT_S)
    finally:
        handle.stop()
    (extraction,) = extractions(app, candidate)
    assert (extraction.outcome, extraction.pipeline_version) == ("completed", PIPELINE_VERSION)
    assert extraction.summary["format"] == "docx" and extraction.summary["section_count"] > 3
    assert extraction.summary["languages"][0] == "fr"  # detected by the check, before recording
    (check,) = app.evidence.production(candidate, "E1").checks
    assert check.report["status"] == "accepted" and check.report["production"] == "E1"
    assert check.report["file"] == GOOD and check.report["elements"]


def test_a_hostile_file_is_rejected_with_its_category(settings, app, candidate):
    handle = bootstrap.build_worker(settings, app)
    try:
        upload(app, candidate, ZIP_BOMB)
        upload(app, candidate, ODT)
        wait_until(lambda: len(extractions(app, candidate)) == 2, WAIT_S)
    finally:
        handle.stop()
    found = sorted((e.version, e.outcome, e.category) for e in extractions(app, candidate))
    assert found == [(1, "rejected", "zip_bomb"), (2, "rejected", "unsupported_format")]
    assert app.evidence.production(candidate, "E1").checks == ()


def test_an_upload_made_while_nothing_runs_is_processed_after_restart(settings, app, candidate):
    upload(app, candidate, ZIP_BOMB)  # committed while no dispatcher or worker runs
    restarted = bootstrap.build(settings)  # a fresh process would build its own app
    handle = bootstrap.build_worker(settings, restarted)
    try:
        wait_until(lambda: extractions(restarted, candidate), WAIT_S)
    finally:
        handle.stop()
    assert [e.category for e in extractions(app, candidate)] == ["zip_bomb"]


def test_one_message_delivered_twice_to_two_workers_records_one_result(settings, app, candidate):
    version = upload(app, candidate, GOOD)
    pid = ids.production_id(candidate, "E1")
    other = bootstrap.build(settings)  # the second worker's process has its own app
    runs = {"first": Counting(processing(app)), "second": Counting(processing(other))}
    first = bootstrap.build_worker(settings, app, service=runs["first"], dispatch=False)
    second = bootstrap.build_worker(settings, other, service=runs["second"], dispatch=False)
    try:
        first.actors.send_version(pid, version)
        first.actors.send_version(pid, version)
        wait_until(lambda: sum(len(r.outcomes) for r in runs.values()) == 2, WAIT_S)
    finally:
        first.stop()
        second.stop()
    outcomes = sorted(o for r in runs.values() for o in r.outcomes)
    assert outcomes in (["checked", "skipped"], ["checked", "checked"])  # a race may run both
    assert count(app, Production.ExtractionCompleted) == 1
    assert count(app, Production.CheckReported) == 1


def test_a_recheck_with_a_new_pipeline_version_appends_a_second_report(settings, app, candidate):
    from pipeline.jobs.dispatcher import recheck
    from pipeline.jobs.processing import upload_feed

    upload(app, candidate, GOOD)
    handle = bootstrap.build_worker(settings, app)
    try:
        wait_until(lambda: app.evidence.production(candidate, "E1").checks, WAIT_S)
    finally:
        handle.stop()
    newer = replace(app.pipeline, version="9.9.9-test")
    service = ProcessVersion(app.evidence, app.session_referentials, newer)
    handle = bootstrap.build_worker(settings, app, service=service, dispatch=False)
    try:
        assert recheck(app.adapters.store, handle.actors.send_version, upload_feed()) == 1
        wait_until(lambda: len(app.evidence.production(candidate, "E1").checks) == 2, WAIT_S)
    finally:
        handle.stop()
    versions = sorted(c.pipeline_version for c in app.evidence.production(candidate, "E1").checks)
    assert versions == sorted([PIPELINE_VERSION, "9.9.9-test"])
    assert count(app, Production.ExtractionCompleted) == 2


def processing(app):
    """The real service of the worker, for `app`."""
    return ProcessVersion(app.evidence, app.session_referentials, app.pipeline)


class Counting:
    """Wraps the real service and keeps each run's outcome."""

    def __init__(self, service) -> None:
        self.service, self.outcomes = service, []

    def __call__(self, production_id, version):
        outcome = self.service(production_id, version)
        self.outcomes.append(outcome)
        return outcome
