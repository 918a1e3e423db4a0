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
from tests.unit.evidence_support import T0, FakeClock, enrolled, make_app, pdf


def event_count(app) -> int:
    return len(app.recorder.select_notifications(start=1, limit=10_000))


def test_uploads_append_versions_with_hash_size_and_type():
    app = make_app()
    cid = enrolled(app)
    first = app.upload(cid, "E1", pdf("a"), "rapport.pdf", "application/pdf", "cli:c")
    second = app.upload(cid, "e1", io.BytesIO(b"notes"), "notes.pdf", "application/pdf", "cli:c")
    assert (first.version, second.version) == (1, 2)
    assert second.media_type == "text/plain"  # detected, not declared
    assert second.size == 5
    view = app.production(cid, "E1")
    assert [v.filename for v in view.versions] == ["rapport.pdf", "notes.pdf"]
    assert view.submitted_version is None


def test_read_back_gives_the_bytes_and_records_the_viewer():
    app = make_app()
    cid = enrolled(app)
    app.upload(cid, "E2", pdf("x"), "e2.pdf", "application/pdf", "cli:c")
    assert b"".join(app.read_version(cid, "E2", 1, "assessor:1")) == pdf("x").getvalue()
    events = list(app.events.get(ids.production_id(cid, "E2")))
    assert type(events[-1]).__name__ == "EvidenceViewed" and events[-1].actor == "assessor:1"


def test_stored_blob_is_sealed_not_plaintext():
    app = make_app()
    cid = enrolled(app)
    app.upload(cid, "E1", pdf("secret"), "e1.pdf", "application/pdf", "cli:c")
    (stored,) = app.blobs.blobs.values()
    assert b"secret" not in stored


def test_tampered_blob_is_detected_on_read():
    app = make_app()
    cid = enrolled(app)
    info = app.upload(cid, "E1", pdf(), "e1.pdf", "application/pdf", "cli:c")
    address = app.production(cid, "E1").versions[0]
    assert address.sha256 == info.sha256
    key = next(iter(app.blobs.blobs))
    app.blobs.blobs[key] = app.blobs.blobs[key][:-1] + b"\x00"
    with pytest.raises(BlobCorrupted):
        b"".join(app.read_version(cid, "E1", 1, "assessor"))


def test_submission_freezes_the_chosen_version():
    app = make_app()
    cid = enrolled(app)
    app.upload(cid, "E1", pdf("1"), "v1.pdf", "", "cli:c")
    app.upload(cid, "E1", pdf("2"), "v2.pdf", "", "cli:c")
    submitted = app.submit(cid, "E1", 1, "cli:c")
    app.upload(cid, "E1", pdf("3"), "v3.pdf", "", "cli:c")
    view = app.production(cid, "E1")
    assert submitted.submitted and submitted.filename == "v1.pdf"
    assert view.submitted_version == 1 and len(view.versions) == 3
    assert [v.submitted for v in view.versions] == [True, False, False]
    with pytest.raises(AlreadySubmitted):
        app.submit(cid, "E1", None, "cli:c")


def test_submit_defaults_to_latest_and_needs_a_version():
    app = make_app()
    cid = enrolled(app)
    with pytest.raises(ProductionNotFound):
        app.submit(cid, "E3", None, "cli:c")
    app.upload(cid, "E3", pdf("1"), "a.pdf", "", "cli:c")
    app.upload(cid, "E3", pdf("2"), "b.pdf", "", "cli:c")
    assert app.submit(cid, "E3", None, "cli:c").version == 2


def test_upload_after_the_deadline_is_refused_and_writes_nothing():
    clock = FakeClock()
    app = make_app(clock)
    cid = enrolled(app, E1=T0 + timedelta(hours=1))
    app.upload(cid, "E1", pdf(), "ok.pdf", "", "cli:c")
    clock.advance(hours=1, seconds=1)
    before, blobs = event_count(app), len(app.blobs.blobs)
    with pytest.raises(DeadlinePassed):
        app.upload(cid, "E1", pdf("late"), "late.pdf", "", "cli:c")
    with pytest.raises(DeadlinePassed):
        app.submit(cid, "E1", None, "cli:c")
    assert (event_count(app), len(app.blobs.blobs)) == (before, blobs)
    app.upload(cid, "E2", pdf(), "other.pdf", "", "cli:c")  # no deadline for E2


