"""French number, percentage and date parsing for figures stated in candidates' documents.

Candidates write "1 140 000 €" (spaces, no-break or narrow no-break spaces as thousands
separators), "0,45" (decimal comma), "45 %", "+21,6", "13 octobre 2025", "1er mai" or
"08/01/2024". Checkers compare these figures with recomputed ones, so parsing must be exact
and must not glue a year to the next number ("en 2023 150 clients").
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_SPACE = " \u00a0\u202f\u2009"
_NUMBER_RE = re.compile(
    rf"(?<![\d,.])(?P<sign>[+\-−]?)"
    rf"(?P<int>\d{{1,3}}(?:[{_SPACE}]\d{{3}})+(?!\d)|\d+)"
    rf"(?:[,.](?P<dec>\d+))?(?![\d])"
    rf"(?P<unit>[{_SPACE}]?(?:%|€|k€|M€|euros?\b|pts?\b|points?\b))?"
)
MONTHS_FR = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
_TEXT_DATE_RE = re.compile(
    r"\b(?P<day>\d{1,2})(?:er)?[" + _SPACE + r"]+(?P<month>" + "|".join(MONTHS_FR) + r")"
    r"(?:[" + _SPACE + r"]+(?P<year>\d{4}))?\b"
)
_NUMERIC_DATE_RE = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b")


@dataclass(frozen=True)
class Number:
    """A number found in text: its value, unit ("%", "€" or None) and character span."""

    value: float
    unit: str | None
    start: int
    end: int


def fold(text: str) -> str:
    """Lower-case, strip accents and normalise apostrophes, keeping the length unchanged.

    Keeping one character per character lets a match on folded text index the raw text.
    """
    return "".join(_fold_char(c) for c in text)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in "’ʼ‘":
        return "'"
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base.lower() if len(base) == 1 else char.lower()[:1] or char


def _unit(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.strip(_SPACE).lower()
    if raw.startswith("%"):
        return "%"
    if raw in ("k€", "m€"):
        return raw
    if raw.startswith(("€", "euro")):
        return "€"
    return "pt"


def find_numbers(text: str) -> list[Number]:
    """Every number in `text`, in order, with thousands separators and decimal comma resolved."""
    out = []
    for m in _NUMBER_RE.finditer(text):
        digits = re.sub(f"[{_SPACE}]", "", m["int"])
        value = float(f"{digits}.{m['dec']}") if m["dec"] else float(digits)
        if m["sign"] in ("-", "−"):
            value = -value
        unit = _unit(m["unit"])
        if unit == "k€":
            value, unit = value * 1_000, "€"
        elif unit == "m€":
            value, unit = value * 1_000_000, "€"
        out.append(Number(value, unit, m.start(), m.end()))
    return out


def parse_number(text: str) -> float | None:
    """The first number in `text` ("1 140 000,50 €" -> 1140000.5), or None."""
    found = find_numbers(text)
    return found[0].value if found else None


def parse_percent(text: str) -> float | None:
    """A rate as a fraction: "45 %" -> 0.45, "0,45" -> 0.45, "45" -> 0.45."""
    value = parse_number(text)
    if value is None:
        return None
    return value / 100 if value > 1 or "%" in text else value


def find_dates(text: str, default_year: int | None = None) -> list[tuple[date, int, int]]:
    """Dates written "13 octobre 2025", "1er mai" (with `default_year`) or "08/01/2024"."""
    folded = fold(text)
    found: list[tuple[date, int, int]] = []
    for m in _TEXT_DATE_RE.finditer(folded):
        year = int(m["year"]) if m["year"] else default_year
        if year is not None:
            _append_date(found, year, MONTHS_FR[m["month"]], int(m["day"]), m)
    for m in _NUMERIC_DATE_RE.finditer(folded):
        _append_date(found, int(m["year"]), int(m["month"]), int(m["day"]), m)
    return sorted(found, key=lambda item: item[1])


def _append_date(found: list, year: int, month: int, day: int, m: re.Match) -> None:
    with suppress(ValueError):  # "31/02/2024" is not a date; ignore rather than guess
        found.append((date(year, month, day), m.start(), m.end()))


def parse_date(text: str) -> date | None:
    """The first full date in `text`, or None."""
    found = find_dates(text)
    return found[0][0] if found else None
