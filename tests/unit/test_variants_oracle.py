"""The yardstick's own arithmetic, on ../shared/DOMAIN.md's worked examples and the corpus."""

from datetime import date

import pytest

from tests.variants import french as fr
from tests.variants import oracle


@pytest.mark.parametrize(
    ("year", "sunday"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5))]
    + [(2027, date(2027, 3, 28)), (2038, date(2038, 4, 25)), (2019, date(2019, 4, 21))],
)
def test_easter(year, sunday):
    assert oracle.easter(year) == sunday


def test_holidays_2025_and_the_65th_working_day_from_7_april():
    skipped = {date(2025, 4, 21), date(2025, 5, 1), date(2025, 5, 8), date(2025, 5, 29)}
    skipped.add(date(2025, 6, 9))
    assert skipped <= oracle.french_holidays(2025)
    assert len(oracle.french_holidays(2025)) == 11
    assert oracle.nth_working_day(date(2025, 4, 7), 65) == date(2025, 7, 11)
    assert oracle.working_days(date(2025, 4, 7), date(2025, 7, 11)) == 65


def test_corpus_internships():
    assert oracle.working_days(date(2024, 1, 8), date(2024, 4, 12)) == 69
    assert oracle.working_days(date(2024, 4, 2), date(2024, 7, 2)) == 62
    assert oracle.weekdays(date(2024, 4, 2), date(2024, 7, 2)) == 66  # holidays not removed
    assert oracle.working_days(date(2025, 1, 6), date(2025, 4, 11)) == 70


def test_nth_working_day_refuses_rank_zero():
    with pytest.raises(ValueError):
        oracle.nth_working_day(date(2025, 1, 6), 0)


def test_break_even_example():
    assert oracle.mcv_rate(400_000, 280_000) == pytest.approx(0.30)
    assert oracle.break_even(400_000, 280_000, 100_000) == pytest.approx(333_333.33, abs=0.01)
    assert oracle.break_even_units(15_000, 25, 10) == 1_000
    sr = oracle.break_even(400_000, 280_000, 100_000)
    assert oracle.break_even_months(sr, 400_000) == pytest.approx(10.0)
    assert oracle.margin_of_safety(400_000, sr) == pytest.approx(66_666.67, abs=0.01)
    assert oracle.safety_index(400_000, sr) == pytest.approx(0.1667, abs=1e-4)
    assert oracle.operating_leverage(400_000, sr) == pytest.approx(6.0)


def test_point_mort_date_end_of_october():
    sr = 0.8333 * 1_200_000
    day = oracle.break_even_date(sr, 1_200_000, date(2025, 1, 1))
    assert date(2025, 10, 29) <= day <= date(2025, 11, 1)


def test_corpus_break_even_and_wrong_question():
    assert oracle.break_even(1_450_000, 797_500, 513_000) == pytest.approx(1_140_000)
    assert pytest.approx(560_000) == 196_000 / 0.35  # Moreau: CF / taux de MCV
    assert pytest.approx(560_000, rel=0.1) != 196_000 / 0.65  # his CF / taux de CV


def test_nps_and_csat_examples():
    assert oracle.nps(90, 60, 50) == pytest.approx(20.0)
    assert oracle.nps(31, 35, 20) == pytest.approx(12.79, abs=0.01)  # corpus, passives counted
    scores = {5: 50, 4: 70, 3: 25, 2: 10, 1: 5}
    assert oracle.csat(scores) == pytest.approx(75.0)
    assert oracle.csat_mean(scores) == pytest.approx(3.94, abs=0.01)


def test_pricing_and_ecommerce():
    price = oracle.pricing(100, 10, 0.10)
    assert (price["gross"], price["net"], price["vat"]) == (1000, 900, 180)
    assert price["ttc"] == pytest.approx(1080)
    assert oracle.conversion(30, 1_500) == pytest.approx(0.02)
    assert oracle.average_basket(4_500, 30) == 150


@pytest.mark.parametrize(
    ("value", "style", "text"),
    [
        (1_260_000, "eur", "1 260 000\u00a0€"),
        (1_260_000, "keur", "1 260\u00a0k€"),
        (1_257_143, "meur", "1,26\u00a0M€"),
        (1_257_143, "million_words", "1,26 million d’euros"),
        (2_500_000, "million_words", "2,50 millions d’euros"),
        (1_260_000, "eur_word", "1 260 000 euros"),
    ],
)
def test_money_is_written_as_people_write_it(value, style, text):
    assert fr.money(value, style) == text


def test_money_value_is_what_the_text_says():
    assert fr.money_value(1_257_143, "meur") == 1_260_000
    assert fr.money_value(1_257_643, "keur") == 1_258_000


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "zéro"), (21, "vingt et un"), (69, "soixante-neuf"), (70, "soixante-dix")]
    + [(71, "soixante et onze"), (80, "quatre-vingts"), (81, "quatre-vingt-un")]
    + [
        (99, "quatre-vingt-dix-neuf"),
        (100, "cent"),
        (200, "deux cents"),
        (265, "deux cent soixante-cinq"),
    ],
)
def test_number_words(n, text):
    assert fr.words(n) == text


def test_half_up_rounding_and_signs():
    assert fr.rounded(2.5, 0) == 3
    assert fr.rounded(0.125, 2) == 0.13
    assert fr.signed(25.65, 1) == "+25,7"
    assert fr.signed(-4, 0) == "−4"
    assert fr.number(1234.5, 1, "narrow") == "1\u202f234,5"
    assert fr.date_fr(date(2025, 1, 1), "long") == "1er janvier 2025"
    assert fr.roman(14) == "XIV"
