"""Double marking: where signed-off assessors disagree, the moderator's agreed score, and the
final score of each criterion (what the jury's proposal is computed from)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from portfolio.application.assignments import Assignments, as_uuid
from portfolio.application.grids import Grids, situation_grid
from portfolio.application.ports import Clock
from portfolio.application.referentials import SessionReferentials
from portfolio.application.store import EventStore
from portfolio.domain.moderation import Moderation, discrepancies, final_scores, moderation_id
from portfolio.domain.session import AssessmentSession
from portfolio.errors import SessionNotFound


@dataclass(frozen=True)
class DiscrepancyView:
    situation: str
    criterion: str
    values: dict[UUID, str]
    agreed: str | None  # the moderator's agreed value, once recorded


class Moderations:
    """Discrepancies between markers, agreed scores, final scores."""

    def __init__(
        self,
        store: EventStore,
        clock: Clock,
        referentials: SessionReferentials,
        assignments: Assignments,
        grids: Grids,
    ) -> None:
        self._store, self._clock, self._referentials = store, clock, referentials
        self._assignments, self._grids = assignments, grids

    def _session(self, candidate: UUID) -> AssessmentSession:
        session_id = self._grids.session_of(candidate)
        return self._store.get(session_id, AssessmentSession, SessionNotFound)

    def _moderation(self, session_id: UUID, candidate: UUID, situation: str) -> Moderation | None:
        return self._store.get_or_none(moderation_id(session_id, candidate, situation), Moderation)

    def discrepancies(self, candidate_id: UUID | str, situation: str) -> list[DiscrepancyView]:
        """Criteria on which the signed-off assessors disagree, with any agreed score."""
        candidate = as_uuid(candidate_id)
        code = self._assignments.situation(candidate, situation)
        session = self._session(candidate)
        sheets = self._grids.scored(session.id, candidate, code)
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
        moderator, candidate = as_uuid(moderator_id), as_uuid(candidate_id)
        code = self._assignments.situation(candidate, situation)

        def command() -> None:
            session = self._session(candidate)
            sheets = self._grids.scored(session.id, candidate, code)
            found = discrepancies(sheets, session.result_scale, session.discrepancy_threshold)
            moderation = self._moderation(session.id, candidate, code) or Moderation.open(
                session.id, candidate, code, self._clock()
            )
            moderation.record(
                found,
                criterion,
                value,
                reasons,
                session.result_scale,
                str(moderator),
                self._clock(),
            )
            self._store.save(moderation)

        self._store.retrying(command)

    def final_scores(self, candidate_id: UUID | str, situation: str) -> dict[str, str | None]:
        """Criterion -> final value of a situation; None while not yet final."""
        candidate = as_uuid(candidate_id)
        code = self._assignments.situation(candidate, situation)
        return self.final_scores_in(self._session(candidate), candidate, code)

    def final_scores_in(
        self, session: AssessmentSession, candidate: UUID, situation: str
    ) -> dict[str, str | None]:
        """`final_scores` with the session already loaded and the situation canonical."""
        sheets = self._grids.sheets(session.id, candidate, situation)
        scored = [s for s in sheets if s is not None]
        if not sheets or len(scored) < len(sheets):
            referential = self._referentials.of_session(session.id)
            return dict.fromkeys(situation_grid(referential, situation)[1])
        moderation = self._moderation(session.id, candidate, situation)
        return final_scores(scored, moderation, session.result_scale, session.discrepancy_threshold)
