"""The authorization matrix: who may call each route, one data table per route module.

Every module in this package defines `RULES: list[Rule]`. The matrix test
(`tests/integration/test_api_access_matrix.py`) fails when the OpenAPI document has an
operation without a rule (or a rule names no operation), then calls every operation as every
role — anonymous, administrator, auditor, assessor, jury member, candidate — on the caller's
own candidate and on someone else's, and compares the status with what the rule implies:

- `public`: everyone (anonymous too) gets a status in `ok`;
- anonymous on a non-public route: 401;
- a role not in `allowed`: 403 (decided before anything is looked up);
- `scoped` routes (about one candidate): a candidate, an assessor or a jury member acting on
  a candidate that is not theirs / not assigned / not of a session they deliberate on gets 404,
  exactly as for an id that does not exist (the jury member's own candidate is C, of a second
  session whose jury they sit on; candidate B's session has no jury seat for them);
- otherwise a status in `ok`.

To add a router: add a module here with its `RULES` (path templates exactly as in OpenAPI;
path parameters are filled from the `World`, see `World.path_value`).
"""

from __future__ import annotations

import importlib
import io
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from bootstrap import Portfolio
from portfolio.domain.account import Role

ADMIN = "administrator"
AUDITOR = "auditor"
ASSESSOR = "assessor"
JURY = "jury member"
CANDIDATE = "candidate"
ROLES = (ADMIN, AUDITOR, ASSESSOR, JURY, CANDIDATE)
EVERYONE = frozenset(ROLES)
OWNERSHIP_BOUND = frozenset({CANDIDATE, ASSESSOR, JURY})
PASSWORD = "matrix-password-123"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@dataclass
class World:
    """Ids the rules fill path parameters and bodies from; built by the matrix test."""

    session_id: UUID
    own_candidate: UUID  # candidate A: the candidate account's own, assigned to the assessor
    other_candidate: UUID  # candidate B: nobody's but the administrators' and auditors'
    logins: dict[str, str]  # role -> login
    tokens: dict[str, str]  # role -> API token
    token_ids: dict[str, str]  # role -> that token's id
    assessor_id: UUID
    invited_id: UUID  # an invited, never activated account
    jury_candidate: UUID | None = None  # candidate C: of the session the jury member sits on
    jury_session: UUID | None = None  # candidate C's session, where the jury member sits
    counter: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def unique(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def path_value(self, name: str, role: str | None, own: bool) -> str:
        mine = self.jury_candidate if role == JURY else self.own_candidate
        session = self.jury_session if role == JURY else self.session_id
        values = {
            "candidate_id": mine if own else self.other_candidate,
            "session_id": session,
            "code": "E1",
            "version": 1,
            "account_id": self.invited_id,
            "token_id": self.token_ids.get(role or "", "000000000000"),
        } | self.extra
        return str(values[name])


Body = Callable[[World, str], dict[str, Any]]


@dataclass(frozen=True)
class Rule:
    """Who may call `method path`, and what a permitted call answers."""

    method: str
    path: str
    allowed: frozenset[str] = frozenset()
    ok: frozenset[int] = frozenset({200})
    scoped: bool = False
    public: bool = False
    json: Body | None = None
    files: Callable[[World, str], dict[str, Any]] | None = None
    data: Body | None = None
    query: Body | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.method.upper(), self.path)

    def expected(self, role: str | None, own: bool) -> frozenset[int]:
        if self.public:
            return self.ok
        if role is None:
            return frozenset({401})
        if role not in self.allowed:
            return frozenset({403})
        if self.scoped and role in OWNERSHIP_BOUND and not own:
            return frozenset({404})
        return self.ok


def rule(method: str, path: str, *allowed: str, **options: Any) -> Rule:
    """Shorthand: `rule("GET", "/api/x", ADMIN, AUDITOR, scoped=True)`."""
    ok = options.pop("ok", {200})
    return Rule(method, path, frozenset(allowed), frozenset(ok), **options)


def all_rules() -> list[Rule]:
    """Every module's RULES, in module order."""
    found: list[Rule] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        found += importlib.import_module(f"{__name__}.{module.name}").RULES
    return found


def build_world(app: Portfolio) -> World:
    """Accounts for every role (activated, each with an API token) and two candidates."""
    session = app.sessions.open_session("RNCP38789", "cdc-2024.1", "Matrix", "setup")
    own = app.sessions.add_candidate(
        session, "A-1", "Alice Martin", "alice@example.org", "formation", "x"
    )
    other = app.sessions.add_candidate(
        session, "B-2", "Bruno Petit", "bruno@example.org", "VAE", "x"
    )
    for candidate in (own, other):
        app.evidence.upload(candidate, "E1", io.BytesIO(PDF), "e1.pdf", "application/pdf", "x")
    logins, tokens, ids = {}, {}, {}
    for role in ROLES:
        login = f"{role.replace(' ', '-')}@example.org"
        link = own if role == CANDIDATE else None
        invitation = app.accounts.invite_account(login, role.title(), Role(role), "setup", link)
        app.accounts.activate_account(invitation.activation_token, PASSWORD)
        issued = app.accounts.issue_api_token(invitation.account.id, "matrix", "setup")
        logins[role], tokens[role] = login, issued.token
        ids[role] = invitation.account.id
    app.assignments.assign_assessor(own, "E1", ids[ASSESSOR], "setup")
    invited = app.accounts.invite_account("pending@example.org", "Pending", Role.AUDITOR, "setup")
    jury_candidate = seat_jury_elsewhere(app, ids[JURY])
    return World(
        session_id=session,
        own_candidate=own,
        other_candidate=other,
        logins=logins,
        tokens=tokens,
        token_ids={},  # revoking: use ids that are not live (the route answers 409)
        assessor_id=ids[ASSESSOR],
        invited_id=invited.account.id,
        jury_candidate=jury_candidate,
        jury_session=app.sessions.candidate(jury_candidate).session_id,
    )


def seat_jury_elsewhere(app: Portfolio, jury_id: UUID) -> UUID:
    """A second session (candidate C, E1 uploaded) whose deliberation seats the jury member;
    the matrix session's own deliberation stays for the jury rules to open and fill."""
    session = app.sessions.open_session("RNCP38789", "cdc-2024.1", "Matrix jury", "setup")
    candidate = app.sessions.add_candidate(
        session, "C-3", "Chloé Roux", "chloe@example.org", "VAE", "x"
    )
    app.evidence.upload(candidate, "E1", io.BytesIO(PDF), "e1.pdf", "application/pdf", "x")
    app.jury.open_deliberation(session, "2026-07-03", "présentiel", "setup")
    app.jury.seat_member(session, jury_id, "Jury Member", "professionnelle", True, "setup")
    return candidate
