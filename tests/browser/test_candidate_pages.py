"""The candidate's whole job in the browser (issue 12): activate, sign in, upload a corpus
DOCX, watch the report appear without reloading, see what is missing, pre-check a draft,
upload a fixed version by drag and drop, submit it after a confirmation naming the version."""

from __future__ import annotations

import base64
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import CORPUS, PASSWORD, Live, Pages, close_tab, open_tab

pytestmark = [pytest.mark.browser, pytest.mark.slow]
INCOMPLETE = CORPUS / "E1_COLLET_Agathe_MaisonVerdier.docx"  # C1.1.3 and C1.2.2 only placeholders
COMPLETE = CORPUS / "E1_FONTAINE_Lea_MaisonVerdier.docx"
DRAFT = CORPUS / "E1_MOREAU_Kevin_CyclesArdent.docx"  # no C1.1.1, no C1.2.3
CHECK_TIMEOUT = 180_000  # ms: the worker parses in a sandboxed process on a shared machine


def drop_file(page: Page, selector: str, path) -> None:
    """Drag and drop a file from the desktop onto `selector`, as a person would."""
    data = base64.b64encode(path.read_bytes()).decode()
    transfer = page.evaluate_handle(
        """([data, name]) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name));
            return transfer;
        }""",
        [data, path.name],
    )
    page.dispatch_event(selector, "dragenter", {"dataTransfer": transfer})
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def coverage(page: Page, competency: str):
    return page.locator(f"#panel tr[data-competency='{competency}']")


