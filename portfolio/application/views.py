"""What queries and commands hand back: small frozen values, never aggregates.

Edges (API, CLI, pages) render these; they cannot mutate the domain through them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from portfolio.domain.production import Version

ERASED = "[effacé]"


@dataclass(frozen=True)
class SessionView:
    id: UUID
    listing: str
    referential_version: str
    label: str
    result_scale: str
    pass_mark: float
    compensation: str
    discrepancy_threshold: float
    deadlines: dict[str, datetime]
    candidate_ids: tuple[UUID, ...]
    opened_at: datetime


@dataclass(frozen=True)
class CandidateView:
    id: UUID
    session_id: UUID
    ref: str
    route: str
    name: str  # ERASED after erasure
    email: str  # ERASED after erasure
    erased: bool
    enrolled_at: datetime


@dataclass(frozen=True)
class VersionInfo:
    """One uploaded version as seen from outside (returned by upload and submit)."""

    candidate_id: UUID
    code: str
    version: int
    sha256: str
    size: int
    media_type: str
    filename: str  # ERASED after erasure
    uploaded_by: str
    uploaded_at: datetime
    submitted: bool = False

    @classmethod
    def of(
        cls, candidate_id: UUID, code: str, version: Version, filename: str, submitted: bool
    ) -> VersionInfo:
        """The outside view of a recorded version, with its file name already opened."""
        return cls(
            candidate_id=candidate_id,
            code=code,
            version=version.number,
            sha256=version.sha256,
            size=version.size,
            media_type=version.media_type,
            filename=filename,
            uploaded_by=version.uploaded_by,
            uploaded_at=version.uploaded_at,
            submitted=submitted,
        )


@dataclass(frozen=True)
class ExtractionView:
    version: int
    pipeline_version: str
    outcome: str  # "completed" or "rejected"
    summary: dict[str, Any] = field(default_factory=dict)
    category: str = ""
    message: str = ""
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class CheckView:
    version: int
    pipeline_version: str
    referential_version: str
    report: dict[str, Any]
    recorded_at: datetime


@dataclass(frozen=True)
class ProductionView:
    candidate_id: UUID
    session_id: UUID
    code: str
    versions: tuple[VersionInfo, ...]
    submitted_version: int | None
    submitted_at: datetime | None
    extractions: tuple[ExtractionView, ...]
    checks: tuple[CheckView, ...]

    @property
    def latest(self) -> VersionInfo | None:
        return self.versions[-1] if self.versions else None
