"""French number and date parsing used by every verification."""

from datetime import date

import pytest

from pipeline.numbers import find_dates, find_numbers, fold, parse_date, parse_number, parse_percent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 140 000 €", 1_140_000),
        ("1\u00a0140\u00a0000,50", 1_140_000.5),
        ("1\u202f450\u202f000 €", 1_450_000),
        ("0,45", 0.45),
        ("+21,6", 21.6),
        ("−12,5", -12.5),
        ("12 k€", 12_000),
    ],
)
def test_parses_french_numbers(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_a_year_is_not_glued_to_the_next_number():
    assert [n.value for n in find_numbers("en 2023 150 clients")] == [2023, 150]


def test_units_are_kept():
    found = find_numbers("513 000 € / 0,45 = 1 140 000 € soit 45 %")
    assert [(n.value, n.unit) for n in found] == [
        (513000, "€"),
        (0.45, None),
        (1140000, "€"),
        (45, "%"),
    ]


def test_percent_as_fraction():
    assert parse_percent("45 %") == pytest.approx(0.45)
    assert parse_percent("0,45") == pytest.approx(0.45)
    assert parse_percent("pas de nombre") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13 octobre 2025", date(2025, 10, 13)),
        ("le 1er mai 2024", date(2024, 5, 1)),
        ("08/01/2024", date(2024, 1, 8)),
        ("Lundi 8 Janvier 2024", date(2024, 1, 8)),
        ("17 août 2025", date(2025, 8, 17)),
    ],
)
def test_parses_dates(text, expected):
    assert parse_date(text) == expected


def test_impossible_dates_are_ignored_not_guessed():
    assert parse_date("31/02/2024") is None
    assert find_dates("le 3 mai") == []  # no year and no default: not a date


def test_default_year_completes_a_short_date():
    assert find_dates("du 2 avril", default_year=2024)[0][0] == date(2024, 4, 2)


def test_fold_keeps_length_and_drops_accents():
    text = "Éléments d’équipe …"
    assert fold(text) == "elements d'equipe …"
    assert len(fold(text)) == len(text)
