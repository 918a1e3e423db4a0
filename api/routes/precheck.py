"""Pre-check: run the pipeline on a file and return its report, storing nothing."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, UploadFile

from api.deps import Portfolio, Principal, require
from api.files import safe_filename, sniff_stream
from portfolio.domain.account import Role

router = APIRouter(prefix="/api", tags=["precheck"])
PrecheckRole = Annotated[Principal, Depends(require(Role.CANDIDATE, Role.ADMINISTRATOR))]


@router.post(
    "/precheck",
    summary="Check a file against its production's requirements without recording anything",
    responses={413: {"description": "Too large"}, 415: {"description": "Not DOCX/PDF/XLSX"}},
)
def precheck(
    file: Annotated[UploadFile, File(description="The document to check")],
    _: PrecheckRole,
    app: Portfolio,
    production: Annotated[Literal["E1", "E2", "E3"] | None, Form()] = None,
) -> dict[str, Any]:
    return check_upload(file, production, app.max_upload_bytes)


def check_upload(file: UploadFile, production: str | None, max_bytes: int) -> dict[str, Any]:
    """The check report of an uploaded file, which is then forgotten (shared by the API and
    the candidate's pages). Raises DocumentRejected as an upload would for a non-document."""
    from pipeline.checker import check_file

    filename = safe_filename(file.filename)
    sniff_stream(file.file, filename, max_bytes)  # as the upload would
    with tempfile.TemporaryDirectory(prefix="precheck-") as folder:
        path = Path(folder) / filename
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out)
        report = check_file(path, production)
    if "file" in report:
        report["file"] = filename
    return report
