"""Jours ouvrés of the internship (E3: at least 65), with French public holidays (L3133-1).

Easter uses the anonymous Gregorian algorithm (Meeus/Jones/Butcher); dateutil is not a
dependency of the project and the algorithm is short and exact for every Gregorian year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from pipeline.checks.statements import Statement, statements
from pipeline.model import Document
from pipeline.numbers import find_dates
from pipeline.report import CheckResult


def easter(year: int) -> date:
    """Easter Sunday of `year` (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    r = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * r) // 451
    month, day = divmod(h + r - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def public_holidays(year: int, whit_monday: bool = True, alsace_moselle: bool = False) -> dict:
    """{date: name} of the metropolitan public holidays of `year` (a weekend one is not moved)."""
    sunday = easter(year)
    days = {
        date(year, 1, 1): "Jour de l'an",
        sunday + timedelta(days=1): "Lundi de Pâques",
        date(year, 5, 1): "Fête du Travail",
        date(year, 5, 8): "Victoire 1945",
        sunday + timedelta(days=39): "Ascension",
        date(year, 7, 14): "Fête nationale",
        date(year, 8, 15): "Assomption",
        date(year, 11, 1): "Toussaint",
        date(year, 11, 11): "Armistice 1918",
        date(year, 12, 25): "Noël",
    }
    if whit_monday:
        days[sunday + timedelta(days=50)] = "Lundi de Pentecôte"
    if alsace_moselle:
        days[sunday - timedelta(days=2)] = "Vendredi saint"
        days[date(year, 12, 26)] = "Saint-Étienne"
    return days


def is_working_day(day: date, whit_monday_holiday: bool = True) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and day not in public_holidays(day.year, whit_monday_holiday)


def working_days(start: date, end: date, whit_monday_holiday: bool = True) -> int:
    """Jours ouvrés from `start` to `end`, both inclusive (0 when end < start)."""
    days = (start + timedelta(days=n) for n in range((end - start).days + 1))
    return sum(is_working_day(day, whit_monday_holiday) for day in days)


def nth_working_day(start: date, n: int) -> date:
    """The date of the n-th jour ouvré counting `start` as the first if it is worked."""
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    day, seen = start, 0
    while True:
        if is_working_day(day):
            seen += 1
            if seen == n:
                return day
        day += timedelta(days=1)


# --- the verification -------------------------------------------------------------------------

MINIMUM_DAYS = 65  # fallback when the referential does not state the E3 minimum
_PERIOD = re.compile(r"\bdu\b(?P<start>.{4,40}?)\bau\b(?P<end>.{4,40})")
_STATED = re.compile(r"(?P<days>\d+)\s+(jours|j\.?)\s+ouvres")
_PLACEMENT = re.compile(
    r"\b(stage|periode en entreprise|periode de formation|immersion|jours ouvres)"
)


def find_internship(doc: Document) -> tuple[date, date, int | None, Statement] | None:
    """(start, end, stated count or None, statement) of the first "du … au …" period.

    The statement naming "jours ouvrés" wins; otherwise the first period of the document.
    """
    periods = []
    for stmt in statements(doc):
        period = _period(stmt)
        if period:
            stated = _STATED.search(stmt.folded)
            periods.append((*period, int(stated["days"]) if stated else None, stmt))
    with_count = [p for p in periods if p[2] is not None]
    found = with_count or periods
    return found[0] if found else None


def _period(stmt: Statement) -> tuple[date, date] | None:
    """ "du 8 janvier au 12 avril 2024", or two dates in a sentence about the placement
    ("Période de stage : 08/01/2024 – 12/04/2024")."""
    m = _PERIOD.search(stmt.folded)
    if m:
        ends = find_dates(m["end"])
        starts = find_dates(m["start"], default_year=ends[0][0].year) if ends else []
        if starts and starts[0][0] <= ends[0][0]:
            return starts[0][0], ends[0][0]
    if not _PLACEMENT.search(stmt.folded):
        return None
    dates = [d for d, _, _ in find_dates(stmt.text)]
    if len(dates) >= 2 and timedelta(days=7) <= dates[1] - dates[0] <= timedelta(days=366):
        return dates[0], dates[1]
    return None


def check_working_days(doc: Document, competency: str) -> CheckResult:
    """Stated jours ouvrés of the internship against the count with French public holidays."""
    found = find_internship(doc)
    if found is None:
        return CheckResult.undetermined(
            "internship_working_days", competency, "Dates de la période en entreprise introuvables."
        )
    start, end, stated, _ = found
    true = working_days(start, end)
    if stated is None:
        return CheckResult.undetermined(
            "internship_working_days",
            competency,
            f"Du {start:%d/%m/%Y} au {end:%d/%m/%Y} : {true} jours ouvrés ; aucun décompte énoncé.",
            None,
            true,
        )
    ok = stated == true
    message = (
        f"Du {start:%d/%m/%Y} au {end:%d/%m/%Y} : {true} jours ouvrés (jours fériés exclus, "
        f"lundi de Pentecôte compris) ; énoncé {stated} ({'conforme' if ok else 'erroné'})."
    )
    return CheckResult.judged("internship_working_days", competency, ok, stated, true, message)


def check_minimum_days(doc: Document, competency: str, minimum: int = MINIMUM_DAYS) -> CheckResult:
    """The internship lasts at least `minimum` jours ouvrés (true count, not the stated one)."""
    found = find_internship(doc)
    if found is None:
        return CheckResult.undetermined(
            "internship_minimum_days",
            competency,
            "Dates de la période en entreprise introuvables.",
            None,
            minimum,
        )
    start, end, stated, _ = found
    true = working_days(start, end)
    ok = true >= minimum
    message = f"{true} jours ouvrés réels pour un minimum de {minimum}."
    return CheckResult.judged("internship_minimum_days", competency, ok, true, minimum, message)
