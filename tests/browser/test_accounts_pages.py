"""Accounts in the browser: activation from the invitation link, sign-in, tokens, language,
sign-out, and both forms used with the keyboard alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD, Live, Pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def focused(page: Page) -> str:
    """The focused element as `tag#id` (or its text for links and buttons)."""
    return page.evaluate(
        """() => { const e = document.activeElement;
                   return e.id ? `${e.tagName.toLowerCase()}#${e.id}`
                               : `${e.tagName.toLowerCase()}:${e.textContent.trim()}`; }"""
    )


def focus_is_visible(page: Page) -> bool:
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"""
    )


def test_activate_then_sign_in_with_the_keyboard_only(pages: Pages, live: Live) -> None:
    session = live.session()
    _, link = live.candidate(session, "2027-001", "Léa Fontaine", "lea@example.org")
    page = pages.visit(link, "activation")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Activez votre compte")
    expect(page.get_by_text("lea@example.org")).to_be_visible()

    page.keyboard.press("Tab")
    assert focused(page) == "a:Aller au contenu principal" and focus_is_visible(page)
    page.keyboard.press("Enter")  # the skip link moves the focus to the main content
    page.keyboard.press("Tab")
    assert focused(page) == "input#password" and focus_is_visible(page)
    page.keyboard.type("court")
    page.keyboard.press("Tab")
    assert focused(page) == "input#confirmation"
    page.keyboard.type("court")
    pages.after(
        lambda: page.keyboard.press("Enter"), "activation refusée (mot de passe trop court)"
    )
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("au moins 10 caractères")
    assert summary.evaluate("e => e === document.activeElement"), "the summary takes the focus"
    page.keyboard.press("Tab")  # into the summary: its link leads to the faulty field
    page.keyboard.press("Enter")
    assert focused(page) == "input#password"
    expect(page.locator("#password")).to_have_attribute("aria-invalid", "true")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    pages.after(lambda: page.keyboard.press("Enter"), "connexion après activation")
    expect(page).to_have_url(re.compile(r"/signin\?login="))
    expect(page.get_by_role("status")).to_contain_text("Votre compte est activé")
    expect(page.locator("#login")).to_have_value("lea@example.org")

    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page) == "input#login"
    page.keyboard.press("Tab")
    assert focused(page) == "input#password" and focus_is_visible(page)
    page.keyboard.type("mauvais mot de passe")
    pages.after(lambda: page.keyboard.press("Enter"), "connexion refusée")
    expect(page.get_by_role("alert")).to_contain_text("L’identifiant ou le mot de passe est erroné")
    page.locator("#password").focus()
    page.keyboard.type(PASSWORD)
    pages.after(lambda: page.keyboard.press("Enter"), "mon dossier")
    expect(page).to_have_url(re.compile(r"/candidates/[0-9a-f-]+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon dossier")


def test_a_used_activation_link_says_so(pages: Pages, live: Live) -> None:
    _, link = live.candidate(live.session(), "2027-002", "Yanis Haddad", "yanis@example.org")
    live.portfolio.activate_account(link.partition("token=")[2], PASSWORD)
    page = pages.visit(link, "lien d’activation déjà utilisé")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ce lien d’activation n’est pas valable"
    )
    assert page.evaluate("() => document.title").startswith("Lien d’activation non valable")


def sign_in(pages: Pages, login: str) -> Page:
    page = pages.visit("/", "connexion")
    page.get_by_label("Adresse e-mail ou identifiant").fill(login)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    return pages.after(page.get_by_role("button", name="Se connecter").click, "accueil")


def test_tokens_password_language_and_sign_out(pages: Pages, live: Live) -> None:
    live.active_candidate(live.session(), "2027-003", "Chloé Garnier", "chloe@example.org")
    page = sign_in(pages, "chloe@example.org")
    pages.after(page.get_by_role("link", name="Mon compte").click, "mon compte")
    pages.after(page.get_by_role("link", name="Mes jetons d’API personnels").click, "jetons vides")
    page.get_by_label("À quoi il sert").fill("script de dépôt")
    page.get_by_role("button", name="Créer le jeton").click()
    token = page.locator("#new-token")
    expect(token).to_have_value(re.compile(r"^pat_[0-9a-f]{32}_"))
    pages.seen("jeton créé (affiché une fois)")
    api = page.request.get(
        live.url("/api/me"), headers={"Authorization": f"Bearer {token.input_value()}"}
    )
    assert api.ok and api.json()["login"] == "chloe@example.org"
    page.get_by_role("button", name="Révoquer script de dépôt").click()
    expect(page.locator("#tokens .badge-muted")).to_have_text("révoqué")
    expect(page.locator("#new-token")).to_have_count(0)  # never shown again
    pages.seen("jeton révoqué")
    assert (
        page.request.get(live.url("/api/me"), headers={"Authorization": f"Bearer {token}"}).status
        == 401
    )

    pages.visit("/account/password", "changer de mot de passe")
    page.get_by_label("Mot de passe actuel").fill("pas le bon mot de passe")
    page.get_by_label("Nouveau mot de passe", exact=True).fill("nouveau-mot-de-passe-1")
    page.get_by_label("Nouveau mot de passe (confirmation)").fill("nouveau-mot-de-passe-1")
    pages.after(
        page.get_by_role("button", name="Changer mon mot de passe").click,
        "mot de passe actuel erroné",
    )
    expect(page.get_by_role("alert")).to_contain_text("Le mot de passe actuel est erroné")

    pages.after(page.get_by_role("link", name="English").click, "password page in English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change my password")
    pages.after(page.get_by_role("link", name="My account").click, "account in English")
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")  # remembered
    pages.after(page.get_by_role("link", name="Français").click, "retour au français")

    pages.after(page.get_by_role("button", name="Se déconnecter").click, "déconnectée")
    expect(page).to_have_url(re.compile(r"/signin$"))
    expect(page.get_by_role("status")).to_have_text("Vous êtes déconnecté·e.")
    pages.visit("/account", "connexion demandée")
    expect(page).to_have_url(re.compile(r"/signin\?next=/account$"))


def test_the_audit_sees_what_axe_reports(pages: Pages) -> None:
    """The harness itself: a page without language, alt text or labels fails the audit."""
    pages.page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        pages.audit("a broken page")
    assert {"html-has-lang", "image-alt", "label"} <= {f["id"] for f in pages.findings}
    pages.findings.clear()  # keep the report of this test's pages clean
