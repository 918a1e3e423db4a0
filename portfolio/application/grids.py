"""The assessors' sheets of one candidate's situation, and who may read them yet.

Shared by scoring, moderation, annotations and the jury: until every assessor of a situation
has signed off, a co-assessor reads only their own work (blind double marking); others who
may read the candidate (administrator, moderator, jury member) read everything.
"""

from __future__ import annotations

from uuid import UUID

from portfolio.application.assignments import Assignments
from portfolio.application.store import EventStore
from portfolio.domain.candidate import Candidate
from portfolio.domain.scoring import AssessmentSheet, sheet_id
from portfolio.errors import CandidateNotFound
from portfolio.referential import Referential


def situation_grid(referential: Referential, situation: str) -> tuple[int, list[str]]:
    """The bloc a situation evaluates and its criteria (CR…), from the referential."""
    code = referential.situation_id(situation)
    return referential.situation(code).bloc, list(referential.criteria_of(code))


class Grids:
    """Read the sheets of a situation; decide whether marking is still blind for a viewer."""

    def __init__(self, store: EventStore, assignments: Assignments) -> None:
        self._store, self._assignments = store, assignments

    def session_of(self, candidate_id: UUID) -> UUID:
        return self._store.get(candidate_id, Candidate, CandidateNotFound).session_id

    def sheet(
        self, session_id: UUID, candidate: UUID, situation: str, assessor: UUID
    ) -> AssessmentSheet | None:
        key = sheet_id(session_id, candidate, situation, assessor)
        return self._store.get_or_none(key, AssessmentSheet)

    def sheets(
        self, session_id: UUID, candidate: UUID, situation: str
    ) -> list[AssessmentSheet | None]:
        """Each active assessor's sheet, None where an assessor has not scored yet."""
        return [
            self.sheet(session_id, candidate, situation, assessor)
            for assessor in self._assignments.assessors(session_id, candidate, situation)
        ]

    def scored(self, session_id: UUID, candidate: UUID, situation: str) -> list[AssessmentSheet]:
        return [s for s in self.sheets(session_id, candidate, situation) if s is not None]

    def may_see_all(self, viewer: UUID, candidate: UUID, situation: str) -> bool:
        """False while the viewer is a co-assessor and some sheet is not signed off."""
        session_id = self.session_of(candidate)
        co_assessor = viewer in self._assignments.assessors(session_id, candidate, situation)
        if not co_assessor and not self._assignments.is_assigned(viewer, candidate):
            return True  # administrator, moderator, jury member: not a co-assessor
        sheets = self.sheets(session_id, candidate, situation)
        return all(s is not None and s.signed_off for s in sheets)
