"""The procès-verbal: signatures bound to its hash, finality, corrections, regeneration."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from uuid import uuid4

import pytest

from bootstrap import compose
from portfolio.domain.pv import ProcesVerbal
from portfolio.errors import (
    Forbidden,
    InvalidInput,
    PVAlreadyFinal,
    PVAlreadySigned,
    PVHashMismatch,
    PVNotFound,
    PVRegenerationMismatch,
    RationaleRequired,
)
from rendering import render_pv
from tests.unit.assessment_support import jury_app, scored_candidate, seated_jury, session_with


@pytest.fixture
def decided():
    app = jury_app()
    session = session_with(app)
    full = scored_candidate(app, session, "C-1")
    partial = scored_candidate(app, session, "C-2", overrides={"CR3.1.2": "non acquis"})
    members = seated_jury(app, session)
    for bloc in (1, 2, 3):
        app.jury.decide_bloc(session, full, bloc, "validé", "", "p")
        expected = "non validé" if bloc == 3 else "validé"
        app.jury.decide_bloc(session, partial, bloc, expected, "", "p")
    return app, session, members


def test_generate_is_idempotent_until_final(decided) -> None:
    app, session, _ = decided
    first = app.jury.generate_pv(session, "admin")
    assert app.jury.generate_pv(session, "admin") == first
    assert hashlib.sha256(app.jury.pv_document(first.pv_id, "pdf")).hexdigest() == first.sha256
    assert (
        hashlib.sha256(app.jury.pv_document(first.pv_id, "docx")).hexdigest() == first.docx_sha256
    )
    with pytest.raises(InvalidInput):
        app.jury.pv_document(first.pv_id, "odt")


def test_signatures(decided) -> None:
    app, session, members = decided
    pv = app.jury.generate_pv(session, "admin")
    with pytest.raises(Forbidden):
        app.jury.sign_pv(pv.pv_id, uuid4(), pv.sha256)
    with pytest.raises(PVHashMismatch):
        app.jury.sign_pv(pv.pv_id, members[0], pv.docx_sha256)
    assert not app.jury.sign_pv(pv.pv_id, members[0], pv.sha256).final
    with pytest.raises(PVAlreadySigned):
        app.jury.sign_pv(pv.pv_id, members[0], pv.sha256)
    assert app.jury.acquired_blocs("C-1") == {}  # nothing acquired before the PV is final
    app.jury.sign_pv(pv.pv_id, members[1], pv.sha256.upper())
    final = app.jury.sign_pv(pv.pv_id, members[2], pv.sha256)
    assert final.final and set(final.signed_by) == set(members)
    assert app.jury.title_obtained("C-1") and not app.jury.title_obtained("C-2")
    assert sorted(app.jury.acquired_blocs("C-2")) == [1, 2]
    with pytest.raises(PVAlreadyFinal):
        app.jury.sign_pv(pv.pv_id, members[0], pv.sha256)


def test_correction_references_the_final_pv(decided) -> None:
    app, session, members = decided
    pv = app.jury.generate_pv(session, "admin")
    with pytest.raises(PVAlreadyFinal):  # not final yet
        app.jury.correct_pv(pv.pv_id, "coquille", "admin")
    for member in members:
        app.jury.sign_pv(pv.pv_id, member, pv.sha256)
    with pytest.raises(RationaleRequired):
        app.jury.correct_pv(pv.pv_id, " ", "admin")
    corrected = app.jury.correct_pv(pv.pv_id, "coquille dans la qualité d'un membre", "admin")
    assert (corrected.number, corrected.corrects) == (2, pv.pv_id)
    assert corrected.sha256 != pv.sha256 and not corrected.final
    assert [p.number for p in app.jury.pvs(session)] == [1, 2]
    with pytest.raises(PVAlreadyFinal):
        app.jury.correct_pv(pv.pv_id, "encore", "admin")


def test_regeneration_is_byte_for_byte_and_detects_drift(decided) -> None:
    app, session, _ = decided
    pv = app.jury.generate_pv(session, "admin")
    stored = (app.jury.pv_document(pv.pv_id, "docx"), app.jury.pv_document(pv.pv_id, "pdf"))
    assert app.jury.regenerate_pv(pv.pv_id) == stored
    drifted = lambda content: render_pv({**content, "number": 99})  # noqa: E731
    renderer_changed = compose(replace(app.adapters, pv_renderer=drifted))
    with pytest.raises(PVRegenerationMismatch):
        renderer_changed.jury.regenerate_pv(pv.pv_id)


def test_pv_rows_flag_only_decisions_departing_from_the_proposal() -> None:
    app = jury_app()
    session = session_with(app)
    candidate = scored_candidate(app, session, "C-1", overrides={"CR3.1.2": "non acquis"})
    seated_jury(app, session)
    app.jury.decide_bloc(session, candidate, 1, "validé", "", "p")
    app.jury.decide_bloc(session, candidate, 3, "validé", "stage jugé probant", "p")
    pv = app.jury.generate_pv(session, "admin")
    (row,) = app.adapters.store.get(pv.pv_id, ProcesVerbal, PVNotFound).content["candidates"]
    blocs = {b["number"]: (b["result"], b["proposal"], b["departs"]) for b in row["blocs"]}
    assert blocs == {
        1: ("validé", "validé", False),
        2: ("non présenté", "", False),
        3: ("validé", "non validé", True),
    }
