"""check_document: production guess, aggregation and the report's JSON, on hand-made documents."""

import json

import pytest

from pipeline.checker import check_document, guess_production
from pipeline.model import Document, Section
from portfolio.referential import load_referential

BODY = (
    "Cette partie présente l’analyse menée pendant la période en entreprise, les données "
    "utilisées, la méthode retenue et les résultats obtenus auprès des clients. "
) * 4


@pytest.fixture(scope="module")
def referential():
    return load_referential()


def _doc(*headings: str) -> Document:
    sections = [Section(f"s{i}", h, 1, [BODY]) for i, h in enumerate(headings, 1)]
    return Document("docx", sections, word_count=len(headings) * 120)


def test_guesses_the_production_from_headings(referential):
    e3 = _doc(
        "1. Présentation de l’entreprise",
        "2. Analyse du portefeuille clients",
        "3. Analyse de la satisfaction client",
        "4. Parcours client",
    )
    assert guess_production(e3, referential) == "E3"
    e2 = _doc("1. Analyse du contexte", "2. Persona", "3. Contrat de partenariat")
    assert guess_production(e2, referential) == "E2"


def test_unrecognised_document_has_no_production_and_no_guessed_findings(referential):
    doc = _doc("Recette de la tarte aux pommes")
    report = check_document(doc, None, referential, file="x.docx", sha256="0" * 64)
    assert report.production is None
    assert report.elements == [] and report.checks == []
    assert not report.complete


def test_report_aggregates_and_serialises(referential):
    doc = _doc("1. Présentation de l’entreprise", "2. Analyse du portefeuille clients")
    report = check_document(doc, "E3", referential)
    data = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    assert data["competencies"]["C3.2.7"] == "absent"
    assert data["competencies"]["E3.presentation"] in ("present", "partial")
    assert {c["id"] for c in data["checks"]} == {
        "internship_working_days",
        "internship_minimum_days",
        "nps",
        "csat",
    }
    assert all(c["status"] == "undetermined" for c in data["checks"])  # no figures, no guess
    assert data["referential_version"] == referential.version
