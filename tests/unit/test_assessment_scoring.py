"""Criterion scores: scale checks, supersession, sign-off, blind double marking, moderation."""

from __future__ import annotations

import threading
from uuid import uuid4

import pytest

from portfolio.application.grids import situation_grid
from portfolio.errors import (
    AlreadySignedOff,
    AssessmentIncomplete,
    BlindMarking,
    CriterionOutsideBlocs,
    MarkOutOfRange,
    NoDiscrepancy,
    NotAssigned,
    NotSubmittedVersion,
    RationaleRequired,
    UnknownLevel,
)
from portfolio.referential import PackagedReferentials
from tests.unit.evidence_support import make_app, pdf

REFERENTIAL = PackagedReferentials().current()


def _session(app, scale: str):
    session = app.sessions.open_session(
        "RNCP38700",
        "cdc-2024.1",
        f"s-{scale}",
        "admin",
        None,
        result_scale=scale,
        discrepancy_threshold=3.0,
    )
    cand = app.sessions.add_candidate(
        session, "C-1", "Jeanne Dupont", "j@example.org", "formation", "admin"
    )
    return cand


@pytest.fixture
def app():
    return make_app()


@pytest.fixture
def levels(app):
    """A candidate with E1 uploaded twice and version 1 submitted; two assessors assigned."""
    cand = _session(app, "levels")
    app.evidence.upload(cand, "E1", pdf("v1"), "e1.pdf", "application/pdf", "cand")
    app.evidence.submit(cand, "E1", 1, "cand")
    app.evidence.upload(cand, "E1", pdf("v2"), "e1b.pdf", "application/pdf", "cand")
    first, second = uuid4(), uuid4()
    app.assignments.assign_assessor(cand, "E1", first, "admin")
    app.assignments.assign_assessor(cand, "E1", second, "admin")
    return cand, first, second


def _score_all(app, cand, assessor, value="acquis", situation="E1"):
    for criterion in situation_grid(REFERENTIAL, situation)[1]:
        app.scoring.score_criterion(
            assessor, cand, situation, criterion, value, "conforme au critère"
        )


def test_bad_scores_are_refused_with_specific_errors(app, levels) -> None:
    cand, first, _ = levels
    with pytest.raises(CriterionOutsideBlocs):
        app.scoring.score_criterion(first, cand, "E1", "CR2.1.1", "acquis", "x")
    with pytest.raises(UnknownLevel):
        app.scoring.score_criterion(first, cand, "E1", "CR1.1.1", "excellent", "x")
    with pytest.raises(RationaleRequired):
        app.scoring.score_criterion(first, cand, "E1", "CR1.1.1", "acquis", "  ")
    with pytest.raises(NotAssigned):
        app.scoring.score_criterion(uuid4(), cand, "E1", "CR1.1.1", "acquis", "x")
    v2 = app.evidence.production(cand, "E1").versions[1].sha256
    with pytest.raises(NotSubmittedVersion):
        app.scoring.score_criterion(first, cand, "E1", "CR1.1.1", "acquis", "x", evidence_sha256=v2)


def test_mark_scale_range(app) -> None:
    cand = _session(app, "mark20")
    app.evidence.upload(cand, "E2", pdf(), "e2.pdf", "application/pdf", "cand")
    app.evidence.submit(cand, "E2", None, "cand")
    assessor = uuid4()
    app.assignments.assign_assessor(cand, "E2", assessor, "admin")
    for bad in ("20.5", "-1", "douze", "nan"):
        with pytest.raises(MarkOutOfRange):
            app.scoring.score_criterion(assessor, cand, "E2", "CR2.1.1", bad, "x")
    score = app.scoring.score_criterion(assessor, cand, "E2", "CR2.1.1", "12,5", "x")
    assert score.value == "12.50"


def test_score_records_version_and_referential(app, levels) -> None:
    cand, first, _ = levels
    score = app.scoring.score_criterion(first, cand, "E1", "CR1.1.1", "Acquis", "veille complète")
    submitted = app.evidence.production(cand, "E1").versions[0].sha256
    assert score.evidence_sha256 == submitted
    assert score.referential_version == "cdc-2024.1"
    assert score.value == "acquis"


def test_change_supersedes_with_reason_and_repeat_is_noop(app, levels) -> None:
    cand, first, _ = levels
    one = app.scoring.score_criterion(first, cand, "E1", "CR1.1.1", "acquis", "ok")
    again = app.scoring.score_criterion(first, cand, "E1", "CR1.1.1", "acquis", "ok")
    assert again.score_id == one.score_id
    with pytest.raises(RationaleRequired):
        app.scoring.score_criterion(first, cand, "E1", "CR1.1.1", "non acquis", "sources absentes")
    two = app.scoring.score_criterion(
        first, cand, "E1", "CR1.1.1", "non acquis", "sources absentes", reason="relecture"
    )
    assert two.supersedes == one.score_id and two.reason == "relecture"
    sheet = app.scoring.assessment_sheet(first, cand, "E1", first)
    assert len(sheet.history) == 2 and sheet.current["CR1.1.1"].value == "non acquis"


