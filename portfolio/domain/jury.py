"""The deliberation jury of a session: its composition, proposals and decisions per bloc.

Composition rules (DOMAIN.md): at least two members, at least half of them external to the
certifier and the training centre, and nobody who declared a conflict of interest with the
candidate being decided on. The system proposes validé / non validé per bloc from the final
criterion scores and the session's rules (never compensation between blocs; inside a bloc as
the session says); the jury records its decision, with reasons when it departs from the
proposal. Validated blocs stay acquired across sessions (`Attainment`, per candidate number).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from portfolio.domain.ids import NAMESPACE
from portfolio.domain.scoring import ACQUIS, NON_ACQUIS
from portfolio.errors import (
    ConflictOfInterest,
    DecisionAlreadyRecorded,
    InvalidInput,
    JuryIncomplete,
    ProposalUnavailable,
    RationaleRequired,
)

VALIDE, NON_VALIDE = "validé", "non validé"
DECISIONS = (VALIDE, NON_VALIDE)
MODES = ("présentiel", "distanciel", "hybride")


def deliberation_id(session_id: UUID) -> UUID:
    return uuid5(NAMESPACE, f"deliberation\x1f{session_id}")


def attainment_id(candidate_ref: str) -> UUID:
    return uuid5(NAMESPACE, f"attainment\x1f{candidate_ref.strip()}")


def propose(scale: str, compensation: str, pass_mark: float, finals: dict[str, str | None]) -> str:
    """validé / non validé for one bloc from its final criterion scores and the session rules.

    Levels: without compensation every criterion must be acquis; with in-bloc compensation no
    criterion may be non acquis and at least half must be acquis. Marks: without compensation
    every criterion must reach the pass mark; with it, their mean must.
    """
    missing = sorted(k for k, v in finals.items() if v is None)
    if not finals or missing:
        raise ProposalUnavailable(
            f"no final score yet for: {', '.join(missing) or 'any criterion'}"
        )
    values = [v for v in finals.values() if v is not None]  # none is None: checked above
    if scale == "levels":
        if compensation == "none":
            return VALIDE if all(v == ACQUIS for v in values) else NON_VALIDE
        enough = 2 * sum(v == ACQUIS for v in values) >= len(values)
        return VALIDE if enough and NON_ACQUIS not in values else NON_VALIDE
    marks = [Decimal(v) for v in values]
    threshold = Decimal(str(pass_mark))
    if compensation == "none":
        return VALIDE if min(marks) >= threshold else NON_VALIDE
    return VALIDE if sum(marks) / len(marks) >= threshold else NON_VALIDE


@dataclass(frozen=True)
class Member:
    account_id: UUID
    name: str
    capacity: str
    external: bool


def composition_problems(members: list[Member]) -> list[str]:
    """Why this jury may not decide yet (empty when it may)."""
    problems = []
    if len(members) < 2:
        problems.append("le jury compte moins de deux membres")
    if 2 * sum(m.external for m in members) < len(members):
        problems.append("moins de la moitié des membres sont extérieurs")
    return problems


class Deliberation(Aggregate):
    """One session's deliberation jury and the decisions it took."""

    class DeliberationOpened(Aggregate.Created):
        session_id: UUID
        held_on: str
        mode: str
        actor: str

    class MemberSeated(Aggregate.Event):
        account_id: UUID
        name: str
        capacity: str
        external: bool
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.members.append(
                Member(self.account_id, self.name, self.capacity, self.external)
            )

    class BlocDecided(Aggregate.Event):
        candidate_id: UUID
        bloc: int
        proposal: str
        decision: str
        reasons: str
        corrects: bool
        under: dict[str, Any]
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.decisions[(self.candidate_id, self.bloc)] = {
                "proposal": self.proposal,
                "decision": self.decision,
                "reasons": self.reasons,
                "corrected": self.corrects,
                "decided_at": self.timestamp,
            }

    class IncidentRecorded(Aggregate.Event):
        text: str
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.incidents.append(self.text)

    class ProcesVerbalIssued(Aggregate.Event):
        pv_id: UUID
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.pv_ids.append(self.pv_id)

    def __init__(self, session_id: UUID, held_on: str, mode: str, actor: str) -> None:
        self.session_id = session_id
        self.held_on = held_on
        self.mode = mode
        self.members: list[Member] = []
        self.decisions: dict[tuple[UUID, int], dict[str, Any]] = {}
        self.incidents: list[str] = []
        self.pv_ids: list[UUID] = []

    @classmethod
    def open(
        cls, session_id: UUID, held_on: str, mode: str, actor: str, at: datetime
    ) -> Deliberation:
        if mode not in MODES:
            raise InvalidInput(f"mode must be one of {MODES}")
        if not held_on.strip():
            raise InvalidInput("the deliberation needs a date")
        return cls._create(
            cls.DeliberationOpened,
            id=deliberation_id(session_id),
            timestamp=at,
            session_id=session_id,
            held_on=held_on.strip(),
            mode=mode,
            actor=actor,
        )

    def seat(
        self,
        account_id: UUID,
        name: str,
        capacity: str,
        external: bool,
        actor: str,
        at: datetime,
    ) -> None:
        """Seat a member once (seating again changes nothing)."""
        if any(m.account_id == account_id for m in self.members):
            return
        if not name.strip() or not capacity.strip():
            raise InvalidInput("a jury member needs a name and a capacity")
        self.trigger_event(
            self.MemberSeated,
            account_id=account_id,
            name=name.strip(),
            capacity=capacity.strip(),
            external=bool(external),
            actor=actor,
            timestamp=at,
        )

    def ensure_may_decide(self, conflicted: set[UUID]) -> None:
        """Refuse an incomplete jury, or one where a member declared a conflict."""
        problems = composition_problems(self.members)
        if problems:
            raise JuryIncomplete("; ".join(problems))
        sitting = {m.account_id for m in self.members} & conflicted
        if sitting:
            raise ConflictOfInterest(
                f"members with a declared conflict: {sorted(map(str, sitting))}"
            )

    def decide(
        self,
        candidate_id: UUID,
        bloc: int,
        proposal: str,
        decision: str,
        reasons: str,
        actor: str,
        at: datetime,
        correcting: bool = False,
        under: dict[str, Any] | None = None,
    ) -> None:
        """Record the jury's decision for one bloc; departing from the proposal needs reasons.

        `under` names what the decision was taken under: RNCP listing, referential version and
        the session's rules (DOMAIN.md: every decision records them).
        """
        if decision not in DECISIONS:
            raise InvalidInput(f"decision must be one of {DECISIONS}")
        reasons = (reasons or "").strip()
        known = self.decisions.get((candidate_id, bloc))
        if known and not correcting:
            if (known["decision"], known["reasons"]) == (decision, reasons):
                return
            raise DecisionAlreadyRecorded(f"bloc {bloc} of {candidate_id} is already decided")
        if (decision != proposal or correcting) and not reasons:
            raise RationaleRequired("a decision departing from the proposal needs reasons")
        self.trigger_event(
            self.BlocDecided,
            candidate_id=candidate_id,
            bloc=bloc,
            proposal=proposal,
            decision=decision,
            reasons=reasons,
            corrects=correcting,
            under=dict(under or {}),
            actor=actor,
            timestamp=at,
        )

    def record_incident(self, text: str, actor: str, at: datetime) -> None:
        if not text.strip():
            raise InvalidInput("an incident needs a description")
        self.trigger_event(self.IncidentRecorded, text=text.strip(), actor=actor, timestamp=at)

    def issue(self, pv_id: UUID, actor: str, at: datetime) -> None:
        if pv_id not in self.pv_ids:
            self.trigger_event(self.ProcesVerbalIssued, pv_id=pv_id, actor=actor, timestamp=at)


