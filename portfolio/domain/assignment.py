"""Who assesses what: assignments of assessors to a candidate's situation, and conflicts.

An administrator assigns an assessor to one evaluation situation of one candidate (a written
production or an oral, as the session's referential names it). The assignment's id follows
from the session, candidate, situation and assessor, so assigning twice lands on the same
aggregate. An account that
declares a conflict of interest with a candidate (tutor, employer, trainer) can no longer be
assigned to them, its existing assignments are blocked, and it may not sit on a jury deciding
on them. Two per-key indexes (`AccountDocket`, `CandidateDocket`) answer "who/what is
assigned" without scanning the log.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from portfolio.domain.ids import NAMESPACE
from portfolio.errors import ConflictOfInterest, InvalidInput

CONFLICT_KINDS = ("tutor", "employer", "trainer", "other")


def assignment_id(session_id: UUID, candidate_id: UUID, situation: str, assessor: UUID) -> UUID:
    key = f"assignment\x1f{session_id}\x1f{candidate_id}\x1f{situation}\x1f{assessor}"
    return uuid5(NAMESPACE, key)


def account_docket_id(account_id: UUID) -> UUID:
    return uuid5(NAMESPACE, f"account-docket\x1f{account_id}")


def candidate_docket_id(session_id: UUID, candidate_id: UUID) -> UUID:
    return uuid5(NAMESPACE, f"candidate-docket\x1f{session_id}\x1f{candidate_id}")


class Assignment(Aggregate):
    """One assessor on one situation of one candidate; blocked by a declared conflict."""

    class AssessorAssigned(Aggregate.Created):
        session_id: UUID
        candidate_id: UUID
        situation: str
        assessor_id: UUID
        production_id: UUID | None
        actor: str

    class AssignmentBlocked(Aggregate.Event):
        kind: str
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.blocked_by = self.kind

    def __init__(
        self,
        session_id: UUID,
        candidate_id: UUID,
        situation: str,
        assessor_id: UUID,
        production_id: UUID | None,
        actor: str,
    ) -> None:
        self.session_id = session_id
        self.candidate_id = candidate_id
        self.situation = situation
        self.assessor_id = assessor_id
        self.production_id = production_id
        self.assigned_by = actor
        self.blocked_by: str | None = None

    @classmethod
    def assign(
        cls,
        *,
        session_id: UUID,
        candidate_id: UUID,
        situation: str,
        assessor_id: UUID,
        production_id: UUID | None,
        actor: str,
        at: datetime,
    ) -> Assignment:
        return cls._create(
            cls.AssessorAssigned,
            id=assignment_id(session_id, candidate_id, situation, assessor_id),
            timestamp=at,
            session_id=session_id,
            candidate_id=candidate_id,
            situation=situation,
            assessor_id=assessor_id,
            production_id=production_id,
            actor=actor,
        )

    @property
    def active(self) -> bool:
        return self.blocked_by is None

    def block(self, kind: str, actor: str, at: datetime) -> None:
        """Stop the assignment because its assessor declared a conflict (once)."""
        if self.blocked_by is None:
            self.trigger_event(self.AssignmentBlocked, kind=kind, actor=actor, timestamp=at)


class AccountDocket(Aggregate):
    """Index per account: its assignments and the conflicts of interest it declared."""

    class DocketOpened(Aggregate.Created):
        account_id: UUID

    class AssignmentListed(Aggregate.Event):
        assignment_id: UUID
        session_id: UUID
        candidate_id: UUID
        situation: str

        def apply(self, aggregate: Any) -> None:
            aggregate.assignments[self.assignment_id] = {
                "session_id": self.session_id,
                "candidate_id": self.candidate_id,
                "situation": self.situation,
            }

    class ConflictDeclared(Aggregate.Event):
        candidate_id: UUID
        kind: str
        note: str
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.conflicts[self.candidate_id] = self.kind

    def __init__(self, account_id: UUID) -> None:
        self.account_id = account_id
        self.assignments: dict[UUID, dict[str, Any]] = {}
        self.conflicts: dict[UUID, str] = {}

    @classmethod
    def open(cls, account_id: UUID, at: datetime) -> AccountDocket:
        return cls._create(
            cls.DocketOpened, id=account_docket_id(account_id), timestamp=at, account_id=account_id
        )

    def ensure_no_conflict(self, candidate_id: UUID) -> None:
        kind = self.conflicts.get(candidate_id)
        if kind is not None:
            raise ConflictOfInterest(
                f"account {self.account_id} declared a conflict ({kind}) with {candidate_id}"
            )

    def list_assignment(self, assignment: Assignment, at: datetime) -> None:
        self.ensure_no_conflict(assignment.candidate_id)
        if assignment.id in self.assignments:
            return
        self.trigger_event(
            self.AssignmentListed,
            assignment_id=assignment.id,
            session_id=assignment.session_id,
            candidate_id=assignment.candidate_id,
            situation=assignment.situation,
            timestamp=at,
        )

    def declare_conflict(
        self, candidate_id: UUID, kind: str, note: str, actor: str, at: datetime
    ) -> bool:
        """Record a conflict once; False when one was already declared for this candidate."""
        if kind not in CONFLICT_KINDS:
            raise InvalidInput(f"conflict kind must be one of {CONFLICT_KINDS}")
        if candidate_id in self.conflicts:
            return False
        self.trigger_event(
            self.ConflictDeclared,
            candidate_id=candidate_id,
            kind=kind,
            note=note.strip(),
            actor=actor,
            timestamp=at,
        )
        return True

    def assignment_ids_for(self, candidate_id: UUID) -> list[UUID]:
        return [k for k, v in self.assignments.items() if v["candidate_id"] == candidate_id]


class CandidateDocket(Aggregate):
    """Index per (session, candidate): which assessors hold each situation."""

    class DocketOpened(Aggregate.Created):
        session_id: UUID
        candidate_id: UUID

    class AssessorListed(Aggregate.Event):
        situation: str
        assessor_id: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.assessors.setdefault(self.situation, []).append(self.assessor_id)

    class AssessorDelisted(Aggregate.Event):
        situation: str
        assessor_id: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.assessors[self.situation].remove(self.assessor_id)

    def __init__(self, session_id: UUID, candidate_id: UUID) -> None:
        self.session_id = session_id
        self.candidate_id = candidate_id
        self.assessors: dict[str, list[UUID]] = {}

    @classmethod
    def open(cls, session_id: UUID, candidate_id: UUID, at: datetime) -> CandidateDocket:
        return cls._create(
            cls.DocketOpened,
            id=candidate_docket_id(session_id, candidate_id),
            timestamp=at,
            session_id=session_id,
            candidate_id=candidate_id,
        )

    def assessors_of(self, situation: str) -> list[UUID]:
        return list(self.assessors.get(situation, []))

    def list_assessor(self, situation: str, assessor_id: UUID, at: datetime) -> None:
        if assessor_id not in self.assessors.get(situation, []):
            self.trigger_event(
                self.AssessorListed, situation=situation, assessor_id=assessor_id, timestamp=at
            )

    def delist_assessor(self, situation: str, assessor_id: UUID, at: datetime) -> None:
        if assessor_id in self.assessors.get(situation, []):
            self.trigger_event(
                self.AssessorDelisted, situation=situation, assessor_id=assessor_id, timestamp=at
            )
