"""The README's walk-through, step by step, against `portfolio serve` in a subprocess.

Every HTTP call here is one of the README's curl commands: a new user starts the service,
creates the first administrator from the CLI, invites a candidate and an assessor, uploads and
submits a production as the candidate, and reads it and its check reports as the assessor.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.serving import free_port

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / ".." / "shared" / "corpus"
EVIDENCE = CORPUS / "E1_FONTAINE_Lea_MaisonVerdier.docx"
PORTFOLIO = str(Path(sys.executable).parent / "portfolio")
ADMIN_PASSWORD = "admin-password-123"


@pytest.fixture
def service(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    port = free_port()
    env = dict(os.environ, PORTFOLIO_DATA_DIR=str(tmp_path / "data"), PORTFOLIO_PORT=str(port))
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([PORTFOLIO, "serve"], env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        yield base, env
    finally:
        server.terminate()
        server.wait(timeout=15)
        log.close()


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "portfolio serve exited"
        try:
            if httpx.get(f"{base}/healthz").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise TimeoutError("portfolio serve did not come up")


def token_for(base: str, login: str, password: str) -> dict[str, str]:
    """README: sign in (cookie + CSRF token), then make a personal API token."""
    with httpx.Client(base_url=base) as browser:
        signed_in = browser.post("/api/auth/login", json={"login": login, "password": password})
        assert signed_in.status_code == 200, signed_in.text
        csrf = signed_in.json()["csrf_token"]
        issued = browser.post(
            "/api/me/tokens", json={"label": "readme"}, headers={"X-CSRF-Token": csrf}
        )
    assert issued.status_code == 201, issued.text
    return {"Authorization": f"Bearer {issued.json()['token']}"}


def activate(base: str, activation_url: str, password: str) -> str:
    """README: the invited person opens their link, then chooses a password."""
    page = httpx.get(activation_url)  # the link is the activation page
    assert page.status_code == 200 and "text/html" in page.headers["content-type"], page.text
    token = httpx.URL(activation_url).params["token"]
    info = httpx.get(f"{base}/api/activation", params={"token": token})
    assert info.status_code == 200, info.text
    done = httpx.post(f"{base}/api/activation", json={"token": token, "password": password})
    assert done.status_code == 200, done.text
    return info.json()["login"]


def wait_for_reports(api: httpx.Client, path: str, headers: dict, timeout: float = 90) -> list:
    """The embedded worker checks an upload in the background; poll its reports (bounded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = api.get(path, headers=headers)
        assert response.status_code == 200, response.text
        if response.json():
            return response.json()
        time.sleep(0.5)
    raise TimeoutError(f"no check report at {path} after {timeout} s")


def test_readme_flow(service: tuple[str, dict[str, str]]) -> None:
    base, env = service
    assert httpx.get(f"{base}/readyz").json()["status"] == "ready"
    created = subprocess.run(
        [PORTFOLIO, "user", "create-admin", "--login", "admin@example.org"],
        env=env | {"PORTFOLIO_ADMIN_PASSWORD": ADMIN_PASSWORD},
        capture_output=True,
        text=True,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    admin = token_for(base, "admin@example.org", ADMIN_PASSWORD)
    with httpx.Client(base_url=f"{base}/api", timeout=60) as api:
        walk_through(api, base, admin)


def walk_through(api: httpx.Client, base: str, admin: dict[str, str]) -> None:
    """README steps 2 to 5, as the administrator, the candidate and the assessor."""

    session = api.post(
        "/sessions",
        headers=admin,
        json={
            "listing": "RNCP38789",
            "referential_version": "2024",
            "label": "Session juin 2026",
            "deadlines": {"E1": "2099-06-30T23:59:00+02:00"},
        },
    )
    assert session.status_code == 201, session.text
    candidate = api.post(
        f"/sessions/{session.json()['id']}/candidates",
        headers=admin,
        json={"ref": "2026-001", "name": "Léa Fontaine", "email": "lea@example.org"},
    )
    assert candidate.status_code == 201, candidate.text
    candidate_id = candidate.json()["id"]

    invite_candidate = api.post(
        "/accounts",
        headers=admin,
        json={
            "login": "lea@example.org",
            "display_name": "Léa Fontaine",
            "role": "candidate",
            "candidate_id": candidate_id,
        },
    )
    assert invite_candidate.status_code == 201, invite_candidate.text
    invite_assessor = api.post(
        "/accounts",
        headers=admin,
        json={"login": "marc@example.org", "display_name": "Marc Dubois", "role": "assessor"},
    )
    assert invite_assessor.status_code == 201, invite_assessor.text
    assessor_id = invite_assessor.json()["account"]["id"]
    assigned = api.post(
        f"/candidates/{candidate_id}/assessors",
        headers=admin,
        json={"assessor_id": assessor_id, "situation": "E1"},
    )
    assert assigned.status_code == 201, assigned.text

    lea_login = activate(base, invite_candidate.json()["activation_url"], "lea-password-123")
    lea = token_for(base, lea_login, "lea-password-123")
    me = api.get("/me", headers=lea).json()
    assert me["candidate_id"] == candidate_id
    with EVIDENCE.open("rb") as document:
        uploaded = api.post(
            f"/candidates/{candidate_id}/productions/E1/versions",
            headers=lea,
            files={"file": (EVIDENCE.name, document)},
        )
    assert uploaded.status_code == 201, uploaded.text
    assert uploaded.json()["version"] == 1
    submitted = api.post(
        f"/candidates/{candidate_id}/productions/E1/submission", headers=lea, json={}
    )
    assert submitted.status_code == 200 and submitted.json()["submitted"] is True

    marc_login = activate(base, invite_assessor.json()["activation_url"], "marc-password-123")
    marc = token_for(base, marc_login, "marc-password-123")
    assert [c["id"] for c in api.get("/me/candidates", headers=marc).json()] == [candidate_id]
    production = api.get(f"/candidates/{candidate_id}/productions/E1", headers=marc)
    assert production.status_code == 200
    assert production.json()["submitted_version"] == 1
    content = api.get(f"/candidates/{candidate_id}/productions/E1/versions/1/content", headers=marc)
    assert content.content == EVIDENCE.read_bytes()
    reports = wait_for_reports(api, f"/candidates/{candidate_id}/productions/E1/reports", marc)
    assert reports[0]["version"] == 1  # the service's embedded worker checked the upload
    precheck = api.post(
        "/precheck",
        headers=lea,
        files={"file": (EVIDENCE.name, EVIDENCE.read_bytes())},
        data={"production": "E1"},
    )
    assert precheck.status_code == 200, precheck.text
    assert precheck.json()["production"] == "E1"