class Attainment(Aggregate):
    """The blocs a candidate (by certifier number) has acquired, for good, across sessions."""

    class AttainmentOpened(Aggregate.Created):
        candidate_ref: str

    class BlocAcquired(Aggregate.Event):
        bloc: int
        session_id: UUID
        pv_id: UUID
        listing: str
        referential_version: str

        def apply(self, aggregate: Any) -> None:
            aggregate.acquired[self.bloc] = {
                "session_id": self.session_id,
                "pv_id": self.pv_id,
                "listing": self.listing,
                "referential_version": self.referential_version,
            }

    def __init__(self, candidate_ref: str) -> None:
        self.candidate_ref = candidate_ref
        self.acquired: dict[int, dict[str, Any]] = {}

    @classmethod
    def open(cls, candidate_ref: str, at: datetime) -> Attainment:
        return cls._create(
            cls.AttainmentOpened,
            id=attainment_id(candidate_ref),
            timestamp=at,
            candidate_ref=candidate_ref.strip(),
        )

    def acquire(
        self,
        bloc: int,
        session_id: UUID,
        pv_id: UUID,
        listing: str,
        referential_version: str,
        at: datetime,
    ) -> None:
        """Record a validated bloc; a bloc once acquired stays acquired (no-op afterwards)."""
        if bloc in self.acquired:
            return
        self.trigger_event(
            self.BlocAcquired,
            bloc=bloc,
            session_id=session_id,
            pv_id=pv_id,
            listing=listing,
            referential_version=referential_version,
            timestamp=at,
        )

    @property
    def latest_referential_version(self) -> str | None:
        """The referential under which the last bloc was acquired (its blocs make the title)."""
        versions = [a["referential_version"] for a in self.acquired.values()]
        return versions[-1] if versions else None

    def title_obtained(self, blocs: tuple[int, ...]) -> bool:
        """Every bloc of the title (the referential's `blocs`) acquired, in any session."""
        return bool(blocs) and all(b in self.acquired for b in blocs)
