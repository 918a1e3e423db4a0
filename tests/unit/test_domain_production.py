"""Production: versions append, one submission, idempotent pipeline results."""

from __future__ import annotations

import pytest

from portfolio.domain import ids
from portfolio.domain.production import Production
from portfolio.errors import AlreadySubmitted, ProductionNotFound, UnknownProductionCode
from tests.unit.evidence_support import REFERENTIALS, T0

CANDIDATE = ids.candidate_id(ids.session_id("L", "S"), "C-1")


def evidence(n: int) -> dict:
    return {
        "sha256": f"{n:064x}",
        "size": n,
        "media_type": "application/pdf",
        "declared_media_type": "application/pdf",
        "sealed_filename": b"x",
        "blob_address": f"{n:064x}",
    }


def with_versions(count: int) -> Production:
    production = Production.start(
        candidate_id=CANDIDATE, session_id=ids.session_id("L", "S"), code="e1", actor="a", at=T0
    )
    for n in range(1, count + 1):
        production.upload(evidence(n), "a", T0)
    return production


def test_codes_are_checked():
    """The referential says which codes exist (the domain only spells them canonically)."""
    referential = REFERENTIALS.current()
    assert referential.production_code(" e3 ") == "E3"
    with pytest.raises(UnknownProductionCode):
        referential.production_code("E4")


def test_id_and_versions_append():
    production = with_versions(3)
    assert production.id == ids.production_id(CANDIDATE, "E1")
    assert [v.number for v in production.versions] == [1, 2, 3]
    assert production.get_version(None).number == 3
    with pytest.raises(ProductionNotFound):
        production.get_version(4)


def test_submission_freezes_one_version_and_happens_once():
    production = with_versions(2)
    assert production.submit(1, "a", T0).number == 1
    production.upload(evidence(3), "a", T0)
    assert production.submitted.number == 1 and production.submitted.sha256 == f"{1:064x}"
    with pytest.raises(AlreadySubmitted):
        production.submit(None, "a", T0)


def test_submitting_nothing_is_refused():
    with pytest.raises(ProductionNotFound):
        with_versions(0).submit(None, "a", T0)


def test_pipeline_results_are_recorded_once():
    production = with_versions(1)
    assert production.record_extraction(1, "p1", {"pages": 2}, "pipeline", T0)
    assert not production.record_extraction(1, "p1", {"pages": 2}, "pipeline", T0)
    assert not production.record_rejection(1, "p1", "encrypted", "m", "pipeline", T0)
    assert production.record_extraction(1, "p2", {"pages": 2}, "pipeline", T0)
    assert production.record_check(1, "p1", "v1", {"gaps": []}, "pipeline", T0)
    assert not production.record_check(1, "p1", "v1", {"gaps": []}, "pipeline", T0)
    names = [type(e).__name__ for e in production.collect_events()]
    assert names.count("ExtractionCompleted") == 2 and names.count("CheckReported") == 1
    assert "ExtractionRejected" not in names


def test_results_for_unknown_versions_are_refused():
    with pytest.raises(ProductionNotFound):
        with_versions(1).record_check(2, "p1", "v1", {}, "pipeline", T0)


def test_replaying_events_rebuilds_the_same_state():
    production = with_versions(2)
    production.submit(2, "a", T0)
    production.record_view(1, "assessor", T0)
    copy = None
    for event in production.collect_events():
        copy = event.mutate(copy)
    assert copy.versions == production.versions and copy.submitted_version == 2
