"""Pre-check: run the pipeline on a file and return its report, storing nothing."""

# Annotations stay evaluated (no `from __future__ import annotations`): the request models
# are built inside `router()`, where FastAPI could not resolve them by name.

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, UploadFile

from api.deps import Pipeline, Principal, Referentials, require
from api.files import safe_filename
from pipeline.run import DocumentPipeline
from pipeline.sniff import sniff_stream
from portfolio.domain.account import Role
from portfolio.referential import Referentials as ReferentialVersions
from portfolio.referential import Vocabulary

PrecheckRole = Annotated[Principal, Depends(require(Role.CANDIDATE, Role.ADMINISTRATOR))]


def router(vocabulary: Vocabulary) -> APIRouter:
    routes = APIRouter(prefix="/api", tags=["precheck"])
    Code = Literal[vocabulary.productions]  # type: ignore[name-defined]  # an enum in OpenAPI
    Production = Annotated[
        Code | None,
        Form(description=f"{Vocabulary.listing(vocabulary.productions)} (guessed if omitted)"),
    ]

    @routes.post(
        "/precheck",
        summary="Check a file against its production's requirements without recording anything",
        responses={413: {"description": "Too large"}, 415: {"description": "Not DOCX/PDF/XLSX"}},
    )
    def precheck(
        file: Annotated[UploadFile, File(description="The document to check")],
        _: PrecheckRole,
        pipeline: Pipeline,
        referentials: Referentials,
        production: Production = None,
    ) -> dict[str, Any]:
        return check_upload(file, production, pipeline, referentials)

    return routes


def check_upload(
    file: UploadFile,
    production: str | None,
    pipeline: DocumentPipeline,
    referentials: ReferentialVersions,
) -> dict[str, Any]:
    """The check report of an uploaded file, which is then forgotten (shared by the API and
    the candidate's pages): `pipeline.run` under the newest referential. Raises
    DocumentRejected as an upload would for a non-document."""
    filename = safe_filename(file.filename)
    sniff_stream(file.file, filename, pipeline.limits.max_bytes)  # as the upload would
    data = file.file.read()
    return pipeline.run(data, filename, referentials.current(), production).report
