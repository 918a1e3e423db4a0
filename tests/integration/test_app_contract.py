"""Portfolio contract: the same scenarios on every deployment (backend_settings).

"embedded" = SQLite + local blob folder + SQLite key file; "real" = PostgreSQL + SeaweedFS S3
+ PostgreSQL key table. Both are built by the composition root, as the CLI and API build them.
"""

from __future__ import annotations

import io
import threading
from datetime import timedelta

import pytest

import bootstrap
from portfolio.audit.verification import verify_log
from portfolio.errors import (
    AlreadyExists,
    AlreadySubmitted,
    BlobTooLarge,
    DeadlinePassed,
    EmptyUpload,
    SubjectErased,
)
from tests.unit.evidence_support import T0, FakeClock

LIMIT = 64 * 1024


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(backend_settings):
    return backend_settings.model_copy(update={"max_upload_bytes": LIMIT})


@pytest.fixture
def app(settings, clock):
    return bootstrap.build(settings, clock=clock)


def enrol(app, ref: str = "C-1", **deadlines) -> object:
    session = app.sessions.open_session("RNCP38700", "cdc-2024.1", "2026", "cli:admin", deadlines)
    return app.sessions.add_candidate(
        session, ref, "Jeanne Dupont", "j@example.org", "VAE", "cli:admin"
    )


def doc(text: str, size: int = 3000) -> io.BytesIO:
    return io.BytesIO((b"%PDF-1.7 " + text.encode() * size)[: size + 9])


def events(app) -> int:
    return verify_log(app.adapters.store).count


def test_versions_append_and_submission_freezes(app, settings, clock):
    cid = enrol(app)
    for n in range(3):
        app.evidence.upload(cid, "E1", doc(str(n)), f"v{n + 1}.pdf", "application/pdf", "cli:c")
    app.evidence.submit(cid, "E1", 2, "cli:c")
    app.evidence.upload(cid, "E1", doc("late but allowed"), "v4.pdf", "", "cli:c")
    with pytest.raises(AlreadySubmitted):
        app.evidence.submit(cid, "E1", None, "cli:c")
    reopened = bootstrap.build(settings, clock=clock)  # persisted, not cached
    view = reopened.evidence.production(cid, "E1")
    assert [v.version for v in view.versions] == [1, 2, 3, 4]
    assert view.submitted_version == 2 and view.versions[1].filename == "v2.pdf"
    assert b"".join(reopened.evidence.read_version(cid, "E1", 2, "assessor")) == doc("1").getvalue()


def local_blobs(settings) -> list:
    """Every file under the local blob folder (the S3 port offers no listing)."""
    return sorted(p for p in settings.blob_dir.rglob("*") if p.is_file())


def test_deadline_empty_and_oversize_write_nothing(app, settings, clock):
    cid = enrol(app, E2=T0 + timedelta(hours=1))
    app.evidence.upload(cid, "E1", doc("ok"), "ok.pdf", "", "cli:c")
    before, files = events(app), local_blobs(settings)
    with pytest.raises(EmptyUpload):
        app.evidence.upload(cid, "E1", io.BytesIO(b""), "empty.pdf", "", "cli:c")
    with pytest.raises(BlobTooLarge):
        app.evidence.upload(cid, "E1", io.BytesIO(b"x" * (LIMIT + 1)), "big.pdf", "", "cli:c")
    clock.advance(hours=2)
    with pytest.raises(DeadlinePassed):
        app.evidence.upload(cid, "E2", doc("late"), "late.pdf", "", "cli:c")
    assert events(app) == before
    assert len(app.evidence.production(cid, "E1").versions) == 1
    assert local_blobs(settings) == files


def test_retried_creates_make_no_twins(app):
    cid = enrol(app)
    session = app.sessions.candidate(cid).session_id
    with pytest.raises(AlreadyExists):
        app.sessions.open_session("RNCP38700", "cdc-2024.1", "2026", "cli:admin")
    with pytest.raises(AlreadyExists) as caught:
        app.sessions.add_candidate(session, "C-1", "Twin", "t@example.org", "VAE", "cli:admin")
    assert caught.value.existing_id == cid
    assert [c.id for c in app.sessions.list_candidates(session)] == [cid]


def test_concurrent_uploads_get_1_to_n(app):
    cid = enrol(app)
    count, barrier, errors = 6, threading.Barrier(6), []

    def one(n: int) -> None:
        barrier.wait()
        try:
            app.evidence.upload(cid, "E3", doc(f"c{n}"), f"{n}.pdf", "", "cli:c")
        except Exception as error:  # noqa: BLE001 - asserted below
            errors.append(error)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    versions = app.evidence.production(cid, "E3").versions
    assert [v.version for v in versions] == list(range(1, count + 1))
    assert len({v.sha256 for v in versions}) == count
    verify_log(app.adapters.store)


def test_erasure_keeps_history_and_log(app):
    cid = enrol(app)
    app.evidence.upload(cid, "E1", doc("personal"), "Dupont.pdf", "", "cli:c")
    before = verify_log(app.adapters.store)
    app.sessions.erase_candidate(cid, "cli:dpo", "art. 17")
    with pytest.raises(SubjectErased):
        b"".join(app.evidence.read_version(cid, "E1", 1, "assessor"))
    assert app.sessions.candidate(cid).name == "[effacé]"
    assert app.evidence.production(cid, "E1").versions[0].filename == "[effacé]"
    assert app.audit.history(cid)[-1].event_type == "CandidateErased"
    assert verify_log(app.adapters.store, anchor=before.anchor).count == before.count + 1


def test_state_as_of_a_past_time(app, clock):
    cid = enrol(app)
    app.evidence.upload(cid, "E1", doc("1"), "a.pdf", "", "cli:c")
    middle = clock.advance(days=1)
    clock.advance(days=1)
    app.evidence.upload(cid, "E1", doc("2"), "b.pdf", "", "cli:c")
    app.evidence.submit(cid, "E1", None, "cli:c")
    past = app.audit.state_as_of(cid, middle)
    assert len(past.productions["E1"].versions) == 1
    assert past.productions["E1"].submitted_version is None
    assert app.audit.state_as_of(cid, clock()).productions["E1"].submitted_version == 2
