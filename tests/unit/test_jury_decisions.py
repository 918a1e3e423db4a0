"""Jury composition, proposals under each rule set, decisions and departures."""

from __future__ import annotations

from uuid import uuid4

import pytest

from portfolio.domain.jury import propose
from portfolio.errors import (
    ConflictOfInterest,
    DecisionAlreadyRecorded,
    InvalidInput,
    JuryIncomplete,
    ProposalUnavailable,
    RationaleRequired,
)
from tests.unit.assessment_support import jury_app, scored_candidate, seated_jury, session_with


@pytest.fixture
def app():
    return jury_app()


@pytest.mark.parametrize(
    ("scale", "compensation", "values", "expected"),
    [
        ("levels", "none", ["acquis", "acquis"], "validé"),
        ("levels", "none", ["acquis", "partiellement acquis"], "non validé"),
        ("levels", "within_bloc", ["acquis", "partiellement acquis"], "validé"),
        ("levels", "within_bloc", ["acquis", "acquis", "non acquis"], "non validé"),
        (
            "levels",
            "within_bloc",
            ["acquis", "partiellement acquis", "partiellement acquis"],
            "non validé",
        ),
        ("mark20", "none", ["12.00", "9.50"], "non validé"),
        ("mark20", "within_bloc", ["12.00", "9.50"], "validé"),
        ("mark20", "within_bloc", ["10.00", "9.50"], "non validé"),
    ],
)
def test_proposal_rules(scale, compensation, values, expected) -> None:
    finals = {f"CR{i}": v for i, v in enumerate(values)}
    assert propose(scale, compensation, 10.0, finals) == expected


def test_no_proposal_while_a_score_is_missing() -> None:
    with pytest.raises(ProposalUnavailable):
        propose("levels", "none", 10.0, {"CR1": "acquis", "CR2": None})


def test_incomplete_jury_cannot_decide(app) -> None:
    session = session_with(app)
    cand = scored_candidate(app, session)
    seated_jury(app, session, external=(True,))
    with pytest.raises(JuryIncomplete):
        app.jury.decide_bloc(session, cand, 1, "validé", "", "p")
    app.jury.seat_member(session, uuid4(), "Interne", "formateur référent", False, "admin")
    app.jury.seat_member(session, uuid4(), "Interne 2", "certificateur", False, "admin")
    with pytest.raises(JuryIncomplete):  # two internal out of three
        app.jury.decide_bloc(session, cand, 1, "validé", "", "p")


def test_member_with_declared_conflict_blocks_decision(app) -> None:
    session = session_with(app)
    cand = scored_candidate(app, session)
    members = seated_jury(app, session)
    app.assignments.declare_conflict(members[1], cand, "employer", "employeur", "m")
    with pytest.raises(ConflictOfInterest):
        app.jury.decide_bloc(session, cand, 1, "validé", "", "p")


def test_departure_needs_reasons_and_second_decision_is_refused(app) -> None:
    session = session_with(app)
    cand = scored_candidate(app, session, overrides={"CR1.2.4": "partiellement acquis"})
    seated_jury(app, session)
    assert app.jury.propose_bloc(cand, 1).proposal == "non validé"
    with pytest.raises(RationaleRequired):
        app.jury.decide_bloc(session, cand, 1, "validé", "  ", "p")
    app.jury.decide_bloc(session, cand, 1, "validé", "budget repris à l'oral", "p")
    app.jury.decide_bloc(session, cand, 1, "validé", "budget repris à l'oral", "p")  # double click
    with pytest.raises(DecisionAlreadyRecorded):
        app.jury.decide_bloc(session, cand, 1, "non validé", "", "p")
    with pytest.raises(InvalidInput):
        app.jury.decide_bloc(session, cand, 2, "peut-être", "", "p")


def test_unscored_bloc_has_no_proposal(app) -> None:
    session = session_with(app)
    cand = app.sessions.add_candidate(session, "C-9", "N P", "n@example.org", "VAE", "a")
    seated_jury(app, session)
    with pytest.raises(ProposalUnavailable):
        app.jury.decide_bloc(session, cand, 2, "validé", "", "p")
