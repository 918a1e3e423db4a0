"""Jury members read (only read) the portfolios of the sessions they deliberate on.

The world: session 1 holds candidates A and B (no jury seat for the jury member yet);
session 2 holds candidate C and seats the jury member (see `seat_jury_elsewhere`).
"""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID, uuid4

import pytest
from fastapi.testclient import TestClient

import bootstrap
from api.app import create_app
from config import Settings
from portfolio.domain import ids
from tests.integration.access import ADMIN, JURY, PDF, World, build_world


@pytest.fixture
def served(sqlite_settings: Settings) -> Iterator[tuple[TestClient, World]]:
    portfolio = bootstrap.build(sqlite_settings)
    world = build_world(portfolio)
    with TestClient(create_app(sqlite_settings, portfolio)) as client:
        yield client, world


def _as(world: World, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[role]}"}


def _reads(client: TestClient, world: World, candidate: UUID) -> list[int]:
    """Statuses of the jury member's reads of one candidate's portfolio."""
    base = f"/api/candidates/{candidate}"
    paths = [
        base,
        f"{base}/productions",
        f"{base}/productions/E1",
        f"{base}/productions/E1/reports",
        f"{base}/productions/E1/versions/1/content",
        f"{base}/sheets?situation=E1",
        f"{base}/discrepancies?situation=E1",
    ]
    return [client.get(path, headers=_as(world, JURY)).status_code for path in paths]


def _seat_jury_on_session_one(client: TestClient, world: World) -> None:
    session = f"/api/sessions/{world.session_id}/deliberation"
    admin = _as(world, ADMIN)
    opened = client.post(
        session, headers=admin, json={"held_on": "2026-07-03", "mode": "distanciel"}
    )
    jury_id = client.get("/api/me", headers=_as(world, JURY)).json()["id"]
    member = {"account_id": jury_id, "name": "J", "capacity": "professionnelle", "external": True}
    seated = client.post(f"{session}/members", headers=admin, json=member)
    assert opened.status_code == seated.status_code == 201, seated.text


def test_a_seated_jury_member_reads_the_sessions_portfolios(served) -> None:
    client, world = served
    assert world.jury_candidate is not None
    assert _reads(client, world, world.jury_candidate) == [200] * 7
    portfolio = client.app.state.portfolio
    report = {"status": "accepted", "production": "E1"}
    portfolio.evidence.record_check(
        ids.production_id(world.jury_candidate, "E1"), 1, "p-1", "cdc-2024.1", {}, report
    )
    url = f"/api/candidates/{world.jury_candidate}/productions/E1/reports"
    assert client.get(url, headers=_as(world, JURY)).json()[0]["report"] == report


def test_no_seat_no_read_until_seated(served) -> None:
    client, world = served
    assert _reads(client, world, world.own_candidate) == [404] * 7  # no deliberation yet
    _seat_jury_on_session_one(client, world)
    assert _reads(client, world, world.own_candidate) == [200] * 7
    unknown = "00000000-0000-4000-8000-000000000000"
    assert client.get(f"/api/candidates/{unknown}", headers=_as(world, JURY)).status_code == 404


def test_a_declared_conflict_hides_that_candidate_only(served) -> None:
    client, world = served
    _seat_jury_on_session_one(client, world)
    conflict = {"candidate_id": str(world.own_candidate), "kind": "employer"}
    declared = client.post("/api/conflicts", headers=_as(world, JURY), json=conflict)
    assert declared.status_code == 201, declared.text
    assert _reads(client, world, world.own_candidate) == [404] * 7
    assert _reads(client, world, world.other_candidate) == [200] * 7
    proposal = "/api/candidates/{}/proposal?bloc=1"
    jury, admin = _as(world, JURY), _as(world, ADMIN)
    assert client.get(proposal.format(world.own_candidate), headers=jury).status_code == 404
    assert client.get(proposal.format(world.own_candidate), headers=admin).status_code == 409
    assert client.get(proposal.format(world.other_candidate), headers=jury).status_code == 409