def test_sign_off_rules(app, levels) -> None:
    cand, first, _ = levels
    app.scoring.score_criterion(first, cand, "E1", "CR1.1.1", "acquis", "conforme au critère")
    with pytest.raises(AssessmentIncomplete):
        app.scoring.sign_off(first, cand, "E1")
    _score_all(app, cand, first)
    assert app.scoring.sign_off(first, cand, "E1") == 1
    with pytest.raises(AlreadySignedOff):
        app.scoring.sign_off(first, cand, "E1")
    app.scoring.score_criterion(
        first, cand, "E1", "CR1.1.2", "partiellement acquis", "ok", reason="r"
    )
    assert not app.scoring.assessment_sheet(first, cand, "E1", first).signed_off
    assert app.scoring.sign_off(first, cand, "E1") == 2


def test_blind_double_marking_then_moderation(app, levels) -> None:
    cand, first, second = levels
    _score_all(app, cand, first)
    app.scoring.sign_off(first, cand, "E1")
    with pytest.raises(BlindMarking):
        app.scoring.assessment_sheet(second, cand, "E1", first)
    assert [s.assessor_id for s in app.scoring.assessment_sheets(second, cand, "E1")] == []
    _score_all(app, cand, second)
    app.scoring.score_criterion(
        second, cand, "E1", "CR1.2.4", "non acquis", "seuil faux", reason="calc"
    )
    assert app.moderation.final_scores(cand, "E1")["CR1.2.4"] is None  # second not signed off yet
    app.scoring.sign_off(second, cand, "E1")
    assert app.scoring.assessment_sheet(second, cand, "E1", first).signed_off
    found = app.moderation.discrepancies(cand, "E1")
    assert [(d.criterion, d.agreed) for d in found] == [("CR1.2.4", None)]
    assert app.moderation.final_scores(cand, "E1")["CR1.2.4"] is None
    with pytest.raises(NoDiscrepancy):
        app.moderation.moderate(uuid4(), cand, "E1", "CR1.1.1", "acquis", "pas d'écart")
    with pytest.raises(RationaleRequired):
        app.moderation.moderate(uuid4(), cand, "E1", "CR1.2.4", "acquis", "")
    app.moderation.moderate(
        uuid4(), cand, "E1", "CR1.2.4", "partiellement acquis", "calcul juste, ratios absents"
    )
    finals = app.moderation.final_scores(cand, "E1")
    assert finals["CR1.2.4"] == "partiellement acquis" and finals["CR1.1.1"] == "acquis"
    assert app.moderation.discrepancies(cand, "E1")[0].agreed == "partiellement acquis"


def test_marks_within_threshold_average(app) -> None:
    cand = _session(app, "mark20")
    a, b = uuid4(), uuid4()
    for assessor, mark in ((a, "12"), (b, "14")):
        app.assignments.assign_assessor(cand, "ORAL_NEGOTIATION", assessor, "admin")
        app.scoring.score_criterion(
            assessor, cand, "ORAL_NEGOTIATION", "CR2.1.4.1", mark, "négociation"
        )
        app.scoring.sign_off(assessor, cand, "ORAL_NEGOTIATION")
    assert app.moderation.discrepancies(cand, "ORAL_NEGOTIATION") == []
    assert app.moderation.final_scores(cand, "ORAL_NEGOTIATION") == {"CR2.1.4.1": "13.00"}


def test_oral_notes_are_attached(app) -> None:
    cand = _session(app, "levels")
    assessor = uuid4()
    app.assignments.assign_assessor(cand, "E3_ORAL", assessor, "admin")
    sha = app.scoring.attach_notes(assessor, cand, "E3_ORAL", b"notes de soutenance", "text/plain")
    sheet = app.scoring.assessment_sheet(assessor, cand, "E3_ORAL", assessor)
    assert sheet.evidence_sha256 is None and sheet.notes[0]["sha256"] == sha


def test_double_click_and_concurrent_assessors_lose_nothing(app, levels) -> None:
    cand, first, second = levels
    calls = [
        (first, "CR1.1.1"),
        (first, "CR1.1.1"),
        (second, "CR1.1.1"),
        (second, "CR1.1.2"),
        (first, "CR1.1.2"),
        (first, "CR1.1.2"),
    ]
    threads = [
        threading.Thread(
            target=app.scoring.score_criterion, args=(who, cand, "E1", crit, "acquis", "même avis")
        )
        for who, crit in calls
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for who in (first, second):
        sheet = app.scoring.assessment_sheet(who, cand, "E1", who)
        assert len(sheet.history) == len(sheet.current)
    assert set(app.scoring.assessment_sheet(first, cand, "E1", first).current) == {
        "CR1.1.1",
        "CR1.1.2",
    }


def test_notes_of_an_unassigned_account_are_refused_before_anything_is_stored(app) -> None:
    cand = _session(app, "levels")
    stored = dict(app.adapters.blobs.blobs)
    with pytest.raises(NotAssigned):
        app.scoring.attach_notes(uuid4(), cand, "E3_ORAL", b"notes d'un intrus", "text/plain")
    assert app.adapters.blobs.blobs == stored
