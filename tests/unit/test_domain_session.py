"""AssessmentSession: deterministic id, validated rules, deadlines."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from portfolio.domain import ids
from portfolio.domain.session import AssessmentSession
from portfolio.errors import InvalidInput, UnknownProductionCode
from tests.unit.evidence_support import T0, VERSION, make_app


def opened(**rules) -> AssessmentSession:
    return AssessmentSession.open(
        listing="RNCP38700", referential_version="v1", label="2026", actor="a", at=T0, **rules
    )


def test_id_follows_listing_and_label():
    assert opened().id == ids.session_id("RNCP38700", "2026")
    assert ids.session_id("RNCP38700", "2026") != ids.session_id("RNCP38700", "2027")


def test_defaults_follow_domain_notes():
    session = opened()
    assert (session.result_scale, session.pass_mark, session.compensation) == ("mark20", 10, "none")
    assert session.discrepancy_threshold == 3


@pytest.mark.parametrize(
    "rules",
    [
        {"result_scale": "stars"},
        {"pass_mark": 21},
        {"compensation": "between_blocs"},
        {"discrepancy_threshold": 0},
    ],
)
def test_refuses_rules_it_cannot_apply(rules):
    with pytest.raises(InvalidInput):
        opened(**rules)


def test_deadline_closes_uploads_after_it():
    session = opened()
    session.set_deadline("e2", T0 + timedelta(days=1), "a", T0)
    assert session.accepts_upload("E2", T0 + timedelta(days=1))
    assert not session.accepts_upload("E2", T0 + timedelta(days=1, seconds=1))
    assert session.accepts_upload("E1", T0 + timedelta(days=900))


def test_deadline_needs_a_time_zone_and_a_known_code():
    session = opened()
    with pytest.raises(InvalidInput):
        session.set_deadline("E1", datetime(2026, 1, 1), "a", T0)
    app = make_app()  # which codes exist is the session's referential's to say
    session_id = app.sessions.open_session("RNCP38700", VERSION, "2026", "a")
    with pytest.raises(UnknownProductionCode):
        app.sessions.set_deadline(session_id, "E9", T0, "a")


def test_register_is_idempotent():
    session = opened()
    cid = ids.candidate_id(session.id, "C-1")
    session.register(cid, "C-1", "a", T0)
    session.register(cid, "C-1", "a", T0)
    assert session.candidate_ids == [cid]
    assert [type(e).__name__ for e in session.collect_events()] == [
        "SessionOpened",
        "CandidateRegistered",
    ]
