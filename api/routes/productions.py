"""Reading a portfolio: productions, versions, downloads and check reports."""

# Annotations stay evaluated (no `from __future__ import annotations`): the request models
# are built inside `router()`, where FastAPI could not resolve them by name.

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import StreamingResponse

from api.deps import Evidence, ReadableCandidate
from api.files import content_disposition
from api.schemas import CheckOut, ProductionOut
from portfolio.errors import ProductionNotFound
from portfolio.referential import Vocabulary

DOWNLOAD_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/octet-stream",
)
Version = Annotated[int, Path(ge=1, le=1_000_000)]


def router(vocabulary: Vocabulary) -> APIRouter:
    routes = APIRouter(prefix="/api/candidates/{candidate_id}/productions", tags=["productions"])
    listing = Vocabulary.listing(vocabulary.productions)
    pattern = vocabulary.production_path_pattern  # either case: "e1" is "E1"
    Code = Annotated[str, Path(pattern=pattern, description=f"Production {listing}")]

    @routes.get("", summary="The candidate's productions with their versions and reports")
    def list_productions(scope: ReadableCandidate, evidence: Evidence) -> list[ProductionOut]:
        found = evidence.productions(scope.candidate_id)
        return [ProductionOut.model_validate(p) for p in found]

    @routes.get("/{code}", summary="One production: versions, submission, extraction, checks")
    def get_production(
        code: Code,
        scope: ReadableCandidate,
        evidence: Evidence,
    ) -> ProductionOut:
        return ProductionOut.model_validate(evidence.production(scope.candidate_id, code))

    @routes.get("/{code}/reports", summary="The production's check reports, oldest first")
    def get_reports(
        code: Code,
        scope: ReadableCandidate,
        evidence: Evidence,
    ) -> list[CheckOut]:
        production = evidence.production(scope.candidate_id, code)
        return [CheckOut.model_validate(check) for check in production.checks]

    @routes.get(
        "/{code}/versions/{version}/content",
        summary="Download one version (the read is recorded in the history)",
        response_class=StreamingResponse,
        responses={200: {"content": {media: {} for media in DOWNLOAD_TYPES}}},
    )
    def download(
        code: Code,
        version: Version,
        scope: ReadableCandidate,
        evidence: Evidence,
    ) -> StreamingResponse:
        production = evidence.production(scope.candidate_id, code)
        info = next((v for v in production.versions if v.version == version), None)
        if info is None:
            raise ProductionNotFound(f"no version {version} of {code.upper()}")
        chunks = evidence.read_version(scope.candidate_id, code, version, scope.principal.actor)
        headers = {
            "Content-Disposition": content_disposition(info.filename),
            "X-Content-Type-Options": "nosniff",
        }
        return StreamingResponse(chunks, media_type=info.media_type, headers=headers)

    return routes
