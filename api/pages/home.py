"""`/` and each role's home page. Homes of roles whose pages come later say so honestly."""

from __future__ import annotations

from contextlib import suppress

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from api import security
from api.deps import AppSettings, Portfolio
from api.pages.deps import AdminPage, AssessorPage, AuditorPage, JuryPage, PageUser
from api.pages.i18n import N_
from api.pages.navigation import home_of
from api.pages.rendering import render
from portfolio.errors import Unauthenticated

router = APIRouter(include_in_schema=False)


@router.get("/")
def root(request: Request, app: Portfolio, settings: AppSettings) -> Response:
    """Signed in: the role's home; otherwise the sign-in page."""
    cookie = request.cookies.get(security.SESSION_COOKIE)
    session = security.read_session(settings, cookie) if cookie else None
    target = "/signin"
    if session is not None:
        with suppress(Unauthenticated):  # an ended session: sign in again
            target = home_of(app.signed_in_account(session.account_id, session.issued_at))
    return RedirectResponse(target, status_code=303)


def _placeholder(request: Request, user: PageUser, title: str, coming: str, **extra) -> Response:
    context = {"title": title, "coming": coming, **extra}
    return render(request, "home/placeholder.html", context, user=user)


@router.get("/assessor")
def assessor_home(request: Request, app: Portfolio, user: AssessorPage) -> Response:
    candidates = [app.candidate(cid) for cid in app.assigned_candidates(user.account.id)]
    coming = N_(
        "Coming next: your queue per situation, the workspace where you read a production, "
        "annotate passages and score each criterion, then sign off."
    )
    return _placeholder(request, user, N_("My candidates"), coming, candidates=candidates)


@router.get("/admin")
def admin_home(request: Request, user: AdminPage) -> Response:
    coming = N_(
        "Coming next: sessions and deadlines, candidates imported from a CSV file, accounts and "
        "invitations, assignments of assessors and the progress board of each session."
    )
    return _placeholder(request, user, N_("Administration"), coming)


@router.get("/jury")
def jury_home(request: Request, user: JuryPage) -> Response:
    coming = N_(
        "Coming next: the session board with the proposals per bloc, the decisions, the preview "
        "of the procès-verbal and its signature."
    )
    return _placeholder(request, user, N_("Jury"), coming)


@router.get("/audit")
def audit_home(request: Request, user: AuditorPage) -> Response:
    coming = N_(
        "Coming next: the timeline of each candidate, session and assessor with an as-of date, "
        "and the integrity checks of the event log."
    )
    return _placeholder(request, user, N_("Audit"), coming)