@pytest.mark.parametrize(
    ("payload", "error"),
    [(b"", EmptyUpload), (b"x" * 2049, BlobTooLarge)],
    ids=["empty", "oversize"],
)
def test_empty_or_oversize_files_leave_nothing(payload, error):
    app = make_app(max_upload_bytes=2048)
    cid = enrolled(app)
    app.upload(cid, "E1", io.BytesIO(b"x" * 2048), "limit.txt", "", "cli:c")
    before = event_count(app)
    with pytest.raises(error):
        app.upload(cid, "E1", io.BytesIO(payload), "bad.txt", "", "cli:c")
    assert event_count(app) == before
    assert len(app.blobs.blobs) == 1
    assert len(app.production(cid, "E1").versions) == 1


def test_unknown_code_and_unknown_ids_are_refused():
    app = make_app()
    cid = enrolled(app)
    with pytest.raises(UnknownProductionCode):
        app.upload(cid, "E7", pdf(), "x.pdf", "", "cli:c")
    with pytest.raises(CandidateNotFound):
        app.upload(ids.candidate_id(cid, "nobody"), "E1", pdf(), "x.pdf", "", "cli:c")
    with pytest.raises(SessionNotFound):
        app.add_candidate(ids.session_id("X", "Y"), "C", "N", "n@example.org", "VAE", "a")
    with pytest.raises(ProductionNotFound):
        app.production(cid, "E3")


def test_retried_creates_make_no_twins():
    app = make_app()
    cid = enrolled(app)
    session_id = app.candidate(cid).session_id
    with pytest.raises(AlreadyExists) as caught:
        app.add_candidate(session_id, "C-001", "Other", "o@example.org", "VAE", "cli:admin")
    assert caught.value.existing_id == cid
    with pytest.raises(AlreadyExists):
        app.open_session("RNCP38700", "2024-v1", "2026-spring", "cli:admin")
    assert [c.id for c in app.list_candidates(session_id)] == [cid]


def test_candidate_identity_is_opened_for_queries_and_validated():
    app = make_app()
    cid = enrolled(app)
    view = app.candidate(cid)
    assert (view.name, view.email, view.route, view.erased) == (
        "Jeanne Dupont",
        "jeanne@example.org",
        "formation",
        False,
    )
    session_id = view.session_id
    with pytest.raises(InvalidInput):
        app.add_candidate(session_id, "C-2", "Bob", "not-an-email", "VAE", "cli:admin")
    with pytest.raises(InvalidInput):
        app.add_candidate(session_id, "C-3", "Bob", "b@example.org", "other", "cli:admin")


def test_identity_never_stored_in_clear():
    app = make_app()
    enrolled(app)
    states = b"".join(n.state for n in app.recorder.select_notifications(start=1, limit=100))
    assert b"Dupont" not in states and b"jeanne@" not in states


def test_pipeline_results_are_idempotent_and_queryable():
    app = make_app()
    cid = enrolled(app)
    app.upload(cid, "E1", pdf(), "e1.pdf", "", "cli:c")
    assert app.record_extraction(cid, "E1", 1, "p1", {"pages": 3})
    assert not app.record_extraction(cid, "E1", 1, "p1", {"pages": 3})
    assert app.record_rejection(cid, "E1", 1, "p2", "encrypted", "password")
    assert app.record_check_report(cid, "E1", 1, "p1", "2024-v1", {"missing": ["SWOT"]})
    assert not app.record_check_report(cid, "E1", 1, "p1", "2024-v1", {"missing": ["SWOT"]})
    view = app.production(cid, "E1")
    assert [(e.pipeline_version, e.outcome) for e in view.extractions] == [
        ("p1", "completed"),
        ("p2", "rejected"),
    ]
    assert view.checks[0].report == {"missing": ["SWOT"]}


def test_session_view_lists_rules_and_deadlines():
    app = make_app()
    sid = app.open_session("L1", "v2", "S", "cli:a", {"E3": T0}, result_scale="levels")
    view = app.session(sid)
    assert view.result_scale == "levels" and view.deadlines == {"E3": T0}
    app.set_deadline(sid, "E3", T0 + timedelta(days=2), "cli:a")
    assert app.session(sid).deadlines["E3"] == T0 + timedelta(days=2)


def test_twin_vault_detects_tampered_sealed_values():
    from portfolio.errors import SealedDataCorrupted

    app = make_app()
    sealed = bytearray(app.vault.seal("s", b"Jeanne"))
    assert bytes(sealed) != b"Jeanne" and app.vault.open("s", bytes(sealed)) == b"Jeanne"
    sealed[20] ^= 1
    with pytest.raises(SealedDataCorrupted):
        app.vault.open("s", bytes(sealed))