def test_candidate_uploads_sees_what_is_missing_fixes_and_submits(pages: Pages, live: Live) -> None:
    session = live.session()
    candidate_id, link = live.candidate(session, "2027-010", "Agathe Collet", "agathe@example.org")

    page = pages.visit(link, "activation")
    page.get_by_label("Nouveau mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Nouveau mot de passe (confirmation)").fill(PASSWORD)
    pages.after(page.get_by_role("button", name="Activer mon compte").click, "connexion")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    pages.after(page.get_by_role("button", name="Se connecter").click, "mon dossier vide")
    expect(page.locator(".card h2")).to_have_text(["E1", "E2", "E3"])
    expect(page.locator("#card-E1")).to_contain_text("clôture dans")
    expect(page.locator("#card-E1")).to_contain_text("non soumise")

    pages.after(page.get_by_role("link", name=re.compile("^Ouvrir E1")).click, "E1 sans version")
    expect(page.locator("#report")).to_contain_text("Aucune version déposée")

    # Upload with the file picker; the panel then polls until the worker's report is there.
    page.evaluate("() => { window.notReloaded = true; }")
    page.get_by_label("Votre document E1 (DOCX, PDF ou XLSX)").set_input_files(INCOMPLETE)
    page.get_by_role("button", name="Déposer", exact=True).click()
    expect(page.locator("#versions tbody tr")).to_have_count(1)
    pages.seen("E1 version 1 en cours de vérification")
    expect(page.locator("#report-title")).to_have_text("Rapport de vérification de la version 1")
    expect(coverage(page, "C1.1.3")).to_have_attribute(
        "data-status", "absent", timeout=CHECK_TIMEOUT
    )
    assert page.evaluate("() => window.notReloaded === true"), "the report came without a reload"
    pages.seen("E1 rapport version 1")
    expect(coverage(page, "C1.1.3")).to_contain_text("L’élément entier.")
    expect(coverage(page, "C1.2.2")).to_have_attribute("data-status", "absent")
    expect(coverage(page, "C1.1.1")).to_have_attribute("data-status", "present")
    expect(page.locator("#report .report-summary")).to_contain_text(
        "2 éléments attendus sont absents"
    )
    expect(page.locator("#report .checks")).to_contain_text("Seuil de rentabilité")
    expect(page.locator("#check-status")).to_have_text("Le rapport de la version 1 est prêt.")

    # The confirmation of version 1 names it and what it still lacks; cancel.
    pages.after(
        page.get_by_role("link", name="Soumettre la version 1…").click, "confirmation version 1"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Soumettre la version 1 de E1 ?")
    expect(page.locator(".still-missing")).to_contain_text("C1.1.3")
    expect(page.locator(".still-missing")).to_contain_text("C1.2.2")
    pages.after(page.get_by_role("link", name="Annuler").click, "E1 après annulation")

    # Pre-check a draft: a report comes back, nothing is stored.
    page.get_by_label("Brouillon à vérifier (DOCX, PDF ou XLSX)").set_input_files(DRAFT)
    page.get_by_role("button", name="Vérifier le brouillon").click()
    result = page.locator(".precheck-result")
    expect(result).to_contain_text("non enregistré", timeout=CHECK_TIMEOUT)
    expect(result.locator("tr[data-competency='C1.1.1']")).to_have_attribute(
        "data-status", "absent"
    )
    expect(page.locator("#versions tbody tr")).to_have_count(1)
    pages.seen("E1 pré-vérification d’un brouillon")

    # The fixed version, dropped onto the upload zone.
    page.evaluate(
        """() => {
            window.notReloaded = true;
            window.progress = [];
            document.addEventListener('htmx:xhr:progress', () => window.progress.push(
                document.querySelector('[data-upload-progress]').value));
        }"""
    )
    drop_file(page, "[data-dropzone]", COMPLETE)
    expect(page.locator("#versions tbody tr")).to_have_count(2)
    assert page.evaluate("() => window.progress.at(-1)") == 100, "the progress bar filled up"
    expect(page.locator("#report .report-summary")).to_contain_text(
        "Tous les éléments attendus sont présents", timeout=CHECK_TIMEOUT
    )
    assert page.evaluate("() => window.notReloaded === true")
    expect(page.locator("#report-title")).to_have_text("Rapport de vérification de la version 2")
    pages.seen("E1 rapport version 2 complet")

    pages.after(
        page.get_by_role("link", name="Soumettre la version 2…").click, "confirmation version 2"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Soumettre la version 2 de E1 ?")
    expect(page.locator(".facts")).to_contain_text(COMPLETE.name)
    expect(page.locator(".still-missing")).to_have_count(0)
    pages.after(
        page.get_by_role("button", name="Confirmer : soumettre la version 2").click, "E1 soumise"
    )
    expect(page.get_by_role("status").first).to_contain_text("Votre production est soumise")
    expect(page.locator("#upload")).to_contain_text("Cette épreuve est soumise")
    assert live.portfolio.production(candidate_id, "E1").submitted_version == 2

    pages.after(
        page.get_by_role("link", name="Mon dossier", exact=True).click,
        "mon dossier après soumission",
    )
    expect(page.locator("#card-E1")).to_contain_text("soumise")
    expect(page.locator("#card-E1")).to_contain_text("complet")


def test_a_refused_file_is_named_and_nothing_is_stored(pages: Pages, live: Live) -> None:
    session = live.session()
    candidate_id = live.active_candidate(session, "2027-011", "Kevin Moreau", "kevin@example.org")
    page = pages.visit("/signin", "connexion")
    page.get_by_label("Adresse e-mail ou identifiant").fill("kevin@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    pages.after(page.get_by_role("button", name="Se connecter").click, "mon dossier")
    pages.visit(f"/candidates/{candidate_id}/productions/E1", "E1")
    page.get_by_label("Votre document E1 (DOCX, PDF ou XLSX)").set_input_files(
        CORPUS / "E1_MOREAU_Kevin_CyclesArdent.odt"
    )
    page.get_by_role("button", name="Déposer", exact=True).click()
    summary = page.locator("#upload .error-summary")
    expect(summary).to_contain_text("Ce format n’est pas accepté")
    pages.seen("E1 fichier refusé")
    expect(page.locator("#file")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#versions")).to_have_count(0)

    other = live.active_candidate(session, "2027-012", "Nina Mercier", "nina@example.org")
    response = page.goto(live.url(f"/candidates/{other}"))
    assert response is not None and response.status == 404
    pages.seen("dossier d’une autre candidate")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")


def test_candidate_pages_fit_a_phone(browser: Browser, live: Live) -> None:
    candidate_id = live.active_candidate(
        live.session(), "2027-013", "Inès Belkacem", "ines@example.org"
    )
    with INCOMPLETE.open("rb") as document:
        live.portfolio.upload(candidate_id, "E1", document, INCOMPLETE.name, "", "test")
    phone = {"viewport": {"width": 360, "height": 780}, "is_mobile": True, "has_touch": True}
    pages = open_tab(browser, live, "test_candidate_pages_fit_a_phone", **phone)
    try:
        page = pages.visit("/signin", "connexion sur téléphone")
        page.get_by_label("Adresse e-mail ou identifiant").fill("ines@example.org")
        page.get_by_label("Mot de passe").fill(PASSWORD)
        pages.after(page.get_by_role("button", name="Se connecter").click, "dossier sur téléphone")
        page.goto(live.url(f"/candidates/{candidate_id}/productions/E1"))
        expect(coverage(page, "C1.1.3")).to_have_attribute(
            "data-status", "absent", timeout=CHECK_TIMEOUT
        )
        pages.seen("E1 sur téléphone")
        for path in (f"/candidates/{candidate_id}", f"/candidates/{candidate_id}/productions/E1"):
            page.goto(live.url(path))
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    finally:
        close_tab(pages)
