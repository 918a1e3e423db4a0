"""Auditing over HTTP: a candidate's state as of any moment and who saw which version."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

import bootstrap
from api.app import create_app
from config import Settings
from portfolio.domain import ids
from tests.integration.access import ASSESSOR, AUDITOR, CANDIDATE, PDF, World, build_world

PDF_V2 = PDF.replace(b"<< >> endobj", b"<< /V 2 >> endobj", 1)


@pytest.fixture
def served(sqlite_settings: Settings) -> Iterator[tuple[TestClient, World]]:
    portfolio = bootstrap.build(sqlite_settings)
    world = build_world(portfolio)  # uploads v1 of the own candidate's E1
    with TestClient(create_app(sqlite_settings, portfolio)) as client:
        yield client, world


def _as(world: World, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[role]}"}


def _pause() -> datetime:
    """A moment strictly between the events recorded before and after it."""
    time.sleep(0.01)
    moment = datetime.now(UTC)
    time.sleep(0.01)
    return moment


def _state(client: TestClient, world: World, when: datetime | str) -> dict:
    as_of = when.isoformat() if isinstance(when, datetime) else when
    response = client.get(
        f"/api/candidates/{world.own_candidate}/state",
        headers=_as(world, AUDITOR),
        params={"as_of": as_of},
    )
    assert response.status_code == 200, response.text
    return response.json()


def _upload_v2_after_a_view(client: TestClient, world: World) -> tuple[datetime, datetime]:
    base = f"/api/candidates/{world.own_candidate}/productions/E1"
    seen = client.get(f"{base}/versions/1/content", headers=_as(world, ASSESSOR))
    assert seen.status_code == 200 and seen.content == PDF
    between = _pause()
    files = {"file": ("e1-v2.pdf", PDF_V2, "application/pdf")}
    uploaded = client.post(f"{base}/versions", headers=_as(world, CANDIDATE), files=files)
    assert uploaded.status_code == 201, uploaded.text
    return between, _pause()


def test_state_between_two_uploads_shows_v1_and_its_view(served) -> None:
    client, world = served
    between, after = _upload_v2_after_a_view(client, world)
    assessor = client.get("/api/me", headers=_as(world, ASSESSOR)).json()
    past = _state(client, world, between)
    assert past["enrolled"] is True
    [e1] = past["productions"]
    assert [v["version"] for v in e1["versions"]] == [1]
    assert e1["versions"][0]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert e1["versions"][0]["uploaded_by"] == "x"  # build_world uploads as "x"
    assert [(v["viewer"], v["code"], v["version"]) for v in past["views"]] == [
        (f"account:{assessor['id']}", "E1", 1)
    ]
    now = _state(client, world, after)
    versions = now["productions"][0]["versions"]
    assert [v["sha256"] for v in versions] == [
        hashlib.sha256(PDF).hexdigest(),
        hashlib.sha256(PDF_V2).hexdigest(),
    ]
    assert len(now["views"]) == 1


def test_state_before_enrolment_is_empty_and_naive_times_are_utc(served) -> None:
    client, world = served
    before = _state(client, world, "2000-01-01T00:00:00")
    assert before == {
        "as_of": "2000-01-01T00:00:00Z",
        "enrolled": False,
        "productions": [],
        "views": [],
    }


def test_state_reports_only_checks_recorded_by_then(served) -> None:
    client, world = served
    portfolio = client.app.state.portfolio
    before_check = _pause()
    report = {"status": "accepted", "production": "E1"}
    portfolio.evidence.record_check(
        ids.production_id(world.own_candidate, "E1"), 1, "p-1", "cdc-2024.1", {}, report
    )
    assert _state(client, world, before_check)["productions"][0]["checks"] == []
    [check] = _state(client, world, _pause())["productions"][0]["checks"]
    assert check["report"] == report and check["version"] == 1


@pytest.mark.parametrize("as_of", ["yesterday", "", "2024-13-01T00:00:00Z"])
def test_state_refuses_a_malformed_moment(served, as_of: str) -> None:
    client, world = served
    response = client.get(
        f"/api/candidates/{world.own_candidate}/state",
        headers=_as(world, AUDITOR),
        params={"as_of": as_of},
    )
    assert response.status_code == 422


def test_state_of_an_unknown_candidate_is_404(served) -> None:
    client, world = served
    response = client.get(
        "/api/candidates/00000000-0000-4000-8000-000000000000/state",
        headers=_as(world, AUDITOR),
        params={"as_of": "2030-01-01T00:00:00Z"},
    )
    assert response.status_code == 404


def test_history_names_the_viewer_of_each_version(served) -> None:
    client, world = served
    _upload_v2_after_a_view(client, world)
    assessor = client.get("/api/me", headers=_as(world, ASSESSOR)).json()
    history = client.get(
        f"/api/candidates/{world.own_candidate}/history", headers=_as(world, AUDITOR)
    ).json()
    viewed = [e for e in history if e["event_type"] == "EvidenceViewed"]
    assert [(e["actor"], e["aggregate"]) for e in viewed] == [
        (f"account:{assessor['id']}", "production E1")
    ]
    assert "version 1" in viewed[0]["description"]
    kinds = [e["event_type"] for e in history]
    assert kinds.index("EvidenceViewed") < len(kinds) - 1 - kinds[::-1].index("EvidenceUploaded")
