"""Check one document against its production's required elements and verifiable figures.

`check_document` is pure (Document in, CheckReport out); the untrusted-file path (sniff,
extract in the sandbox, a rejection as a rejected report) is `pipeline.run.run`.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.checks.break_even import check_break_even, check_point_mort
from pipeline.checks.csat import check_csat
from pipeline.checks.elements import Hints, check_elements, competency_status
from pipeline.checks.formulas import check_formulas
from pipeline.checks.index import DocumentIndex
from pipeline.checks.languages import check_reporting_languages, detect_languages
from pipeline.checks.nps import check_nps
from pipeline.checks.working_days import MINIMUM_DAYS, check_minimum_days, check_working_days
from pipeline.model import Document
from pipeline.report import CheckReport, CheckResult, ElementFinding
from portfolio.errors import NotFound

# Which verification applies to which production, and under which element key it is filed.
VERIFICATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "E1": (("break_even", "C1.2.4"), ("point_mort", "C1.2.4"), ("spreadsheet_formulas", "C1.2.4")),
    "E2": (("reporting_languages", "C2.2.4"), ("spreadsheet_formulas", "C2.2.2")),
    "E3": (
        ("internship_working_days", "E3.presentation"),
        ("internship_minimum_days", "E3.presentation"),
        ("nps", "C3.1.3"),
        ("csat", "C3.1.3"),
    ),
}
WORKBOOK_CHECKS = frozenset({"spreadsheet_formulas", "break_even", "point_mort"})


def check_document(
    doc: Document, production: str | None, referential, *, file: str = "", sha256: str = ""
) -> CheckReport:
    """Elements (present/partial/absent with evidence) and verifications for one document."""
    detect_languages(doc)
    index = DocumentIndex(doc)
    production = production or guess_production(doc, referential, index)
    report = CheckReport(file, sha256, doc.format, production, "accepted")
    report.sections = [_section_json(s) for s in doc.all_sections()]
    report.word_count, report.languages = doc.word_count, list(doc.languages)
    report.referential_version = referential.version
    if production is None:
        return report
    report.elements = check_elements(index, referential.elements_for(production))
    report.competencies = competency_status(report.elements)
    report.checks = _verifications(doc, production, report.elements, referential)
    return report


def guess_production(doc: Document, referential, index: DocumentIndex | None = None):
    """The production whose required elements have the most headings in the document."""
    index = index or DocumentIndex(doc)
    scores = {p: _heading_hits(index, referential.elements_for(p)) for p in referential.productions}
    best = max(scores, key=lambda p: scores[p], default=None)
    return best if best and scores[best] > 0 else None


def _heading_hits(index: DocumentIndex, elements) -> int:
    hints = [Hints.of(e) for e in elements]
    return sum(1 for h in hints if any(h.heading_score(v) for v in index.views))


def _verifications(doc, production, findings, referential) -> list[CheckResult]:
    minimum = _minimum_days(referential)
    runners: dict[str, Callable[[str], CheckResult]] = {
        "break_even": lambda c: check_break_even(doc, c),
        "point_mort": lambda c: check_point_mort(doc, c),
        "spreadsheet_formulas": lambda c: check_formulas(doc, c),
        "reporting_languages": lambda c: check_reporting_languages(
            _sections_of(doc, findings, c), c
        ),
        "internship_working_days": lambda c: check_working_days(doc, c),
        "internship_minimum_days": lambda c: check_minimum_days(doc, c, minimum),
        "nps": lambda c: check_nps(doc, c),
        "csat": lambda c: check_csat(doc, c),
    }
    wanted = VERIFICATIONS.get(production, ())
    if doc.format == "xlsx":
        wanted = tuple(w for w in wanted if w[0] in WORKBOOK_CHECKS)
    else:
        wanted = tuple(w for w in wanted if w[0] != "spreadsheet_formulas")
    return [runners[name](competency) for name, competency in wanted]


def _minimum_days(referential) -> int:
    try:
        return referential.min_internship_working_days
    except NotFound:  # a referential without an internship rule keeps the legal default
        return MINIMUM_DAYS


def _sections_of(doc: Document, findings: list[ElementFinding], key: str):
    ids = {
        ev.section
        for f in findings
        if f.competency == key and f.status != "absent"
        for ev in f.evidence
    }
    return [s for s in doc.all_sections() if s.id in ids]


def _section_json(section) -> dict:
    return {
        "id": section.id,
        "heading": section.heading,
        "level": section.level,
        "page_start": section.page_start,
        "page_end": section.page_end,
    }
