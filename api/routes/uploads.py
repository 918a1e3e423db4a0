"""A candidate's own writes: upload a new version (streamed multipart) and submit one."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, File, Path, UploadFile
from pydantic import BaseModel, Field

from api.deps import OwnCandidate, Portfolio
from api.files import safe_filename, sniff_stream
from api.schemas import VersionOut
from portfolio.application.app import PortfolioApp
from portfolio.application.views import VersionInfo

router = APIRouter(prefix="/api/candidates/{candidate_id}/productions", tags=["uploads"])
Code = Annotated[str, Path(pattern="^[Ee][123]$", description="Production code E1, E2 or E3")]


class SubmissionIn(BaseModel):
    version: int | None = Field(None, ge=1, description="Default: the latest version")


def store_upload(
    app: PortfolioApp, candidate_id: UUID, code: str, file: UploadFile, actor: str
) -> VersionInfo:
    """Sniff the upload (DocumentRejected if it is not a document), then store it as the next
    version (shared by the API and the candidate's pages)."""
    filename = safe_filename(file.filename)
    sniff_stream(file.file, filename, app.max_upload_bytes)
    media_type = file.content_type or ""
    return app.upload(candidate_id, code, file.file, filename, media_type, actor)


@router.post(
    "/{code}/versions",
    status_code=201,
    summary="Upload a new version of a production (DOCX, PDF or XLSX)",
    responses={413: {"description": "Too large"}, 415: {"description": "Not DOCX/PDF/XLSX"}},
)
def upload(
    code: Code,
    file: Annotated[UploadFile, File(description="The document")],
    scope: OwnCandidate,
    app: Portfolio,
) -> VersionOut:
    info = store_upload(app, scope.candidate_id, code, file, scope.principal.actor)
    return VersionOut.model_validate(info)


@router.post("/{code}/submission", summary="Submit one version for assessment (once)")
def submit(code: Code, body: SubmissionIn, scope: OwnCandidate, app: Portfolio) -> VersionOut:
    info = app.submit(scope.candidate_id, code, body.version, scope.principal.actor)
    return VersionOut.model_validate(info)
