"""Assessment sessions (administrators open them; auditors read them)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import Admin, Overseer, Portfolio
from api.schemas import SessionOut

router = APIRouter(prefix="/api/sessions", tags=["sessions"])


class SessionIn(BaseModel):
    listing: str = Field(min_length=1, max_length=50, examples=["RNCP38789"])
    referential_version: str = Field(min_length=1, max_length=50, examples=["2024-06"])
    label: str = Field(min_length=1, max_length=200, examples=["Session juin 2026"])
    deadlines: dict[Literal["E1", "E2", "E3"], datetime] = Field(default_factory=dict)
    result_scale: Literal["mark20", "levels"] = "mark20"
    pass_mark: float = Field(10.0, ge=0, le=20)
    compensation: Literal["none", "within_bloc"] = "none"
    discrepancy_threshold: float = Field(3.0, gt=0, le=20)


@router.post("", status_code=201, summary="Open an assessment session")
def open_session(body: SessionIn, principal: Admin, app: Portfolio) -> SessionOut:
    rules = body.model_dump(exclude={"listing", "referential_version", "label", "deadlines"})
    session_id = app.open_session(
        body.listing,
        body.referential_version,
        body.label,
        principal.actor,
        deadlines=dict(body.deadlines),
        **rules,
    )
    return SessionOut.model_validate(app.session(session_id))


@router.get("/{session_id}", summary="One session")
def get_session(session_id: UUID, _: Overseer, app: Portfolio) -> SessionOut:
    return SessionOut.model_validate(app.session(session_id))
