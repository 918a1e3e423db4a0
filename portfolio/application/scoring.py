"""Scoring, sign-off, blind double marking and moderation (application side).

An assessor's sheet opens on first score, fixed to the submitted version's sha256, the
session's scale and the referential version. Until every assessor of a situation has signed
off, an assessor sees only their own sheet (blind double marking).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from uuid import UUID

from portfolio.application.assignment import AssignmentCommands, as_uuid
from portfolio.application.base import load_or_none
from portfolio.domain import ids
from portfolio.domain.assignment import WRITTEN_SITUATIONS, check_situation
from portfolio.domain.moderation import Moderation, discrepancies, final_scores, moderation_id
from portfolio.domain.production import Production
from portfolio.domain.scoring import AssessmentSheet, Score, sheet_id
from portfolio.domain.session import AssessmentSession
from portfolio.errors import (
    BlindMarking,
    NotFound,
    NotSubmittedVersion,
    ProductionNotFound,
)
from portfolio.referential import load_referential

T = TypeVar("T")


def situation_grid(situation: str) -> tuple[int, list[str]]:
    """The bloc a situation evaluates and its criteria (CR…), from the referential."""
    referential, code = load_referential(), check_situation(situation)
    criteria = [c.criterion.code for c in referential.competencies_for(code)]
    return referential.situation(code).bloc, criteria


@dataclass(frozen=True)
class SheetView:
    """An assessor's grid as shown: current scores, full history, sign-off state."""

    sheet_id: UUID
    candidate_id: UUID
    situation: str
    assessor_id: UUID
    scale: str
    evidence_sha256: str | None
    referential_version: str
    criteria: tuple[str, ...]
    current: dict[str, Score]
    history: tuple[Score, ...]
    signed_off: bool
    sign_offs: int
    notes: tuple[dict, ...]


@dataclass(frozen=True)
class DiscrepancyView:
    situation: str
    criterion: str
    values: dict[UUID, str]
    agreed: str | None  # the moderator's agreed value, once recorded


def _view(sheet: AssessmentSheet) -> SheetView:
    return SheetView(
        sheet.id,
        sheet.candidate_id,
        sheet.situation,
        sheet.assessor_id,
        sheet.scale,
        sheet.evidence_sha256,
        sheet.referential_version,
        tuple(sheet.criteria),
        dict(sheet.current),
        tuple(sheet.history),
        sheet.signed_off,
        sheet.sign_offs,
        tuple(sheet.notes),
    )


