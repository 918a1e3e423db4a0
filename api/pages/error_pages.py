"""Errors as a browser sees them: a French page (or an htmx fragment), never JSON.

`api/errors.py` stays the one mapper from errors to statuses; for page routes it hands the
status and the error to `error_response`. The domain's messages are English sentences for
developers, so a page explains the status (and the few errors people meet) in the catalogue's
words instead.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from api.pages.i18n import N_
from api.pages.rendering import render, translate
from api.pages.report import REJECTIONS
from pipeline.rejections import DocumentRejected
from portfolio import errors

TITLES: Final = {
    400: N_("The request is not valid"),
    401: N_("Please sign in"),
    403: N_("Access refused"),
    404: N_("Page not found"),
    405: N_("The request is not valid"),
    409: N_("This cannot be done now"),
    410: N_("These data were erased"),
    413: N_("The file is too large"),
    415: N_("This type of file is not accepted"),
    422: N_("The data sent are not valid"),
    429: N_("Too many attempts"),
    500: N_("Something went wrong on our side"),
    503: N_("The service is unavailable for a moment"),
}
EXPLANATIONS: Final = {
    400: N_("Go back to the previous page and try again."),
    401: N_("Your session has ended. Sign in again to continue."),
    403: N_("Your account may not do this. If you think it should, contact your administrator."),
    404: N_("This page does not exist, or it is not one your account may see."),
    405: N_("Go back to the previous page and try again."),
    409: N_("What you asked contradicts the current state of the portfolio."),
    410: N_("The personal data of this candidate were erased at their request."),
    413: N_("The file is larger than the accepted limit."),
    415: N_("Upload a DOCX, PDF or XLSX document."),
    422: N_("Check what you entered and try again."),
    429: N_("Wait a few minutes before trying again."),
    500: N_("The error has been recorded. Try again in a moment."),
    503: N_("Storage cannot be reached. Try again in a moment."),
}
# Errors people meet in normal use, said in their words (most specific first).
KNOWN: Final[tuple[tuple[type[errors.PortfolioError], str], ...]] = (
    (errors.DeadlinePassed, N_("The deadline for this production has passed.")),
    (
        errors.AlreadySubmitted,
        N_("This production was already submitted; a submission cannot be replaced."),
    ),
    (errors.EmptyUpload, N_("The file is empty.")),
    (errors.BlobTooLarge, N_("The file is larger than the accepted limit.")),
    (errors.AlreadyErased, N_("The personal data of this candidate were erased.")),
)


def explanation(error: Exception | None, status: int) -> str:
    """The msgid that tells a person what went wrong."""
    if isinstance(error, DocumentRejected):
        return REJECTIONS[error.category]
    for kind, message in KNOWN:
        if isinstance(error, kind):
            return message
    return EXPLANATIONS.get(status, EXPLANATIONS[400] if status < 500 else EXPLANATIONS[500])


def error_response(request: Request, status: int, error: Exception | None = None) -> Response:
    """The page (or htmx fragment) for an error on a page route."""
    if status == 401 and request.method == "GET":
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        if request.headers.get("HX-Request") == "true":  # a fragment (polling): leave the page
            current = request.headers.get("HX-Current-URL", "")
            target = quote(current.removeprefix(str(request.base_url).rstrip("/"))) or target
            return Response(status_code=401, headers={"HX-Redirect": f"/signin?next={target}"})
        return RedirectResponse(f"/signin?next={target}", status_code=303)
    fallback = TITLES[500] if status >= 500 else TITLES[400]
    context = {
        "status": status,
        "title": translate(request, TITLES.get(status, fallback)),
        "explanation": translate(request, explanation(error, status)),
    }
    if request.headers.get("HX-Request") == "true":
        headers = {"HX-Retarget": "#messages", "HX-Reswap": "innerHTML"}
        return render(request, "_error_fragment.html", context, status_code=status, headers=headers)
    return render(request, "error.html", context, status_code=status)
