"""Seuil de rentabilité and point mort (DOMAIN.md, manifest `conventions.break_even`).

SR = charges fixes / taux de marge sur coût variable, taux = (CA − CV) / CA. Point mort =
SR / CA × 12 months (or × 360 / 365 days). Inputs come from the budget table (first cell
label) or from sentences; any missing input makes the verification `undetermined`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from pipeline.checks.statements import Statement, labelled_value, row_value, statements
from pipeline.model import Document
from pipeline.numbers import find_dates, find_numbers, fold
from pipeline.report import CheckResult

SR_TOLERANCE = 0.01  # relative: candidates round the rate (45,0 %) before dividing
MONTHS_TOLERANCE = 0.15
DAYS_TOLERANCE = 3.0
DATE_TOLERANCE_DAYS = 7

_CA_TOTAL = re.compile(r"^total (du |des )?(chiffre d'affaires|ca|ventes)\b")
_CA = re.compile(
    r"^(chiffre d'affaires|ca)( (du plan|previsionnel|total|annuel|global))?\b\s*$|"
    r"^chiffre d'affaires (du plan|previsionnel|total|annuel|global)"
)
_CV_TOTAL = re.compile(r"^total (des )?charges variables")
_CV = re.compile(r"^charges variables\b")
_CF_TOTAL = re.compile(r"^total (des )?charges fixes")
_CF = re.compile(r"^charges fixes\b")
_VERB = r"\s*(?:=|:|\(|s'elev\w* a|s'etabli\w* a|atteint|represent\w*|(?:est|sont) de|de|a\b)"
_CA_SENTENCE = re.compile(
    r"chiffre d'affaires(?: (?:previsionnel|du plan|total|annuel|global))?" + _VERB
)
_CV_SENTENCE = re.compile(r"charges variables(?: totales)?" + _VERB)
_CF_SENTENCE = re.compile(r"charges fixes(?: totales)?" + _VERB)
NEAR_CHARS = 25
_RATE = re.compile(r"taux de (marge sur couts? variables?|mcv)\b")
_SR = re.compile(
    r"(seuil de rentabilite|point d'equilibre|ca critique)\s*(\([^)]*\)\s*)?"
    r"(=|:|est (donc )?(de|egal a|atteint a|fixe a)|s'eleve a|s'etablit a|se situe a|ressort a|"
    r"atteint|vaut)"
)
_SR_ROW = re.compile(r"^(seuil de rentabilite|point d'equilibre|ca critique)\b")
_POINT_MORT = re.compile(r"point mort")
_POINT_MORT_ROW = re.compile(r"^point mort\b.*\b(mois|jours?)\b")
_DURATION_UNIT = re.compile(r"\s*(mois|jours?)\b")


@dataclass(frozen=True)
class BreakEvenInputs:
    """The budget figures found in the document (None when not stated)."""

    ca: float | None
    cv: float | None
    cf: float | None
    rate_stated: float | None

    @property
    def rate(self) -> float | None:
        """Taux de MCV from CA and CV when both are stated, else the stated rate."""
        if self.ca and self.cv is not None:
            return (self.ca - self.cv) / self.ca
        return self.rate_stated

    @property
    def expected_sr(self) -> float | None:
        rate = self.rate
        return self.cf / rate if self.cf is not None and rate else None


def find_inputs(doc: Document) -> BreakEvenInputs:
    """CA, CV, CF and the stated taux de MCV: table rows first ("Total …" before the rest),
    then sentences of the part that states the SR (never the company's history elsewhere)."""
    rate = labelled_value(doc, _RATE, unit="%")
    scope = _budget_scope(doc)
    return BreakEvenInputs(
        ca=_first_value(doc, _CA_TOTAL, _CA) or _near(scope, _CA_SENTENCE),
        cv=_first_value(doc, _CV_TOTAL, _CV) or _near(scope, _CV_SENTENCE),
        cf=_first_value(doc, _CF_TOTAL, _CF) or _near(scope, _CF_SENTENCE),
        rate_stated=rate[0] / 100 if rate else None,
    )


def _budget_scope(doc: Document) -> list[Statement]:
    """The statements of the top-level section holding the stated SR (none without one)."""
    stated = stated_sr(doc)
    if stated is None:
        return []
    for top in doc.sections:
        inside = {id(s) for s in top.walk()}
        if id(stated[1].section) in inside:
            return [stmt for stmt in statements(doc) if id(stmt.section) in inside]
    return []


def _near(scope: list[Statement], pattern: re.Pattern) -> float | None:
    """The first € amount written right after `pattern` (within NEAR_CHARS) in the scope."""
    for stmt in scope:
        m = pattern.search(stmt.folded)
        if m and not stmt.in_table:
            found = [n for n in find_numbers(stmt.text) if n.unit == "€" and n.start >= m.end()]
            if found and found[0].start - m.end() <= NEAR_CHARS:
                return found[0].value
    return None


def _first_value(doc: Document, *labels: re.Pattern) -> float | None:
    for label in labels:
        found = row_value(doc, label)
        if found:
            return found[0]
    return None


def stated_sr(doc: Document) -> tuple[float, Statement] | None:
    """The SR the candidate states: the last amount of the first "seuil de rentabilité = …",
    else the value of a "Seuil de rentabilité" table row (workbooks)."""
    found = labelled_value(doc, _SR, unit="€", last=True)
    return found or labelled_value(doc, _SR, last=True) or row_value(doc, _SR_ROW, unit=None)


def check_break_even(doc: Document, competency: str) -> CheckResult:
    """Stated seuil de rentabilité against CF / taux de MCV."""
    inputs = find_inputs(doc)
    expected = inputs.expected_sr
    stated = stated_sr(doc)
    if expected is None or stated is None:
        missing = "le seuil de rentabilité énoncé" if stated is None else "CF et taux de MCV"
        return CheckResult.undetermined(
            "break_even",
            competency,
            f"Données manquantes : {missing}.",
            stated[0] if stated else None,
            _round(expected),
        )
    ok = abs(stated[0] - expected) <= max(SR_TOLERANCE * expected, 1.0)
    message = (
        f"SR = CF / taux de MCV = {inputs.cf:,.0f} / {inputs.rate:.4f} = {expected:,.0f} € ; "
        f"énoncé {stated[0]:,.0f} € ({'conforme' if ok else 'erroné'})."
    )
    return CheckResult.judged(
        "break_even", competency, ok, stated[0], _round(expected), message.replace(",", " ")
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def stated_point_mort(doc: Document) -> tuple[str, float | date, Statement] | None:
    """("mois" | "jours", value, statement) from the first point-mort sentence with a duration."""
    for stmt in statements(doc):
        row = _POINT_MORT_ROW.match(fold(stmt.cells[0])) if stmt.cells else None
        if row:
            value = next((n.value for c in stmt.cells[1:] for n in find_numbers(c)), None)
            if value is not None:
                return ("mois" if row[1] == "mois" else "jours"), value, stmt
            continue
        m = _POINT_MORT.search(stmt.folded)
        if not m:
            continue
        for number in find_numbers(stmt.text):
            unit = _DURATION_UNIT.match(stmt.folded, number.end)
            if number.start >= m.start() and unit:
                return ("mois" if unit[1] == "mois" else "jours"), number.value, stmt
        dates = [d for d, start, _ in find_dates(stmt.text) if start >= m.start()]
        if dates:
            return "date", dates[0], stmt
    return None


def _check_date(stated: date, share: float, competency: str) -> CheckResult:
    """A stated date against an even activity from 1 January of that year, on a 360-day
    (30-day months) or a 365-day year: either convention is accepted."""
    if share <= 0:  # variable costs above turnover: the activity never breaks even
        message = f"Marge négative : point mort jamais atteint ; énoncé {stated:%d/%m/%Y}."
        return CheckResult.judged(
            "point_mort", competency, False, stated.isoformat(), None, message
        )
    commercial = share * 360
    month, day = divmod(commercial, 30)
    on_360 = date(stated.year, min(12, 1 + int(month)), max(1, min(28, int(day))))
    candidates = [on_360, *_days_into(stated.year, share * 365)]
    ok = any(abs((stated - c).days) <= DATE_TOLERANCE_DAYS for c in candidates)
    expected = on_360.isoformat()
    message = (
        f"Point mort ≈ {expected} (SR / CA × 360 = {commercial:.0f} jours depuis le 1er janvier "
        f"{stated.year}) ; énoncé {stated:%d/%m/%Y} ({'conforme' if ok else 'erroné'})."
    )
    return CheckResult.judged("point_mort", competency, ok, stated.isoformat(), expected, message)


def _days_into(year: int, days: float) -> list[date]:
    """1 January of `year` plus `days`, or nothing when that is past year 9999 (a margin
    near zero): no stated date can be near it."""
    try:
        return [date(year, 1, 1) + timedelta(days=days)]
    except OverflowError:
        return []


def check_point_mort(doc: Document, competency: str) -> CheckResult:
    """Stated point mort (months or days) against SR / CA × 12 (or × 360 / 365)."""
    inputs = find_inputs(doc)
    stated = stated_point_mort(doc)
    if stated is None or inputs.expected_sr is None or not inputs.ca:
        return CheckResult.undetermined(
            "point_mort",
            competency,
            "Point mort ou données du seuil de rentabilité absents.",
            stated and stated[1],
        )
    unit, value, stmt = stated
    share = inputs.expected_sr / inputs.ca
    if isinstance(value, date):  # unit "date"
        return _check_date(value, share, competency)
    basis = 365 if "365" in stmt.folded else 360
    expected = share * 12 if unit == "mois" else share * basis
    tolerance = MONTHS_TOLERANCE if unit == "mois" else DAYS_TOLERANCE
    ok = abs(value - expected) <= tolerance
    message = (
        f"Point mort = SR / CA × {12 if unit == 'mois' else basis} = {expected:.2f} {unit} ; "
        f"énoncé {value:g} {unit} ({'conforme' if ok else 'erroné'})."
    )
    return CheckResult.judged(
        "point_mort", competency, ok, f"{value:g} {unit}", f"{expected:.2f} {unit}", message
    )
