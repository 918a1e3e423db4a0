"""Assignments: idempotent, blocked by a declared conflict, answered by the docket queries."""

from __future__ import annotations

import threading
from uuid import uuid4

import pytest

from portfolio.errors import CandidateNotFound, ConflictOfInterest, NotAssigned, UnknownSituation
from tests.unit.evidence_support import enrolled, make_app


@pytest.fixture
def app():
    return make_app()


@pytest.fixture
def candidate(app):
    return app.sessions.candidate(enrolled(app))


def test_assigning_twice_gives_one_assignment(app, candidate) -> None:
    assessor = uuid4()
    first = app.assignments.assign_assessor(candidate.id, "E1", assessor, actor="admin")
    second = app.assignments.assign_assessor(str(candidate.id), "e1", str(assessor), actor="admin")
    assert first == second
    assert app.assignments.assigned_candidates(assessor) == [candidate.id]
    assert app.assignments.is_assigned(assessor, candidate.id)
    assert app.assignments.is_assigned(assessor, candidate.id, "E1")
    assert not app.assignments.is_assigned(assessor, candidate.id, "E2")
    assert app.assignments.assessors_of(candidate.id, "E1") == [assessor]


def test_unassigned_assessor_is_refused(app, candidate) -> None:
    assert not app.assignments.is_assigned(uuid4(), candidate.id)
    assert app.assignments.assigned_candidates(uuid4()) == []
    with pytest.raises(NotAssigned):
        app.assignments.ensure_assigned(uuid4(), candidate.id, "E1")


def test_declared_conflict_blocks_existing_and_new_assignments(app, candidate) -> None:
    tutor = uuid4()
    app.assignments.assign_assessor(candidate.id, "E3", tutor, actor="admin")
    app.assignments.declare_conflict(
        tutor, candidate.id, "tutor", "tuteur en entreprise", actor=str(tutor)
    )
    assert not app.assignments.is_assigned(tutor, candidate.id)
    assert app.assignments.assigned_candidates(tutor) == []
    assert app.assignments.assessors_of(candidate.id, "E3") == []
    assert app.assignments.has_conflict(tutor, candidate.id)
    with pytest.raises(ConflictOfInterest):
        app.assignments.assign_assessor(candidate.id, "E1", tutor, actor="admin")
    with pytest.raises(ConflictOfInterest):
        app.assignments.ensure_assigned(tutor, candidate.id, "E3")


def test_unknown_situation_and_candidate_are_refused(app, candidate) -> None:
    with pytest.raises(UnknownSituation):
        app.assignments.assign_assessor(candidate.id, "E9", uuid4(), actor="admin")
    with pytest.raises(CandidateNotFound):
        app.assignments.assign_assessor(uuid4(), "E1", uuid4(), actor="admin")


def test_concurrent_assignments_are_all_kept(app, candidate) -> None:
    assessors = [uuid4() for _ in range(6)]
    threads = [
        threading.Thread(
            target=app.assignments.assign_assessor, args=(candidate.id, "E2", a, "admin")
        )
        for a in assessors + assessors
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(app.assignments.assessors_of(candidate.id, "E2")) == sorted(assessors)
