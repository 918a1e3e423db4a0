"""Criterion scores: one assessment sheet per assessor per situation of a candidate.

A sheet is opened on the submitted evidence version (its sha256) and the referential version;
every score records both. A score names a criterion of the situation, a value on the session's
scale and a written rationale. A change is a new event naming the score it supersedes and the
reason. Sign-off freezes the sheet until the next change, which then needs a new sign-off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from portfolio.domain.ids import NAMESPACE
from portfolio.errors import (
    AlreadySignedOff,
    AssessmentIncomplete,
    CriterionOutsideBlocs,
    InvalidInput,
    MarkOutOfRange,
    NotSubmittedVersion,
    RationaleRequired,
    UnknownLevel,
)

ACQUIS, PARTIEL, NON_ACQUIS = "acquis", "partiellement acquis", "non acquis"
LEVELS = (ACQUIS, PARTIEL, NON_ACQUIS)


def normalise_value(scale: str, value: str | float) -> str:
    """The canonical text of a score on `scale` ("levels" or "mark20"), or a specific error."""
    if scale == "levels":
        level = " ".join(str(value).strip().lower().split())
        if level not in LEVELS:
            raise UnknownLevel(f"unknown level {value!r}; expected one of {LEVELS}")
        return level
    if scale != "mark20":
        raise InvalidInput(f"unknown result scale {scale!r}")
    try:
        mark = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise MarkOutOfRange(f"not a mark: {value!r}") from None
    if not mark.is_finite() or not 0 <= mark <= 20:
        raise MarkOutOfRange(f"a mark lies between 0 and 20, not {value!r}")
    return str(mark.quantize(Decimal("0.01")))


def discrepant(scale: str, values: list[str], threshold: float) -> bool:
    """Do the assessors disagree: different levels, or marks further apart than `threshold`?"""
    if len(set(values)) <= 1:
        return False
    if scale == "levels":
        return True
    marks = [Decimal(v) for v in values]
    return max(marks) - min(marks) > Decimal(str(threshold))


def agreed_value(scale: str, values: list[str]) -> str:
    """The value of non-discrepant scores: the common level, or the mean mark."""
    if scale == "levels":
        return values[0]
    mean = sum((Decimal(v) for v in values), Decimal(0)) / len(values)
    return str(mean.quantize(Decimal("0.01")))


def sheet_id(session_id: UUID, candidate_id: UUID, situation: str, assessor_id: UUID) -> UUID:
    key = f"sheet\x1f{session_id}\x1f{candidate_id}\x1f{situation}\x1f{assessor_id}"
    return uuid5(NAMESPACE, key)


@dataclass(frozen=True)
class Score:
    """One recorded score; `supersedes` names the score it replaced (None for the first)."""

    score_id: UUID
    criterion: str
    value: str
    rationale: str
    supersedes: UUID | None
    reason: str | None
    evidence_sha256: str | None
    referential_version: str
    assessor_id: UUID
    recorded_at: datetime


class AssessmentSheet(Aggregate):
    """An assessor's grid for one situation of one candidate."""

    class AssessmentOpened(Aggregate.Created):
        session_id: UUID
        candidate_id: UUID
        situation: str
        assessor_id: UUID
        bloc: int
        criteria: list[str]
        scale: str
        evidence_sha256: str | None
        evidence_version: int | None
        referential_version: str
        listing: str

    class CriterionScored(Aggregate.Event):
        score_id: UUID
        criterion: str
        value: str
        rationale: str
        supersedes: UUID | None
        reason: str | None
        evidence_sha256: str | None
        referential_version: str
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.history.append(
                Score(
                    self.score_id,
                    self.criterion,
                    self.value,
                    self.rationale,
                    self.supersedes,
                    self.reason,
                    self.evidence_sha256,
                    self.referential_version,
                    aggregate.assessor_id,
                    self.timestamp,
                )
            )
            aggregate.current[self.criterion] = aggregate.history[-1]
            aggregate.changed_since_sign_off = True

    class AssessmentSignedOff(Aggregate.Event):
        round: int
        score_ids: list[UUID]
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.sign_offs = self.round
            aggregate.changed_since_sign_off = False
            aggregate.signed_off_at = self.timestamp

    class NotesAttached(Aggregate.Event):
        sha256: str
        size: int
        media_type: str
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.notes.append(
                {"sha256": self.sha256, "size": self.size, "media_type": self.media_type}
            )

    def __init__(
        self,
        session_id: UUID,
        candidate_id: UUID,
        situation: str,
        assessor_id: UUID,
        bloc: int,
        criteria: list[str],
        scale: str,
        evidence_sha256: str | None,
        evidence_version: int | None,
        referential_version: str,
        listing: str,
    ) -> None:
        self.session_id, self.candidate_id = session_id, candidate_id
        self.situation, self.assessor_id, self.bloc = situation, assessor_id, bloc
        self.criteria, self.scale = list(criteria), scale
        self.evidence_sha256, self.evidence_version = evidence_sha256, evidence_version
        self.referential_version, self.listing = referential_version, listing
        self.history: list[Score] = []
        self.current: dict[str, Score] = {}
        self.sign_offs = 0
        self.changed_since_sign_off = False
        self.signed_off_at: datetime | None = None
        self.notes: list[dict[str, Any]] = []

    @classmethod
    def open(cls, *, at: datetime, **facts: Any) -> AssessmentSheet:
        """Open a sheet; `facts` are the AssessmentOpened fields."""
        key = sheet_id(
            facts["session_id"], facts["candidate_id"], facts["situation"], facts["assessor_id"]
        )
        return cls._create(cls.AssessmentOpened, id=key, timestamp=at, **facts)

    @property
    def signed_off(self) -> bool:
        return self.sign_offs > 0 and not self.changed_since_sign_off

    def score(
        self,
        criterion: str,
        value: str | float,
        rationale: str,
        evidence_sha256: str | None,
        reason: str | None,
        actor: str,
        at: datetime,
    ) -> Score:
        """Record (or change) one criterion's score; repeating the same score is a no-op."""
        criterion = self._check_criterion(criterion)
        value = normalise_value(self.scale, value)
        rationale = (rationale or "").strip()
        if not rationale:
            raise RationaleRequired(f"score of {criterion} needs a written rationale")
        if evidence_sha256 != self.evidence_sha256:
            raise NotSubmittedVersion(f"{self.situation} is assessed on its submitted version only")
        current = self.current.get(criterion)
        if current and (current.value, current.rationale) == (value, rationale):
            return current
        reason = (reason or "").strip() or None
        if current and not reason:
            raise RationaleRequired(f"changing the score of {criterion} needs a reason")
        number = sum(1 for s in self.history if s.criterion == criterion)
        self.trigger_event(
            self.CriterionScored,
            score_id=uuid5(self.id, f"{criterion}\x1f{number}"),
            criterion=criterion,
            value=value,
            rationale=rationale,
            supersedes=current.score_id if current else None,
            reason=reason,
            evidence_sha256=self.evidence_sha256,
            referential_version=self.referential_version,
            actor=actor,
            timestamp=at,
        )
        return self.current[criterion]

    def _check_criterion(self, criterion: str) -> str:
        code = criterion.strip().upper()
        if code not in self.criteria:
            raise CriterionOutsideBlocs(
                f"{criterion!r} is not a criterion of {self.situation} (expected {self.criteria})"
            )
        return code

    def sign_off(self, actor: str, at: datetime) -> int:
        """Sign the sheet; every criterion must be scored and something must have changed."""
        missing = [c for c in self.criteria if c not in self.current]
        if missing:
            raise AssessmentIncomplete(f"criteria not scored yet: {', '.join(missing)}")
        if self.signed_off:
            raise AlreadySignedOff(f"sheet already signed off (round {self.sign_offs})")
        ids_now = [self.current[c].score_id for c in self.criteria]
        self.trigger_event(
            self.AssessmentSignedOff,
            round=self.sign_offs + 1,
            score_ids=ids_now,
            actor=actor,
            timestamp=at,
        )
        return self.sign_offs

    def attach_notes(
        self, sha256: str, size: int, media_type: str, actor: str, at: datetime
    ) -> None:
        """Keep a reference to the assessor's own notes file (orals have no candidate document)."""
        if any(n["sha256"] == sha256 for n in self.notes):
            return
        self.trigger_event(
            self.NotesAttached,
            sha256=sha256,
            size=size,
            media_type=media_type,
            actor=actor,
            timestamp=at,
        )