class ScoringCommands(AssignmentCommands):
    """Mixin for PortfolioApp: criterion scores, sign-off, notes, double marking."""

    def _submitted(self, candidate_id: UUID, situation: str) -> tuple[str | None, int | None]:
        """The submitted version's sha256 and number; (None, None) for an oral."""
        if situation not in WRITTEN_SITUATIONS:
            return None, None
        pid = ids.production_id(candidate_id, situation)
        production = self._load(pid, Production, ProductionNotFound)
        if production.submitted is None:
            raise NotSubmittedVersion(f"{situation} of {candidate_id} is not submitted yet")
        return production.submitted.sha256, production.submitted.number

    def _sheet_or_open(self, assessor: UUID, candidate: UUID, situation: str) -> AssessmentSheet:
        self.ensure_assigned(assessor, candidate, situation)
        session_id = self._candidate_agg(candidate).session_id
        existing = load_or_none(self, sheet_id(session_id, candidate, situation, assessor))
        if existing is not None:
            return existing
        session = self._session_agg(session_id)
        sha256, number = self._submitted(candidate, situation)
        bloc, criteria = situation_grid(situation)
        return AssessmentSheet.open(
            at=self.clock(),
            session_id=session_id,
            candidate_id=candidate,
            situation=situation,
            assessor_id=assessor,
            bloc=bloc,
            criteria=criteria,
            scale=session.result_scale,
            evidence_sha256=sha256,
            evidence_version=number,
            referential_version=session.referential_version,
            listing=session.listing,
        )

    def _on_sheet(
        self,
        assessor_id: UUID | str,
        candidate_id: UUID | str,
        situation: str,
        change: Callable[[AssessmentSheet, str], T],
    ) -> T:
        """Load (or open) the assessor's sheet, apply `change(sheet, actor)`, save; retried."""
        assessor, candidate, code = (
            as_uuid(assessor_id),
            as_uuid(candidate_id),
            check_situation(situation),
        )

        return self._changing(
            lambda: self._sheet_or_open(assessor, candidate, code),
            lambda sheet: change(sheet, str(assessor)),
        )

    def score_criterion(
        self,
        assessor_id: UUID | str,
        candidate_id: UUID | str,
        situation: str,
        criterion: str,
        value: str | float,
        rationale: str,
        evidence_sha256: str | None = None,
        reason: str | None = None,
    ) -> Score:
        """Score one criterion (a change supersedes with a reason); a repeat is a no-op.

        `evidence_sha256` is the version the assessor read; None means the submitted one.
        """

        def change(sheet: AssessmentSheet, actor: str) -> Score:
            sha = sheet.evidence_sha256 if evidence_sha256 is None else evidence_sha256
            return sheet.score(criterion, value, rationale, sha, reason, actor, self.clock())

        return self._on_sheet(assessor_id, candidate_id, situation, change)

    def sign_off(self, assessor_id: UUID | str, candidate_id: UUID | str, situation: str) -> int:
        """Sign one's sheet; returns the sign-off round (1, then 2 after a change, …)."""
        return self._on_sheet(
            assessor_id,
            candidate_id,
            situation,
            lambda sheet, actor: sheet.sign_off(actor, self.clock()),
        )

    def attach_notes(
        self,
        assessor_id: UUID | str,
        candidate_id: UUID | str,
        situation: str,
        data: bytes,
        media_type: str = "text/plain",
    ) -> str:
        """Keep an assessor's own notes file (sealed for the candidate); returns its sha256."""
        assessor, candidate = as_uuid(assessor_id), as_uuid(candidate_id)
        # refuse a bad id, situation or assessor before storing anything
        self.ensure_assigned(assessor, candidate, check_situation(situation))
        sealed = self.vault.seal(str(candidate), data)
        stored = self.blobs.put(io.BytesIO(sealed), max_bytes=self.max_upload_bytes)

        def change(sheet: AssessmentSheet, actor: str) -> str:
            sheet.attach_notes(stored.sha256, len(data), media_type, actor, self.clock())
            return stored.sha256

        return self._on_sheet(assessor_id, candidate_id, situation, change)

    # -- reading, blind until every assessor signed off ------------------------------------
    def _sheets(self, session_id: UUID, candidate: UUID, situation: str) -> list[AssessmentSheet]:
        return [  # None where an assessor has not scored yet
            load_or_none(self, sheet_id(session_id, candidate, situation, assessor))
            for assessor in self._assessors(session_id, candidate, situation)
        ]

    def _may_see_all(self, viewer: UUID, candidate: UUID, situation: str) -> bool:
        session_id = self._candidate_agg(candidate).session_id
        co_assessor = viewer in self._assessors(session_id, candidate, situation)
        if not co_assessor and not self.is_assigned(viewer, candidate):
            return True  # administrator, moderator, jury member: not a co-assessor
        sheets = self._sheets(session_id, candidate, situation)
        return all(s is not None and s.signed_off for s in sheets)

    def may_see_all_grids(
        self, viewer_id: UUID | str, candidate_id: UUID | str, situation: str
    ) -> bool:
        """False while the viewer is a co-assessor and marking is still blind."""
        return self._may_see_all(
            as_uuid(viewer_id), as_uuid(candidate_id), check_situation(situation)
        )

    def assessment_sheet(
        self,
        viewer_id: UUID | str,
        candidate_id: UUID | str,
        situation: str,
        assessor_id: UUID | str,
    ) -> SheetView:
        """One assessor's sheet; a co-assessor gets BlindMarking before both signed off."""
        viewer, candidate, assessor = (
            as_uuid(viewer_id),
            as_uuid(candidate_id),
            as_uuid(assessor_id),
        )
        code = check_situation(situation)
        if viewer != assessor and not self._may_see_all(viewer, candidate, code):
            raise BlindMarking("the other assessment stays hidden until both are signed off")
        session_id = self._candidate_agg(candidate).session_id
        sheet = load_or_none(self, sheet_id(session_id, candidate, code, assessor))
        if sheet is None:
            raise NotFound(f"no assessment by {assessor} on {code} of {candidate}")
        return _view(sheet)

    def assessment_sheets(
        self, viewer_id: UUID | str, candidate_id: UUID | str, situation: str
    ) -> list[SheetView]:
        """The sheets of a situation the viewer may read (only their own while blind)."""
        viewer, candidate, code = (
            as_uuid(viewer_id),
            as_uuid(candidate_id),
            check_situation(situation),
        )
        session_id = self._candidate_agg(candidate).session_id
        sheets = [s for s in self._sheets(session_id, candidate, code) if s is not None]
        if not self._may_see_all(viewer, candidate, code):
            sheets = [s for s in sheets if s.assessor_id == viewer]
        return [_view(s) for s in sheets]

    # -- double marking --------------------------------------------------------------------
    def _moderation(self, session_id: UUID, candidate: UUID, situation: str) -> Moderation | None:
        return load_or_none(self, moderation_id(session_id, candidate, situation))

    def discrepancies(self, candidate_id: UUID | str, situation: str) -> list[DiscrepancyView]:
        """Criteria on which the signed-off assessors disagree, with any agreed score."""
        candidate, code = as_uuid(candidate_id), check_situation(situation)
        session = self._session_agg(self._candidate_agg(candidate).session_id)
        sheets = [s for s in self._sheets(session.id, candidate, code) if s is not None]
        moderation = self._moderation(session.id, candidate, code)
        agreed = moderation.agreed if moderation else {}
        return [
            DiscrepancyView(
                d.situation, d.criterion, d.values, agreed.get(d.criterion, {}).get("value")
            )
            for d in discrepancies(sheets, session.result_scale, session.discrepancy_threshold)
        ]

    def moderate(
        self,
        moderator_id: UUID | str,
        candidate_id: UUID | str,
        situation: str,
        criterion: str,
        value: str | float,
        reasons: str,
    ) -> None:
        """Record the agreed score of a discrepant criterion, with the moderator's reasons."""
        moderator, candidate, code = (
            as_uuid(moderator_id),
            as_uuid(candidate_id),
            check_situation(situation),
        )

        def command() -> None:
            session = self._session_agg(self._candidate_agg(candidate).session_id)
            sheets = [s for s in self._sheets(session.id, candidate, code) if s is not None]
            found = discrepancies(sheets, session.result_scale, session.discrepancy_threshold)
            moderation = self._moderation(session.id, candidate, code) or Moderation.open(
                session.id, candidate, code, self.clock()
            )
            moderation.record(
                found, criterion, value, reasons, session.result_scale, str(moderator), self.clock()
            )
            self._save(moderation)

        self._retrying(command)

    def final_scores(self, candidate_id: UUID | str, situation: str) -> dict[str, str | None]:
        """Criterion -> final value of a situation; None while not yet final."""
        candidate, code = as_uuid(candidate_id), check_situation(situation)
        session = self._session_agg(self._candidate_agg(candidate).session_id)
        return self._final_scores(session, candidate, code)

    def _final_scores(
        self, session: AssessmentSession, candidate: UUID, code: str
    ) -> dict[str, str | None]:
        sheets = self._sheets(session.id, candidate, code)
        if not sheets or any(s is None for s in sheets):
            return dict.fromkeys(situation_grid(code)[1])
        return final_scores(
            sheets,
            self._moderation(session.id, candidate, code),
            session.result_scale,
            session.discrepancy_threshold,
        )
