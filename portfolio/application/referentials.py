"""Which referential applies: the one the session was opened under, for everything in it.

A session's referential version is fixed when it opens and never changes, so the answer is
kept per session id after the first look-up (no replay of the session for every grid, check
or PV of its candidates).
"""

from __future__ import annotations

from uuid import UUID

from portfolio.application.store import EventStore
from portfolio.domain.candidate import Candidate
from portfolio.domain.session import AssessmentSession
from portfolio.errors import CandidateNotFound, SessionNotFound
from portfolio.referential import Referential, Referentials


class SessionReferentials:
    """Session or candidate -> the referential its session is assessed under."""

    def __init__(self, store: EventStore, referentials: Referentials) -> None:
        self._store = store
        self.referentials = referentials
        self._versions: dict[UUID, str] = {}

    def of_session(self, session_id: UUID) -> Referential:
        version = self._versions.get(session_id)
        if version is None:
            session = self._store.get(session_id, AssessmentSession, SessionNotFound)
            version = self._versions.setdefault(session_id, session.referential_version)
        return self.referentials.get(version)

    def of_candidate(self, candidate_id: UUID) -> Referential:
        candidate = self._store.get(candidate_id, Candidate, CandidateNotFound)
        return self.of_session(candidate.session_id)
