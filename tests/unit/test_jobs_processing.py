"""The processing service on the in-memory app: results recorded once per pipeline version."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from pipeline.jobs.processing import ProcessVersion, upload_feed
from pipeline.model import Document, Section
from pipeline.rejections import DocumentRejected
from pipeline.run import Checked, Rejected, summarise
from portfolio.domain import ids
from portfolio.domain.production import Production
from portfolio.errors import ProductionNotFound, SubjectErased
from portfolio.referential import HeldReferentials
from tests.unit.evidence_support import REFERENTIALS, make_app

REFERENTIAL = replace(REFERENTIALS.current(), version="ref-test")


class Report:
    def __init__(self, file: str, sha256: str, languages: list[str]) -> None:
        self.data = {"file": file, "sha256": sha256, "status": "accepted"}
        self.languages = languages

    def to_json(self) -> dict:
        return self.data


class Recorder:
    """A pipeline whose extractor and checker remember what they were given."""

    def __init__(self, reject: str | None = None, version: str = "p1") -> None:
        self.reject, self.version, self.extracted, self.checked = reject, version, [], []
        self.languages: list[str] = []

    def run(self, data: bytes, filename: str, referential, production=None):
        self.extracted.append((data, filename))
        if self.reject:
            rejected = DocumentRejected(self.reject)
            return Rejected(rejected.category.value, rejected.message, {"status": "rejected"})
        section = Section(id="s1", heading="Diagnostic", level=1, paragraphs=["texte"])
        doc = Document(format="pdf", sections=[section], page_count=1, word_count=1)
        self.checked.append((production, referential.version, filename))
        report = Report(filename, "sha", self.languages)
        return Checked(summarise(doc, report), report.to_json())  # type: ignore[arg-type]


@pytest.fixture
def uploaded():
    app = make_app(referentials=HeldReferentials([REFERENTIAL]))
    session = app.sessions.open_session("RNCP38700", "ref-test", "2026-spring", "cli:admin")
    candidate = app.sessions.add_candidate(
        session, "C-001", "Jeanne Dupont", "jeanne@example.org", "formation", "cli:admin"
    )
    app.evidence.upload(candidate, "E1", io.BytesIO(b"%PDF-1.7 contenu"), "e1.pdf", "", "candidate")
    return app, candidate, ids.production_id(candidate, "E1")


def run(app, pid, stages: Recorder, version: str = "p1"):
    stages.version = version
    return ProcessVersion(app.evidence, app.session_referentials, stages)(pid, 1)


def test_a_version_is_read_through_the_app_checked_and_recorded(uploaded):
    app, candidate, pid = uploaded
    stages = Recorder()
    assert run(app, pid, stages) == "checked"
    assert stages.extracted == [(b"%PDF-1.7 contenu", "e1.pdf")]
    assert stages.checked == [("E1", "ref-test", "e1.pdf")]
    view = app.evidence.production(candidate, "E1")
    assert [(e.outcome, e.summary["section_count"]) for e in view.extractions] == [("completed", 1)]
    assert [(c.pipeline_version, c.report["file"]) for c in view.checks] == [("p1", "e1.pdf")]


def test_running_twice_records_once_and_does_not_extract_again(uploaded):
    app, candidate, pid = uploaded
    stages = Recorder()
    run(app, pid, stages)
    assert run(app, pid, stages) == "skipped"
    assert len(stages.extracted) == 1
    assert len(app.evidence.production(candidate, "E1").checks) == 1


def test_a_rejected_file_records_the_category_and_no_report(uploaded):
    app, candidate, pid = uploaded
    stages = Recorder(reject="zip_bomb")
    assert run(app, pid, stages) == "rejected"
    (extraction,) = app.evidence.production(candidate, "E1").extractions
    assert (extraction.outcome, extraction.category) == ("rejected", "zip_bomb")
    assert app.evidence.production(candidate, "E1").checks == ()
    assert run(app, pid, stages) == "skipped"


def test_a_new_pipeline_version_appends_a_second_report(uploaded):
    app, candidate, pid = uploaded
    run(app, pid, Recorder(), "p1")
    assert run(app, pid, Recorder(), "p2") == "checked"
    checks = app.evidence.production(candidate, "E1").checks
    assert sorted(c.pipeline_version for c in checks) == ["p1", "p2"]


def test_an_extraction_without_its_report_is_completed_on_the_next_run(uploaded):
    app, candidate, pid = uploaded
    store = app.adapters.store  # a job of an earlier release died before recording the check
    production = store.get(pid, Production, ProductionNotFound)
    production.record_extraction(1, "p1", {"format": "pdf"}, "pipeline", app.adapters.clock())
    store.save(production)
    view = app.evidence.production(candidate, "E1")
    assert not view.has_result(1, "p1", REFERENTIAL.version)
    assert run(app, pid, Recorder()) == "checked"
    view = app.evidence.production(candidate, "E1")
    assert len(view.extractions) == 1 and len(view.checks) == 1


def test_an_unknown_production_or_version_is_refused(uploaded):
    app, candidate, pid = uploaded
    process = ProcessVersion(app.evidence, app.session_referentials, Recorder())
    with pytest.raises(ProductionNotFound):
        process(ids.production_id(candidate, "E3"), 1)
    with pytest.raises(ProductionNotFound):
        process(candidate, 1)  # a candidate id is not a production
    with pytest.raises(ProductionNotFound):
        process(pid, 2)


def test_the_feed_turns_an_upload_event_into_a_job(uploaded):
    app, _, pid = uploaded
    feed = upload_feed()
    notes = app.adapters.store.notifications(start=None, limit=100, topics=feed.topics)
    jobs = [feed.to_job(app.adapters.store.domain_event(n)) for n in notes]
    assert jobs == [(pid, 1)]


def test_an_erased_candidate_is_not_read_and_nothing_is_recorded(uploaded):
    app, candidate, pid = uploaded
    app.sessions.erase_candidate(candidate, "dpo", "art. 17 request")
    stages = Recorder()
    with pytest.raises(SubjectErased):
        run(app, pid, stages)
    assert stages.extracted == []
    assert app.evidence.production(candidate, "E1").extractions == ()


def test_the_extraction_summary_records_the_languages_the_check_detected(uploaded):
    app, candidate, pid = uploaded

    detecting = Recorder()
    detecting.languages = ["fr", "en"]  # as check_document's language detection reports them
    assert run(app, pid, detecting) == "checked"
    (extraction,) = app.evidence.production(candidate, "E1").extractions
    assert extraction.summary["languages"] == ["fr", "en"]
