"""Customer satisfaction score: share of 4–5 answers on a 1–5 scale (DOMAIN.md)."""

from __future__ import annotations

import re

from pipeline.checks.statements import Statement, statements
from pipeline.model import Document
from pipeline.numbers import find_numbers, fold, parse_number
from pipeline.report import CheckResult

TOLERANCE = 0.15  # percentage points
MIN_SURVEY_ANSWERS = 10
_SURVEY_COLUMN = re.compile(r"\bcsat\b|satisfaction.*\(?1\s*[-à]\s*5\)?|^satisfaction")
_CSAT = re.compile(r"\bcsat\b")
_OTHER_INDICATOR = re.compile(r"\b(ces|nps)\b")
_SHARE = re.compile(
    r"(?<![\d,.])(?P<part>\d[\d  ]*)\s+(?:[\w'-]+\s+){0,4}sur\s+(?P<total>\d[\d  ]*)"
)


def csat(counts_by_score: dict[int, int]) -> float:
    """CSAT in % from answers per score 1–5: 4s and 5s over all answers."""
    total = sum(counts_by_score.values())
    if total <= 0:
        raise ValueError("CSAT needs at least one answer")
    return (counts_by_score.get(4, 0) + counts_by_score.get(5, 0)) / total * 100


def _share_from_tables(doc: Document) -> tuple[int, int] | None:
    answers = answers_from_tables(doc)
    total = sum(answers.values())
    if total < MIN_SURVEY_ANSWERS:
        return None
    return answers.get(4, 0) + answers.get(5, 0), total


def _stated(stmt: Statement) -> float | None:
    m = _CSAT.search(stmt.folded)
    if m is None:
        return None
    found = [n for n in find_numbers(stmt.text) if n.unit == "%" and n.start > m.end()]
    return found[0].value if found else None


def _share(stmt: Statement) -> tuple[int, int] | None:
    """ "47 clients livrés sur 62 interrogés" -> (47, 62), ignoring "4 ou 5 sur 5"."""
    named = _CSAT.search(stmt.folded)
    if named is None:
        return None
    start = named.end()
    other = _OTHER_INDICATOR.search(stmt.folded, start)
    for m in _SHARE.finditer(stmt.folded[: other.start() if other else None]):
        part, total = (int(re.sub(r"\D", "", m[g])) for g in ("part", "total"))
        if 0 < part <= total and total > 5:
            return part, total
    return None


def answers_from_tables(doc: Document) -> dict[int, int]:
    """Answers per score 1–5 from survey tables (a "Satisfaction … (1-5)" or "CSAT" column),
    summed over tables split across pages."""
    counts: dict[int, int] = {}
    for table in (t for sec in doc.all_sections() for t in sec.tables):
        if not table.rows:
            continue
        header = [fold(str(c.value or "")) for c in table.rows[0]]
        column = next((i for i, h in enumerate(header) if _SURVEY_COLUMN.search(h)), None)
        if column is None:
            continue
        for row in table.rows[1:]:
            score = parse_number(str(row[column].value)) if column < len(row) else None
            if score is not None and score.is_integer() and 1 <= score <= 5:
                counts[int(score)] = counts.get(int(score), 0) + 1
    return counts


def check_csat(doc: Document, competency: str) -> CheckResult:
    """Stated CSAT against satisfied / respondents in the same sentence, else the survey table."""
    for stmt in statements(doc):
        if stmt.in_table or not _CSAT.search(stmt.folded):
            continue
        stated = _stated(stmt)
        if stated is None:
            continue
        share = _share(stmt) or _share_from_tables(doc)
        if share is None:
            return CheckResult.undetermined(
                "csat",
                competency,
                "CSAT énoncé sans le nombre de satisfaits et de répondants.",
                stated,
            )
        expected = share[0] / share[1] * 100
        ok = abs(stated - expected) <= TOLERANCE
        message = f"CSAT = {share[0]} / {share[1]} = {expected:.1f} % ; énoncé {stated:g} %."
        return CheckResult.judged("csat", competency, ok, stated, round(expected, 2), message)
    return CheckResult.undetermined("csat", competency, "Aucun CSAT énoncé.")
