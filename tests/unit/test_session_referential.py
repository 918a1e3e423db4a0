"""Everything decided in a session follows the referential version the session was opened
under, not whichever version is newest: grids, proposals and the PV."""

from __future__ import annotations

from dataclasses import replace

from portfolio.domain.pv import ProcesVerbal
from portfolio.errors import PVNotFound
from portfolio.referential import HeldReferentials
from tests.unit.assessment_support import scored_candidate, seated_jury
from tests.unit.evidence_support import REFERENTIALS, make_app

OLD = REFERENTIALS.current()
NEW = replace(OLD, version="cdc-2099.1", title="Titre refondu")  # a later version, held too


def app_holding_both():
    return make_app(referentials=HeldReferentials([OLD, NEW]))


def test_a_session_keeps_its_version_when_a_newer_one_is_held() -> None:
    app = app_holding_both()
    assert app.referentials.current().version == NEW.version
    session = app.sessions.open_session(
        "RNCP38700", OLD.version, "older", "admin", result_scale="levels"
    )
    assert app.session_referentials.of_session(session) is OLD
    candidate = scored_candidate(app, session, "C-1")
    (sheet,) = app.scoring.assessment_sheets(
        app.assignments.assessors_of(candidate, "E1")[0], candidate, "E1"
    )
    assert sheet.referential_version == OLD.version
    assert list(sheet.criteria) == list(OLD.criteria_of("E1"))


def test_the_pv_states_the_sessions_referential() -> None:
    app = app_holding_both()
    for version, label in ((OLD.version, "older"), (NEW.version, "newer")):
        session = app.sessions.open_session(
            "RNCP38700", version, label, "admin", result_scale="levels"
        )
        candidate = scored_candidate(app, session, f"C-{label}")
        seated_jury(app, session)
        app.jury.decide_bloc(session, candidate, 1, "validé", "", "p")
        pv = app.jury.generate_pv(session, "admin")
        content = app.adapters.store.get(pv.pv_id, ProcesVerbal, PVNotFound).content
        expected = OLD if version == OLD.version else NEW
        assert (content["title"], content["referential_version"]) == (
            expected.title,
            expected.version,
        )
