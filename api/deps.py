"""Request dependencies as `Annotated` aliases: the services, the caller, roles, scopes.

Each route names the capability it needs (`Evidence`, `Scoring`, `Jury`…): one service of the
`Portfolio` that `create_app` keeps for the process. Authorization lives here and only here.
Routes declare who may call them (`Admin`, `ReadableCandidate`, `OwnCandidate`…) and receive
the caller already checked: a role that may never use a route gets 403 before anything is
loaded; a caller who may use the route but not for this candidate gets 404, exactly as if the
candidate did not exist (ids are not secrets).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from api import security
from bootstrap import Portfolio
from config import Settings
from pipeline.run import DocumentPipeline
from portfolio.application.accounts import AccountInfo
from portfolio.application.accounts import Accounts as AccountService
from portfolio.application.annotations import Annotations as AnnotationService
from portfolio.application.assignments import Assignments as AssignmentService
from portfolio.application.audit import Audit as AuditService
from portfolio.application.evidence import Evidence as EvidenceService
from portfolio.application.jury import Jury as JuryService
from portfolio.application.moderation import Moderations as ModerationService
from portfolio.application.scoring import Scoring as ScoringService
from portfolio.application.sessions import Sessions as SessionService
from portfolio.domain.account import Role
from portfolio.errors import CandidateNotFound, Forbidden, NotFound, Unauthenticated
from portfolio.referential import Referentials as ReferentialVersions

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
bearer_scheme = HTTPBearer(auto_error=False, description="Personal API token (pat_…)")
cookie_scheme = APIKeyCookie(name=security.SESSION_COOKIE, auto_error=False)


def get_portfolio(request: Request) -> Portfolio:
    return request.app.state.portfolio


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


App = Annotated[Portfolio, Depends(get_portfolio)]
AppSettings = Annotated[Settings, Depends(get_settings)]


# One dependency per capability: a route asks for the service it uses, nothing more.
def _service(name: str) -> Callable[[Request], Any]:
    """The dependency handing out `portfolio.<name>` (one of the Portfolio's services)."""

    def service(request: Request) -> Any:
        return getattr(request.app.state.portfolio, name)

    service.__name__ = f"get_{name}"
    return service


Sessions = Annotated[SessionService, Depends(_service("sessions"))]
Evidence = Annotated[EvidenceService, Depends(_service("evidence"))]
Accounts = Annotated[AccountService, Depends(_service("accounts"))]
Assignments = Annotated[AssignmentService, Depends(_service("assignments"))]
Scoring = Annotated[ScoringService, Depends(_service("scoring"))]
Moderation = Annotated[ModerationService, Depends(_service("moderation"))]
Annotations = Annotated[AnnotationService, Depends(_service("annotations"))]
Jury = Annotated[JuryService, Depends(_service("jury"))]
Audit = Annotated[AuditService, Depends(_service("audit"))]
Pipeline = Annotated[DocumentPipeline, Depends(_service("pipeline"))]
Referentials = Annotated[ReferentialVersions, Depends(_service("referentials"))]


@dataclass(frozen=True)
class Principal:
    """The signed-in caller (by API token or session cookie)."""

    account: AccountInfo

    @property
    def role(self) -> Role:
        return self.account.role

    @property
    def actor(self) -> str:
        """How events name the acting account."""
        return f"account:{self.account.id}"


def current_principal(
    request: Request,
    app: Accounts,
    settings: AppSettings,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    cookie: Annotated[str | None, Depends(cookie_scheme)],
) -> Principal:
    """Bearer token first; else the session cookie, with CSRF checked on writes."""
    if bearer is not None:
        return Principal(app.authenticate_token(bearer.credentials))
    if request.headers.get("authorization"):
        raise Unauthenticated("use 'Authorization: Bearer <token>'")
    session = security.read_session(settings, cookie) if cookie else None
    if session is None:
        raise Unauthenticated("sign in or send an API token")
    if request.method not in SAFE_METHODS and not security.csrf_matches(
        session, request.headers.get(security.CSRF_HEADER)
    ):
        raise Forbidden(f"missing or wrong {security.CSRF_HEADER} header")
    return Principal(app.signed_in_account(session.account_id, session.issued_at))


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require(*roles: Role) -> Callable[[Principal], Principal]:
    """A dependency admitting only `roles` (403 for every other signed-in role)."""
    allowed = frozenset(roles)

    def dependency(principal: CurrentPrincipal) -> Principal:
        if principal.role not in allowed:
            raise Forbidden(f"a {principal.role.value} may not do this")
        return principal

    return dependency


Admin = Annotated[Principal, Depends(require(Role.ADMINISTRATOR))]
Overseer = Annotated[Principal, Depends(require(Role.ADMINISTRATOR, Role.AUDITOR))]
PORTFOLIO_READERS = (
    Role.ADMINISTRATOR,
    Role.AUDITOR,
    Role.CANDIDATE,
    Role.ASSESSOR,
    Role.JURY_MEMBER,
)
PortfolioReader = Annotated[Principal, Depends(require(*PORTFOLIO_READERS))]
CandidateRole = Annotated[Principal, Depends(require(Role.CANDIDATE))]


def sits_on(app: Portfolio, account_id: UUID, session_id: UUID) -> bool:
    """Seated on the jury of the session's deliberation."""
    try:
        members = app.jury.deliberation(session_id).members
    except NotFound:  # no deliberation opened for the session yet
        return False
    return any(member.account_id == account_id for member in members)


def deliberates_on(app: Portfolio, account_id: UUID, candidate_id: UUID) -> bool:
    """Seated on the jury of the candidate's session, and no conflict of interest declared."""
    try:
        session_id = app.sessions.candidate(candidate_id).session_id
    except NotFound:
        return False
    seated = sits_on(app, account_id, session_id)
    return seated and not app.assignments.has_conflict(account_id, candidate_id)


def may_read(app: Portfolio, principal: Principal, candidate_id: UUID) -> bool:
    """Administrators and auditors read all; a candidate their own; an assessor assignees;
    a jury member the candidates of the sessions they deliberate on (conflicts excepted)."""
    role = principal.role
    if role in (Role.ADMINISTRATOR, Role.AUDITOR):
        return True
    if role is Role.CANDIDATE:
        return principal.account.candidate_id == candidate_id
    if role is Role.ASSESSOR:
        return app.assignments.is_assigned(principal.account.id, candidate_id)
    if role is Role.JURY_MEMBER:
        return deliberates_on(app, principal.account.id, candidate_id)
    return False


@dataclass(frozen=True)
class CandidateScope:
    """A candidate the caller was checked to be allowed to act on."""

    candidate_id: UUID
    principal: Principal


def readable_candidate(candidate_id: UUID, principal: PortfolioReader, app: App) -> CandidateScope:
    if not may_read(app, principal, candidate_id):
        raise CandidateNotFound(f"no candidate {candidate_id}")
    app.sessions.candidate(candidate_id)  # 404 for a well-formed id that does not exist
    return CandidateScope(candidate_id, principal)


def own_candidate(candidate_id: UUID, principal: CandidateRole, app: App) -> CandidateScope:
    if principal.account.candidate_id != candidate_id:
        raise CandidateNotFound(f"no candidate {candidate_id}")
    app.sessions.candidate(candidate_id)
    return CandidateScope(candidate_id, principal)


ReadableCandidate = Annotated[CandidateScope, Depends(readable_candidate)]
OwnCandidate = Annotated[CandidateScope, Depends(own_candidate)]
