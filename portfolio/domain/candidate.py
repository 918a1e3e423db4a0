"""The candidate: enrolled in a session by one route, identity sealed with their own key.

Events carry the identity only as ciphertext sealed with the candidate's vault key, so
destroying that key (erasure) leaves the log intact and the identity unreadable. The external
reference (the certifier's candidate number) stays clear: it is pseudonymous and it is what
retained procès-verbaux refer to.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from portfolio.domain import ids
from portfolio.errors import AlreadyErased, InvalidInput

ROUTES = ("formation", "VAE")

RETAINED_ON_ERASURE: tuple[dict[str, str], ...] = (
    {
        "data": "assessment grids, jury decisions and procès-verbaux",
        "ground": "RGPD art. 17(3)(b): legal obligation of the certifier to keep results",
    },
    {
        "data": "event log metadata (times, actors, file hashes and sizes, candidate number)",
        "ground": "RGPD art. 17(3)(e): establishment or defence of legal claims (appeals)",
    },
)


def check_route(route: str) -> str:
    """Return the canonical route name or refuse an unknown one."""
    for known in ROUTES:
        if route.strip().lower() == known.lower():
            return known
    raise InvalidInput(f"route must be one of {ROUTES}")


class Candidate(Aggregate):
    """A person sitting the title in one session."""

    class CandidateEnrolled(Aggregate.Created):
        session_id: UUID
        ref: str
        route: str
        sealed_identity: bytes
        actor: str

    class CandidateErased(Aggregate.Event):
        actor: str
        reason: str
        retained: list[dict[str, str]]

        def apply(self, aggregate: Any) -> None:
            aggregate.erased = True
            aggregate.sealed_identity = b""

    def __init__(
        self, session_id: UUID, ref: str, route: str, sealed_identity: bytes, actor: str
    ) -> None:
        self.session_id = session_id
        self.ref = ref
        self.route = route
        self.sealed_identity = sealed_identity
        self.enrolled_by = actor
        self.erased = False

    @classmethod
    def enrol(
        cls,
        *,
        session_id: UUID,
        ref: str,
        route: str,
        sealed_identity: bytes,
        actor: str,
        at: datetime,
    ) -> Candidate:
        """Enrol; the id follows from the session and the reference, so a retry has no twin."""
        if not ref.strip():
            raise InvalidInput("a candidate reference is required")
        return cls._create(
            cls.CandidateEnrolled,
            id=ids.candidate_id(session_id, ref),
            timestamp=at,
            session_id=session_id,
            ref=ref.strip(),
            route=check_route(route),
            sealed_identity=sealed_identity,
            actor=actor,
        )

    def ensure_not_erased(self) -> None:
        if self.erased:
            raise AlreadyErased(f"candidate {self.id} was erased")

    def erase(self, actor: str, reason: str, at: datetime) -> None:
        """Record an erasure request, what it removed and what stays under which ground."""
        self.ensure_not_erased()
        if not reason.strip():
            raise InvalidInput("an erasure needs a reason")
        self.trigger_event(
            self.CandidateErased,
            actor=actor,
            reason=reason.strip(),
            retained=[dict(item) for item in RETAINED_ON_ERASURE],
            timestamp=at,
        )
