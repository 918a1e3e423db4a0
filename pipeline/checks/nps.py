"""Net Promoter Score: (promoters − detractors) / respondents × 100, passives in the total.

The classic mistake (E3 HADDAD) leaves passives out of the denominator; recomputing from the
stated counts catches it.
"""

from __future__ import annotations

import re

from pipeline.checks.statements import Statement, labelled_value, statements
from pipeline.model import Document
from pipeline.numbers import find_numbers
from pipeline.report import CheckResult

TOLERANCE = 0.15  # points: the score is usually given with one decimal
SHARE_TOLERANCE = 1.0  # points, when only rounded percentages are given
WINDOW = 12  # characters between a count and its label
_PARENS = re.compile(r"\([^)]*\)")
LABELS = {
    "promoters": re.compile(r"promoteurs?\b|promoters?\b"),
    "passives": re.compile(r"passifs?\b|neutres?\b|passives?\b"),
    "detractors": re.compile(r"detracteurs?\b|detractors?\b"),
}
_STATED = re.compile(
    r"\bnps\b\s*(\([^)]*\)\s*)?(=|:|est (donc )?(de|egal a)|s'eleve a|atteint|ressort a|"
    r"de (?=[+\-−]?\s?\d))"
)


def nps(promoters: int, passives: int, detractors: int) -> float:
    """NPS in points (−100…+100); passives count in the total only."""
    total = promoters + passives + detractors
    if total <= 0:
        raise ValueError("NPS needs at least one respondent")
    return (promoters - detractors) / total * 100


def find_counts(doc: Document) -> dict[str, int] | None:
    """Promoter/passive/detractor counts: from table rows, else from one sentence naming all."""
    rows = _counts_from_rows(doc)
    if len(rows) == 3:
        return rows
    for stmt in statements(doc):
        if not stmt.in_table and all(p.search(stmt.folded) for p in LABELS.values()):
            counts = _counts_from_sentence(stmt)
            if len(counts) == 3:
                return {key: int(value) for key, value in counts.items()}  # whole counts
    return None


def _counts_from_rows(doc: Document) -> dict[str, int]:
    counts: dict[str, int] = {}
    for stmt in statements(doc):
        if not stmt.in_table or not stmt.cells:
            continue
        for key, label in LABELS.items():
            if key not in counts and label.match(stmt.folded.strip()):
                values = [n for c in stmt.cells[1:] for n in find_numbers(c) if n.unit is None]
                if values and values[-1].value.is_integer():
                    counts[key] = int(values[-1].value)
    return counts


def _counts_from_sentence(stmt: Statement, unit: str | None = None) -> dict[str, float]:
    """ "172 promoteurs, 151 passifs", "118 sont promoteurs (9-10)", "promoteurs (9-10) : 31"
    (with unit "%": "49 % de promoteurs"). Parenthesised score ranges are never counts."""
    masked = _PARENS.sub(lambda m: " " * len(m[0]), stmt.text)
    numbers = [n for n in find_numbers(masked) if n.unit == unit]
    spans = {key: m for key, label in LABELS.items() if (m := label.search(stmt.folded))}
    if len(spans) < len(LABELS):  # callers pass statements naming every label
        return {}
    first = min(spans.values(), key=lambda m: m.start())
    before_style = any(0 <= first.start() - n.end <= WINDOW for n in numbers)
    counts: dict[str, float] = {}
    for key, m in spans.items():
        if before_style:
            near = [n for n in numbers if 0 <= m.start() - n.end <= WINDOW][-1:]
        else:
            near = [n for n in numbers if 0 <= n.start - m.end() <= WINDOW][:1]
        if near and (unit or near[0].value.is_integer()):
            counts[key] = near[0].value if unit else int(near[0].value)
    return counts


def find_shares(doc: Document) -> dict[str, float] | None:
    """Percentages of promoters/passives/detractors from one sentence, when they sum to ~100."""
    for stmt in statements(doc):
        if not stmt.in_table and all(p.search(stmt.folded) for p in LABELS.values()):
            shares = _counts_from_sentence(stmt, unit="%")
            if len(shares) == 3 and abs(sum(shares.values()) - 100) <= 1.5:
                return shares
    return None


def check_nps(doc: Document, competency: str) -> CheckResult:
    """Stated NPS against the score recomputed from the stated counts (or percentages)."""
    stated = labelled_value(doc, _STATED, last=True)
    counts = find_counts(doc)
    if counts is None or sum(counts.values()) <= 0:  # no respondent: nothing to recompute
        return _check_from_shares(doc, competency, stated)
    expected = nps(**counts)
    if stated is None:
        return CheckResult.undetermined(
            "nps", competency, "Effectifs donnés mais aucun NPS énoncé.", None, round(expected, 2)
        )
    ok = abs(stated[0] - expected) <= TOLERANCE
    total = sum(counts.values())
    message = (
        f"NPS = ({counts['promoters']} − {counts['detractors']}) / {total} × 100 = "
        f"{expected:+.2f} ; énoncé {stated[0]:+g} ({'conforme' if ok else 'erroné'})."
    )
    return CheckResult.judged("nps", competency, ok, stated[0], round(expected, 2), message)


def _check_from_shares(doc: Document, competency: str, stated) -> CheckResult:
    shares = find_shares(doc)
    if shares is None or stated is None:
        return CheckResult.undetermined(
            "nps",
            competency,
            "NPS énoncé ou répartition promoteurs / passifs / détracteurs absents.",
            stated and stated[0],
        )
    expected = shares["promoters"] - shares["detractors"]
    ok = abs(stated[0] - expected) <= SHARE_TOLERANCE
    message = (
        f"NPS = {shares['promoters']:g} % − {shares['detractors']:g} % = {expected:+.1f} ; "
        f"énoncé {stated[0]:+g} ({'conforme' if ok else 'erroné'})."
    )
    return CheckResult.judged("nps", competency, ok, stated[0], round(expected, 2), message)
