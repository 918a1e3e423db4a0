"""The processing service on the in-memory app: results recorded once per pipeline version."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest

from pipeline.jobs.processing import Pipeline, is_done, locate, process_version, upload_feed
from pipeline.model import Document, Section
from pipeline.rejections import DocumentRejected
from portfolio.domain import ids
from portfolio.errors import ProductionNotFound, SubjectErased
from config import Settings
from tests.unit.evidence_support import enrolled, make_app

REFERENTIAL = SimpleNamespace(version="ref-test")


class Report:
    def __init__(self, file: str, sha256: str) -> None:
        self.data = {"file": file, "sha256": sha256, "status": "accepted"}

    def to_json(self) -> dict:
        return self.data


class Recorder:
    """An extractor and checker that remember what they were given."""

    def __init__(self, reject: str | None = None) -> None:
        self.reject, self.extracted, self.checked = reject, [], []

    def extract(self, data: bytes, filename: str) -> Document:
        self.extracted.append((data, filename))
        if self.reject:
            raise DocumentRejected(self.reject)
        section = Section(id="s1", heading="Diagnostic", level=1, paragraphs=["texte"])
        return Document(format="pdf", sections=[section], page_count=1, word_count=1)

    def check(self, doc, production, referential, *, file, sha256):
        self.checked.append((production, referential.version, file))
        return Report(file, sha256)

    def pipeline(self, version: str = "p1") -> Pipeline:
        return Pipeline(version, self.extract, self.check, REFERENTIAL)


@pytest.fixture
def uploaded():
    app = make_app()
    candidate = enrolled(app)
    app.upload(candidate, "E1", io.BytesIO(b"%PDF-1.7 contenu"), "e1.pdf", "", "candidate")
    return app, candidate, ids.production_id(candidate, "E1")


def run(app, pid, stages: Recorder, version: str = "p1"):
    return process_version(app, pid, 1, Settings(), stages.pipeline(version))


def test_a_version_is_read_through_the_app_checked_and_recorded(uploaded):
    app, candidate, pid = uploaded
    stages = Recorder()
    assert run(app, pid, stages) == "checked"
    assert stages.extracted == [(b"%PDF-1.7 contenu", "e1.pdf")]
    assert stages.checked == [("E1", "ref-test", "e1.pdf")]
    view = app.production(candidate, "E1")
    assert [(e.outcome, e.summary["section_count"]) for e in view.extractions] == [("completed", 1)]
    assert [(c.pipeline_version, c.report["file"]) for c in view.checks] == [("p1", "e1.pdf")]


def test_running_twice_records_once_and_does_not_extract_again(uploaded):
    app, candidate, pid = uploaded
    stages = Recorder()
    run(app, pid, stages)
    assert run(app, pid, stages) == "skipped"
    assert len(stages.extracted) == 1
    assert len(app.production(candidate, "E1").checks) == 1


def test_a_rejected_file_records_the_category_and_no_report(uploaded):
    app, candidate, pid = uploaded
    stages = Recorder(reject="zip_bomb")
    assert run(app, pid, stages) == "rejected"
    (extraction,) = app.production(candidate, "E1").extractions
    assert (extraction.outcome, extraction.category) == ("rejected", "zip_bomb")
    assert app.production(candidate, "E1").checks == ()
    assert run(app, pid, stages) == "skipped"


def test_a_new_pipeline_version_appends_a_second_report(uploaded):
    app, candidate, pid = uploaded
    run(app, pid, Recorder(), "p1")
    assert run(app, pid, Recorder(), "p2") == "checked"
    checks = app.production(candidate, "E1").checks
    assert sorted(c.pipeline_version for c in checks) == ["p1", "p2"]


def test_an_extraction_without_its_report_is_completed_on_the_next_run(uploaded):
    app, candidate, pid = uploaded
    app.record_extraction(candidate, "E1", 1, "p1", {"format": "pdf"})  # died before the check
    view = app.production(candidate, "E1")
    assert not is_done(view, 1, Recorder().pipeline())
    assert run(app, pid, Recorder()) == "checked"
    view = app.production(candidate, "E1")
    assert len(view.extractions) == 1 and len(view.checks) == 1


def test_an_unknown_production_or_version_is_refused(uploaded):
    app, candidate, pid = uploaded
    with pytest.raises(ProductionNotFound):
        locate(app, ids.production_id(candidate, "E3"))
    with pytest.raises(ProductionNotFound):
        locate(app, candidate)  # a candidate id is not a production
    with pytest.raises(ProductionNotFound):
        process_version(app, pid, 2, Settings(), Recorder().pipeline())


def test_the_feed_turns_an_upload_event_into_a_job(uploaded):
    app, _, pid = uploaded
    feed = upload_feed()
    notes = app.recorder.select_notifications(start=None, limit=100, topics=feed.topics)
    jobs = [feed.to_job(app.mapper.to_domain_event(n)) for n in notes]
    assert jobs == [(pid, 1)]


def test_an_erased_candidate_is_not_read_and_nothing_is_recorded(uploaded):
    app, candidate, pid = uploaded
    app.erase_candidate(candidate, "dpo", "art. 17 request")
    stages = Recorder()
    with pytest.raises(SubjectErased):
        run(app, pid, stages)
    assert stages.extracted == []
    assert app.production(candidate, "E1").extractions == ()


def test_the_extraction_summary_records_the_languages_the_check_detected(uploaded):
    app, candidate, pid = uploaded

    class Detecting(Recorder):
        def check(self, doc, production, referential, *, file, sha256):
            doc.languages = ["fr", "en"]  # as check_document's language detection does
            return super().check(doc, production, referential, file=file, sha256=sha256)

    assert run(app, pid, Detecting()) == "checked"
    (extraction,) = app.production(candidate, "E1").extractions
    assert extraction.summary["languages"] == ["fr", "en"]
