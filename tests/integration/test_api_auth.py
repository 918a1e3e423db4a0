"""Sign-in over HTTP: invitation links, cookies, CSRF, API tokens, throttling, problem+json."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.security import CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE
from portfolio.application.app import PortfolioApp
from storage.bootstrap import build_app
from storage.settings import Settings

ADMIN, PASSWORD = "root@example.org", "root-password-123"


@pytest.fixture
def portfolio(backend_settings: Settings) -> PortfolioApp:
    app = build_app(backend_settings)
    app.create_administrator(ADMIN, "Root", PASSWORD)
    return app


@pytest.fixture
def client(backend_settings: Settings, portfolio: PortfolioApp) -> Iterator[TestClient]:
    with TestClient(create_app(backend_settings, portfolio)) as test_client:
        yield test_client


def login(client: TestClient, login: str = ADMIN, password: str = PASSWORD):
    return client.post("/api/auth/login", json={"login": login, "password": password})


def admin_token(client: TestClient) -> dict[str, str]:
    csrf = login(client).json()["csrf_token"]
    token = client.post("/api/me/tokens", json={"label": "t"}, headers={CSRF_HEADER: csrf})
    client.cookies.clear()
    return {"Authorization": f"Bearer {token.json()['token']}"}


def test_invite_activate_and_sign_in(client: TestClient) -> None:
    headers = admin_token(client)
    invited = client.post(
        "/api/accounts",
        headers=headers,
        json={"login": "ann@example.org", "display_name": "Ann", "role": "assessor"},
    )
    assert invited.status_code == 201, invited.text
    link = invited.json()["activation_url"]
    token = invited.json()["activation_token"]
    assert link.endswith(f"/activation?token={token}")  # the activation page people open
    assert client.get(link).headers["content-type"].startswith("text/html")
    info = client.get("/api/activation", params={"token": token})
    assert info.json()["login"] == "ann@example.org"
    assert login(client, "ann@example.org", "assessor-password").status_code == 401
    activated = client.post("/api/activation", json={"token": token, "password": "assessor-pw-1"})
    assert activated.status_code == 200 and activated.json()["active"] is True
    again = client.post("/api/activation", json={"token": token, "password": "assessor-pw-2"})
    assert again.status_code == 422
    assert login(client, "ann@example.org", "assessor-pw-1").json()["account"]["role"] == (
        "assessor"
    )


def test_session_cookie_flags(client: TestClient) -> None:
    response = login(client)
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith(SESSION_COOKIE))
    csrf = next(c for c in cookies if c.startswith(CSRF_COOKIE))
    assert "HttpOnly" in session and "SameSite=strict" in session
    assert "HttpOnly" not in csrf
    assert "Secure" not in session  # plain HTTP on loopback


def test_cookie_is_secure_behind_tls(backend_settings: Settings, portfolio: PortfolioApp) -> None:
    settings = backend_settings.model_copy(update={"behind_tls": True})
    with TestClient(create_app(settings, portfolio), base_url="https://testserver") as client:
        cookies = login(client).headers.get_list("set-cookie")
    assert all("Secure" in cookie for cookie in cookies)


def test_cookie_writes_need_the_csrf_header(client: TestClient) -> None:
    csrf = login(client).json()["csrf_token"]
    assert client.get("/api/me").status_code == 200
    refused = client.post("/api/me/tokens", json={"label": "x"})
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    wrong = client.post("/api/me/tokens", json={"label": "x"}, headers={CSRF_HEADER: "f" * 64})
    assert wrong.status_code == 403
    accepted = client.post("/api/me/tokens", json={"label": "x"}, headers={CSRF_HEADER: csrf})
    assert accepted.status_code == 201


def test_a_non_ascii_csrf_header_is_refused_not_a_crash(client: TestClient) -> None:
    login(client)
    latin1 = "\u00e9t\u00e9".encode("latin-1")  # header bytes arrive decoded as Latin-1
    refused = client.post("/api/me/tokens", json={"label": "x"}, headers={CSRF_HEADER: latin1})
    assert refused.status_code == 403, refused.text


def test_a_non_ascii_session_cookie_is_refused_not_a_crash(client: TestClient) -> None:
    cookie = f"{SESSION_COOKIE}=00.1.x.\u00e9".encode("latin-1")
    assert client.get("/api/me", headers={"cookie": cookie}).status_code == 401


def test_token_requests_need_no_csrf_and_revocation_works(client: TestClient) -> None:
    headers = admin_token(client)
    issued = client.post("/api/me/tokens", headers=headers, json={"label": "script"}).json()
    mine = {"Authorization": f"Bearer {issued['token']}"}
    assert client.get("/api/me", headers=mine).status_code == 200
    listed = client.get("/api/me/tokens", headers=mine).json()
    assert all("token" not in entry for entry in listed)
    assert client.delete(f"/api/me/tokens/{issued['token_id']}", headers=mine).status_code == 204
    refused = client.get("/api/me", headers=mine)
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "cookie",
    ["garbage", "00.1.x.deadbeef", lambda v: v[:-1] + ("0" if v[-1] != "0" else "1")],
)
def test_forged_or_tampered_cookies_are_refused(client: TestClient, cookie) -> None:
    login(client)
    value = client.cookies[SESSION_COOKIE]
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, cookie(value) if callable(cookie) else cookie)
    assert client.get("/api/me").status_code == 401


def test_logout_ends_the_session_even_for_a_kept_cookie(client: TestClient) -> None:
    csrf = login(client).json()["csrf_token"]
    kept = client.cookies[SESSION_COOKIE]
    assert client.post("/api/auth/logout", headers={CSRF_HEADER: csrf}).status_code == 204
    assert SESSION_COOKIE not in client.cookies
    assert client.get("/api/me").status_code == 401
    client.cookies.set(SESSION_COOKIE, kept)
    assert client.get("/api/me").status_code == 401
    client.cookies.clear()
    login(client)
    assert client.get("/api/me").status_code == 200


def test_repeated_failures_throttle_the_login(client: TestClient) -> None:
    for _ in range(5):
        assert login(client, password="wrong-password").status_code == 401
    locked = login(client)
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 0
    assert locked.json()["status"] == 429


@pytest.mark.parametrize(
    "authorization", ["Basic YWRtaW46YWRtaW4=", "Bearer ", "Bearer pat_nothing", "Token x"]
)
def test_bad_authorization_headers_are_401(client: TestClient, authorization: str) -> None:
    response = client.get("/api/me", headers={"Authorization": authorization})
    assert response.status_code == 401
    assert response.json()["title"] == "Unauthorized"


def test_errors_are_problem_documents(client: TestClient) -> None:
    headers = admin_token(client)
    missing = client.get("/api/sessions/00000000-0000-4000-8000-000000000000", headers=headers)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert set(missing.json()) >= {"type", "title", "status", "detail"}
    invalid = client.post("/api/sessions", headers=headers, json={"listing": ""})
    assert invalid.status_code == 422 and invalid.json()["errors"]
    unknown = client.get("/api/nowhere", headers=headers)
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"


def test_one_address_spraying_many_logins_is_throttled(
    backend_settings: Settings, portfolio: PortfolioApp
) -> None:
    settings = backend_settings.model_copy(update={"login_failures_per_address": 3})
    app = create_app(settings, portfolio)  # two clients, one app: no lifespan (it would close)
    sprayer = TestClient(app, client=("203.0.113.7", 4000))
    for n in range(3):  # three different logins: the per-login lock never triggers
        assert login(sprayer, f"user{n}@example.org", "guess-123").status_code == 401
    locked = login(sprayer)  # even the right password waits: the address is spent
    assert locked.status_code == 429 and locked.json()["status"] == 429
    assert 0 < int(locked.headers["retry-after"]) <= 600
    elsewhere = TestClient(app, client=("198.51.100.9", 4000))
    assert login(elsewhere).status_code == 200  # another address is not affected


def test_signing_in_does_not_reset_the_address_count(
    backend_settings: Settings, portfolio: PortfolioApp
) -> None:
    settings = backend_settings.model_copy(update={"login_failures_per_address": 2})
    with TestClient(create_app(settings, portfolio), client=("203.0.113.8", 1)) as client:
        assert login(client, "a@example.org", "guess-123").status_code == 401
        assert login(client).status_code == 200
        client.cookies.clear()
        assert login(client, "b@example.org", "guess-123").status_code == 401
        assert login(client, "c@example.org", "guess-123").status_code == 429
