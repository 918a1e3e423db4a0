"""Accounts: who may sign in, with which role, and which secrets prove it.

Only hashes are ever recorded: Argon2 for passwords (computed by the application), SHA-256 for
activation and API tokens (high-entropy random secrets, so a fast hash is enough). The account
id is derived from the login so that a login can only be registered once.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from portfolio.errors import Conflict, InvalidInput

ACCOUNT_NAMESPACE = uuid5(NAMESPACE_URL, "urn:cdc-portfolio:account")


class Role(StrEnum):
    """What an account is for; each role sees a different slice of the portfolios."""

    ADMINISTRATOR = "administrator"
    CANDIDATE = "candidate"
    ASSESSOR = "assessor"
    JURY_MEMBER = "jury member"
    AUDITOR = "auditor"


def account_id_for(login: str) -> UUID:
    """One login, one account: the id is a name-based UUID of the normalised login."""
    return uuid5(ACCOUNT_NAMESPACE, normalise_login(login))


def normalise_login(login: str) -> str:
    cleaned = login.strip().lower()
    if not cleaned or len(cleaned) > 254 or any(c.isspace() for c in cleaned):
        raise InvalidInput(f"not a usable login: {login!r}")
    return cleaned


def secret_digest(secret: str) -> str:
    """SHA-256 of a random token secret; what the event store keeps instead of the secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class ApiTokenRecord:
    """A personal API token as recorded: its hash, label and whether it was revoked."""

    token_id: str
    label: str
    digest: str
    issued_by: str
    revoked: bool = False


class Account(Aggregate):
    """A person who signs in. Invited first, usable once activated with a password."""

    @event("Invited")
    def __init__(
        self,
        login: str,
        display_name: str,
        role: str,
        candidate_id: str | None,
        activation_digest: str,
        activation_expires_at: datetime,
        actor: str,
    ) -> None:
        self.login = login
        self.display_name = display_name
        self.role = Role(role)
        self.candidate_id = candidate_id
        self.activation_digest: str | None = activation_digest
        self.activation_expires_at = activation_expires_at
        self.password_hash: str | None = None
        self.disabled = False
        self.api_tokens: dict[str, ApiTokenRecord] = {}
        self.sessions_valid_after: datetime | None = None

    @staticmethod
    def create_id(login: str, **_: object) -> UUID:
        return account_id_for(login)

    @property
    def active(self) -> bool:
        return self.password_hash is not None and not self.disabled

    def check_activation(self, secret: str, now: datetime) -> None:
        """Raise `InvalidInput` unless `secret` is the live, unexpired activation secret."""
        if self.activation_digest is None or not hmac.compare_digest(
            self.activation_digest, secret_digest(secret)
        ):
            raise InvalidInput("activation token is not valid")
        if now > self.activation_expires_at:
            raise InvalidInput("activation token has expired")

    def activate(self, secret: str, password_hash: str, now: datetime) -> None:
        """Consume the one-time activation secret and set the first password."""
        self.check_activation(secret, now)
        self._activated(password_hash=password_hash, at=now)

    @event("Activated")
    def _activated(self, password_hash: str, at: datetime) -> None:
        self.password_hash = password_hash
        self.activation_digest = None
        self.sessions_valid_after = at

    def reissue_activation(self, activation_digest: str, expires_at: datetime, actor: str) -> None:
        """A fresh one-time link, only while the account was never activated."""
        if self.password_hash is not None:
            raise Conflict("account is already active")
        self._activation_reissued(activation_digest, expires_at, actor)

    @event("ActivationReissued")
    def _activation_reissued(
        self, activation_digest: str, expires_at: datetime, actor: str
    ) -> None:
        self.activation_digest = activation_digest
        self.activation_expires_at = expires_at

    @event("PasswordChanged")
    def change_password(self, password_hash: str, actor: str, at: datetime) -> None:
        """A new password also ends every browser session opened before it."""
        self.password_hash = password_hash
        self.sessions_valid_after = at

    @event("SessionsEnded")
    def end_sessions(self, actor: str, at: datetime) -> None:
        """Sign out everywhere: session cookies issued before `at` stop working."""
        self.sessions_valid_after = at

    def issue_api_token(self, token_id: str, label: str, digest: str, actor: str) -> None:
        if not self.active:
            raise Conflict("account is not active")
        self._api_token_issued(token_id=token_id, label=label, digest=digest, actor=actor)

    @event("ApiTokenIssued")
    def _api_token_issued(self, token_id: str, label: str, digest: str, actor: str) -> None:
        self.api_tokens[token_id] = ApiTokenRecord(token_id, label, digest, actor)

    def revoke_api_token(self, token_id: str, actor: str) -> None:
        record = self.api_tokens.get(token_id)
        if record is None or record.revoked:
            raise Conflict(f"no live API token {token_id}")
        self._api_token_revoked(token_id=token_id, actor=actor)

    @event("ApiTokenRevoked")
    def _api_token_revoked(self, token_id: str, actor: str) -> None:
        old = self.api_tokens[token_id]
        self.api_tokens[token_id] = ApiTokenRecord(
            old.token_id, old.label, old.digest, old.issued_by, revoked=True
        )

    def matching_token(self, secret: str) -> ApiTokenRecord | None:
        """The live token whose hash matches `secret`, if any."""
        digest = secret_digest(secret)
        for record in self.api_tokens.values():
            if not record.revoked and hmac.compare_digest(record.digest, digest):
                return record
        return None

    def disable(self, actor: str) -> None:
        if self.disabled:
            raise Conflict("account is already disabled")
        self._disabled(actor=actor)

    @event("Disabled")
    def _disabled(self, actor: str) -> None:
        self.disabled = True
