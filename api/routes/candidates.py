"""Enrolments (administrators) and reading one candidate (whoever may read them)."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import Admin, Overseer, ReadableCandidate, Sessions
from api.schemas import CandidateOut

router = APIRouter(prefix="/api", tags=["candidates"])


class EnrolmentIn(BaseModel):
    ref: str = Field(min_length=1, max_length=64, description="The certifier's candidate number")
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(min_length=3, max_length=254)
    route: Literal["formation", "VAE"] = "formation"


@router.get("/sessions/{session_id}/candidates", summary="A session's candidates")
def list_candidates(session_id: UUID, _: Overseer, sessions: Sessions) -> list[CandidateOut]:
    return [CandidateOut.model_validate(c) for c in sessions.list_candidates(session_id)]


@router.post(
    "/sessions/{session_id}/candidates", status_code=201, summary="Enrol a candidate in a session"
)
def enrol(
    session_id: UUID, body: EnrolmentIn, principal: Admin, sessions: Sessions
) -> CandidateOut:
    candidate_id = sessions.add_candidate(
        session_id, body.ref, body.name, body.email, body.route, principal.actor
    )
    return CandidateOut.model_validate(sessions.candidate(candidate_id))


@router.get("/candidates/{candidate_id}", summary="One candidate")
def get_candidate(scope: ReadableCandidate, sessions: Sessions) -> CandidateOut:
    return CandidateOut.model_validate(sessions.candidate(scope.candidate_id))
