"""Reading a portfolio: productions, versions, downloads and check reports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import StreamingResponse

from api.deps import Portfolio, ReadableCandidate
from api.files import content_disposition
from api.schemas import CheckOut, ProductionOut
from portfolio.errors import ProductionNotFound

router = APIRouter(prefix="/api/candidates/{candidate_id}/productions", tags=["productions"])
Code = Annotated[str, Path(pattern="^[Ee][123]$", description="Production code E1, E2 or E3")]
DOWNLOAD_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/octet-stream",
)
Version = Annotated[int, Path(ge=1, le=1_000_000)]


@router.get("", summary="The candidate's productions with their versions and reports")
def list_productions(scope: ReadableCandidate, app: Portfolio) -> list[ProductionOut]:
    return [ProductionOut.model_validate(p) for p in app.productions(scope.candidate_id)]


@router.get("/{code}", summary="One production: versions, submission, extraction, checks")
def get_production(code: Code, scope: ReadableCandidate, app: Portfolio) -> ProductionOut:
    return ProductionOut.model_validate(app.production(scope.candidate_id, code))


@router.get("/{code}/reports", summary="The production's check reports, oldest first")
def get_reports(code: Code, scope: ReadableCandidate, app: Portfolio) -> list[CheckOut]:
    production = app.production(scope.candidate_id, code)
    return [CheckOut.model_validate(check) for check in production.checks]


@router.get(
    "/{code}/versions/{version}/content",
    summary="Download one version (the read is recorded in the history)",
    response_class=StreamingResponse,
    responses={200: {"content": {media: {} for media in DOWNLOAD_TYPES}}},
)
def download(code: Code, version: Version, scope: ReadableCandidate, app: Portfolio):
    production = app.production(scope.candidate_id, code)
    info = next((v for v in production.versions if v.version == version), None)
    if info is None:
        raise ProductionNotFound(f"no version {version} of {code.upper()}")
    chunks = app.read_version(scope.candidate_id, code, version, scope.principal.actor)
    headers = {
        "Content-Disposition": content_disposition(info.filename),
        "X-Content-Type-Options": "nosniff",
    }
    return StreamingResponse(chunks, media_type=info.media_type, headers=headers)
