"""Assessment sessions (administrators open them; auditors read them)."""

# Annotations stay evaluated (no `from __future__ import annotations`): the request models
# are built inside `router()`, where FastAPI could not resolve them by name.

from datetime import datetime
from typing import Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import Admin, Overseer, Sessions
from api.schemas import SessionOut
from portfolio.referential import Vocabulary


def router(vocabulary: Vocabulary) -> APIRouter:
    """The sessions router; referential versions and production codes from `vocabulary`."""
    routes = APIRouter(prefix="/api/sessions", tags=["sessions"])
    production = f"Production code ({Vocabulary.listing(vocabulary.productions)})"
    Code = Literal[vocabulary.productions]  # type: ignore[name-defined]  # an enum in OpenAPI

    class SessionIn(BaseModel):
        listing: str = Field(min_length=1, max_length=50, examples=["RNCP38789"])
        referential_version: str = Field(
            min_length=1,
            max_length=50,
            examples=list(vocabulary.versions),
            description=f"One of {Vocabulary.listing(vocabulary.versions)}",
        )
        label: str = Field(min_length=1, max_length=200, examples=["Session juin 2026"])
        deadlines: dict[Code, datetime] = Field(
            default_factory=dict, description=f"{production} -> last upload moment"
        )
        result_scale: Literal["mark20", "levels"] = "mark20"
        pass_mark: float = Field(10.0, ge=0, le=20)
        compensation: Literal["none", "within_bloc"] = "none"
        discrepancy_threshold: float = Field(3.0, gt=0, le=20)

    @routes.post("", status_code=201, summary="Open an assessment session")
    def open_session(body: SessionIn, principal: Admin, sessions: Sessions) -> SessionOut:
        session_id = sessions.open_session(
            body.listing,
            body.referential_version,
            body.label,
            principal.actor,
            deadlines=dict(body.deadlines),
            result_scale=body.result_scale,
            pass_mark=body.pass_mark,
            compensation=body.compensation,
            discrepancy_threshold=body.discrepancy_threshold,
        )
        return SessionOut.model_validate(sessions.session(session_id))

    @routes.get("/{session_id}", summary="One session")
    def get_session(session_id: UUID, _: Overseer, sessions: Sessions) -> SessionOut:
        return SessionOut.model_validate(sessions.session(session_id))

    return routes
