"""Response bodies (request bodies live beside the route that reads them).

Built from the application's frozen views with `from_attributes`, so a route never hands an
aggregate or a hash of a secret to the outside.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class AccountOut(Out):
    id: UUID
    login: str
    display_name: str
    role: str
    candidate_id: UUID | None
    active: bool
    disabled: bool


class SessionOut(Out):
    id: UUID
    listing: str
    referential_version: str
    label: str
    result_scale: str
    pass_mark: float
    compensation: str
    discrepancy_threshold: float
    deadlines: dict[str, datetime]
    candidate_ids: list[UUID]
    opened_at: datetime


class CandidateOut(Out):
    id: UUID
    session_id: UUID
    ref: str
    route: str
    name: str
    email: str
    erased: bool
    enrolled_at: datetime


class VersionOut(Out):
    candidate_id: UUID
    code: str
    version: int
    sha256: str
    size: int
    media_type: str
    filename: str
    uploaded_by: str
    uploaded_at: datetime
    submitted: bool


class ExtractionOut(Out):
    version: int
    pipeline_version: str
    outcome: str
    summary: dict[str, Any]
    category: str
    message: str
    recorded_at: datetime | None


class CheckOut(Out):
    version: int
    pipeline_version: str
    referential_version: str
    report: dict[str, Any]
    recorded_at: datetime


class ProductionOut(Out):
    candidate_id: UUID
    session_id: UUID
    code: str
    versions: list[VersionOut]
    submitted_version: int | None
    submitted_at: datetime | None
    extractions: list[ExtractionOut]
    checks: list[CheckOut]
