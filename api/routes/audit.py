"""The event history of a candidate and the verification of the whole log (read-only)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import Overseer, Portfolio
from portfolio.application.base import storage_errors
from portfolio.audit.history import history, verify_log

router = APIRouter(prefix="/api", tags=["audit"])


class HistoryEntryOut(BaseModel):
    at: datetime
    actor: str
    event_type: str
    aggregate: str
    version: int
    description: str


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
