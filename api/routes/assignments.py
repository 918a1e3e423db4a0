"""Assigning assessors to a candidate's evaluation situations (administrators)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import Admin, Overseer, Portfolio
from api.schemas import SITUATION_PATTERN
from portfolio.domain.account import Role
from portfolio.errors import InvalidInput

router = APIRouter(prefix="/api/candidates/{candidate_id}/assessors", tags=["assignments"])


class AssignmentIn(BaseModel):
    assessor_id: UUID = Field(description="Account id of an assessor")
    situation: str = Field(pattern=SITUATION_PATTERN, examples=["E1"])


class AssignmentOut(BaseModel):
    assignment_id: UUID
    candidate_id: UUID
    assessor_id: UUID
    situation: str


@router.post("", status_code=201, summary="Assign an assessor to one situation of a candidate")
def assign(
    candidate_id: UUID, body: AssignmentIn, principal: Admin, app: Portfolio
) -> AssignmentOut:
    if app.account(body.assessor_id).role is not Role.ASSESSOR:
        raise InvalidInput("only an assessor account can be assigned")
    app.candidate(candidate_id)
    assignment_id = app.assign_assessor(
        candidate_id, body.situation, body.assessor_id, principal.actor
    )
    return AssignmentOut(
        assignment_id=assignment_id,
        candidate_id=candidate_id,
        assessor_id=body.assessor_id,
        situation=body.situation,
    )


@router.get("", summary="Active assessors of one situation of a candidate")
def assessors(
    candidate_id: UUID,
    situation: Annotated[str, Query(pattern=SITUATION_PATTERN)],
    _: Overseer,
    app: Portfolio,
) -> list[UUID]:
    app.candidate(candidate_id)
    return app.assessors_of(candidate_id, situation)
