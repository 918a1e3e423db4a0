"""Net Promoter Score: (promoters − detractors) / respondents × 100, passives in the total.

The classic mistake (E3 HADDAD) leaves passives out of the denominator; recomputing from the
stated counts catches it.
"""

from __future__ import annotations

import re

from pipeline.checks.statements import Statement, labelled_value, statements
from pipeline.model import Document
from pipeline.numbers import Number, find_numbers
from pipeline.report import CheckResult

TOLERANCE = 0.15  # points: the score is usually given with one decimal
LABELS = {
    "promoters": re.compile(r"promoteurs?\b|promoters?\b"),
    "passives": re.compile(r"passifs?\b|neutres?\b|passives?\b"),
    "detractors": re.compile(r"detracteurs?\b|detractors?\b"),
}
_STATED = re.compile(r"\bnps\b\s*(\([^)]*\)\s*)?(=|:|est (donc )?(de|egal a)|s'eleve a|atteint)")


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
                return counts
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


def _counts_from_sentence(stmt: Statement) -> dict[str, int]:
    """ "172 promoteurs, 151 passifs" or "118 sont promoteurs (9-10)" or "promoteurs : 31"."""
    numbers = [n for n in find_numbers(stmt.text) if n.unit is None and n.value.is_integer()]
    counts = {}
    for key, label in LABELS.items():
        m = label.search(stmt.folded)
        before = [n for n in numbers if n.end <= m.start() and m.start() - n.end <= 12]
        after = [n for n in numbers if n.start >= m.end() and n.start - m.end() <= 4]
        chosen: Number | None = before[-1] if before else (after[0] if after else None)
        if chosen is not None:
            counts[key] = int(chosen.value)
    return counts


def check_nps(doc: Document, competency: str) -> CheckResult:
    """Stated NPS against the score recomputed from the stated counts."""
    stated = labelled_value(doc, _STATED, last=True)
    counts = find_counts(doc)
    if stated is None or counts is None:
        expected = round(nps(**counts), 2) if counts else None
        return CheckResult(
            "nps",
            competency,
            "undetermined",
            stated and stated[0],
            expected,
            "NPS énoncé ou effectifs (promoteurs, passifs, détracteurs) absents.",
        )
    expected = nps(**counts)
    ok = abs(stated[0] - expected) <= TOLERANCE
    total = sum(counts.values())
    message = (
        f"NPS = ({counts['promoters']} − {counts['detractors']}) / {total} × 100 = "
        f"{expected:+.2f} ; énoncé {stated[0]:+g} ({'conforme' if ok else 'erroné'})."
    )
    return CheckResult(
        "nps", competency, "pass" if ok else "fail", stated[0], round(expected, 2), message
    )
