"""The candidate's pages: overview of E1/E2/E3, one production (upload, live report, pre-check,
versions), and submission with its confirmation.

Reads are open to whoever may read the candidate (`ReadableCandidate`, 404 otherwise, as the
API); writes only to the candidate themself (`OwnCandidate`). Every write works as a plain form
(303 back to the page) and, sent by htmx, answers the fragment to swap instead.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Request, UploadFile
from starlette.responses import RedirectResponse, Response

from api.deps import Portfolio
from api.errors import status_for
from api.pages import flash, productions, report
from api.pages.deps import OwnCandidate, PageCandidate, ReadableCandidate
from api.pages.error_pages import explanation
from api.pages.i18n import N_, language_of
from api.pages.rendering import render, translate
from api.routes.precheck import check_upload
from api.routes.uploads import store_upload
from pipeline.rejections import DocumentRejected
from portfolio.errors import Conflict, InvalidInput
from portfolio.referential import load_referential

router = APIRouter(prefix="/candidates/{candidate_id}", include_in_schema=False)
Code = Annotated[str, Path(pattern="^[Ee][123]$")]
Upload = Annotated[UploadFile | None, File()]
NO_FILE = N_("Choose a file.")


def _page(code: str, scope: PageCandidate) -> str:
    return f"/candidates/{scope.candidate_id}/productions/{code.upper()}"


def _is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _production_context(
    request: Request, app: Portfolio, scope: PageCandidate, code: str, **extra: Any
) -> dict[str, Any]:
    candidate = app.candidate(scope.candidate_id)
    session = app.session(candidate.session_id)
    state = productions.production_state(
        app, session, scope.candidate_id, code.upper(), language_of(request), app.clock()
    )
    own = scope.user.account.candidate_id == scope.candidate_id
    return {"candidate": candidate, "p": state, "own": own, "errors": {}, **extra}


@router.get("")
def overview(request: Request, scope: ReadableCandidate, app: Portfolio) -> Response:
    """E1, E2, E3 at a glance: versions, check, deadline, submitted or not."""
    cards = productions.productions_of(app, scope.candidate_id, language_of(request), app.clock())
    context = {"candidate": app.candidate(scope.candidate_id), "cards": cards}
    return render(request, "candidate/overview.html", context, user=scope.user)


@router.get("/productions/{code}")
def production_page(
    request: Request, code: Code, scope: ReadableCandidate, app: Portfolio
) -> Response:
    context = _production_context(request, app, scope, code)
    return render(request, "candidate/production.html", context, user=scope.user)


@router.get("/productions/{code}/panel")
def production_panel(
    request: Request, code: Code, scope: ReadableCandidate, app: Portfolio
) -> Response:
    """The report, versions and submission block (polled by htmx while a check runs)."""
    context = _production_context(request, app, scope, code)
    return render(request, "candidate/_panel.html", context, user=scope.user)


def _store(
    request: Request, app: Portfolio, scope: PageCandidate, code: str, file: UploadFile | None
) -> tuple[int, dict[str, str]]:
    """Store the upload as the next version: (201, no errors) or the status and field error."""
    if file is None or not file.filename:
        return 422, {"file": translate(request, NO_FILE)}
    try:
        store_upload(app, scope.candidate_id, code.upper(), file, scope.user.actor)
    except (DocumentRejected, InvalidInput, Conflict) as error:
        return status_for(error), {
            "file": translate(request, explanation(error, status_for(error)))
        }
    return 201, {}


@router.post("/productions/{code}/versions")
def upload(
    request: Request, code: Code, scope: OwnCandidate, app: Portfolio, file: Upload = None
) -> Response:
    """Store a new version; its check then runs in the worker and the panel shows it live.

    Without JavaScript: back to the page (303), or the page with the error. With htmx: the
    new panel (which polls until the report is there), or the upload form with the error."""
    status, errors = _store(request, app, scope, code, file)
    htmx = _is_htmx(request)
    if not errors and not htmx:
        return flash.flash(RedirectResponse(_page(code, scope), 303), "uploaded")
    context = _production_context(request, app, scope, code, errors=errors)
    if not htmx:
        template, headers = "candidate/production.html", {}
    elif errors:
        template, headers = (
            "candidate/_upload.html",
            {"HX-Retarget": "#upload", "HX-Reswap": "outerHTML"},
        )
    else:
        template, headers = "candidate/_upload_result.html", {}
    return render(request, template, context, user=scope.user, status_code=status, headers=headers)


@router.post("/productions/{code}/precheck")
def precheck(
    request: Request, code: Code, scope: OwnCandidate, app: Portfolio, file: Upload = None
) -> Response:
    """Check a draft against the production's requirements; nothing is stored."""
    errors, result = {}, None
    if file is None or not file.filename:
        errors = {"precheck-file": translate(request, NO_FILE)}
    else:
        try:
            data = check_upload(file, code.upper(), app.max_upload_bytes)
            language = language_of(request)
            result = report.from_report(0, data, load_referential(), language)
        except DocumentRejected as error:
            result = report.ReportView(0, "rejected", rejection=error.category.value)
    context = _production_context(
        request,
        app,
        scope,
        code,
        precheck=result,
        precheck_name=file.filename if file else "",
        precheck_errors=errors,
    )
    status = 422 if errors else 200
    template = "candidate/_precheck.html" if _is_htmx(request) else "candidate/production.html"
    return render(request, template, context, user=scope.user, status_code=status)


@router.get("/productions/{code}/submission")
def submission_page(
    request: Request, code: Code, scope: OwnCandidate, app: Portfolio, version: int | None = None
) -> Response:
    """The confirmation: which version will be assessed, and what it still lacks."""
    context = _production_context(request, app, scope, code)
    state = context["p"]
    chosen = next((v for v in state.versions if v.version == version), state.latest)
    if chosen is None:
        return RedirectResponse(_page(code, scope), 303)
    context |= {"chosen": chosen, "report": state.report_of(chosen.version)}
    return render(request, "candidate/submission.html", context, user=scope.user)


@router.post("/productions/{code}/submission")
def submit(
    request: Request,
    code: Code,
    scope: OwnCandidate,
    app: Portfolio,
    version: Annotated[int, Form(ge=1, le=1_000_000)],
) -> Response:
    app.submit(scope.candidate_id, code.upper(), version, scope.user.actor)
    return flash.flash(RedirectResponse(_page(code, scope), 303), "submitted")
