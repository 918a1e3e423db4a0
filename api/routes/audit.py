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

from api.deps import Overseer, Portfolio
from api.schemas import ProductionOut
from portfolio.application.base import storage_errors
from portfolio.audit.history import history, state_as_of, verify_log

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
def candidate_history(candidate_id: UUID, _: Overseer, app: Portfolio) -> list[HistoryEntryOut]:
    app.candidate(candidate_id)
    return [HistoryEntryOut(**vars(entry)) for entry in history(app, candidate_id)]


@router.get(
    "/candidates/{candidate_id}/state",
    summary="A candidate's productions and the reads of them as they stood at a past moment",
)
def candidate_state(
    candidate_id: UUID,
    _: Overseer,
    app: Portfolio,
    as_of: Annotated[datetime, Query(description="ISO 8601 moment; without offset: UTC")],
) -> StateOut:
    app.candidate(candidate_id)
    when = as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC)
    with storage_errors():
        state = state_as_of(app, candidate_id, when)
    return StateOut(
        as_of=when,
        enrolled=state.candidate is not None,
        productions=[
            ProductionOut.model_validate(app.production_view(p))
            for _, p in sorted(state.productions.items())
        ],
        views=[ViewingOut(**vars(v)) for v in state.views],
    )


@router.get("/audit/verification", summary="Re-verify the whole event log (hash chain)")
def verification(_: Overseer, app: Portfolio) -> VerificationOut:
    result = verify_log(app)
    return VerificationOut(
        count=result.count,
        last_id=result.last_id,
        digest=result.digest,
        aggregates=result.aggregates,
    )


@router.get("/audit/events", summary="The event log in order, a page at a time (no payloads)")
def events(
    _: Overseer,
    app: Portfolio,
    after: Annotated[int, Query(ge=0, le=2**62, description="Last id already seen")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[LoggedEventOut]:
    with storage_errors():
        page = app.recorder.select_notifications(start=after + 1, limit=limit)
    return [
        LoggedEventOut(
            id=n.id,
            originator_id=n.originator_id,
            originator_version=n.originator_version,
            topic=n.topic,
        )
        for n in page
    ]
