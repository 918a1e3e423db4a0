"""RGPD erasure: personal data unreadable, history and log checks intact."""

from __future__ import annotations

import pytest

from portfolio.application.sessions import ERASED
from portfolio.audit.verification import verify_log
from portfolio.errors import AlreadyErased, InvalidInput, SubjectErased
from tests.unit.evidence_support import enrolled, make_app, pdf


def erased_app():
    app = make_app()
    cid = enrolled(app)
    app.evidence.upload(cid, "E1", pdf(), "Dupont-rapport.pdf", "", "cli:c")
    before = verify_log(app.adapters.store)
    app.sessions.erase_candidate(cid, "cli:dpo", "demande art. 17")
    return app, cid, before


def test_name_email_and_file_names_read_as_erased():
    app, cid, _ = erased_app()
    view = app.sessions.candidate(cid)
    assert (view.name, view.email, view.erased) == (ERASED, ERASED, True)
    assert app.evidence.production(cid, "E1").versions[0].filename == ERASED
    assert app.evidence.production(cid, "E1").versions[0].size > 0  # non-personal facts stay


def test_files_cannot_be_read_back():
    app, cid, _ = erased_app()
    with pytest.raises(SubjectErased):
        b"".join(app.evidence.read_version(cid, "E1", 1, "assessor"))
    (sealed,) = app.adapters.blobs.blobs.values()
    with pytest.raises(SubjectErased):
        app.adapters.vault.open(str(cid), sealed)


def test_history_still_replays_and_log_still_verifies():
    app, cid, before = erased_app()
    entries = app.audit.history(cid)
    assert entries[-1].event_type == "CandidateErased"
    assert entries[-1].actor == "cli:dpo" and "demande art. 17" in entries[-1].description
    after = verify_log(app.adapters.store, anchor=before.anchor)
    assert after.count == before.count + 1


def test_no_more_uploads_and_no_second_erasure():
    app, cid, _ = erased_app()
    with pytest.raises(AlreadyErased):
        app.evidence.upload(cid, "E1", pdf(), "x.pdf", "", "cli:c")
    with pytest.raises(AlreadyErased):
        app.sessions.erase_candidate(cid, "cli:dpo", "again")


def test_erasure_needs_a_reason_and_then_destroys_nothing():
    app = make_app()
    cid = enrolled(app)
    with pytest.raises(InvalidInput):
        app.sessions.erase_candidate(cid, "cli:dpo", " ")
    assert app.sessions.candidate(cid).name == "Jeanne Dupont"
