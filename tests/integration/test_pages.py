"""Pages over HTTP, parsed (no browser): sign-in and CSRF, the same authorization as the
API (another candidate's page is 404), errors as French pages, the language switch, and the
candidate's forms without JavaScript."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from portfolio.application.app import PortfolioApp
from storage.bootstrap import build_app
from storage.settings import Settings
from tests.integration.access import (
    ADMIN,
    ASSESSOR,
    AUDITOR,
    CANDIDATE,
    JURY,
    PASSWORD,
    ROLES,
    World,
    build_world,
)

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
HOMES = {ADMIN: "/admin", ASSESSOR: "/assessor", AUDITOR: "/audit", JURY: "/jury"}


@pytest.fixture
def portfolio(sqlite_settings: Settings) -> PortfolioApp:
    return build_app(sqlite_settings)


@pytest.fixture
def world(portfolio: PortfolioApp) -> World:
    return build_world(portfolio)


@pytest.fixture
def client(sqlite_settings: Settings, portfolio: PortfolioApp) -> Iterator[TestClient]:
    with TestClient(create_app(sqlite_settings, portfolio)) as test_client:
        yield test_client


def html(response) -> lxml.html.HtmlElement:
    assert response.headers["content-type"].startswith("text/html"), response.text[:200]
    return lxml.html.fromstring(response.text)


def field(page: lxml.html.HtmlElement, name: str) -> str:
    return page.cssselect(f"input[name='{name}']")[0].get("value", "")


def sign_in(client: TestClient, login: str, password: str = PASSWORD, next: str = ""):
    form = html(client.get("/signin"))
    data = {"login": login, "password": password, "form_token": field(form, "form_token")}
    return client.post("/signin", data={**data, "next": next}, follow_redirects=False)


def csrf_of(client: TestClient, path: str = "/account") -> str:
    return field(html(client.get(path)), "csrf_token")


def test_every_form_control_has_a_label_and_the_page_its_landmarks(client: TestClient) -> None:
    page = html(client.get("/signin"))
    assert page.get("lang") == "fr"
    assert page.cssselect("a.skip-link")[0].get("href") == "#main"
    assert page.cssselect("header") and page.cssselect("main#main") and page.cssselect("footer")
    for control in page.cssselect("input:not([type=hidden])"):
        assert page.cssselect(f"label[for='{control.get('id')}']"), control.get("name")
    assert page.cssselect("#password")[0].get("autocomplete") == "current-password"


def test_sign_in_lands_each_role_on_its_home(client: TestClient, world: World) -> None:
    for role in ROLES:
        client.cookies.clear()
        signed = sign_in(client, world.logins[role])
        assert signed.status_code == 303
        home = HOMES.get(role, f"/candidates/{world.own_candidate}")
        assert signed.headers["location"] == home
        assert client.get("/", follow_redirects=False).headers["location"] == home
        page = html(client.get(home))
        assert page.cssselect("nav[aria-label='Menu principal'] a[aria-current='page']")
        if role != CANDIDATE:  # the pages of these roles come later, and they say so
            assert "en cours de construction" in page.cssselect("main")[0].text_content()


def test_sign_in_refuses_a_form_without_its_token_and_wrong_passwords(
    client: TestClient, world: World
) -> None:
    forged = client.post("/signin", data={"login": world.logins[ADMIN], "password": PASSWORD})
    assert forged.status_code == 403 and "Accès refusé" in html(forged).text_content()
    wrong = sign_in(client, world.logins[ADMIN], "not the password")
    assert wrong.status_code == 401
    summary = html(wrong).cssselect(".error-summary a[href='#login']")
    assert summary and "erroné" in summary[0].text_content()
    assert "portfolio_session" not in client.cookies


def test_next_goes_back_only_to_this_site(client: TestClient, world: World) -> None:
    assert sign_in(client, world.logins[ADMIN], next="/account").headers["location"] == "/account"
    client.cookies.clear()
    for evil in ("//evil.example", "https://evil.example/", "/\\evil.example"):
        assert sign_in(client, world.logins[ADMIN], next=evil).headers["location"] == "/admin"
        client.cookies.clear()


def test_a_write_without_the_csrf_token_is_refused(client: TestClient, world: World) -> None:
    sign_in(client, world.logins[CANDIDATE])
    refused = client.post("/account/tokens", data={"label": "x"})
    assert refused.status_code == 403
    assert [t["label"] for t in client.get("/api/me/tokens").json()] == ["matrix"]  # none issued
    token = csrf_of(client)
    by_form = client.post("/account/tokens", data={"label": "form", "csrf_token": token})
    by_header = client.post(
        "/account/tokens", data={"label": "htmx"}, headers={"X-CSRF-Token": token}
    )
    assert by_form.status_code == by_header.status_code == 200
    labels = [t["label"] for t in client.get("/api/me/tokens").json()]
    assert labels == ["matrix", "form", "htmx"]


@pytest.mark.parametrize("role", ROLES)
def test_candidate_pages_answer_as_the_api_does(
    client: TestClient, world: World, role: str
) -> None:
    sign_in(client, world.logins[role])
    mine = world.jury_candidate if role == JURY else world.own_candidate
    for candidate in (mine, world.other_candidate):
        api = client.get(f"/api/candidates/{candidate}").status_code
        page = client.get(f"/candidates/{candidate}")
        production = client.get(f"/candidates/{candidate}/productions/E1")
        assert page.status_code == production.status_code == api, (role, candidate)
        if api == 404:
            assert html(page).cssselect("h1")[0].text_content() == "Page introuvable"
    assert client.get(f"/candidates/{world.other_candidate}").status_code == (
        200 if role in (ADMIN, AUDITOR) else 404
    )


def test_anonymous_pages_ask_to_sign_in_and_the_api_says_401(
    client: TestClient, world: World
) -> None:
    page = client.get(f"/candidates/{world.own_candidate}", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == f"/signin?next=/candidates/{world.own_candidate}"
    api = client.get(f"/api/candidates/{world.own_candidate}")
    assert api.status_code == 401 and api.headers["content-type"] == "application/problem+json"
    base = f"/candidates/{world.own_candidate}/productions/E1"
    polled = client.get(  # a polling fragment whose session ended: the whole page goes
        f"{base}/panel",
        headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{base}"},
    )
    assert polled.status_code == 401 and polled.headers["HX-Redirect"] == f"/signin?next={base}"


def test_errors_are_french_pages_htmx_fragments_or_problem_json(client: TestClient) -> None:
    page = client.get("/no/such/page")
    assert (
        page.status_code == 404
        and html(page).cssselect("h1")[0].text_content() == "Page introuvable"
    )
    assert "Content-Security-Policy" in page.headers
    fragment = client.get("/no/such/page", headers={"HX-Request": "true"})
    assert fragment.headers["HX-Retarget"] == "#messages"
    assert html(fragment).cssselect("[role=alert]")
    api = client.get("/api/no/such/route")
    assert api.headers["content-type"] == "application/problem+json" and api.json()["status"] == 404


def test_the_language_switch_is_remembered(client: TestClient, world: World) -> None:
    sign_in(client, world.logins[AUDITOR])
    switched = client.get("/language?lang=en&next=/audit", follow_redirects=False)
    assert switched.headers["location"] == "/audit"
    page = html(client.get("/audit"))
    assert page.get("lang") == "en" and page.cssselect("h1")[0].text_content() == "Audit"
    assert page.cssselect("a[hreflang='fr']")[0].text_content() == "Français"
    client.get("/language?lang=xx&next=//evil.example", follow_redirects=False)
    assert html(client.get("/audit")).get("lang") == "en"  # an unknown language changes nothing
    assert (
        client.get("/language?next=//evil.example", follow_redirects=False).headers["location"]
        == "/"
    )


def test_the_invitation_link_is_the_activation_page_and_the_api_still_answers(
    client: TestClient, world: World
) -> None:
    sign_in(client, world.logins[ADMIN])
    token = client.post(
        "/api/me/tokens", json={"label": "t"}, headers={"X-CSRF-Token": csrf_of(client)}
    )
    client.cookies.clear()
    bearer = {"Authorization": f"Bearer {token.json()['token']}"}
    invited = client.post(
        "/api/accounts",
        headers=bearer,
        json={"login": "eva@example.org", "display_name": "Éva", "role": "assessor"},
    ).json()
    page = html(client.get(invited["activation_url"]))
    assert "eva@example.org" in page.cssselect("main")[0].text_content()
    assert field(page, "token") == invited["activation_token"]
    info = client.get("/api/activation", params={"token": invited["activation_token"]})
    assert info.json()["login"] == "eva@example.org"
    mismatch = client.post(
        "/activation",
        data={
            "token": invited["activation_token"],
            "password": "assez-long-mot-de-passe",
            "confirmation": "autre-mot-de-passe-long",
            "form_token": field(page, "form_token"),
        },
    )
    assert mismatch.status_code == 422
    assert html(mismatch).cssselect(".error-summary a[href='#confirmation']")
    assert client.get("/activation?token=forged.token").status_code == 404


def test_the_candidate_forms_work_without_javascript(
    client: TestClient, world: World, portfolio: PortfolioApp
) -> None:
    sign_in(client, world.logins[CANDIDATE])
    base = f"/candidates/{world.own_candidate}/productions/E2"
    token = csrf_of(client, base)
    empty = client.post(f"{base}/versions", data={"csrf_token": token}, files={"file": ("", b"")})
    assert empty.status_code == 422
    assert html(empty).cssselect("#upload .error-summary a[href='#file']")
    odt = (CORPUS / "E1_MOREAU_Kevin_CyclesArdent.odt").read_bytes()
    refused = client.post(
        f"{base}/versions", data={"csrf_token": token}, files={"file": ("e.odt", odt)}
    )
    assert refused.status_code == 415
    assert "Ce format n’est pas accepté" in html(refused).cssselect("#file-error")[0].text_content()
    pdf = io.BytesIO(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
    stored = client.post(
        f"{base}/versions",
        data={"csrf_token": token},
        files={"file": ("e2.pdf", pdf)},
        follow_redirects=False,
    )
    assert stored.status_code == 303 and stored.headers["location"] == base
    page = html(client.get(base))
    assert "Votre fichier est déposé" in page.cssselect("#messages")[0].text_content()
    assert page.cssselect("#panel[hx-trigger='every 2s']")  # the report is awaited
    assert [
        row.cssselect("th")[0].text_content().strip()
        for row in page.cssselect("#versions tbody tr")
    ] == ["1"]

    confirm = html(client.get(f"{base}/submission?version=1"))
    assert "Soumettre la version 1 de E2" in confirm.cssselect("h1")[0].text_content()
    submitted = client.post(
        f"{base}/submission", data={"csrf_token": token, "version": "1"}, follow_redirects=False
    )
    assert submitted.status_code == 303
    assert portfolio.production(world.own_candidate, "E2").submitted_version == 1
    again = client.post(f"{base}/submission", data={"csrf_token": token, "version": "1"})
    assert again.status_code == 409
    assert "déjà été soumise" in html(again).text_content()


def test_others_cannot_write_into_a_candidate_portfolio(client: TestClient, world: World) -> None:
    for role in (ADMIN, ASSESSOR):
        client.cookies.clear()
        sign_in(client, world.logins[role])
        token = csrf_of(client)
        base = f"/candidates/{world.own_candidate}/productions/E1"
        upload = client.post(
            f"{base}/versions", data={"csrf_token": token}, files={"file": ("a.pdf", b"%PDF-1.4")}
        )
        assert upload.status_code == 404, role
        assert not html(client.get(base)).cssselect("#upload")  # no upload form for readers


def test_precheck_stores_nothing(client: TestClient, world: World, portfolio: PortfolioApp) -> None:
    sign_in(client, world.logins[CANDIDATE])
    base = f"/candidates/{world.own_candidate}/productions/E1"
    before = len(portfolio.production(world.own_candidate, "E1").versions)
    blank = client.post(
        f"{base}/precheck", data={"csrf_token": csrf_of(client, base)}, files={"file": ("", b"")}
    )
    assert blank.status_code == 422
    assert html(blank).cssselect("#precheck .error-summary a[href='#precheck-file']")
    odt = (CORPUS / "E1_MOREAU_Kevin_CyclesArdent.odt").read_bytes()
    rejected = client.post(
        f"{base}/precheck",
        data={"csrf_token": csrf_of(client, base)},
        files={"file": ("e.odt", odt)},
        headers={"HX-Request": "true"},
    )
    result = html(rejected).cssselect(".precheck-result")[0].text_content()
    assert "Ce fichier n’a pas pu être lu" in result
    assert re.search(r"non enregistré", result)
    assert len(portfolio.production(world.own_candidate, "E1").versions) == before