def test_reading_is_all_a_jury_member_may_do_to_a_portfolio(served) -> None:
    client, world = served
    base = f"/api/candidates/{world.jury_candidate}"
    jury = _as(world, JURY)
    files = {"file": ("e1.pdf", PDF, "application/pdf")}
    upload = client.post(f"{base}/productions/E1/versions", headers=jury, files=files)
    score = {"situation": "E1", "criterion": "CR1.1.1", "value": "14", "rationale": "x"}
    assert upload.status_code == client.post(f"{base}/scores", headers=jury, json=score).status_code
    assert upload.status_code == 403
    history = client.get(f"{base}/history", headers=jury)
    assert history.status_code == 403


def test_the_jury_members_reads_are_recorded(served) -> None:
    client, world = served
    url = f"/api/candidates/{world.jury_candidate}/productions/E1/versions/1/content"
    assert client.get(url, headers=_as(world, JURY)).content == PDF
    jury_id = client.get("/api/me", headers=_as(world, JURY)).json()["id"]
    history = client.get(
        f"/api/candidates/{world.jury_candidate}/history", headers=_as(world, ADMIN)
    ).json()
    viewed = [e for e in history if e["event_type"] == "EvidenceViewed"]
    assert [e["actor"] for e in viewed] == [f"account:{jury_id}"]


def test_a_jury_member_decides_only_where_they_sit(served) -> None:
    client, world = served
    session = f"/api/sessions/{world.session_id}/deliberation"
    admin = _as(world, ADMIN)
    client.post(session, headers=admin, json={"held_on": "2026-07-03", "mode": "distanciel"})
    for name in ("Claire", "Paul"):
        member = {"account_id": str(uuid4()), "name": name, "capacity": "pro", "external": True}
        assert client.post(f"{session}/members", headers=admin, json=member).status_code == 201
    decision = {"candidate_id": str(world.own_candidate), "bloc": 1, "decision": "validé"}
    decision["reasons"] = "dossier complet"
    refused = client.post(f"{session}/decisions", headers=_as(world, JURY), json=decision)
    assert refused.status_code == 404, refused.text
    allowed = client.post(f"{session}/decisions", headers=admin, json=decision)
    assert allowed.json()["error"] == "ProposalUnavailable"  # past the access check: no scores


def test_a_jury_member_reads_only_the_deliberations_where_they_sit(served) -> None:
    client, world = served
    session = f"/api/sessions/{world.session_id}"
    admin, jury = _as(world, ADMIN), _as(world, JURY)
    opened = client.post(
        f"{session}/deliberation", headers=admin, json={"held_on": "2026-07-03", "mode": "hybride"}
    )
    assert opened.status_code == 201
    paths = [f"{session}/deliberation", f"{session}/pvs"]
    assert [client.get(p, headers=admin).status_code for p in paths] == [200, 200]
    assert [client.get(p, headers=jury).status_code for p in paths] == [404, 404]
    _seat_jury_on_session_one(client, world)
    assert [client.get(p, headers=jury).status_code for p in paths] == [200, 200]


def test_an_unseated_jury_member_cannot_sign_nor_learn_whether_a_pv_exists(served) -> None:
    client, world = served
    signatures = f"/api/sessions/{world.session_id}/pv-signatures"
    body = {"number": 1, "sha256": "0" * 64}
    before = client.post(signatures, headers=_as(world, JURY), json=body)
    # No seat: refused before the PV is looked up, so the answer never depends on the PV.
    assert (before.status_code, before.json()["error"]) == (404, "SessionNotFound")
    _seat_jury_on_session_one(client, world)
    seated = client.post(signatures, headers=_as(world, JURY), json=body)
    assert seated.status_code == 404 and seated.json()["error"] != "SessionNotFound"
