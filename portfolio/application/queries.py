"""Evidence queries: read aggregates, hand back frozen views with personal data opened.

Identity and file names are opened through the vault at read time; once a candidate is
erased they read "[effacé]" while every non-personal fact stays visible.
"""

from __future__ import annotations

import json
from uuid import UUID

from portfolio.application.base import PortfolioBase
from portfolio.application.views import (
    ERASED,
    CandidateView,
    CheckView,
    ExtractionView,
    ProductionView,
    SessionView,
    VersionInfo,
)
from portfolio.domain import ids
from portfolio.domain.production import PRODUCTION_CODES, Production, check_code
from portfolio.errors import (
    ProductionNotFound,
    SubjectErased,
)


class EvidenceQueries(PortfolioBase):
    """Read side of the evidence portfolio (mixed into PortfolioApp)."""

    def _open_text(self, subject: str, sealed: bytes) -> str | None:
        if not sealed:
            return None
        try:
            return self.vault.open(subject, sealed).decode()
        except SubjectErased:
            return None

    def session(self, session_id: UUID) -> SessionView:
        s = self._session_agg(session_id)
        return SessionView(
            id=s.id,
            listing=s.listing,
            referential_version=s.referential_version,
            label=s.label,
            result_scale=s.result_scale,
            pass_mark=s.pass_mark,
            compensation=s.compensation,
            discrepancy_threshold=s.discrepancy_threshold,
            deadlines=dict(s.deadlines),
            candidate_ids=tuple(s.candidate_ids),
            opened_at=s.created_on,
        )

    def candidate(self, candidate_id: UUID) -> CandidateView:
        c = self._candidate_agg(candidate_id)
        opened = self._open_text(str(c.id), c.sealed_identity)
        identity = json.loads(opened) if opened else {"name": ERASED, "email": ERASED}
        return CandidateView(
            id=c.id,
            session_id=c.session_id,
            ref=c.ref,
            route=c.route,
            name=identity["name"],
            email=identity["email"],
            erased=opened is None,
            enrolled_at=c.created_on,
        )

    def list_candidates(self, session_id: UUID) -> list[CandidateView]:
        """The session's candidates in enrolment order."""
        return [self.candidate(cid) for cid in self.session(session_id).candidate_ids]

    def production(self, candidate_id: UUID, code: str) -> ProductionView:
        code = check_code(code)
        p = self._load(ids.production_id(candidate_id, code), Production, ProductionNotFound)
        return self.production_view(p)

    def production_view(self, p: Production) -> ProductionView:
        """The view of a loaded production (e.g. one rebuilt as of a past date)."""
        return ProductionView(
            candidate_id=p.candidate_id,
            session_id=p.session_id,
            code=p.code,
            versions=tuple(self._version_infos(p)),
            submitted_version=p.submitted_version,
            submitted_at=p.submitted_at,
            extractions=tuple(self._extractions(p)),
            checks=tuple(
                CheckView(
                    version=e.version,
                    pipeline_version=e.pipeline_version,
                    referential_version=e.referential_version,
                    report=dict(e.report),
                    recorded_at=e.timestamp,
                )
                for e in p.checks.values()
            ),
        )

    def productions(self, candidate_id: UUID) -> list[ProductionView]:
        """Every production the candidate has started, in code order."""
        found = []
        for code in PRODUCTION_CODES:
            try:
                found.append(self.production(candidate_id, code))
            except ProductionNotFound:
                continue
        return found

    def _version_infos(self, p: Production) -> list[VersionInfo]:
        subject = str(p.candidate_id)
        return [
            VersionInfo.of(
                p.candidate_id,
                p.code,
                v,
                self._open_text(subject, v.sealed_filename) or ERASED,
                submitted=v.number == p.submitted_version,
            )
            for v in p.versions
        ]

    @staticmethod
    def _extractions(p: Production) -> list[ExtractionView]:
        views = []
        for e in p.extractions.values():
            completed = isinstance(e, Production.ExtractionCompleted)
            views.append(
                ExtractionView(
                    version=e.version,
                    pipeline_version=e.pipeline_version,
                    outcome="completed" if completed else "rejected",
                    summary=dict(e.summary) if completed else {},
                    category="" if completed else e.category,
                    message="" if completed else e.message,
                    recorded_at=e.timestamp,
                )
            )
        return views

    def production_by_id(self, production_id: UUID) -> ProductionView:
        """The production with this aggregate id (what jobs receive), as a view."""
        return self.production_view(self._load(production_id, Production, ProductionNotFound))
