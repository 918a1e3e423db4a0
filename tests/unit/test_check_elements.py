"""Required elements, driven by the referential's hints, on hand-made documents with the
corpus traps: a word in passing, placeholders, a Sommaire listing, unusual headings."""

import pytest

from pipeline.checks.elements import check_elements, competency_status
from pipeline.checks.index import DocumentIndex
from pipeline.model import Document, Section
from pipeline.report import ElementFinding
from portfolio.referential import load_referential

FILLER = (
    "Cette partie détaille la démarche suivie, les choix retenus et leurs justifications au "
    "regard du contexte de l’entreprise, de ses moyens humains et financiers et de ses clients. "
) * 3


@pytest.fixture(scope="module")
def e1():
    return load_referential().elements_for("E1")


def _find(doc: Document, elements, key: str) -> ElementFinding:
    return next(f for f in check_elements(DocumentIndex(doc), elements) if f.competency == key)


def _sec(sid: str, heading: str, *paragraphs: str, level: int = 1, children=()) -> Section:
    return Section(sid, heading, level, list(paragraphs), children=list(children))


def test_heading_with_substantive_body_is_present_with_evidence(e1):
    doc = Document(
        "docx",
        [
            _sec(
                "s1",
                "1. Mise en place d’un système de veille",
                "Les étapes : collecte, traitement, diffusion. " + FILLER,
                "Sources fiables et outils : Google Alerts, flux RSS. " + FILLER,
            )
        ],
    )
    finding = _find(doc, e1, "C1.1.1")
    assert finding.status == "present"
    assert finding.evidence[0].section == "s1"
    assert finding.evidence[0].quote.startswith("Les étapes")
    assert finding.parts == {"process_steps": True, "sources": True}


def test_inflection_accents_and_case_do_not_matter(e1):
    doc = Document("docx", [_sec("s5", "5) PLAN D'ACTION COMMERCIAL", FILLER)])
    assert _find(doc, e1, "C1.2.2").status != "absent"


def test_a_word_in_passing_is_not_an_element(e1):
    doc = Document(
        "docx",
        [
            _sec(
                "s1",
                "Introduction",
                "Après le diagnostic interne et la matrice "
                "SWOT, je présente le plan d’actions. " + FILLER,
            )
        ],
    )
    assert _find(doc, e1, "C1.1.3").status == "absent"
    assert _find(doc, e1, "C1.2.2").status == "absent"


@pytest.mark.parametrize("placeholder", ["À compléter.", "(voir annexe)", "TODO", "…"])
def test_placeholder_body_is_absent(e1, placeholder):
    doc = Document("docx", [_sec("s3", "3. Diagnostic interne", placeholder)])
    finding = _find(doc, e1, "C1.1.3")
    assert finding.status == "absent"
    assert "espace réservé" in finding.reason


def test_placeholder_sub_headings_leave_the_element_absent(e1):
    children = [
        _sec(f"s5.{i}", h, "À compléter.", level=2)
        for i, h in enumerate(["5.1 Actions physiques", "5.2 Actions digitales"], 1)
    ]
    doc = Document("docx", [_sec("s5", "5. Plan d’actions commerciales", children=children)])
    assert _find(doc, e1, "C1.2.2").status == "absent"


def test_voir_annexe_with_an_annex_is_partial(e1):
    doc = Document(
        "docx",
        [
            _sec("s3", "3. Diagnostic interne", "(voir annexe)"),
            _sec("s9", "Annexe 1 – Matrice SWOT", FILLER),
        ],
    )
    assert _find(doc, e1, "C1.1.3").status == "partial"


def test_section_listed_only_in_the_sommaire_is_absent(e1):
    toc = _sec(
        "s0",
        "Sommaire",
        "1. Mise en place d’un système de veille ..... 3",
        "2. Diagnostic interne ..... 4",
    )
    doc = Document("docx", [toc, _sec("s1", "2. Analyse du marché", FILLER)])
    assert _find(doc, e1, "C1.1.1").status == "absent"
    assert _find(doc, e1, "C1.1.3").status == "absent"


def test_unusual_heading_found_by_dense_body_keywords(e1):
    body = (
        "Nos forces : savoir-faire et notoriété. Nos faiblesses : coûts. Opportunités : "
        "circuits courts. Menaces : concurrence. La chaîne de valeur distingue les activités "
        "principales et les activités de soutien. " + FILLER
    )
    doc = Document("docx", [_sec("s3", "3. Ce que l’on sait faire, et moins bien", body)])
    finding = _find(doc, e1, "C1.1.3")
    assert finding.status in ("present", "partial")
    assert "mots-clés" in finding.reason


