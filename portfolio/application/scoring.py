"""Scoring: an assessor's sheet per situation, criterion scores, notes and sign-off.

An assessor's sheet opens on first score, fixed to the submitted version's sha256, the
session's scale and its referential version (whose criteria make the grid). Until every
assessor of a situation has signed off, an assessor sees only their own sheet.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from portfolio.application.assignments import Assignments, as_uuid
from portfolio.application.grids import Grids, situation_grid
from portfolio.application.ports import BlobStore, Clock, SubjectVault
from portfolio.application.referentials import SessionReferentials
from portfolio.application.store import EventStore
from portfolio.domain import ids
from portfolio.domain.production import Production
from portfolio.domain.scoring import AssessmentSheet, Score
from portfolio.domain.session import AssessmentSession
from portfolio.errors import (
    BlindMarking,
    NotFound,
    NotSubmittedVersion,
    ProductionNotFound,
    SessionNotFound,
)

T = TypeVar("T")


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
    notes: tuple[dict[str, Any], ...]


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


class Scoring:
    """Criterion scores, notes and sign-off of assigned assessors; blind reading of sheets."""

    def __init__(
        self,
        store: EventStore,
        clock: Clock,
        blobs: BlobStore,
        vault: SubjectVault,
        max_upload_bytes: int,
        referentials: SessionReferentials,
        assignments: Assignments,
        grids: Grids,
    ) -> None:
        self._store, self._clock, self._blobs, self._vault = store, clock, blobs, vault
        self._max_upload_bytes = max_upload_bytes
        self._referentials = referentials
        self._assignments, self._grids = assignments, grids

    def criteria(self, candidate_id: UUID | str, situation: str) -> tuple[int, list[str]]:
        """The bloc and criteria of a situation in the candidate's session's referential."""
        return situation_grid(self._referentials.of_candidate(as_uuid(candidate_id)), situation)

    # -- the assessor's own sheet ----------------------------------------------------------
    def _submitted(self, candidate_id: UUID, situation: str, written: bool) -> tuple[Any, Any]:
        """The submitted version's sha256 and number; (None, None) for an oral."""
        if not written:
            return None, None
        pid = ids.production_id(candidate_id, situation)
        production = self._store.get(pid, Production, ProductionNotFound)
        if production.submitted is None:
            raise NotSubmittedVersion(f"{situation} of {candidate_id} is not submitted yet")
        return production.submitted.sha256, production.submitted.number

    def _sheet_or_open(self, assessor: UUID, candidate: UUID, situation: str) -> AssessmentSheet:
        self._assignments.ensure_assigned(assessor, candidate, situation)
        session_id = self._grids.session_of(candidate)
        existing = self._grids.sheet(session_id, candidate, situation, assessor)
        if existing is not None:
            return existing
        session = self._store.get(session_id, AssessmentSession, SessionNotFound)
        referential = self._referentials.of_session(session_id)
        written = referential.situation(situation).written
        sha256, number = self._submitted(candidate, situation, written)
        bloc, criteria = situation_grid(referential, situation)
        return AssessmentSheet.open(
            at=self._clock(),
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
        assessor, candidate = as_uuid(assessor_id), as_uuid(candidate_id)
        code = self._assignments.situation(candidate, situation)
        return self._store.changing(
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
            return sheet.score(criterion, value, rationale, sha, reason, actor, self._clock())

        return self._on_sheet(assessor_id, candidate_id, situation, change)

    def sign_off(self, assessor_id: UUID | str, candidate_id: UUID | str, situation: str) -> int:
        """Sign one's sheet; returns the sign-off round (1, then 2 after a change, …)."""
        return self._on_sheet(
            assessor_id,
            candidate_id,
            situation,
            lambda sheet, actor: sheet.sign_off(actor, self._clock()),
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
        code = self._assignments.situation(candidate, situation)
        self._assignments.ensure_assigned(assessor, candidate, code)
        sealed = self._vault.seal(str(candidate), data)
        stored = self._blobs.put(io.BytesIO(sealed), max_bytes=self._max_upload_bytes)

        def change(sheet: AssessmentSheet, actor: str) -> str:
            sheet.attach_notes(stored.sha256, len(data), media_type, actor, self._clock())
            return stored.sha256

        return self._on_sheet(assessor_id, candidate_id, code, change)

    # -- reading, blind until every assessor signed off ------------------------------------
    def may_see_all_grids(
        self, viewer_id: UUID | str, candidate_id: UUID | str, situation: str
    ) -> bool:
        """False while the viewer is a co-assessor and marking is still blind."""
        candidate = as_uuid(candidate_id)
        code = self._assignments.situation(candidate, situation)
        return self._grids.may_see_all(as_uuid(viewer_id), candidate, code)

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
        code = self._assignments.situation(candidate, situation)
        if viewer != assessor and not self._grids.may_see_all(viewer, candidate, code):
            raise BlindMarking("the other assessment stays hidden until both are signed off")
        session_id = self._grids.session_of(candidate)
        sheet = self._grids.sheet(session_id, candidate, code, assessor)
        if sheet is None:
            raise NotFound(f"no assessment by {assessor} on {code} of {candidate}")
        return _view(sheet)

    def assessment_sheets(
        self, viewer_id: UUID | str, candidate_id: UUID | str, situation: str
    ) -> list[SheetView]:
        """The sheets of a situation the viewer may read (only their own while blind)."""
        viewer, candidate = as_uuid(viewer_id), as_uuid(candidate_id)
        code = self._assignments.situation(candidate, situation)
        sheets = self._grids.scored(self._grids.session_of(candidate), candidate, code)
        if not self._grids.may_see_all(viewer, candidate, code):
            sheets = [s for s in sheets if s.assessor_id == viewer]
        return [_view(s) for s in sheets]
