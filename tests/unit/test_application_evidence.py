"""Evidence commands on the in-memory twins: uploads, submission, refusals, queries."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from portfolio.domain import ids
from portfolio.errors import (
    AlreadyExists,
    AlreadySubmitted,
    BlobCorrupted,
    BlobTooLarge,
    CandidateNotFound,
    DeadlinePassed,
    EmptyUpload,
    InvalidInput,
    ProductionNotFound,
    SessionNotFound,
    UnknownProductionCode,
)
from tests.unit.evidence_support import T0, VERSION, FakeClock, enrolled, make_app, pdf


def event_count(app) -> int:
    return len(app.adapters.store.notifications(start=1, limit=10_000))


def test_uploads_append_versions_with_hash_size_and_type():
    app = make_app()
    cid = enrolled(app)
    first = app.evidence.upload(cid, "E1", pdf("a"), "rapport.pdf", "application/pdf", "cli:c")
    second = app.evidence.upload(
        cid, "e1", io.BytesIO(b"notes"), "notes.pdf", "application/pdf", "cli:c"
    )
    assert (first.version, second.version) == (1, 2)
    assert second.media_type == "text/plain"  # detected, not declared
    assert second.size == 5
    view = app.evidence.production(cid, "E1")
    assert [v.filename for v in view.versions] == ["rapport.pdf", "notes.pdf"]
    assert view.submitted_version is None


def test_read_back_gives_the_bytes_and_records_the_viewer():
    app = make_app()
    cid = enrolled(app)
    app.evidence.upload(cid, "E2", pdf("x"), "e2.pdf", "application/pdf", "cli:c")
    assert b"".join(app.evidence.read_version(cid, "E2", 1, "assessor:1")) == pdf("x").getvalue()
    events = list(app.adapters.store.events_of(ids.production_id(cid, "E2")))
    assert type(events[-1]).__name__ == "EvidenceViewed" and events[-1].actor == "assessor:1"


def test_stored_blob_is_sealed_not_plaintext():
    app = make_app()
    cid = enrolled(app)
    app.evidence.upload(cid, "E1", pdf("secret"), "e1.pdf", "application/pdf", "cli:c")
    (stored,) = app.adapters.blobs.blobs.values()
    assert b"secret" not in stored


def test_tampered_blob_is_detected_on_read():
    app = make_app()
    cid = enrolled(app)
    info = app.evidence.upload(cid, "E1", pdf(), "e1.pdf", "application/pdf", "cli:c")
    address = app.evidence.production(cid, "E1").versions[0]
    assert address.sha256 == info.sha256
    key = next(iter(app.adapters.blobs.blobs))
    app.adapters.blobs.blobs[key] = app.adapters.blobs.blobs[key][:-1] + b"\x00"
    with pytest.raises(BlobCorrupted):
        b"".join(app.evidence.read_version(cid, "E1", 1, "assessor"))


def test_submission_freezes_the_chosen_version():
    app = make_app()
    cid = enrolled(app)
    app.evidence.upload(cid, "E1", pdf("1"), "v1.pdf", "", "cli:c")
    app.evidence.upload(cid, "E1", pdf("2"), "v2.pdf", "", "cli:c")
    submitted = app.evidence.submit(cid, "E1", 1, "cli:c")
    app.evidence.upload(cid, "E1", pdf("3"), "v3.pdf", "", "cli:c")
    view = app.evidence.production(cid, "E1")
    assert submitted.submitted and submitted.filename == "v1.pdf"
    assert view.submitted_version == 1 and len(view.versions) == 3
    assert [v.submitted for v in view.versions] == [True, False, False]
    with pytest.raises(AlreadySubmitted):
        app.evidence.submit(cid, "E1", None, "cli:c")


def test_submit_defaults_to_latest_and_needs_a_version():
    app = make_app()
    cid = enrolled(app)
    with pytest.raises(ProductionNotFound):
        app.evidence.submit(cid, "E3", None, "cli:c")
    app.evidence.upload(cid, "E3", pdf("1"), "a.pdf", "", "cli:c")
    app.evidence.upload(cid, "E3", pdf("2"), "b.pdf", "", "cli:c")
    assert app.evidence.submit(cid, "E3", None, "cli:c").version == 2


def test_upload_after_the_deadline_is_refused_and_writes_nothing():
    clock = FakeClock()
    app = make_app(clock)
    cid = enrolled(app, E1=T0 + timedelta(hours=1))
    app.evidence.upload(cid, "E1", pdf(), "ok.pdf", "", "cli:c")
    clock.advance(hours=1, seconds=1)
    before, blobs = event_count(app), len(app.adapters.blobs.blobs)
    with pytest.raises(DeadlinePassed):
        app.evidence.upload(cid, "E1", pdf("late"), "late.pdf", "", "cli:c")
    with pytest.raises(DeadlinePassed):
        app.evidence.submit(cid, "E1", None, "cli:c")
    assert (event_count(app), len(app.adapters.blobs.blobs)) == (before, blobs)
    app.evidence.upload(cid, "E2", pdf(), "other.pdf", "", "cli:c")  # no deadline for E2


@pytest.mark.parametrize(
    ("payload", "error"),
    [(b"", EmptyUpload), (b"x" * 2049, BlobTooLarge)],
    ids=["empty", "oversize"],
)
def test_empty_or_oversize_files_leave_nothing(payload, error):
    app = make_app(max_upload_bytes=2048)
    cid = enrolled(app)
    app.evidence.upload(cid, "E1", io.BytesIO(b"x" * 2048), "limit.txt", "", "cli:c")
    before = event_count(app)
    with pytest.raises(error):
        app.evidence.upload(cid, "E1", io.BytesIO(payload), "bad.txt", "", "cli:c")
    assert event_count(app) == before
    assert len(app.adapters.blobs.blobs) == 1
    assert len(app.evidence.production(cid, "E1").versions) == 1


def test_unknown_code_and_unknown_ids_are_refused():
    app = make_app()
    cid = enrolled(app)
    with pytest.raises(UnknownProductionCode):
        app.evidence.upload(cid, "E7", pdf(), "x.pdf", "", "cli:c")
    with pytest.raises(CandidateNotFound):
        app.evidence.upload(ids.candidate_id(cid, "nobody"), "E1", pdf(), "x.pdf", "", "cli:c")
    with pytest.raises(SessionNotFound):
        app.sessions.add_candidate(ids.session_id("X", "Y"), "C", "N", "n@example.org", "VAE", "a")
    with pytest.raises(ProductionNotFound):
        app.evidence.production(cid, "E3")


def test_retried_creates_make_no_twins():
    app = make_app()
    cid = enrolled(app)
    session_id = app.sessions.candidate(cid).session_id
    with pytest.raises(AlreadyExists) as caught:
        app.sessions.add_candidate(
            session_id, "C-001", "Other", "o@example.org", "VAE", "cli:admin"
        )
    assert caught.value.existing_id == cid
    with pytest.raises(AlreadyExists):
        app.sessions.open_session("RNCP38700", "cdc-2024.1", "2026-spring", "cli:admin")
    assert [c.id for c in app.sessions.list_candidates(session_id)] == [cid]


def test_candidate_identity_is_opened_for_queries_and_validated():
    app = make_app()
    cid = enrolled(app)
    view = app.sessions.candidate(cid)
    assert (view.name, view.email, view.route, view.erased) == (
        "Jeanne Dupont",
        "jeanne@example.org",
        "formation",
        False,
    )
    session_id = view.session_id
    with pytest.raises(InvalidInput):
        app.sessions.add_candidate(session_id, "C-2", "Bob", "not-an-email", "VAE", "cli:admin")
    with pytest.raises(InvalidInput):
        app.sessions.add_candidate(session_id, "C-3", "Bob", "b@example.org", "other", "cli:admin")


def test_identity_never_stored_in_clear():
    app = make_app()
    enrolled(app)
    states = b"".join(n.state for n in app.adapters.store.notifications(start=1, limit=100))
    assert b"Dupont" not in states and b"jeanne@" not in states


def test_pipeline_results_are_idempotent_and_queryable():
    app = make_app()
    cid = enrolled(app)
    app.evidence.upload(cid, "E1", pdf(), "e1.pdf", "", "cli:c")
    pid = ids.production_id(cid, "E1")
    report = {"missing": ["SWOT"]}
    assert app.evidence.record_check(pid, 1, "p1", VERSION, {"pages": 3}, report)
    assert not app.evidence.record_check(pid, 1, "p1", VERSION, {"pages": 3}, report)
    assert app.evidence.record_rejection(pid, 1, "p2", "encrypted", "password")
    assert not app.evidence.record_rejection(pid, 1, "p2", "encrypted", "password")
    events = app.adapters.store.events_of(pid)  # extraction and report: one save, in order
    assert [type(e).__name__ for e in events[-3:-1]] == ["ExtractionCompleted", "CheckReported"]
    view = app.evidence.production(cid, "E1")
    assert [(e.pipeline_version, e.outcome) for e in view.extractions] == [
        ("p1", "completed"),
        ("p2", "rejected"),
    ]
    assert view.checks[0].report == {"missing": ["SWOT"]}


def test_session_view_lists_rules_and_deadlines():
    app = make_app()
    sid = app.sessions.open_session(
        "L1", "cdc-2024.1", "S", "cli:a", {"E3": T0}, result_scale="levels"
    )
    view = app.sessions.session(sid)
    assert view.result_scale == "levels" and view.deadlines == {"E3": T0}
    app.sessions.set_deadline(sid, "E3", T0 + timedelta(days=2), "cli:a")
    assert app.sessions.session(sid).deadlines["E3"] == T0 + timedelta(days=2)


def test_twin_vault_detects_tampered_sealed_values():
    from portfolio.errors import SealedDataCorrupted

    app = make_app()
    sealed = bytearray(app.adapters.vault.seal("s", b"Jeanne"))
    assert bytes(sealed) != b"Jeanne" and app.adapters.vault.open("s", bytes(sealed)) == b"Jeanne"
    sealed[20] ^= 1
    with pytest.raises(SealedDataCorrupted):
        app.adapters.vault.open("s", bytes(sealed))