def test_thin_body_is_partial(e1):
    doc = Document(
        "docx",
        [
            _sec(
                "s7",
                "7. Budget prévisionnel",
                "Le budget est présenté dans le tableau ci-dessous ; "
                "le projet est rentable dès la première année.",
            )
        ],
    )
    finding = _find(doc, e1, "C1.2.4")
    assert finding.status == "partial"
    assert "mince" in finding.reason


def test_english_heading_counts():
    e2 = load_referential().elements_for("E2")
    doc = Document("docx", [_sec("s10", "10. Executive summary", FILLER)])
    assert _find(doc, e2, "C2.2.4").status != "absent"


def _dashboard(*paragraphs: str) -> Document:
    return Document("docx", [_sec("s7", "7. Tableau de bord sur Excel", *paragraphs, FILLER)])


DASHBOARD = (
    "Les données viennent du CRM et de l’ERP (import mensuel, extraction Excel). "
    "Le calcul des indicateurs utilise des formules (SOMME, RECHERCHEV). "
)


def test_automated_calculations_found_by_keywords():
    e2 = load_referential().elements_for("E2")
    finding = _find(_dashboard(DASHBOARD), e2, "C2.2.2")
    assert finding.parts == {"data_sources": True, "automated_calculations": True}
    assert finding.status == "present"


@pytest.mark.parametrize(
    "denial",
    [
        "Les indicateurs sont ensuite SAISIS À LA MAIN dans le tableau.",
        "Le tableau est renseigné manuellement chaque mois.",
        "Je calcule les taux avec la calculatrice.",
        "Une amélioration serait d'automatiser ces calculs.",
    ],
)
def test_a_phrase_saying_the_dashboard_is_filled_by_hand_makes_the_part_absent(denial):
    """Regression (E2_GIRARD_Thomas_Fitneo.pdf): formulas named, yet the text says the
    figures are computed with a calculator and typed in; the part is missing, the element
    partial. Accents, case and apostrophes do not matter."""
    e2 = load_referential().elements_for("E2")
    finding = _find(_dashboard(DASHBOARD, denial), e2, "C2.2.2")
    assert finding.parts == {"data_sources": True, "automated_calculations": False}
    assert finding.status == "partial"
    assert "automated_calculations" in finding.reason


def test_absent_if_matches_whole_words_only():
    """ "à la main" must not fire inside "à la maintenance"."""
    e2 = load_referential().elements_for("E2")
    doc = _dashboard(DASHBOARD, "Les mises à jour sont confiées à la maintenance informatique.")
    assert _find(doc, e2, "C2.2.2").parts["automated_calculations"] is True


def test_competency_status_aggregates_elements():
    def f(key, status):
        return ElementFinding("x", key, "x", status)

    assert competency_status([f("A", "present"), f("A", "present")]) == {"A": "present"}
    assert competency_status([f("A", "present"), f("A", "absent")]) == {"A": "partial"}
    assert competency_status([f("A", "absent"), f("B", "partial")]) == {
        "A": "absent",
        "B": "partial",
    }


def _e3_doc(middle: Section | None) -> Document:
    sections = [
        _sec("s1", "1. Présentation de l’entreprise", FILLER),
        _sec("s2", "2. Analyse du portefeuille clients", FILLER),
        _sec("s4", "4. Analyse du parcours client", FILLER),
    ]
    if middle is not None:
        sections.insert(2, middle)
    return Document("docx", sections)


def test_unusual_heading_in_the_slot_between_its_neighbours():
    e3 = load_referential().elements_for("E3")
    middle = _sec(
        "s3",
        "3. Ce que disent nos clients",
        "Une enquête par questionnaire a été envoyée en mars. " + FILLER,
    )
    finding = _find(_e3_doc(middle), e3, "C3.1.2")
    assert finding.status != "absent"
    assert finding.evidence[0].section == "s3"
    assert "place dans le plan" in finding.reason


def test_empty_slot_or_a_slot_without_keywords_stays_absent():
    e3 = load_referential().elements_for("E3")
    assert _find(_e3_doc(None), e3, "C3.1.2").status == "absent"
    unrelated = _sec("s3", "3. Mes impressions", FILLER)
    assert _find(_e3_doc(unrelated), e3, "C3.1.2").status == "absent"
