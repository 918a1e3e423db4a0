"""Seuil de rentabilité and point mort recomputed from the budget a candidate states."""

import pytest

from pipeline.checks.break_even import (
    BreakEvenInputs,
    check_break_even,
    check_point_mort,
    find_inputs,
)
from pipeline.model import Cell, Document, Section, Table


def _table(*rows: tuple[str, str]) -> Table:
    return Table([[Cell(label), Cell(value)] for label, value in rows])


def _doc(paragraphs: list[str], *rows: tuple[str, str]) -> Document:
    section = Section(
        "s7", "7. Budget prévisionnel", 1, paragraphs, [_table(*rows)] if rows else []
    )
    return Document("docx", [section])


BUDGET = (
    ("Ventes boutiques", "900 000 €"),
    ("Total chiffre d'affaires", "1 450 000 €"),
    ("Total charges variables", "797 500 €"),
    ("Total charges fixes", "513 000 €"),
)


def test_domain_worked_example():
    inputs = BreakEvenInputs(ca=400_000, cv=280_000, cf=100_000, rate_stated=None)
    assert inputs.rate == pytest.approx(0.30)
    assert inputs.expected_sr == pytest.approx(333_333.33, abs=0.01)


def test_inputs_come_from_total_rows_and_sentences():
    doc = _doc(["soit un taux de marge sur coût variable de 45,0 %."], *BUDGET)
    inputs = find_inputs(doc)
    assert (inputs.ca, inputs.cv, inputs.cf) == (1_450_000, 797_500, 513_000)
    assert inputs.rate_stated == pytest.approx(0.45)


def test_correct_break_even_passes():
    doc = _doc(
        [
            "Seuil de rentabilité = charges fixes / taux de MCV = 513 000 € / 0,45 = 1 140 000 €.",
            "Le point mort est atteint au bout de 283 jours (année de 360 jours), soit 9,4 mois.",
        ],
        *BUDGET,
    )
    sr = check_break_even(doc, "C1.2.4")
    assert (sr.status, sr.stated, sr.expected) == ("pass", 1_140_000, 1_140_000)
    assert check_point_mort(doc, "C1.2.4").status == "pass"


def test_variable_cost_rate_mistake_fails():
    doc = _doc(
        [
            "Seuil de rentabilité = charges fixes / taux de charges variables "
            "= 196 000 / 0,65 = 301 538 €",
            "Point mort = 301 538 / 860 000 x 12 = 4,2 mois.",
        ],
        ("Total CA", "860 000 €"),
        ("Total charges variables", "559 000 €"),
        ("Total charges fixes", "196 000 €"),
    )
    sr = check_break_even(doc, "C1.2.4")
    assert sr.status == "fail"
    assert sr.expected == pytest.approx(560_000)
    point_mort = check_point_mort(doc, "C1.2.4")
    assert point_mort.status == "fail"
    assert point_mort.expected == "7.81 mois"


def test_value_after_a_dont_label_is_the_amount_column():
    doc = _doc([], ("Charges fixes (dont site 14 000 € et publicité 18 000 €)", "398 000 €"))
    assert find_inputs(doc).cf == 398_000


def test_missing_inputs_are_undetermined_not_guessed():
    doc = _doc(["Seuil de rentabilité = 1 140 000 €."])
    result = check_break_even(doc, "C1.2.4")
    assert result.status == "undetermined"
    assert result.stated == 1_140_000
    assert check_point_mort(doc, "C1.2.4").status == "undetermined"


def test_no_stated_break_even_is_undetermined():
    doc = _doc(["Le projet est rentable."], *BUDGET)
    assert check_break_even(doc, "C1.2.4").status == "undetermined"


def test_inputs_from_sentences_of_the_budget_part_only():
    history = Section(
        "s1", "1. Présentation", 1, ["Le chiffre d’affaires de 2023 est de 6 800 000 €."]
    )
    budget = Section(
        "s7",
        "7. Budget prévisionnel",
        1,
        [
            "Le chiffre d’affaires prévisionnel s’élève à 400 000 €, les charges variables à "
            "280 000 € et les charges fixes sont de 100 000 €.",
            "Le seuil de rentabilité s’établit à 333 333 €.",
        ],
    )
    doc = Document("docx", [history, budget])
    result = check_break_even(doc, "C1.2.4")
    assert (result.status, result.expected) == ("pass", 333_333.33)


def test_sentence_inputs_without_a_stated_sr_stay_undetermined():
    doc = _doc(["Le chiffre d’affaires prévisionnel s’élève à 400 000 €."])
    assert find_inputs(doc).ca is None


@pytest.mark.parametrize(
    ("written", "status"), [("13 octobre 2025", "pass"), ("1er mai 2025", "fail")]
)
def test_point_mort_stated_as_a_date(written, status):
    doc = _doc(
        [
            f"Seuil de rentabilité = 513 000 € / 0,45 = 1 140 000 €. Le point mort sera "
            f"atteint le {written}."
        ],
        *BUDGET,
    )
    result = check_point_mort(doc, "C1.2.4")
    assert (result.status, result.expected) == (status, "2025-10-13")


@pytest.mark.parametrize(
    ("ca", "cv"),
    [("100 000 €", "400 000 €"), ("100 000 €", "99 999 €")],  # negative margin, tiny margin
)
def test_a_point_mort_date_with_an_absurd_margin_fails_instead_of_crashing(ca, cv):
    doc = _doc(
        ["Seuil de rentabilité = 5 000 €. Le point mort sera atteint le 13 octobre 2025."],
        ("Total chiffre d'affaires", ca),
        ("Total charges variables", cv),
        ("Total charges fixes", "300 000 €"),
    )
    assert check_point_mort(doc, "C1.2.4").status == "fail"
