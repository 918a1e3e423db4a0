"""Assigning assessors to a candidate's evaluation situations (administrators)."""

# Annotations stay evaluated (no `from __future__ import annotations`): the request models
# are built inside `router()`, where FastAPI could not resolve them by name.

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import Accounts, Admin, Assignments, Overseer, Sessions
from portfolio.domain.account import Role
from portfolio.errors import InvalidInput
from portfolio.referential import Vocabulary


class AssignmentOut(BaseModel):
    assignment_id: UUID
    candidate_id: UUID
    assessor_id: UUID
    situation: str


def router(vocabulary: Vocabulary) -> APIRouter:
    """The assignments router; situation codes (and aliases) from `vocabulary`."""
    routes = APIRouter(prefix="/api/candidates/{candidate_id}/assessors", tags=["assignments"])
    pattern = vocabulary.situation_pattern
    example = vocabulary.situations[0]

    class AssignmentIn(BaseModel):
        assessor_id: UUID = Field(description="Account id of an assessor")
        situation: str = Field(pattern=pattern, examples=[example])

    @routes.post("", status_code=201, summary="Assign an assessor to one situation of a candidate")
    def assign(
        candidate_id: UUID,
        body: AssignmentIn,
        principal: Admin,
        accounts: Accounts,
        sessions: Sessions,
        assignments: Assignments,
    ) -> AssignmentOut:
        if accounts.account(body.assessor_id).role is not Role.ASSESSOR:
            raise InvalidInput("only an assessor account can be assigned")
        sessions.candidate(candidate_id)
        assignment_id = assignments.assign_assessor(
            candidate_id, body.situation, body.assessor_id, principal.actor
        )
        return AssignmentOut(
            assignment_id=assignment_id,
            candidate_id=candidate_id,
            assessor_id=body.assessor_id,
            situation=body.situation,
        )

    @routes.get("", summary="Active assessors of one situation of a candidate")
    def assessors(
        candidate_id: UUID,
        situation: Annotated[str, Query(pattern=pattern)],
        _: Overseer,
        sessions: Sessions,
        assignments: Assignments,
    ) -> list[UUID]:
        sessions.candidate(candidate_id)
        return assignments.assessors_of(candidate_id, situation)

    return routes
