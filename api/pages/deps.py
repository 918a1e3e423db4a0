"""Who may see a page, as `Annotated` dependencies (the pages' twin of `api/deps.py`).

Pages use only the session cookie (never API tokens). Every write carries the session's CSRF
token, as a hidden `csrf_token` form field or (htmx, scripts) the `X-CSRF-Token` header, the
same token the API checks. Forms shown before signing in (sign-in, activation) carry a
double-submit token tied to a cookie instead. Authorization reuses the API's `may_read`, so a
page of another candidate is 404 exactly as the API answers.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request, Response

from api import security
from api.deps import SAFE_METHODS, AppSettings, Portfolio, Principal, may_read
from api.security import BrowserSession
from portfolio.application.accounts import AccountInfo
from portfolio.domain.account import Role
from portfolio.errors import CandidateNotFound, Forbidden, Unauthenticated

CSRF_FIELD = "csrf_token"
FORM_COOKIE = "portfolio_form"
FORM_FIELD = "form_token"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@dataclass(frozen=True)
class PageUser:
    """The signed-in reader of a page, and the session whose CSRF token its forms carry."""

    principal: Principal
    session: BrowserSession

    @property
    def account(self) -> AccountInfo:
        return self.principal.account

    @property
    def role(self) -> Role:
        return self.principal.role

    @property
    def actor(self) -> str:
        return self.principal.actor


def signed_in(request: Request, app: Portfolio, settings: AppSettings) -> PageUser:
    """The session cookie's account; `Unauthenticated` sends a browser to the sign-in page."""
    cookie = request.cookies.get(security.SESSION_COOKIE)
    session = security.read_session(settings, cookie) if cookie else None
    if session is None:
        raise Unauthenticated("sign in to see this page")
    account = app.signed_in_account(session.account_id, session.issued_at)
    return PageUser(Principal(account), session)


SignedIn = Annotated[PageUser, Depends(signed_in)]


async def submitted_token(request: Request, name: str = CSRF_FIELD) -> str:
    """The CSRF token a write carries: the header, else the form field."""
    header = request.headers.get(security.CSRF_HEADER)
    if header:
        return header
    if request.headers.get("content-type", "").startswith(FORM_TYPES):
        return str((await request.form()).get(name, ""))
    return ""


def writer(
    request: Request, user: SignedIn, token: Annotated[str, Depends(submitted_token)]
) -> PageUser:
    """A signed-in user whose write carries their session's CSRF token (403 otherwise)."""
    if request.method not in SAFE_METHODS and not security.csrf_matches(user.session, token):
        raise Forbidden("the form's security token is missing or out of date")
    return user


Writer = Annotated[PageUser, Depends(writer)]


def role_page(*roles: Role) -> Callable[[PageUser], PageUser]:
    allowed = frozenset(roles)

    def dependency(user: SignedIn) -> PageUser:
        if user.role not in allowed:
            raise Forbidden(f"a {user.role.value} may not see this page")
        return user

    return dependency


AdminPage = Annotated[PageUser, Depends(role_page(Role.ADMINISTRATOR))]
AssessorPage = Annotated[PageUser, Depends(role_page(Role.ASSESSOR))]
JuryPage = Annotated[PageUser, Depends(role_page(Role.JURY_MEMBER))]
AuditorPage = Annotated[PageUser, Depends(role_page(Role.AUDITOR))]


@dataclass(frozen=True)
class PageCandidate:
    """A candidate the page's reader was checked to be allowed to see (or act on)."""

    candidate_id: UUID
    user: PageUser


def readable_candidate(candidate_id: UUID, user: SignedIn, app: Portfolio) -> PageCandidate:
    if not may_read(app, user.principal, candidate_id):
        raise CandidateNotFound(f"no candidate {candidate_id}")
    app.candidate(candidate_id)  # 404 for a well-formed id that does not exist
    return PageCandidate(candidate_id, user)


def own_candidate(candidate_id: UUID, user: Writer, app: Portfolio) -> PageCandidate:
    """The candidate's own portfolio, for their writes (upload, submit) and their forms."""
    if user.role is not Role.CANDIDATE or user.account.candidate_id != candidate_id:
        raise CandidateNotFound(f"no candidate {candidate_id}")
    app.candidate(candidate_id)
    return PageCandidate(candidate_id, user)


ReadableCandidate = Annotated[PageCandidate, Depends(readable_candidate)]
OwnCandidate = Annotated[PageCandidate, Depends(own_candidate)]


# --- forms shown before signing in ---------------------------------------------------------


def form_token(request: Request) -> str:
    """The double-submit token of an anonymous form (kept if the browser already has one)."""
    return request.cookies.get(FORM_COOKIE) or secrets.token_urlsafe(24)


def keep_form_token(response: Response, token: str, settings: AppSettings) -> Response:
    """Set the cookie an anonymous form's token must match when it comes back."""
    secure = settings.behind_tls
    response.set_cookie(FORM_COOKIE, token, httponly=True, samesite="strict", secure=secure)
    return response


async def anonymous_form(request: Request) -> None:
    """Refuse an anonymous form whose token does not match its cookie (login CSRF)."""
    cookie = request.cookies.get(FORM_COOKIE, "")
    given = await submitted_token(request, FORM_FIELD)
    if not cookie or not secrets.compare_digest(cookie.encode(), given.encode()):
        raise Forbidden("the form's security token is missing or out of date")


AnonymousForm = Depends(anonymous_form)
