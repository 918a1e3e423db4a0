"""Over HTTP, the referential decides: a session's version must be held, and the codes the API
accepts (productions, situations and their aliases, blocs) are the referential's own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import bootstrap
from api.app import create_app
from config import Settings
from portfolio.domain.account import Role

VERSION = "cdc-2024.1"


@pytest.fixture
def client(sqlite_settings: Settings) -> Iterator[tuple[TestClient, bootstrap.Portfolio, dict]]:
    portfolio = bootstrap.build(sqlite_settings)
    admin = portfolio.accounts.create_administrator("root@example.org", "Root", "root-pass-123")
    token = portfolio.accounts.issue_api_token(admin.id, "t", "x").token
    with TestClient(create_app(sqlite_settings, portfolio)) as test_client:
        yield test_client, portfolio, {"Authorization": f"Bearer {token}"}


def session_body(version: str, **extra: object) -> dict:
    return {"listing": "RNCP38789", "referential_version": version, "label": "S", **extra}


def test_an_unknown_referential_version_is_422_naming_the_valid_ones(client) -> None:
    http, _, admin = client
    refused = http.post("/api/sessions", json=session_body("2024-06"), headers=admin)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"] == "UnknownReferentialVersion"
    assert VERSION in refused.json()["detail"]
    opened = http.post("/api/sessions", json=session_body(VERSION), headers=admin)
    assert opened.status_code == 201 and opened.json()["referential_version"] == VERSION


def test_deadline_codes_are_the_referentials_productions(client) -> None:
    http, _, admin = client
    body = session_body(VERSION, deadlines={"E4": "2026-12-31T23:59:00+01:00"})
    assert http.post("/api/sessions", json=body, headers=admin).status_code == 422
    spec = http.get("/api/openapi.json").json()["components"]["schemas"]["SessionIn"]
    assert spec["properties"]["deadlines"]["propertyNames"]["enum"] == ["E1", "E2", "E3"]
    assert spec["properties"]["referential_version"]["examples"] == [VERSION]


def test_a_situation_alias_the_domain_accepts_is_accepted_over_http(client) -> None:
    http, portfolio, admin = client
    session = portfolio.sessions.open_session("RNCP38789", VERSION, "Aliases", "x")
    candidate = portfolio.sessions.add_candidate(session, "A", "Ana", "a@example.org", "VAE", "x")
    assessor = portfolio.accounts.invite_account("e@example.org", "Eva", Role.ASSESSOR, "x")
    url = f"/api/candidates/{candidate}/assessors"
    body = {"assessor_id": str(assessor.account.id), "situation": "NEGOTIATION"}
    assert http.post(url, json=body, headers=admin).status_code == 201
    listed = http.get(url, params={"situation": "ORAL_NEGOTIATION"}, headers=admin).json()
    assert listed == [str(assessor.account.id)]
    body["situation"] = "E9"
    assert http.post(url, json=body, headers=admin).status_code == 422
