"""The assessment session: one sitting of the title under one RNCP listing and referential.

The session carries the rules that vary between certifiers (DOMAIN.md): result scale and pass
mark, compensation inside a bloc, the double-marking discrepancy threshold, and the upload
deadline of each production. Every decision taken in it can then cite those rules.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from portfolio.domain import ids
from portfolio.domain.production import canonical_code
from portfolio.errors import InvalidInput

RESULT_SCALES = ("mark20", "levels")
COMPENSATION_RULES = ("none", "within_bloc")


def _require_aware(when: datetime) -> datetime:
    if when.tzinfo is None or when.utcoffset() is None:
        raise InvalidInput("deadlines must carry a time zone")
    return when


def validate_rules(
    result_scale: str, pass_mark: float, compensation: str, discrepancy_threshold: float
) -> None:
    """Refuse settings the rest of the product could not apply."""
    if result_scale not in RESULT_SCALES:
        raise InvalidInput(f"result scale must be one of {RESULT_SCALES}")
    if not 0 <= pass_mark <= 20:
        raise InvalidInput("pass mark must lie between 0 and 20")
    if compensation not in COMPENSATION_RULES:
        raise InvalidInput(f"compensation must be one of {COMPENSATION_RULES}")
    if not 0 < discrepancy_threshold <= 20:
        raise InvalidInput("discrepancy threshold must lie in ]0, 20]")


class AssessmentSession(Aggregate):
    """A session: its rules, its upload deadlines and the roster of enrolled candidates."""

    class SessionOpened(Aggregate.Created):
        listing: str
        referential_version: str
        label: str
        result_scale: str
        pass_mark: float
        compensation: str
        discrepancy_threshold: float
        actor: str

    class DeadlineSet(Aggregate.Event):
        code: str
        deadline: datetime
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.deadlines[self.code] = self.deadline

    class CandidateRegistered(Aggregate.Event):
        candidate_id: UUID
        ref: str
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.candidate_ids.append(self.candidate_id)

    def __init__(
        self,
        listing: str,
        referential_version: str,
        label: str,
        result_scale: str,
        pass_mark: float,
        compensation: str,
        discrepancy_threshold: float,
        actor: str,
    ) -> None:
        self.listing = listing
        self.referential_version = referential_version
        self.label = label
        self.result_scale = result_scale
        self.pass_mark = pass_mark
        self.compensation = compensation
        self.discrepancy_threshold = discrepancy_threshold
        self.opened_by = actor
        self.deadlines: dict[str, datetime] = {}
        self.candidate_ids: list[UUID] = []

    @classmethod
    def open(
        cls,
        *,
        listing: str,
        referential_version: str,
        label: str,
        actor: str,
        at: datetime,
        result_scale: str = "mark20",
        pass_mark: float = 10.0,
        compensation: str = "none",
        discrepancy_threshold: float = 3.0,
    ) -> AssessmentSession:
        """Open a session; its id follows from the listing and the label."""
        if not listing.strip() or not label.strip() or not referential_version.strip():
            raise InvalidInput("listing, referential version and label are required")
        validate_rules(result_scale, pass_mark, compensation, discrepancy_threshold)
        return cls._create(
            cls.SessionOpened,
            id=ids.session_id(listing, label),
            timestamp=at,
            listing=listing.strip(),
            referential_version=referential_version.strip(),
            label=label.strip(),
            result_scale=result_scale,
            pass_mark=float(pass_mark),
            compensation=compensation,
            discrepancy_threshold=float(discrepancy_threshold),
            actor=actor,
        )

    def set_deadline(self, code: str, deadline: datetime, actor: str, at: datetime) -> None:
        """Fix (or move) the last moment evidence for `code` may be uploaded."""
        code = canonical_code(code)
        self.trigger_event(
            self.DeadlineSet,
            code=code,
            deadline=_require_aware(deadline),
            actor=actor,
            timestamp=at,
        )

    def register(self, candidate_id: UUID, ref: str, actor: str, at: datetime) -> None:
        """Put a newly enrolled candidate on the roster (once)."""
        if candidate_id in self.candidate_ids:
            return
        self.trigger_event(
            self.CandidateRegistered, candidate_id=candidate_id, ref=ref, actor=actor, timestamp=at
        )

    def deadline_for(self, code: str) -> datetime | None:
        return self.deadlines.get(canonical_code(code))

    def accepts_upload(self, code: str, now: datetime) -> bool:
        """True while no deadline is set for `code` or it has not passed yet."""
        deadline = self.deadline_for(code)
        return deadline is None or now <= deadline
