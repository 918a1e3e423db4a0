"""A check report (the pipeline's JSON) as the candidate's coverage grid, in plain words.

Pure functions from recorded facts to small view values: what each required element's status
is, where it was found, which parts are missing (named by the referential, never by key), and
the verified figures (stated vs expected, with the checker's formula). Templates only format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final, Literal

from api.pages.i18n import N_
from pipeline.rejections import RejectionCategory
from portfolio.application.views import ProductionView
from portfolio.errors import NotFound
from portfolio.referential.model import Referential, RequiredElement

CHECK_NAMES: Final = {
    "break_even": N_("Break-even point"),
    "point_mort": N_("Break-even date"),
    "spreadsheet_formulas": N_("Automated calculations (spreadsheet)"),
    "reporting_languages": N_("Reporting in French and in English"),
    "internship_working_days": N_("Working days of the internship"),
    "internship_minimum_days": N_("Minimum length of the internship"),
    "nps": N_("Net Promoter Score"),
    "csat": N_("Customer satisfaction (CSAT)"),
}
State = Literal["pending", "rejected", "checked"]
# Why a file could not be read, in the reader's words (the categories are machine contracts).
REJECTIONS: Final = {
    RejectionCategory.EMPTY: N_("The file is empty or contains no text."),
    RejectionCategory.CORRUPT: N_("The file is damaged and cannot be read; export it again."),
    RejectionCategory.ZIP_BOMB: N_(
        "The file's internal archive is malformed or abnormally compressed; it was not opened."
    ),
    RejectionCategory.XXE: N_(
        "The file contains XML declarations that office documents never need; it was not opened."
    ),
    RejectionCategory.ENCRYPTED: N_("The file is password-protected; upload an unprotected copy."),
    RejectionCategory.NO_TEXT_LAYER: N_(
        "The PDF holds only images (a scan) with no text; upload the original document."
    ),
    RejectionCategory.WRONG_TYPE: N_("The file's content does not match its name or extension."),
    RejectionCategory.UNSUPPORTED_FORMAT: N_(
        "This format is not accepted; upload a DOCX, PDF or XLSX file."
    ),
    RejectionCategory.TOO_LARGE: N_("The file is too large or too complex to be processed."),
    RejectionCategory.TIMEOUT: N_("Reading the file took too long; it was stopped."),
}


@dataclass(frozen=True)
class Place:
    """Where an element was looked for and found: its heading, page and opening words."""

    heading: str
    page: int | None
    quote: str = ""


@dataclass(frozen=True)
class CheckRow:
    name: str  # msgid (or the check's id when the pages do not know it yet)
    status: str  # pass, fail, undetermined
    stated: Any
    expected: Any
    detail: str  # the checker's own French sentence, with its formula


@dataclass(frozen=True)
class ElementRow:
    key: str  # C1.1.1, or E3.presentation (a machine key, never shown)
    competency: str | None  # None for the context / presentation a production also needs
    label: str
    status: str  # present, partial, absent
    places: tuple[Place, ...]
    missing: tuple[str, ...]  # labels of the parts the criteria ask for and were not found
    checks: tuple[CheckRow, ...]

    @property
    def name(self) -> str:
        """How a person refers to the element: its competency code, else its label."""
        return self.competency or self.label


@dataclass(frozen=True)
class ReportView:
    version: int
    state: State
    rejection: str = ""  # the rejection category when state == "rejected"
    production: str | None = None
    word_count: int = 0
    rows: tuple[ElementRow, ...] = ()
    other_checks: tuple[CheckRow, ...] = field(default_factory=tuple)

    @property
    def absent(self) -> tuple[ElementRow, ...]:
        return tuple(r for r in self.rows if r.status == "absent")

    @property
    def partial(self) -> tuple[ElementRow, ...]:
        return tuple(r for r in self.rows if r.status == "partial")

    @property
    def failed_checks(self) -> tuple[CheckRow, ...]:
        every = [c for r in self.rows for c in r.checks] + list(self.other_checks)
        return tuple(c for c in every if c.status == "fail")

    @property
    def complete(self) -> bool:
        """Checked, every element present and no verified figure wrong."""
        gaps = self.absent or self.partial or self.failed_checks
        return self.state == "checked" and not gaps


def _element(referential: Referential, element_id: str) -> RequiredElement | None:
    try:
        return referential.element(element_id)
    except NotFound:
        return None


def _label(element: RequiredElement | None, fallback: str, language: str) -> str:
    if element is None:
        return fallback
    return element.label_en if language == "en" else element.label_fr


def _missing_parts(
    element: RequiredElement | None, parts: dict[str, bool], language: str
) -> tuple[str, ...]:
    labels = []
    for key, found in parts.items():
        if found:
            continue
        try:
            part = element.part(key) if element else None
        except NotFound:
            part = None
        labels.append((part.label_en if language == "en" else part.label_fr) if part else key)
    return tuple(labels)


def _check(data: dict[str, Any]) -> CheckRow:
    return CheckRow(
        name=CHECK_NAMES.get(data["id"], data["id"]),
        status=data["status"],
        stated=data.get("stated"),
        expected=data.get("expected"),
        detail=data.get("message", ""),
    )


def grid(report: dict[str, Any], referential: Referential, language: str) -> tuple[ElementRow, ...]:
    """One row per required element, in the referential's order, with its checks."""
    checks_of: dict[str, list[CheckRow]] = {}
    for data in report.get("checks", []):
        checks_of.setdefault(data.get("competency") or "", []).append(_check(data))
    rows = []
    for data in report.get("elements", []):
        element = _element(referential, data["id"])
        key = data.get("competency") or (element.key if element else data["id"])
        rows.append(
            ElementRow(
                key=key,
                competency=element.competency if element else data.get("competency"),
                label=_label(element, data.get("label", key), language),
                status=data["status"],
                places=tuple(
                    Place(e["heading"], e.get("page"), e.get("quote", ""))
                    for e in data.get("evidence", [])
                ),
                missing=_missing_parts(element, data.get("parts", {}), language),
                checks=tuple(checks_of.pop(key, [])),
            )
        )
    return tuple(rows)


