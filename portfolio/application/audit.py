"""What auditors read: a candidate's history, their state as of a moment, the log and its check.

Everything here is read-only and replays the one event log; results are small views.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from portfolio.application.evidence import ProductionView, production_view
from portfolio.application.ports import SubjectVault
from portfolio.application.referentials import SessionReferentials
from portfolio.application.store import EventStore
from portfolio.audit import history
from portfolio.audit.history import HistoryEntry, Viewing
from portfolio.audit.verification import Anchor, LogVerification, verify_log


@dataclass(frozen=True)
class StateView:
    """A candidate's productions, and who had read which version, as they stood at `as_of`."""

    as_of: datetime
    enrolled: bool  # whether the candidate was enrolled by then
    productions: dict[str, ProductionView]
    views: tuple[Viewing, ...]


@dataclass(frozen=True)
class LoggedEvent:
    """One entry of the event log: position, aggregate, version and type (no payload)."""

    id: int
    originator_id: UUID
    originator_version: int
    topic: str


class Audit:
    """Replays of the event log for administrators and auditors."""

    def __init__(
        self, store: EventStore, vault: SubjectVault, referentials: SessionReferentials
    ) -> None:
        self._store, self._vault, self._referentials = store, vault, referentials

    def _codes(self, candidate_id: UUID) -> tuple[str, ...]:
        return self._referentials.of_candidate(candidate_id).productions

    def history(self, candidate_id: UUID) -> list[HistoryEntry]:
        """Every event of the candidate and their productions, oldest first."""
        return history.history(self._store, candidate_id, self._codes(candidate_id))

    def state_as_of(self, candidate_id: UUID, when: datetime) -> StateView:
        """The candidate's productions and their reads as of `when`, rebuilt from the log."""
        state = history.state_as_of(self._store, candidate_id, self._codes(candidate_id), when)
        return StateView(
            as_of=when,
            enrolled=state.candidate is not None,
            productions={
                code: production_view(p, self._vault)
                for code, p in sorted(state.productions.items())
            },
            views=state.views,
        )

    def events(self, after: int, limit: int) -> list[LoggedEvent]:
        """The log in order, `limit` entries after position `after`."""
        page = self._store.notifications(start=after + 1, limit=limit)
        return [
            LoggedEvent(n.id, UUID(str(n.originator_id)), n.originator_version, n.topic)
            for n in page
        ]

    def verify(self, anchor: Anchor | None = None) -> LogVerification:
        """Replay the whole log: no gaps, contiguous versions, one digest (LogIntegrityError)."""
        return verify_log(self._store, anchor)
