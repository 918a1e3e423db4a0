"""Accounts: invitation → activation → sign-in, personal API tokens, throttled logins.

Secrets are returned once, when they are made, and only their hashes are recorded. The
password hasher and the throttles are handed in (`bootstrap.py` builds Argon2id lazily; unit
tests a cheap one).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol
from uuid import UUID

from eventsourcing.domain import get_topic
from eventsourcing.persistence import IntegrityError

from portfolio.application.ports import Clock, PasswordHasher
from portfolio.application.store import EventStore
from portfolio.application.throttle import LoginThrottle
from portfolio.domain.account import (
    Account,
    Role,
    account_id_for,
    normalise_login,
    secret_digest,
)
from portfolio.errors import AlreadyExists, InvalidInput, NotFound, Unauthenticated

ACTIVATION_TTL = timedelta(days=7)
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
TOKEN_PREFIX = "pat_"


class AccountNotFound(NotFound):
    """Raised when no account has the given id."""


@dataclass(frozen=True)
class AccountInfo:
    """An account as the edges see it (no hashes)."""

    id: UUID
    login: str
    display_name: str
    role: Role
    candidate_id: UUID | None
    active: bool
    disabled: bool


@dataclass(frozen=True)
class Invitation:
    """A freshly invited account and its one-time activation token (shown once)."""

    account: AccountInfo
    activation_token: str
    expires_at: datetime


@dataclass(frozen=True)
class IssuedToken:
    """A new personal API token: `token` is shown once and never again."""

    token_id: str
    label: str
    token: str


@dataclass(frozen=True)
class TokenInfo:
    token_id: str
    label: str
    revoked: bool


def _info(account: Account) -> AccountInfo:
    return AccountInfo(
        id=account.id,
        login=account.login,
        display_name=account.display_name,
        role=account.role,
        candidate_id=UUID(account.candidate_id) if account.candidate_id else None,
        active=account.active,
        disabled=account.disabled,
    )


def _split(token: str, separator: str, error: type[Exception]) -> tuple[UUID, str]:
    """A token is `<account id hex><separator><secret>`; anything else is not a token."""
    head, _, secret = token.partition(separator)
    try:
        return UUID(hex=head), secret
    except ValueError:
        raise error("malformed token") from None


def _check_password(password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidInput(f"password must have {MIN_PASSWORD} to {MAX_PASSWORD} characters")


class KnowsCandidates(Protocol):
    """What accounts need to know of candidates: that one exists (CandidateNotFound if not)."""

    def candidate(self, candidate_id: UUID) -> object: ...


class Accounts:
    """Accounts and sign-in."""

    def __init__(
        self,
        store: EventStore,
        clock: Clock,
        hasher: PasswordHasher,
        candidates: KnowsCandidates,
        logins: LoginThrottle | None = None,
    ) -> None:
        self._store, self._clock, self._hasher = store, clock, hasher
        self._candidates = candidates
        self.login_throttle = logins or LoginThrottle(clock)

    # --- plumbing -------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self._clock()

    def _account(self, account_id: UUID) -> Account:
        return self._store.get(account_id, Account, AccountNotFound)

    def _change(self, account_id: UUID, command: Callable[[Account], object]) -> Account:
        """Load, apply, save; on a concurrent write reload and re-run."""

        def apply(account: Account) -> Account:
            command(account)
            return account

        return self._store.changing(lambda: self._account(account_id), apply)

    # --- invitation and activation --------------------------------------------------------

    def invite_account(
        self,
        login: str,
        display_name: str,
        role: Role | str,
        actor: str,
        candidate_id: UUID | None = None,
    ) -> Invitation:
        """Create an inactive account and return its one-time activation token."""
        role = Role(role)
        self._check_candidate_link(role, candidate_id)
        secret = secrets.token_urlsafe(32)
        expires = self._now() + ACTIVATION_TTL
        account = Account(
            login=normalise_login(login),
            display_name=display_name.strip() or login,
            role=role.value,
            candidate_id=str(candidate_id) if candidate_id else None,
            activation_digest=secret_digest(secret),
            activation_expires_at=expires,
            actor=actor,
        )
        try:
            self._store.save(account)
        except IntegrityError:
            raise AlreadyExists("account", account.id) from None
        return Invitation(_info(account), f"{account.id.hex}.{secret}", expires)

    def _check_candidate_link(self, role: Role, candidate_id: UUID | None) -> None:
        if (role is Role.CANDIDATE) != (candidate_id is not None):
            raise InvalidInput("a candidate account needs a candidate_id, other roles none")
        if candidate_id is not None:
            self._candidates.candidate(candidate_id)  # raises CandidateNotFound

    def reissue_activation(self, account_id: UUID, actor: str) -> Invitation:
        """A new activation token for an account whose link was lost or expired."""
        secret = secrets.token_urlsafe(32)
        expires = self._now() + ACTIVATION_TTL
        account = self._change(
            account_id, lambda a: a.reissue_activation(secret_digest(secret), expires, actor)
        )
        return Invitation(_info(account), f"{account.id.hex}.{secret}", expires)

    def activation_account(self, token: str) -> AccountInfo:
        """Which account an activation token is for (without consuming it)."""
        account_id, secret = _split(token, ".", InvalidInput)
        account = self._invited_account(account_id)
        account.check_activation(secret, self._now())
        return _info(account)

    def activate_account(self, token: str, password: str) -> AccountInfo:
        """Consume an activation token and set the account's first password."""
        _check_password(password)
        account_id, secret = _split(token, ".", InvalidInput)
        self._invited_account(account_id)
        password_hash = self._hasher.hash(password)
        now = self._now()
        return _info(self._change(account_id, lambda a: a.activate(secret, password_hash, now)))

    def create_administrator(
        self, login: str, display_name: str, password: str, actor: str = "cli"
    ) -> AccountInfo:
        """The first administrator, made from the command line with a password at once."""
        _check_password(password)
        invitation = self.invite_account(login, display_name, Role.ADMINISTRATOR, actor)
        return self.activate_account(invitation.activation_token, password)

    # --- authentication -------------------------------------------------------------------

    def authenticate_password(self, login: str, password: str) -> AccountInfo:
        """The account for a login and password; throttled after repeated failures."""
        try:
            key = normalise_login(login)
        except InvalidInput:
            raise Unauthenticated("login or password is wrong") from None
        self.login_throttle.check(key)
        account = self._active_or_none(account_id_for(key))
        if account is None or not self._hasher.verify(account.password_hash, password):
            self.login_throttle.failed(key)
            raise Unauthenticated("login or password is wrong")
        self.login_throttle.succeeded(key)
        return _info(account)

    def authenticate_token(self, token: str) -> AccountInfo:
        """The account a personal API token belongs to, if it is live."""
        if not token.startswith(TOKEN_PREFIX):
            raise Unauthenticated("not a personal API token")
        account_id, secret = _split(token.removeprefix(TOKEN_PREFIX), "_", Unauthenticated)
        account = self._active_or_none(account_id)
        if account is None or account.matching_token(secret) is None:
            raise Unauthenticated("API token is not valid")
        return _info(account)

    def signed_in_account(self, account_id: UUID, issued_at: datetime) -> AccountInfo:
        """The account behind a session cookie issued at `issued_at`.

        Refused once the account is disabled, or when the session is older than the last
        sign-out-everywhere or password change.
        """
        account = self._active_or_none(account_id)
        if account is None:
            raise Unauthenticated("account is not active")
        valid_after = account.sessions_valid_after
        if valid_after is not None and issued_at <= valid_after:
            raise Unauthenticated("this session has ended; sign in again")
        return _info(account)

    def end_sessions(self, account_id: UUID, actor: str) -> None:
        """Sign the account out of every browser (API tokens are revoked one by one)."""
        now = self._now()
        self._change(account_id, lambda a: a.end_sessions(actor, now))

    def _active_or_none(self, account_id: UUID) -> Account | None:
        try:
            account = self._account(account_id)
        except AccountNotFound:
            return None
        return account if account.active else None

    def _invited_account(self, account_id: UUID) -> Account:
        try:
            return self._account(account_id)
        except AccountNotFound:
            raise InvalidInput("activation token is not valid") from None

    # --- API tokens and passwords ---------------------------------------------------------

    def issue_api_token(self, account_id: UUID, label: str, actor: str) -> IssuedToken:
        token_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        label = label.strip()[:100] or "token"
        self._change(
            account_id, lambda a: a.issue_api_token(token_id, label, secret_digest(secret), actor)
        )
        return IssuedToken(token_id, label, f"{TOKEN_PREFIX}{account_id.hex}_{secret}")

    def revoke_api_token(self, account_id: UUID, token_id: str, actor: str) -> None:
        self._change(account_id, lambda a: a.revoke_api_token(token_id, actor))

    def api_tokens(self, account_id: UUID) -> list[TokenInfo]:
        account = self._account(account_id)
        return [TokenInfo(t.token_id, t.label, t.revoked) for t in account.api_tokens.values()]

    def change_password(self, account_id: UUID, old: str, new: str, actor: str) -> None:
        _check_password(new)
        account = self._account(account_id)
        if not self._hasher.verify(account.password_hash, old):
            raise InvalidInput("current password is wrong")
        new_hash, now = self._hasher.hash(new), self._now()
        self._change(account_id, lambda a: a.change_password(new_hash, actor, now))

    def disable_account(self, account_id: UUID, actor: str) -> None:
        self._change(account_id, lambda a: a.disable(actor))

    # --- queries --------------------------------------------------------------------------

    def account(self, account_id: UUID) -> AccountInfo:
        return _info(self._account(account_id))

    def list_accounts(self) -> list[AccountInfo]:
        """Every account, in invitation order (scans the log for invitations)."""
        topic = get_topic(Account.Invited)  # type: ignore[attr-defined]
        accounts, start = [], 1
        while True:
            page = self._store.notifications(start=start, limit=500, topics=[topic])
            accounts += [self.account(UUID(str(n.originator_id))) for n in page]
            if len(page) < 500:
                return accounts
            start = page[-1].id + 1
