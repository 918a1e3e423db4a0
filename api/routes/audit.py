"""The event history of a candidate and the verification of the whole log (read-only)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import Overseer, Portfolio
from portfolio.audit.history import history, verify_log

router = APIRouter(prefix="/api", tags=["audit"])


class HistoryEntryOut(BaseModel):
    at: datetime
    actor: str
    event_type: str
    aggregate: str
    version: int
    description: str


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
