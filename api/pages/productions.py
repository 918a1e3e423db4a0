"""What the candidate's pages show of a production: its card, its state, its deadline.

Built from the application's views (never aggregates) plus the referential; pure values that
the templates format, and that the candidate overview, the production page and the submission
confirmation share.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from api.pages import report
from api.pages.report import ReportView
from portfolio.application.app import PortfolioApp
from portfolio.application.views import ProductionView, SessionView, VersionInfo
from portfolio.errors import ProductionNotFound
from portfolio.referential import load_referential
from portfolio.referential.model import Referential


@dataclass(frozen=True)
class ProductionState:
    """One production of one candidate, as of now."""

    code: str
    title: str  # the situation's title, as the referential words it
    versions: tuple[VersionInfo, ...]
    submitted_version: int | None
    submitted_at: datetime | None
    deadline: datetime | None
    open: bool  # uploads and submission still accepted
    reports: tuple[ReportView, ...]  # one per version, in the same order

    @property
    def latest(self) -> VersionInfo | None:
        return self.versions[-1] if self.versions else None

    @property
    def latest_report(self) -> ReportView | None:
        return self.reports[-1] if self.reports else None

    def report_of(self, version: int) -> ReportView | None:
        return next((r for r in self.reports if r.version == version), None)

    @property
    def submitted(self) -> VersionInfo | None:
        return next((v for v in self.versions if v.version == self.submitted_version), None)

    @property
    def checking(self) -> bool:
        return self.latest_report is not None and self.latest_report.state == "pending"


def _production(app: PortfolioApp, candidate_id: UUID, code: str) -> ProductionView | None:
    try:
        return app.production(candidate_id, code)
    except ProductionNotFound:
        return None


def production_state(
    app: PortfolioApp,
    session: SessionView,
    candidate_id: UUID,
    code: str,
    language: str,
    now: datetime,
    referential: Referential | None = None,
) -> ProductionState:
    referential = referential or load_referential()
    production = _production(app, candidate_id, code)
    versions = production.versions if production else ()
    deadline = session.deadlines.get(code)
    reports = (
        tuple(report.for_version(production, v.version, referential, language) for v in versions)
        if production
        else ()
    )
    return ProductionState(
        code=code,
        title=referential.situation(code).title,
        versions=versions,
        submitted_version=production.submitted_version if production else None,
        submitted_at=production.submitted_at if production else None,
        deadline=deadline,
        open=deadline is None or now <= deadline,
        reports=reports,
    )


def productions_of(
    app: PortfolioApp, candidate_id: UUID, language: str, now: datetime
) -> list[ProductionState]:
    """Every written production the referential asks of a candidate (E1, E2, E3)."""
    referential = load_referential()
    session = app.session(app.candidate(candidate_id).session_id)
    return [
        production_state(app, session, candidate_id, code, language, now, referential)
        for code in referential.productions
    ]
