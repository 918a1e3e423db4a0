"""Audit helpers: history in order, state at a past time, log verification."""

from __future__ import annotations

from dataclasses import replace

import pytest

from portfolio.audit.verification import Anchor, verify_log
from portfolio.domain import ids
from portfolio.errors import CandidateNotFound, LogIntegrityError
from tests.unit.evidence_support import T0, FakeClock, enrolled, make_app, pdf


def scenario():
    clock = FakeClock()
    app = make_app(clock)
    cid = enrolled(app)
    clock.advance(days=1)
    app.evidence.upload(cid, "E1", pdf("1"), "a.pdf", "", "cli:cand")
    clock.advance(days=1)
    app.evidence.upload(cid, "E1", pdf("2"), "b.pdf", "", "cli:cand")
    app.evidence.submit(cid, "E1", 2, "cli:cand")
    clock.advance(days=1)
    app.evidence.upload(cid, "E2", pdf("3"), "c.pdf", "", "cli:cand")
    return app, cid


def test_history_lists_every_event_in_order_with_actor():
    app, cid = scenario()
    entries = app.audit.history(cid)
    assert [e.event_type for e in entries] == [
        "CandidateEnrolled",
        "ProductionStarted",
        "EvidenceUploaded",
        "EvidenceUploaded",
        "ProductionSubmitted",
        "ProductionStarted",
        "EvidenceUploaded",
    ]
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    assert entries[0].actor == "cli:admin" and entries[2].actor == "cli:cand"
    assert "version 2" in entries[4].description
    assert "Dupont" not in " ".join(e.description for e in entries)


def test_history_of_unknown_candidate():
    with pytest.raises(CandidateNotFound):
        make_app().audit.history(ids.candidate_id(ids.session_id("a", "b"), "c"))


def test_state_as_of_a_past_date():
    app, cid = scenario()
    past = app.audit.state_as_of(cid, T0.replace(hour=12).replace(day=T0.day + 1))
    assert past.enrolled
    assert [v.version for v in past.productions["E1"].versions] == [1]
    assert past.productions["E1"].submitted_version is None and "E2" not in past.productions
    before = app.audit.state_as_of(cid, T0.replace(year=2025))
    assert not before.enrolled and before.productions == {}


def test_verify_log_counts_and_chains():
    app, cid = scenario()
    first = verify_log(app.adapters.store)
    assert first.count == first.last_id == len(app.adapters.store.notifications(1, 1000))
    app.evidence.upload(cid, "E3", pdf(), "d.pdf", "", "cli:cand")
    second = verify_log(app.adapters.store, anchor=first.anchor)
    assert second.digest != first.digest and second.count == first.count + 2
    with pytest.raises(LogIntegrityError):
        verify_log(app.adapters.store, anchor=replace(first.anchor, digest="0" * 64))
    with pytest.raises(LogIntegrityError):
        verify_log(
            app.adapters.store, anchor=Anchor(position=second.last_id + 1, digest=second.digest)
        )


def test_verify_log_detects_an_altered_record():
    app, _ = scenario()
    store = app.adapters.store
    anchor = verify_log(store).anchor
    stored = store.notifications(start=3, limit=1)[0]
    tampered = replace(stored, state=stored.state + b" ")
    _serve_altered(app, lambda r: tampered if r.id == stored.id else r)
    with pytest.raises(LogIntegrityError):
        verify_log(app.adapters.store, anchor=anchor)


def _serve_altered(app, change):
    """Make the store read back `change(record)` for each stored record (None: left out)."""
    store = app.adapters.store
    original = store.notifications

    def altered(start, limit, topics=(), *, inclusive_of_start=True):
        rows = original(start, limit, topics, inclusive_of_start=inclusive_of_start)
        return [r2 for r in rows if (r2 := change(r)) is not None]

    store.notifications = altered


def test_id_gaps_fail_when_strict_and_are_reported_otherwise():
    app, _ = scenario()
    _serve_altered(app, lambda r: replace(r, id=r.id + 1) if r.id > 4 else r)
    with pytest.raises(LogIntegrityError):
        verify_log(app.adapters.store)  # POPO numbers without gaps: strict by default
    assert verify_log(app.adapters.store, strict_ids=False).gaps == ((5, 5),)


def test_a_removed_event_breaks_its_aggregate_version_run():
    app, _ = scenario()
    third_upload = [
        r.id for r in app.adapters.store.notifications(1, 100) if "EvidenceUploaded" in r.topic
    ][0]
    _serve_altered(app, lambda r: None if r.id == third_upload else r)
    with pytest.raises(LogIntegrityError, match="version"):
        verify_log(app.adapters.store, strict_ids=False)
