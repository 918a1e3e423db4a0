"""Assigning assessors and recording conflicts of interest.

Each command loads, calls the aggregates, saves them together (one atomic recording) and is
retried on a concurrent write. Queries read the per-account and per-candidate indexes.
Situations are those of the candidate's session's referential (an alias names its situation).
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from portfolio.application.ports import Clock
from portfolio.application.referentials import SessionReferentials
from portfolio.application.store import EventStore
from portfolio.domain import ids
from portfolio.domain.assignment import (
    AccountDocket,
    Assignment,
    CandidateDocket,
    account_docket_id,
    assignment_id,
    candidate_docket_id,
)
from portfolio.domain.candidate import Candidate
from portfolio.errors import CandidateNotFound, ConflictOfInterest, NotAssigned, NotFound


@dataclass(frozen=True)
class AssignmentView:
    """One assignment as the API and CLI show it."""

    assignment_id: UUID
    session_id: UUID
    candidate_id: UUID
    situation: str
    active: bool


def as_uuid(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))


class Assignments:
    """Who assesses which situation of which candidate, and who may not (conflicts)."""

    def __init__(self, store: EventStore, clock: Clock, referentials: SessionReferentials) -> None:
        self._store, self._clock, self._referentials = store, clock, referentials

    def _candidate(self, candidate_id: UUID) -> Candidate:
        return self._store.get(candidate_id, Candidate, CandidateNotFound)

    def situation(self, candidate_id: UUID | str, situation: str) -> str:
        """The canonical id of a situation of the candidate's referential (UnknownSituation)."""
        return self._referentials.of_candidate(as_uuid(candidate_id)).situation_id(situation)

    def _account_docket(self, account_id: UUID) -> AccountDocket:
        docket = self._store.get_or_none(account_docket_id(account_id), AccountDocket)
        return docket or AccountDocket.open(account_id, self._clock())

    def _candidate_docket(self, session_id: UUID, candidate_id: UUID) -> CandidateDocket:
        docket = self._store.get_or_none(
            candidate_docket_id(session_id, candidate_id), CandidateDocket
        )
        return docket or CandidateDocket.open(session_id, candidate_id, self._clock())

    def assign_assessor(
        self, candidate_id: UUID | str, situation: str, assessor_id: UUID | str, actor: str
    ) -> UUID:
        """Assign an assessor to a candidate's situation; assigning again changes nothing."""
        cid, aid = as_uuid(candidate_id), as_uuid(assessor_id)
        code = self.situation(cid, situation)
        return self._store.retrying(lambda: self._assign(cid, code, aid, actor))

    def _assign(self, candidate_id: UUID, situation: str, assessor_id: UUID, actor: str) -> UUID:
        candidate = self._candidate(candidate_id)
        session_id = candidate.session_id
        existing = self._store.get_or_none(
            assignment_id(session_id, candidate_id, situation, assessor_id), Assignment
        )
        docket = self._account_docket(assessor_id)
        docket.ensure_no_conflict(candidate_id)
        if existing is not None:
            return existing.id
        at = self._clock()
        written = self._referentials.of_session(session_id).situation(situation).written
        production = ids.production_id(candidate_id, situation) if written else None
        assignment = Assignment.assign(
            session_id=session_id,
            candidate_id=candidate_id,
            situation=situation,
            assessor_id=assessor_id,
            production_id=production,
            actor=actor,
            at=at,
        )
        docket.list_assignment(assignment, at)
        listing = self._candidate_docket(session_id, candidate_id)
        listing.list_assessor(situation, assessor_id, at)
        self._store.save(assignment, docket, listing)
        return assignment.id

    def declare_conflict(
        self, account_id: UUID | str, candidate_id: UUID | str, kind: str, note: str, actor: str
    ) -> None:
        """Record that an account is the candidate's tutor, employer or trainer; blocks them."""
        aid, cid = as_uuid(account_id), as_uuid(candidate_id)
        self._store.retrying(lambda: self._declare_conflict(aid, cid, kind, note, actor))

    def _declare_conflict(
        self, account_id: UUID, candidate_id: UUID, kind: str, note: str, actor: str
    ) -> None:
        candidate = self._candidate(candidate_id)
        docket, at = self._account_docket(account_id), self._clock()
        if not docket.declare_conflict(candidate_id, kind, note, actor, at):
            return
        listing = self._candidate_docket(candidate.session_id, candidate_id)
        blocked = []
        for key in docket.assignment_ids_for(candidate_id):
            assignment = self._store.get(key, Assignment, NotFound)
            assignment.block(kind, actor, at)
            listing.delist_assessor(assignment.situation, account_id, at)
            blocked.append(assignment)
        self._store.save(docket, listing, *blocked)

    def has_conflict(self, account_id: UUID | str, candidate_id: UUID | str) -> bool:
        docket = self._store.get_or_none(account_docket_id(as_uuid(account_id)), AccountDocket)
        return docket is not None and as_uuid(candidate_id) in docket.conflicts

    def assignments_of(self, assessor_account_id: UUID | str) -> list[AssignmentView]:
        """Every assignment listed for an account, active or blocked."""
        aid = as_uuid(assessor_account_id)
        docket = self._store.get_or_none(account_docket_id(aid), AccountDocket)
        if docket is None:
            return []
        views = []
        for key, entry in docket.assignments.items():
            views.append(
                AssignmentView(
                    assignment_id=key,
                    session_id=entry["session_id"],
                    candidate_id=entry["candidate_id"],
                    situation=entry["situation"],
                    active=entry["candidate_id"] not in docket.conflicts,
                )
            )
        return views

    def assigned_candidates(self, assessor_account_id: UUID | str) -> list[UUID]:
        """Candidates the account actively assesses (any situation), in assignment order."""
        seen: list[UUID] = []
        for view in self.assignments_of(assessor_account_id):
            if view.active and view.candidate_id not in seen:
                seen.append(view.candidate_id)
        return seen

    def is_assigned(
        self,
        assessor_account_id: UUID | str,
        candidate_id: UUID | str,
        situation: str | None = None,
    ) -> bool:
        """True when the account actively assesses the candidate (in `situation` if given)."""
        cid = as_uuid(candidate_id)
        code = None if situation is None else self.situation(cid, situation)
        return any(
            view.active and view.candidate_id == cid and code in (None, view.situation)
            for view in self.assignments_of(assessor_account_id)
        )

    def assessors_of(self, candidate_id: UUID | str, situation: str) -> list[UUID]:
        """Active assessors of a candidate's situation, in assignment order."""
        candidate = self._candidate(as_uuid(candidate_id))
        code = self._referentials.of_session(candidate.session_id).situation_id(situation)
        return self.assessors(candidate.session_id, candidate.id, code)

    def assessors(self, session_id: UUID, candidate_id: UUID, situation: str) -> list[UUID]:
        """Active assessors of a canonical situation (no look-up of the candidate)."""
        docket = self._store.get_or_none(
            candidate_docket_id(session_id, candidate_id), CandidateDocket
        )
        return [] if docket is None else docket.assessors_of(situation)

    def ensure_assigned(self, assessor_id: UUID, candidate_id: UUID, situation: str) -> None:
        """Refuse an assessor who is not (or no longer) assigned to the situation."""
        if self.has_conflict(assessor_id, candidate_id):
            raise ConflictOfInterest(
                f"account {assessor_id} declared a conflict with {candidate_id}"
            )
        if not self.is_assigned(assessor_id, candidate_id, situation):
            raise NotAssigned(
                f"account {assessor_id} is not assigned to {situation} of {candidate_id}"
            )
