"""The one place that turns errors into HTTP answers: RFC 9457 `application/problem+json`
for the API, a French HTML page for the browser's pages (`api/pages/error_pages.py`).

Every `PortfolioError` maps to a status by the first matching class in `STATUS` (most
specific first), validation errors to 422 and framework HTTP errors keep their status.
Unexpected exceptions are logged and answered 500 with no detail; they are never hidden as 200.
Paths under `MACHINE_PREFIXES` always answer problem+json; every other path is a page.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from api.pages.error_pages import error_response
from pipeline.rejections import DocumentRejected, RejectionCategory
from portfolio import errors

log = logging.getLogger(__name__)
PROBLEM = "application/problem+json"
MACHINE_PREFIXES = ("/api", "/healthz", "/readyz")

STATUS: tuple[tuple[type[errors.PortfolioError], int], ...] = (
    (errors.TooManyAttempts, 429),
    (errors.Unauthenticated, 401),
    (errors.Forbidden, 403),
    (errors.BlobTooLarge, 413),
    (errors.NotFound, 404),
    (errors.SubjectErased, 410),
    (errors.Conflict, 409),
    (errors.InvalidInput, 422),
    (errors.StorageUnavailable, 503),
)
UNSUPPORTED_MEDIA = {
    RejectionCategory.WRONG_TYPE,
    RejectionCategory.UNSUPPORTED_FORMAT,
    RejectionCategory.ENCRYPTED,
}


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
    },
}
ERROR_STATUSES = {
    401: "Not signed in, or the token or cookie is not valid",
    403: "This role may not do this (or the CSRF header is missing)",
    404: "No such resource, or not one the caller may see",
    409: "Contradicts the current state (twice, too late, already done)",
    413: "The request body or the file is too large",
    415: "The file is not a DOCX, PDF or XLSX document",
    422: "The request or the file is not valid",
    429: "Too many failed logins; see Retry-After",
    503: "Storage unavailable",
}
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {
        "description": description,
        "content": {PROBLEM: {"schema": PROBLEM_SCHEMA}},
    }
    for status, description in ERROR_STATUSES.items()
}


def problem(status: int, detail: str | None = None, **extra: Any) -> JSONResponse:
    """A problem document: `type` stays about:blank, so `title` is the status phrase."""
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    if detail:
        body["detail"] = detail
    body |= extra
    headers = {"Retry-After": str(extra["retry_after"])} if "retry_after" in extra else None
    return JSONResponse(jsonable_encoder(body), status, headers=headers, media_type=PROBLEM)


def status_for(error: errors.PortfolioError) -> int:
    if isinstance(error, DocumentRejected):
        if error.category is RejectionCategory.TOO_LARGE:
            return 413
        return 415 if error.category in UNSUPPORTED_MEDIA else 422
    for kind, status in STATUS:
        if isinstance(error, kind):
            return status
    return 500


def is_page(request: Request) -> bool:
    """A browser page (HTML errors) rather than the API or a probe (problem+json)."""
    path = request.url.path
    return not any(path == p or path.startswith(p + "/") for p in MACHINE_PREFIXES)


def _portfolio_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, errors.PortfolioError)
    status = status_for(error)
    if status == 500:
        log.error("unmapped domain error", exc_info=error)
    if is_page(request):
        return error_response(request, status, error)
    if status == 500:
        return problem(500)
    extra: dict[str, Any] = {"error": type(error).__name__}
    if isinstance(error, DocumentRejected):
        extra["category"] = error.category.value
    if isinstance(error, errors.TooManyAttempts):
        extra["retry_after"] = error.retry_after
    detail = error.message if isinstance(error, DocumentRejected) else str(error)
    response = problem(status, detail, **extra)
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    if status == 503:  # the store's timeouts are a few seconds: worth trying again soon
        response.headers["Retry-After"] = "5"
    return response


def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    if is_page(request):
        response = error_response(request, error.status_code)
    else:
        response = problem(error.status_code, str(error.detail) if error.detail else None)
    response.headers.update(error.headers or {})
    return response


def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    if is_page(request):
        return error_response(request, 422)
    return problem(422, "request is not valid", errors=_plain(error.errors()))


def _plain(details: Any) -> list[dict[str, Any]]:
    return [{"loc": list(d.get("loc", ())), "msg": str(d.get("msg", ""))} for d in details]


def _unexpected(request: Request, error: Exception) -> Response:
    log.error("unhandled error", exc_info=error)
    return error_response(request, 500) if is_page(request) else problem(500)


def install(app: FastAPI) -> None:
    """Register the mapper on `app` (called once by `create_app`)."""
    app.add_exception_handler(errors.PortfolioError, _portfolio_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
