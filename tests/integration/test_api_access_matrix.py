"""Authorization matrix over every route of the OpenAPI document, on both deployments.

The expectations are data (`tests/integration/access/*.py`); this test builds a small world
(one session, candidates A and B, one account per role, the assessor assigned to A), then
calls every operation as every role on A (own) and B (other) and lists every mismatch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import bootstrap
from api.app import create_app
from config import Settings
from portfolio.domain import ids
from tests.integration.access import (
    ADMIN,
    ASSESSOR,
    AUDITOR,
    CANDIDATE,
    JURY,
    PDF,
    ROLES,
    Rule,
    World,
    all_rules,
    build_world,
)

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def served(backend_settings: Settings) -> Iterator[tuple[TestClient, World]]:
    portfolio = bootstrap.build(backend_settings)
    world = build_world(portfolio)
    with TestClient(create_app(backend_settings, portfolio)) as client:
        yield client, world


def operations(client: TestClient) -> set[tuple[str, str]]:
    spec = client.get("/api/openapi.json").json()
    return {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }


def call(client: TestClient, world: World, rule: Rule, role: str | None, own: bool) -> int:
    path = re.sub(r"\{(\w+)\}", lambda m: world.path_value(m.group(1), role, own), rule.path)
    headers = {"Authorization": f"Bearer {world.tokens[role]}"} if role else {}
    kwargs = {
        name: maker(world, role or "")
        for name, maker in (
            ("json", rule.json),
            ("files", rule.files),
            ("data", rule.data),
            ("params", rule.query),
        )
        if maker is not None
    }
    client.cookies.clear()  # the public login sets a session cookie; calls use tokens only
    return client.request(rule.method, path, headers=headers, **kwargs).status_code


def test_every_operation_has_exactly_one_rule(served: tuple[TestClient, World]) -> None:
    client, _ = served
    keys = [r.key for r in all_rules()]
    assert len(keys) == len(set(keys)), "a route has two rules"
    documented = operations(client)
    assert documented - set(keys) == set(), "routes without an entry in the matrix"
    assert set(keys) - documented == set(), "matrix entries for routes that do not exist"


def test_access_matrix(served: tuple[TestClient, World]) -> None:
    client, world = served
    mismatches, calls = [], 0
    for rule in all_rules():
        for role in (None, *ROLES):
            for own in (True, False) if rule.scoped else (True,):
                status = call(client, world, rule, role, own)
                calls += 1
                if status not in rule.expected(role, own):
                    target = "own" if own else "other"
                    wanted = sorted(rule.expected(role, own))
                    mismatches.append(
                        f"{rule.method} {rule.path} as {role or 'anonymous'} on {target}: "
                        f"{status}, expected {wanted}"
                    )
    assert mismatches == [], "\n".join(mismatches)
    assert calls > 150


def test_denied_reads_leak_nothing(served: tuple[TestClient, World]) -> None:
    """A candidate guessing another's id gets the same 404 body as for a random id."""
    client, world = served
    headers = {"Authorization": f"Bearer {world.tokens[CANDIDATE]}"}
    other = client.get(f"/api/candidates/{world.other_candidate}", headers=headers)
    random = client.get("/api/candidates/00000000-0000-4000-8000-000000000000", headers=headers)
    assert other.status_code == random.status_code == 404
    assert other.json()["title"] == random.json()["title"] == "Not Found"
    assert "Bruno" not in other.text


def test_writes_record_the_acting_account(served: tuple[TestClient, World]) -> None:
    client, world = served
    headers = {"Authorization": f"Bearer {world.tokens[CANDIDATE]}"}
    path = f"/api/candidates/{world.own_candidate}/productions/E2/versions"
    files = {"file": ("e2.pdf", PDF, "application/pdf")}
    created = client.post(path, headers=headers, files=files)
    assert created.status_code == 201, created.text
    me = client.get("/api/me", headers=headers).json()
    assert created.json()["uploaded_by"] == f"account:{me['id']}"
    admin = {"Authorization": f"Bearer {world.tokens[ADMIN]}"}
    history = client.get(f"/api/candidates/{world.own_candidate}/history", headers=admin).json()
    assert any(entry["actor"] == f"account:{me['id']}" for entry in history)


@pytest.mark.parametrize("role", [AUDITOR, JURY])
def test_read_only_roles_cannot_upload_or_enrol(
    served: tuple[TestClient, World], role: str
) -> None:
    client, world = served
    headers = {"Authorization": f"Bearer {world.tokens[role]}"}
    path = f"/api/candidates/{world.own_candidate}/productions/E1/versions"
    files = {"file": ("e1.pdf", PDF, "application/pdf")}
    assert client.post(path, headers=headers, files=files).status_code == 403
    enrol = {"ref": "Z", "name": "Z", "email": "z@example.org"}
    assert (
        client.post(
            f"/api/sessions/{world.session_id}/candidates", headers=headers, json=enrol
        ).status_code
        == 403
    )


def test_auditor_pages_through_the_event_log(served: tuple[TestClient, World]) -> None:
    client, world = served
    headers = {"Authorization": f"Bearer {world.tokens[AUDITOR]}"}
    first = client.get("/api/audit/events", headers=headers, params={"limit": 3}).json()
    assert [e["id"] for e in first] == sorted(e["id"] for e in first) and len(first) == 3
    after = first[-1]["id"]
    second = client.get("/api/audit/events", headers=headers, params={"after": after}).json()
    assert second and second[0]["id"] > after
    assert all("state" not in entry for entry in second)


def test_recorded_check_reports_reach_the_readers_only(served: tuple[TestClient, World]) -> None:
    client, world = served
    portfolio = client.app.state.portfolio
    report = {"status": "accepted", "production": "E1", "elements": [{"key": "C1.1"}]}
    for candidate in (world.own_candidate, world.other_candidate):
        portfolio.evidence.record_check(
            ids.production_id(candidate, "E1"), 1, "p-1", "cdc-2024.1", {}, report
        )
    url = "/api/candidates/{}/productions/E1/reports"
    for role in (ASSESSOR, CANDIDATE, AUDITOR):
        headers = {"Authorization": f"Bearer {world.tokens[role]}"}
        got = client.get(url.format(world.own_candidate), headers=headers)
        assert got.status_code == 200 and got.json()[0]["report"] == report
    headers = {"Authorization": f"Bearer {world.tokens[ASSESSOR]}"}
    assert client.get(url.format(world.other_candidate), headers=headers).status_code == 404
