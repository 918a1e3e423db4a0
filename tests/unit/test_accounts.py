"""Accounts: invitation, activation, passwords, API tokens and throttled logins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bootstrap import Portfolio
from portfolio.application.accounts import AccountNotFound
from portfolio.domain.account import Account, Role
from portfolio.errors import AlreadyExists, Conflict, InvalidInput, TooManyAttempts, Unauthenticated
from tests.unit.evidence_support import make_app

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(clock: Clock) -> Portfolio:
    return make_app(clock)  # type: ignore[arg-type]


def test_invited_account_cannot_sign_in_until_activated(app: Portfolio) -> None:
    invitation = app.accounts.invite_account(
        "Ann@Example.org", "Ann", Role.ASSESSOR, "account:admin"
    )
    assert invitation.account.login == "ann@example.org"
    assert not invitation.account.active
    with pytest.raises(Unauthenticated):
        app.accounts.authenticate_password("ann@example.org", PASSWORD)
    assert app.accounts.activation_account(invitation.activation_token).id == invitation.account.id
    app.accounts.activate_account(invitation.activation_token, PASSWORD)
    assert app.accounts.authenticate_password("ANN@example.org", PASSWORD).role is Role.ASSESSOR


def test_activation_token_is_single_use(app: Portfolio) -> None:
    invitation = app.accounts.invite_account("bob@example.org", "Bob", Role.AUDITOR, "x")
    app.accounts.activate_account(invitation.activation_token, PASSWORD)
    with pytest.raises(InvalidInput):
        app.accounts.activate_account(invitation.activation_token, "another password")
    with pytest.raises(InvalidInput):
        app.accounts.activation_account(invitation.activation_token)


def test_expired_or_forged_activation_is_refused(app: Portfolio, clock: Clock) -> None:
    invitation = app.accounts.invite_account("eve@example.org", "Eve", Role.AUDITOR, "x")
    account_hex = invitation.account.id.hex
    with pytest.raises(InvalidInput):
        app.accounts.activate_account(f"{account_hex}.forged", PASSWORD)
    with pytest.raises(InvalidInput):
        app.accounts.activate_account("not-a-token", PASSWORD)
    clock.now += timedelta(days=8)
    with pytest.raises(InvalidInput, match="expired"):
        app.accounts.activate_account(invitation.activation_token, PASSWORD)
    fresh = app.accounts.reissue_activation(invitation.account.id, "x")
    assert app.accounts.activate_account(fresh.activation_token, PASSWORD).active
    with pytest.raises(Conflict):
        app.accounts.reissue_activation(invitation.account.id, "x")


def test_an_expired_activation_link_no_longer_names_its_account(
    app: Portfolio, clock: Clock
) -> None:
    invitation = app.accounts.invite_account("ida@example.org", "Ida", Role.AUDITOR, "x")
    assert app.accounts.activation_account(invitation.activation_token).login == "ida@example.org"
    clock.now += timedelta(days=8)
    with pytest.raises(InvalidInput, match="expired"):
        app.accounts.activation_account(invitation.activation_token)


def test_login_is_unique_and_short_passwords_refused(app: Portfolio) -> None:
    app.accounts.invite_account("dup@example.org", "D", Role.AUDITOR, "x")
    with pytest.raises(AlreadyExists):
        app.accounts.invite_account(" DUP@example.org ", "D2", Role.ASSESSOR, "x")
    with pytest.raises(InvalidInput):
        app.accounts.create_administrator("root@example.org", "Root", "short")


def test_candidate_role_needs_a_candidate_link(app: Portfolio) -> None:
    with pytest.raises(InvalidInput):
        app.accounts.invite_account("c@example.org", "C", Role.CANDIDATE, "x")
    with pytest.raises(ValueError):
        app.accounts.invite_account("c@example.org", "C", "emperor", "x")


def test_api_token_shown_once_stored_hashed_and_revocable(app: Portfolio) -> None:
    admin = app.accounts.create_administrator("root@example.org", "Root", PASSWORD)
    issued = app.accounts.issue_api_token(admin.id, "script", f"account:{admin.id}")
    assert app.accounts.authenticate_token(issued.token).id == admin.id
    account = app.adapters.store.get(admin.id, Account, AccountNotFound)
    stored = account.api_tokens[issued.token_id]
    secret = issued.token.removeprefix("pat_").partition("_")[2]
    assert len(secret) >= 40 and secret not in stored.digest
    app.accounts.revoke_api_token(admin.id, issued.token_id, "x")
    with pytest.raises(Unauthenticated):
        app.accounts.authenticate_token(issued.token)
    with pytest.raises(Conflict):
        app.accounts.revoke_api_token(admin.id, issued.token_id, "x")
    assert [t.revoked for t in app.accounts.api_tokens(admin.id)] == [True]


@pytest.mark.parametrize(
    "token", ["", "pat_", "pat_zz_secret", "Bearer x", "pat_" + "0" * 32 + "_s"]
)
def test_garbage_tokens_are_unauthenticated(app: Portfolio, token: str) -> None:
    with pytest.raises(Unauthenticated):
        app.accounts.authenticate_token(token)


def test_disabled_account_loses_password_and_tokens(app: Portfolio) -> None:
    admin = app.accounts.create_administrator("root@example.org", "Root", PASSWORD)
    issued = app.accounts.issue_api_token(admin.id, "script", "x")
    app.accounts.disable_account(admin.id, "x")
    with pytest.raises(Unauthenticated):
        app.accounts.authenticate_password("root@example.org", PASSWORD)
    with pytest.raises(Unauthenticated):
        app.accounts.authenticate_token(issued.token)
    with pytest.raises(Unauthenticated):
        app.accounts.signed_in_account(admin.id, datetime.now(UTC))


def test_repeated_failures_lock_the_login_then_it_unlocks(app: Portfolio, clock: Clock) -> None:
    app.accounts.create_administrator("root@example.org", "Root", PASSWORD)
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            app.accounts.authenticate_password("root@example.org", "wrong password")
    with pytest.raises(TooManyAttempts) as locked:
        app.accounts.authenticate_password("root@example.org", PASSWORD)
    assert locked.value.retry_after > 0
    clock.now += timedelta(seconds=locked.value.retry_after)
    assert app.accounts.authenticate_password("root@example.org", PASSWORD).active


def test_unknown_logins_are_throttled_too(app: Portfolio) -> None:
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            app.accounts.authenticate_password("ghost@example.org", "whatever pass")
    with pytest.raises(TooManyAttempts):
        app.accounts.authenticate_password("ghost@example.org", "whatever pass")


def test_change_password_needs_the_old_one(app: Portfolio) -> None:
    admin = app.accounts.create_administrator("root@example.org", "Root", PASSWORD)
    with pytest.raises(InvalidInput):
        app.accounts.change_password(admin.id, "not the password", "new password 123", "x")
    app.accounts.change_password(admin.id, PASSWORD, "new password 123", "x")
    assert app.accounts.authenticate_password("root@example.org", "new password 123").id == admin.id


def test_list_accounts_and_unknown_account(app: Portfolio) -> None:
    app.accounts.invite_account("a@example.org", "A", Role.AUDITOR, "x")
    app.accounts.invite_account("b@example.org", "B", Role.JURY_MEMBER, "x")
    assert [a.login for a in app.accounts.list_accounts()] == ["a@example.org", "b@example.org"]
    with pytest.raises(AccountNotFound):
        app.accounts.account(app.accounts.list_accounts()[0].id.__class__(int=1))


@pytest.mark.parametrize("login", ["", "   ", "two words", "x" * 300])
def test_malformed_logins_fail_like_wrong_passwords(app: Portfolio, login: str) -> None:
    with pytest.raises(Unauthenticated):
        app.accounts.authenticate_password(login, PASSWORD)


def test_signing_out_or_a_new_password_ends_older_sessions(app: Portfolio, clock: Clock) -> None:
    admin = app.accounts.create_administrator("root@example.org", "Root", PASSWORD)
    clock.now += timedelta(minutes=1)
    opened = clock.now
    assert app.accounts.signed_in_account(admin.id, opened).id == admin.id
    clock.now += timedelta(minutes=1)
    app.accounts.end_sessions(admin.id, "x")
    with pytest.raises(Unauthenticated):
        app.accounts.signed_in_account(admin.id, opened)
    clock.now += timedelta(minutes=1)
    reopened = clock.now
    assert app.accounts.signed_in_account(admin.id, reopened).id == admin.id
    clock.now += timedelta(minutes=1)
    app.accounts.change_password(admin.id, PASSWORD, "another password 1", "x")
    with pytest.raises(Unauthenticated):
        app.accounts.signed_in_account(admin.id, reopened)
