"""A candidate's own writes: upload a new version (streamed multipart) and submit one."""

# Annotations stay evaluated (no `from __future__ import annotations`): the request models
# are built inside `router()`, where FastAPI could not resolve them by name.

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, File, Path, UploadFile
from pydantic import BaseModel, Field

from api.deps import Evidence, OwnCandidate
from api.files import safe_filename
from api.schemas import VersionOut
from pipeline.sniff import sniff_stream
from portfolio.application.evidence import Evidence as EvidenceService
from portfolio.application.evidence import VersionInfo
from portfolio.referential import Vocabulary


class SubmissionIn(BaseModel):
    version: int | None = Field(None, ge=1, description="Default: the latest version")


def router(vocabulary: Vocabulary) -> APIRouter:
    routes = APIRouter(prefix="/api/candidates/{candidate_id}/productions", tags=["uploads"])
    listing = Vocabulary.listing(vocabulary.productions)
    pattern = vocabulary.production_path_pattern  # either case: "e1" is "E1"
    Code = Annotated[str, Path(pattern=pattern, description=f"Production {listing}")]
    formats = "DOCX, PDF or XLSX"

    @routes.post(
        "/{code}/versions",
        status_code=201,
        summary=f"Upload a new version of a production ({formats})",
        responses={413: {"description": "Too large"}, 415: {"description": f"Not {formats}"}},
    )
    def upload(
        code: Code,
        file: Annotated[UploadFile, File(description="The document")],
        scope: OwnCandidate,
        evidence: Evidence,
    ) -> VersionOut:
        info = store_upload(evidence, scope.candidate_id, code, file, scope.principal.actor)
        return VersionOut.model_validate(info)

    @routes.post("/{code}/submission", summary="Submit one version for assessment (once)")
    def submit(
        code: Code,
        body: SubmissionIn,
        scope: OwnCandidate,
        evidence: Evidence,
    ) -> VersionOut:
        info = evidence.submit(scope.candidate_id, code, body.version, scope.principal.actor)
        return VersionOut.model_validate(info)

    return routes


def store_upload(
    evidence: EvidenceService, candidate_id: UUID, code: str, file: UploadFile, actor: str
) -> VersionInfo:
    """Sniff the upload (DocumentRejected if it is not a document), then store it as the next
    version (shared by the API and the candidate's pages)."""
    filename = safe_filename(file.filename)
    sniff_stream(file.file, filename, evidence.max_upload_bytes)
    media_type = file.content_type or ""
    return evidence.upload(candidate_id, code, file.file, filename, media_type, actor)
