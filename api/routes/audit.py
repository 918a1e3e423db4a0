"""The event history of a candidate, their state as of a date, and the log's verification.

All read-only, for administrators and auditors: what the record said at any moment (versions,
submission, check reports) and who had read which version by then.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import Audit, Overseer, Sessions
from api.schemas import ProductionOut

router = APIRouter(prefix="/api", tags=["audit"])


class HistoryEntryOut(BaseModel):
    at: datetime
    actor: str
    event_type: str
    aggregate: str
    version: int
    description: str


class ViewingOut(BaseModel):
    """One read of a version: who saw which version of which production, and when."""

    at: datetime
    viewer: str
    code: str
    version: int


class StateOut(BaseModel):
    as_of: datetime
    enrolled: bool = Field(description="Whether the candidate was enrolled by then")
    productions: list[ProductionOut]
    views: list[ViewingOut]


class LoggedEventOut(BaseModel):
    """One entry of the event log: position, aggregate, version and type (no payload)."""

    id: int
    originator_id: UUID
    originator_version: int
    topic: str


class VerificationOut(BaseModel):
    count: int
    last_id: int
    digest: str
    aggregates: int


@router.get("/candidates/{candidate_id}/history", summary="Every event about a candidate")
def candidate_history(
    candidate_id: UUID, _: Overseer, sessions: Sessions, audit: Audit
) -> list[HistoryEntryOut]:
    sessions.candidate(candidate_id)
    return [HistoryEntryOut(**vars(entry)) for entry in audit.history(candidate_id)]


@router.get(
    "/candidates/{candidate_id}/state",
    summary="A candidate's productions and the reads of them as they stood at a past moment",
)
def candidate_state(
    candidate_id: UUID,
    _: Overseer,
    sessions: Sessions,
    audit: Audit,
    as_of: Annotated[datetime, Query(description="ISO 8601 moment; without offset: UTC")],
) -> StateOut:
    sessions.candidate(candidate_id)
    when = as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC)
    state = audit.state_as_of(candidate_id, when)
    return StateOut(
        as_of=when,
        enrolled=state.enrolled,
        productions=[ProductionOut.model_validate(p) for p in state.productions.values()],
        views=[ViewingOut(**vars(v)) for v in state.views],
    )


@router.get("/audit/verification", summary="Re-verify the whole event log (hash chain)")
def verification(_: Overseer, audit: Audit) -> VerificationOut:
    result = audit.verify()
    return VerificationOut(
        count=result.count,
        last_id=result.last_id,
        digest=result.digest,
        aggregates=result.aggregates,
    )


@router.get("/audit/events", summary="The event log in order, a page at a time (no payloads)")
def events(
    _: Overseer,
    audit: Audit,
    after: Annotated[int, Query(ge=0, le=2**62, description="Last id already seen")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[LoggedEventOut]:
    return [LoggedEventOut(**vars(event)) for event in audit.events(after, limit)]
