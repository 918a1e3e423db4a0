"""Candidate: deterministic id, routes, erasure facts."""

from __future__ import annotations

import pytest

from portfolio.domain import ids
from portfolio.domain.candidate import RETAINED_ON_ERASURE, Candidate
from portfolio.errors import AlreadyErased, InvalidInput
from tests.unit.evidence_support import T0

SESSION = ids.session_id("RNCP38700", "2026")


def enrolled(route: str = "formation") -> Candidate:
    return Candidate.enrol(
        session_id=SESSION, ref=" C-7 ", route=route, sealed_identity=b"\x01\x02", actor="a", at=T0
    )


def test_id_follows_session_and_reference():
    assert enrolled().id == ids.candidate_id(SESSION, "C-7")
    assert enrolled().ref == "C-7"


def test_routes_are_canonical_and_checked():
    assert enrolled("vae").route == "VAE"
    with pytest.raises(InvalidInput):
        enrolled("apprentissage")


def test_erasure_records_reason_and_retention_grounds():
    candidate = enrolled()
    candidate.erase("cli:dpo", "art. 17 request", T0)
    event = candidate.collect_events()[-1]
    assert type(event).__name__ == "CandidateErased"
    assert event.reason == "art. 17 request" and event.actor == "cli:dpo"
    assert event.retained == [dict(item) for item in RETAINED_ON_ERASURE]
    assert candidate.erased and candidate.sealed_identity == b""


def test_erasure_twice_or_without_reason_is_refused():
    candidate = enrolled()
    with pytest.raises(InvalidInput):
        candidate.erase("a", "  ", T0)
    candidate.erase("a", "request", T0)
    with pytest.raises(AlreadyErased):
        candidate.erase("a", "again", T0)


def test_identity_is_never_in_clear_in_the_created_event():
    event = enrolled().collect_events()[0]
    assert event.sealed_identity == b"\x01\x02"
    assert not hasattr(event, "name") and not hasattr(event, "email")
