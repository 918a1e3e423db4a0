"""Concurrent uploads: every one gets its own number, 1..n, no gap, no twin."""

from __future__ import annotations

import threading

from portfolio.audit.verification import verify_log
from tests.unit.evidence_support import enrolled, make_app, pdf


def upload_concurrently(app, cid, count: int) -> list[int]:
    barrier, numbers, errors = threading.Barrier(count), [], []

    def one(n: int) -> None:
        barrier.wait()
        try:
            numbers.append(
                app.evidence.upload(cid, "E1", pdf(str(n)), f"{n}.pdf", "", "cli:c").version
            )
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return numbers


def test_concurrent_uploads_are_numbered_without_gaps():
    app = make_app()
    cid = enrolled(app)
    numbers = upload_concurrently(app, cid, 8)
    assert sorted(numbers) == list(range(1, 9))
    versions = app.evidence.production(cid, "E1").versions
    assert [v.version for v in versions] == list(range(1, 9))
    assert len({v.sha256 for v in versions}) == 8
    verify_log(app.adapters.store)


def test_concurrent_enrolments_in_one_session_all_land_on_the_roster():
    app = make_app()
    session = app.sessions.candidate(enrolled(app)).session_id
    barrier, errors = threading.Barrier(6), []

    def add(n: int) -> None:
        barrier.wait()
        try:
            app.sessions.add_candidate(session, f"R-{n}", "N", f"n{n}@example.org", "VAE", "cli:a")
        except Exception as error:  # noqa: BLE001 - asserted below
            errors.append(error)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    refs = sorted(c.ref for c in app.sessions.list_candidates(session))
    assert refs == ["C-001"] + [f"R-{n}" for n in range(6)]