def _leftover_checks(report: dict[str, Any], rows: tuple[ElementRow, ...]) -> tuple[CheckRow, ...]:
    shown = {r.key for r in rows}
    return tuple(_check(c) for c in report.get("checks", []) if c.get("competency") not in shown)


def from_report(
    version: int, report: dict[str, Any], referential: Referential, language: str
) -> ReportView:
    """The view of one report (a stored one, or a pre-check's)."""
    if report.get("status") == "rejected":
        category = (report.get("rejection") or {}).get("category", "corrupt")
        return ReportView(version, "rejected", rejection=category)
    rows = grid(report, referential, language)
    return ReportView(
        version=version,
        state="checked",
        production=report.get("production"),
        word_count=report.get("word_count", 0),
        rows=rows,
        other_checks=_leftover_checks(report, rows),
    )


def for_version(
    production: ProductionView, version: int, referential: Referential, language: str
) -> ReportView:
    """The latest result recorded for `version`: a report, a rejection, or still pending."""
    checks = [c for c in production.checks if c.version == version]
    if checks:
        latest = max(checks, key=lambda c: c.recorded_at)
        return from_report(version, latest.report, referential, language)
    rejected = [
        e for e in production.extractions if e.version == version and e.outcome == "rejected"
    ]
    if rejected:
        return ReportView(version, "rejected", rejection=rejected[-1].category)
    return ReportView(version, "pending")


def rejection_msgid(category: str) -> str:
    """The msgid explaining a rejection category (an unknown one reads as a damaged file)."""
    try:
        return REJECTIONS[RejectionCategory(category)]
    except ValueError:
        return REJECTIONS[RejectionCategory.CORRUPT]
