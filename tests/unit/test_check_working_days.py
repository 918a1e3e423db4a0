"""Jours ouvrés with French public holidays, on the DOMAIN.md worked examples."""

from datetime import date

import pytest

from pipeline.checks.working_days import (
    check_minimum_days,
    check_working_days,
    easter,
    nth_working_day,
    public_holidays,
    working_days,
)
from pipeline.model import Document, Section


def _doc(*paragraphs: str) -> Document:
    return Document("docx", [Section("s1", "Introduction", 1, list(paragraphs))])


@pytest.mark.parametrize(
    ("year", "sunday"),
    [
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2024, date(2024, 3, 31)),
        (2019, date(2019, 4, 21)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter(year, sunday):
    assert easter(year) == sunday


def test_65th_working_day_from_7_april_2025_is_11_july():
    assert nth_working_day(date(2025, 4, 7), 65) == date(2025, 7, 11)


def test_holidays_2024_include_ascension_and_whit_monday():
    days = public_holidays(2024)
    assert days[date(2024, 5, 9)] == "Ascension"
    assert days[date(2024, 5, 20)] == "Lundi de Pentecôte"
    assert date(2024, 5, 20) not in public_holidays(2024, whit_monday=False)
    assert len(days) == 11


def test_corpus_periods():
    assert working_days(date(2024, 4, 2), date(2024, 7, 2)) == 62
    assert working_days(date(2024, 4, 2), date(2024, 7, 2), whit_monday_holiday=False) == 63
    assert working_days(date(2024, 1, 8), date(2024, 4, 12)) == 69
    assert working_days(date(2024, 4, 12), date(2024, 1, 8)) == 0


def test_wrong_stated_count_fails_and_shows_the_true_count():
    doc = _doc("J’ai réalisé mon stage du 2 avril 2024 au 2 juillet 2024, soit 66 jours ouvrés.")
    result = check_working_days(doc, "E3.presentation")
    assert (result.status, result.stated, result.expected) == ("fail", 66, 62)
    assert check_minimum_days(doc, "E3.presentation").status == "fail"


def test_right_count_passes_with_weekday_names_and_wrapped_lines():
    doc = _doc("du lundi 8 janvier 2024 au vendredi 12 avril 2024 (69 jours\nouvrés).")
    assert check_working_days(doc, "x").status == "pass"
    assert check_minimum_days(doc, "x", minimum=70).status == "fail"


def test_no_dates_is_undetermined():
    doc = _doc("Mon stage a duré 66 jours ouvrés.")
    assert check_working_days(doc, "x").status == "undetermined"
    assert check_minimum_days(doc, "x").status == "undetermined"


def test_dates_without_stated_count_are_undetermined_but_give_the_true_count():
    result = check_working_days(_doc("Stage du 02/04/2024 au 02/07/2024."), "x")
    assert (result.status, result.expected) == ("undetermined", 62)


def test_period_written_as_two_numeric_dates():
    doc = _doc("Période de stage : 08/01/2024 – 12/04/2024 (69 jours ouvrés).")
    assert check_working_days(doc, "x").status == "pass"


def test_two_dates_in_an_unrelated_sentence_are_not_a_period():
    doc = _doc("La facture du 08/01/2024 a été relancée le 12/04/2024.")
    assert check_working_days(doc, "x").status == "undetermined"


def test_a_period_ending_on_the_last_representable_day_is_counted_not_crashed():
    assert working_days(date(9999, 12, 20), date.max) == 10
    result = check_working_days(_doc("Stage du 20 décembre 9999 au 31 décembre 9999."), "E3")
    assert (result.status, result.expected) == ("undetermined", 10)


@pytest.mark.parametrize("n", [0, -3])
def test_nth_working_day_refuses_a_non_positive_rank_instead_of_looping(n: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        nth_working_day(date(2025, 4, 7), n)
