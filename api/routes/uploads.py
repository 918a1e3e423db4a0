"""A candidate's own writes: upload a new version (streamed multipart) and submit one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Path, UploadFile
from pydantic import BaseModel, Field

from api.deps import OwnCandidate, Portfolio
from api.files import safe_filename, sniff_stream
from api.schemas import VersionOut

router = APIRouter(prefix="/api/candidates/{candidate_id}/productions", tags=["uploads"])
Code = Annotated[str, Path(pattern="^[Ee][123]$", description="Production code E1, E2 or E3")]


class SubmissionIn(BaseModel):
    version: int | None = Field(None, ge=1, description="Default: the latest version")


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
    filename = safe_filename(file.filename)
    sniff_stream(file.file, filename, app.max_upload_bytes)
    info = app.upload(
        scope.candidate_id,
        code,
        file.file,
        filename,
        file.content_type or "",
        scope.principal.actor,
    )
    return VersionOut.model_validate(info)


@router.post("/{code}/submission", summary="Submit one version for assessment (once)")
def submit(code: Code, body: SubmissionIn, scope: OwnCandidate, app: Portfolio) -> VersionOut:
    info = app.submit(scope.candidate_id, code, body.version, scope.principal.actor)
    return VersionOut.model_validate(info)
