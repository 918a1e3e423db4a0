"""Double marking: discrepancies between signed-off sheets and the moderator's agreed scores.

When two assessors' signed-off scores for a criterion differ (levels) or lie further apart than
the session's threshold (marks), the criterion has no final score until a moderator records the
agreed one with reasons. Final scores feed the jury's proposal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from portfolio.domain.ids import NAMESPACE
from portfolio.domain.scoring import AssessmentSheet, agreed_value, discrepant, normalise_value
from portfolio.errors import NoDiscrepancy, RationaleRequired


@dataclass(frozen=True)
class Discrepancy:
    """A criterion on which signed-off assessors disagree: assessor id -> value."""

    situation: str
    criterion: str
    values: dict[UUID, str]


def moderation_id(session_id: UUID, candidate_id: UUID, situation: str) -> UUID:
    return uuid5(NAMESPACE, f"moderation\x1f{session_id}\x1f{candidate_id}\x1f{situation}")


def discrepancies(sheets: list[AssessmentSheet], scale: str, threshold: float) -> list[Discrepancy]:
    """Criteria where the signed-off sheets disagree (needs at least two signed sheets)."""
    signed = [s for s in sheets if s.signed_off]
    if len(signed) < 2:
        return []
    found = []
    for criterion in signed[0].criteria:
        values = {s.assessor_id: s.current[criterion].value for s in signed}
        if discrepant(scale, list(values.values()), threshold):
            found.append(Discrepancy(signed[0].situation, criterion, values))
    return found


class Moderation(Aggregate):
    """Agreed scores for one situation of one candidate, recorded by a moderator."""

    class ModerationOpened(Aggregate.Created):
        session_id: UUID
        candidate_id: UUID
        situation: str

    class AgreedScoreRecorded(Aggregate.Event):
        criterion: str
        value: str
        reasons: str
        considered: dict[str, str]
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.agreed[self.criterion] = {
                "value": self.value,
                "reasons": self.reasons,
                "moderator": self.actor,
                "considered": dict(self.considered),
            }

    def __init__(self, session_id: UUID, candidate_id: UUID, situation: str) -> None:
        self.session_id = session_id
        self.candidate_id = candidate_id
        self.situation = situation
        self.agreed: dict[str, dict[str, Any]] = {}

    @classmethod
    def open(cls, session_id: UUID, candidate_id: UUID, situation: str, at: datetime) -> Moderation:
        return cls._create(
            cls.ModerationOpened,
            id=moderation_id(session_id, candidate_id, situation),
            timestamp=at,
            session_id=session_id,
            candidate_id=candidate_id,
            situation=situation,
        )

    def record(
        self,
        found: list[Discrepancy],
        criterion: str,
        value: str | float,
        reasons: str,
        scale: str,
        actor: str,
        at: datetime,
    ) -> None:
        """Record the agreed score of a discrepant criterion; the same record twice is a no-op."""
        criterion = criterion.strip().upper()
        match = next((d for d in found if d.criterion == criterion), None)
        if match is None:
            raise NoDiscrepancy(f"no discrepancy to moderate on {criterion} of {self.situation}")
        agreed, reasons = normalise_value(scale, value), (reasons or "").strip()
        if not reasons:
            raise RationaleRequired("an agreed score needs the moderator's reasons")
        known = self.agreed.get(criterion)
        if known and (known["value"], known["reasons"]) == (agreed, reasons):
            return
        self.trigger_event(
            self.AgreedScoreRecorded,
            criterion=criterion,
            value=agreed,
            reasons=reasons,
            considered={str(k): v for k, v in match.values.items()},
            actor=actor,
            timestamp=at,
        )


def final_scores(
    sheets: list[AssessmentSheet], moderation: Moderation | None, scale: str, threshold: float
) -> dict[str, str | None]:
    """Criterion -> final value, None while unsigned or discrepant and not moderated."""
    signed = [s for s in sheets if s.signed_off]
    criteria = sheets[0].criteria if sheets else []
    result: dict[str, str | None] = {}
    for criterion in criteria:
        agreed = moderation.agreed.get(criterion) if moderation else None
        values = [s.current[criterion].value for s in signed]
        if agreed:
            result[criterion] = agreed["value"]
        elif not values or len(signed) < len(sheets) or discrepant(scale, values, threshold):
            result[criterion] = None
        else:
            result[criterion] = agreed_value(scale, values)
    return result
