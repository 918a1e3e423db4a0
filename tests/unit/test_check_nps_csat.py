"""NPS (passives in the denominator) and CSAT, recomputed from stated counts."""

import pytest

from pipeline.checks.csat import check_csat, csat
from pipeline.checks.nps import check_nps, find_counts, nps
from pipeline.model import Cell, Document, Section, Table


def _doc(paragraphs: list[str], rows: list[list[str]] | None = None) -> Document:
    tables = [Table([[Cell(v) for v in row] for row in rows])] if rows else []
    return Document("docx", [Section("s4", "4. Parcours client", 1, paragraphs, tables)])


def test_domain_examples():
    assert nps(90, 60, 50) == pytest.approx(20)
    assert csat({5: 50, 4: 70, 3: 25, 2: 10, 1: 5}) == pytest.approx(75)
    with pytest.raises(ValueError):
        nps(0, 0, 0)
    with pytest.raises(ValueError):
        csat({})


def test_counts_written_before_the_labels():
    doc = _doc(
        [
            "Sur 240 répondants, 118 sont promoteurs (9-10), 74 sont passifs (7-8) et 48 sont "
            "détracteurs (0-6). NPS = % promoteurs – % détracteurs = 49,2 % – 20,0 % = +29,2."
        ]
    )
    assert find_counts(doc) == {"promoters": 118, "passives": 74, "detractors": 48}
    result = check_nps(doc, "C3.1.3")
    assert (result.status, result.expected) == ("pass", 29.17)


def test_passives_left_out_of_the_denominator_fails():
    doc = _doc(
        ["Calcul du NPS : on enlève les passifs. NPS = 60,8 % – 39,2 % = +21,6."],
        [
            ["Catégorie", "Notes", "Réponses"],
            ["Promoteurs", "9 et 10", "31"],
            ["Passifs", "7 et 8", "35"],
            ["Détracteurs", "0 à 6", "20"],
        ],
    )
    result = check_nps(doc, "C3.1.3")
    assert (result.status, result.stated, result.expected) == ("fail", 21.6, 12.79)


def test_nps_without_counts_is_undetermined():
    result = check_nps(_doc(["Notre NPS est de +35."]), "C3.1.3")
    assert (result.status, result.stated) == ("undetermined", 35)


def test_csat_from_the_same_sentence():
    doc = _doc(
        [
            "47 clients livrés sur 62 interrogés se disent satisfaits (4 ou 5 sur 5), soit un "
            "CSAT de 75,8 %."
        ]
    )
    result = check_csat(doc, "C3.1.3")
    assert (result.status, result.expected) == ("pass", 75.81)


def test_wrong_csat_fails():
    doc = _doc(["176 répondants sur 240 se déclarent satisfaits, soit un CSAT de 80 %."])
    assert check_csat(doc, "C3.1.3").status == "fail"


def test_csat_without_counts_is_undetermined():
    assert (
        check_csat(_doc(["Le CSAT de la livraison est de 77,6 %."]), "x").status == "undetermined"
    )
    assert check_csat(_doc(["Aucune enquête."]), "x").status == "undetermined"


def test_csat_from_a_survey_table_split_across_pages():
    header = ["N°", "Note de recommandation (0-10)", "Satisfaction livraison (1-5)"]
    page1 = [header] + [[str(i), "9", str(5 if i % 4 else 2)] for i in range(1, 9)]
    page2 = [header] + [[str(i), "7", str(4 if i % 2 else 1)] for i in range(9, 17)]
    doc = Document(
        "pdf",
        [
            Section("s4", "4. Parcours client", 1, ["Le CSAT de la livraison est de 75 %."]),
            Section(
                "s9",
                "Annexe 3",
                1,
                [],
                [Table([[Cell(v) for v in r] for r in p]) for p in (page1, page2)],
            ),
        ],
    )  # 6 fives + 4 fours of 16 answers = 62.5 %
    result = check_csat(doc, "C3.1.3")
    assert (result.status, result.expected) == ("fail", 62.5)


def test_counts_after_labels_with_score_ranges():
    doc = _doc(
        [
            "Promoteurs (9-10) : 90 ; passifs (7-8) : 60 ; détracteurs (0-6) : 50.",
            "Le NPS ressort à +20.",
        ]
    )
    assert find_counts(doc) == {"promoters": 90, "passives": 60, "detractors": 50}
    assert check_nps(doc, "C3.1.3").status == "pass"


def test_nps_from_percentages_when_counts_are_not_given():
    doc = _doc(
        [
            "Les répondants se répartissent en 45 % de promoteurs, 30 % de passifs et 25 % "
            "de détracteurs, soit un NPS de +30."
        ]
    )
    result = check_nps(doc, "C3.1.3")
    assert (result.status, result.expected) == ("fail", 20)


def test_zero_respondents_leave_the_nps_undetermined_instead_of_crashing():
    doc = _doc(
        ["Le NPS est de 0."],
        [["Catégorie", "Réponses"], ["Promoteurs", "0"], ["Passifs", "0"], ["Détracteurs", "0"]],
    )
    assert find_counts(doc) == {"promoters": 0, "passives": 0, "detractors": 0}
    assert check_nps(doc, "C3.1.3").status == "undetermined"
