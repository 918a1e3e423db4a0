"""Sessions and their candidates: open a session under a referential version, enrol, erase.

Each command loads, makes one aggregate decision, saves, returns an id. Identities are sealed
with the candidate's own vault key and opened at read time; once a candidate is erased they
read "[effacé]" while every non-personal fact stays visible.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from portfolio.application.ports import Clock, SubjectVault
from portfolio.application.referentials import SessionReferentials
from portfolio.application.store import EventStore
from portfolio.domain import ids
from portfolio.domain.candidate import Candidate
from portfolio.domain.session import AssessmentSession
from portfolio.errors import (
    AlreadyExists,
    CandidateNotFound,
    InvalidInput,
    SessionNotFound,
    SubjectErased,
)

ERASED = "[effacé]"


@dataclass(frozen=True)
class SessionView:
    id: UUID
    listing: str
    referential_version: str
    label: str
    result_scale: str
    pass_mark: float
    compensation: str
    discrepancy_threshold: float
    deadlines: dict[str, datetime]
    candidate_ids: tuple[UUID, ...]
    opened_at: datetime


@dataclass(frozen=True)
class CandidateView:
    id: UUID
    session_id: UUID
    ref: str
    route: str
    name: str  # ERASED after erasure
    email: str  # ERASED after erasure
    erased: bool
    enrolled_at: datetime


def seal_identity(vault: SubjectVault, subject: str, name: str, email: str) -> bytes:
    """Seal a candidate's identity with their own key (events never hold it in clear)."""
    if not name.strip():
        raise InvalidInput("a candidate name is required")
    if email.count("@") != 1 or email.strip() != email or "." not in email.split("@")[1]:
        raise InvalidInput(f"not an e-mail address: {email!r}")
    payload = json.dumps({"name": name.strip(), "email": email}).encode()
    return vault.seal(subject, payload)


def open_text(vault: SubjectVault, subject: str, sealed: bytes) -> str | None:
    """Sealed personal text in clear, or None once the subject is erased."""
    if not sealed:
        return None
    try:
        return vault.open(subject, sealed).decode()
    except SubjectErased:
        return None


class Sessions:
    """Assessment sessions, enrolment and erasure of candidates."""

    def __init__(
        self,
        store: EventStore,
        vault: SubjectVault,
        clock: Clock,
        referentials: SessionReferentials,
    ) -> None:
        self._store, self._vault, self._clock = store, vault, clock
        self._referentials = referentials

    def _session(self, session_id: UUID) -> AssessmentSession:
        return self._store.get(session_id, AssessmentSession, SessionNotFound)

    def _candidate(self, candidate_id: UUID) -> Candidate:
        return self._store.get(candidate_id, Candidate, CandidateNotFound)

    # -- sessions --------------------------------------------------------------------------
    def open_session(
        self,
        listing: str,
        referential_version: str,
        label: str,
        actor: str,
        deadlines: dict[str, datetime] | None = None,
        *,
        result_scale: str = "mark20",
        pass_mark: float = 10.0,
        compensation: str = "none",
        discrepancy_threshold: float = 3.0,
    ) -> UUID:
        """Open a session under a referential version the system holds (else
        UnknownReferentialVersion, listing the valid ones)."""
        now = self._clock()
        session = AssessmentSession.open(
            listing=listing,
            referential_version=referential_version,
            label=label,
            actor=actor,
            at=now,
            result_scale=result_scale,
            pass_mark=pass_mark,
            compensation=compensation,
            discrepancy_threshold=discrepancy_threshold,
        )
        referential = self._referentials.referentials.get(session.referential_version)
        for code, deadline in (deadlines or {}).items():
            session.set_deadline(referential.production_code(code), deadline, actor, now)
        self._store.create("session", session)
        return session.id

    def set_deadline(self, session_id: UUID, code: str, deadline: datetime, actor: str) -> None:
        """Fix or move the upload deadline of one production code."""
        canonical = self._referentials.of_session(session_id).production_code(code)
        self._store.changing(
            lambda: self._session(session_id),
            lambda session: session.set_deadline(canonical, deadline, actor, self._clock()),
        )

    def session(self, session_id: UUID) -> SessionView:
        s = self._session(session_id)
        return SessionView(
            id=s.id,
            listing=s.listing,
            referential_version=s.referential_version,
            label=s.label,
            result_scale=s.result_scale,
            pass_mark=s.pass_mark,
            compensation=s.compensation,
            discrepancy_threshold=s.discrepancy_threshold,
            deadlines=dict(s.deadlines),
            candidate_ids=tuple(s.candidate_ids),
            opened_at=s.created_on,
        )

    # -- candidates ------------------------------------------------------------------------
    def add_candidate(
        self, session_id: UUID, ref: str, name: str, email: str, route: str, actor: str
    ) -> UUID:
        """Enrol a candidate; the same reference twice in a session raises AlreadyExists."""

        def command() -> UUID:
            session = self._session(session_id)
            key = ids.candidate_id(session_id, ref)
            if self._store.exists(key):  # before sealing: an erased candidate's key is gone
                raise AlreadyExists("candidate", key)
            candidate = Candidate.enrol(
                session_id=session_id,
                ref=ref,
                route=route,
                actor=actor,
                at=self._clock(),
                sealed_identity=seal_identity(self._vault, str(key), name, email),
            )
            session.register(candidate.id, candidate.ref, actor, self._clock())
            self._store.create("candidate", candidate, session)
            return candidate.id

        return self._store.retrying(command)

    def candidate(self, candidate_id: UUID) -> CandidateView:
        c = self._candidate(candidate_id)
        opened = open_text(self._vault, str(c.id), c.sealed_identity)
        identity = json.loads(opened) if opened else {"name": ERASED, "email": ERASED}
        return CandidateView(
            id=c.id,
            session_id=c.session_id,
            ref=c.ref,
            route=c.route,
            name=identity["name"],
            email=identity["email"],
            erased=opened is None,
            enrolled_at=c.created_on,
        )

    def list_candidates(self, session_id: UUID) -> list[CandidateView]:
        """The session's candidates in enrolment order."""
        return [self.candidate(cid) for cid in self._session(session_id).candidate_ids]

    def erase_candidate(self, candidate_id: UUID, actor: str, reason: str) -> None:
        """RGPD erasure: destroy the candidate's key, then record what went and what stays.

        The key goes first: if the process dies before the event is saved, a retry completes
        the record; the reverse order could record an erasure that never happened.
        """
        candidate = self._candidate(candidate_id)
        candidate.ensure_not_erased()
        if not reason.strip():
            raise InvalidInput("an erasure needs a reason")
        self._vault.destroy(str(candidate.id))
        self._store.changing(
            lambda: self._candidate(candidate_id),
            lambda fresh: fresh.erase(actor, reason, self._clock()),
        )
