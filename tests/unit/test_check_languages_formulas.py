"""Section languages (French/English) for the E2 reporting, and workbook formulas."""

from pipeline.checks.formulas import check_formulas
from pipeline.checks.languages import check_reporting_languages, detect_languages
from pipeline.model import Cell, Document, Section, Table

FR = (
    "Au deuxième trimestre, le chiffre d’affaires atteint 2,26 millions d’euros, soit 94 % de "
    "l’objectif ; le canal e-commerce reste en retrait et des actions correctives sont prévues."
)
EN = (
    "In the second quarter, revenue reached 2.26 million euros, which is 94% of the target; the "
    "e-commerce channel is lagging behind and corrective actions are planned for next quarter."
)


def _reporting(*children: Section) -> Document:
    return Document("docx", [Section("s10", "10. Reporting", 1, [], children=list(children))])


def test_bilingual_reporting_passes():
    doc = _reporting(
        Section("s10.1", "Version française", 2, [FR]), Section("s10.2", "English version", 2, [EN])
    )
    assert detect_languages(doc) == ["fr", "en"] or detect_languages(doc) == ["en", "fr"]
    result = check_reporting_languages(doc.sections, "C2.2.4")
    assert (result.status, result.stated) == ("pass", ["en", "fr"])


def test_french_only_reporting_fails():
    doc = _reporting(Section("s10.1", "Note de synthèse", 2, [FR]))
    detect_languages(doc)
    assert check_reporting_languages(doc.sections, "C2.2.4").status == "fail"


def test_short_sections_inherit_nothing_and_no_reporting_is_undetermined():
    doc = _reporting(Section("s10.1", "Summary", 2, ["KPI e-commerce OK."]))
    detect_languages(doc)
    assert doc.sections[0].children[0].language is None
    assert check_reporting_languages([], "C2.2.4").status == "undetermined"


def _workbook(formulas: bool) -> Document:
    def cell(v, f):
        return Cell(v, f if formulas else None)

    rows = [
        [Cell("Indicateur"), Cell("Objectif"), Cell("Réalisé"), Cell("Écart")],
        [Cell("CA showrooms"), Cell(380000), Cell(320900), cell(-59100, "=C2-B2")],
        [Cell("CA web"), Cell(300000), Cell(264400), cell(-35600, "=C3-B3")],
        [
            Cell("Total"),
            cell(680000, "=SUM(B2:B3)"),
            cell(585300, "=SUM(C2:C3)"),
            cell(-94700, "=C4-B4"),
        ],
    ]
    inputs = Table(
        [[Cell("Hypothèse"), Cell("Valeur")], [Cell("Taux de TVA"), Cell(0.2)]], name="Hypothèses"
    )
    section = Section("s1", "Tableau de bord", 1, [], [Table(rows, name="Tableau de bord"), inputs])
    return Document("xlsx", [section])


def test_typed_constants_fail_and_formulas_pass():
    assert check_formulas(_workbook(formulas=False), "C2.2.2").status == "fail"
    result = check_formulas(_workbook(formulas=True), "C2.2.2")
    assert (result.status, result.stated) == ("pass", "5/5")


def test_formulas_on_a_text_document_are_undetermined():
    assert check_formulas(Document("pdf", []), "C2.2.2").status == "undetermined"
