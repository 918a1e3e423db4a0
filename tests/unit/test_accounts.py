"""Accounts: invitation, activation, passwords, API tokens and throttled logins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from eventsourcing.application import Application

from portfolio.application.accounts import AccountCommands, AccountNotFound
from portfolio.domain.account import Role
from portfolio.errors import AlreadyExists, Conflict, InvalidInput, TooManyAttempts, Unauthenticated

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class AccountsApp(AccountCommands, Application):
    def __init__(self, clock: Clock) -> None:
        super().__init__(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
        self.clock = clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(clock: Clock) -> AccountsApp:
    return AccountsApp(clock)


def test_invited_account_cannot_sign_in_until_activated(app: AccountsApp) -> None:
    invitation = app.invite_account("Ann@Example.org", "Ann", Role.ASSESSOR, "account:admin")
    assert invitation.account.login == "ann@example.org"
    assert not invitation.account.active
    with pytest.raises(Unauthenticated):
        app.authenticate_password("ann@example.org", PASSWORD)
    assert app.activation_account(invitation.activation_token).id == invitation.account.id
    app.activate_account(invitation.activation_token, PASSWORD)
    assert app.authenticate_password("ANN@example.org", PASSWORD).role is Role.ASSESSOR


def test_activation_token_is_single_use(app: AccountsApp) -> None:
    invitation = app.invite_account("bob@example.org", "Bob", Role.AUDITOR, "x")
    app.activate_account(invitation.activation_token, PASSWORD)
    with pytest.raises(InvalidInput):
        app.activate_account(invitation.activation_token, "another password")
    with pytest.raises(InvalidInput):
        app.activation_account(invitation.activation_token)


def test_expired_or_forged_activation_is_refused(app: AccountsApp, clock: Clock) -> None:
    invitation = app.invite_account("eve@example.org", "Eve", Role.AUDITOR, "x")
    account_hex = invitation.account.id.hex
    with pytest.raises(InvalidInput):
        app.activate_account(f"{account_hex}.forged", PASSWORD)
    with pytest.raises(InvalidInput):
        app.activate_account("not-a-token", PASSWORD)
    clock.now += timedelta(days=8)
    with pytest.raises(InvalidInput, match="expired"):
        app.activate_account(invitation.activation_token, PASSWORD)
    fresh = app.reissue_activation(invitation.account.id, "x")
    assert app.activate_account(fresh.activation_token, PASSWORD).active
    with pytest.raises(Conflict):
        app.reissue_activation(invitation.account.id, "x")


def test_an_expired_activation_link_no_longer_names_its_account(
    app: AccountsApp, clock: Clock
) -> None:
    invitation = app.invite_account("ida@example.org", "Ida", Role.AUDITOR, "x")
    assert app.activation_account(invitation.activation_token).login == "ida@example.org"
    clock.now += timedelta(days=8)
    with pytest.raises(InvalidInput, match="expired"):
        app.activation_account(invitation.activation_token)


def test_login_is_unique_and_short_passwords_refused(app: AccountsApp) -> None:
    app.invite_account("dup@example.org", "D", Role.AUDITOR, "x")
    with pytest.raises(AlreadyExists):
        app.invite_account(" DUP@example.org ", "D2", Role.ASSESSOR, "x")
    with pytest.raises(InvalidInput):
        app.create_administrator("root@example.org", "Root", "short")


def test_candidate_role_needs_a_candidate_link(app: AccountsApp) -> None:
    with pytest.raises(InvalidInput):
        app.invite_account("c@example.org", "C", Role.CANDIDATE, "x")
    with pytest.raises(ValueError):
        app.invite_account("c@example.org", "C", "emperor", "x")


def test_api_token_shown_once_stored_hashed_and_revocable(app: AccountsApp) -> None:
    admin = app.create_administrator("root@example.org", "Root", PASSWORD)
    issued = app.issue_api_token(admin.id, "script", f"account:{admin.id}")
    assert app.authenticate_token(issued.token).id == admin.id
    stored = app._account(admin.id).api_tokens[issued.token_id]
    secret = issued.token.removeprefix("pat_").partition("_")[2]
    assert len(secret) >= 40 and secret not in stored.digest
    app.revoke_api_token(admin.id, issued.token_id, "x")
    with pytest.raises(Unauthenticated):
        app.authenticate_token(issued.token)
    with pytest.raises(Conflict):
        app.revoke_api_token(admin.id, issued.token_id, "x")
    assert [t.revoked for t in app.api_tokens(admin.id)] == [True]


@pytest.mark.parametrize(
    "token", ["", "pat_", "pat_zz_secret", "Bearer x", "pat_" + "0" * 32 + "_s"]
)
def test_garbage_tokens_are_unauthenticated(app: AccountsApp, token: str) -> None:
    with pytest.raises(Unauthenticated):
        app.authenticate_token(token)


def test_disabled_account_loses_password_and_tokens(app: AccountsApp) -> None:
    admin = app.create_administrator("root@example.org", "Root", PASSWORD)
    issued = app.issue_api_token(admin.id, "script", "x")
    app.disable_account(admin.id, "x")
    with pytest.raises(Unauthenticated):
        app.authenticate_password("root@example.org", PASSWORD)
    with pytest.raises(Unauthenticated):
        app.authenticate_token(issued.token)
    with pytest.raises(Unauthenticated):
        app.signed_in_account(admin.id, datetime.now(UTC))


def test_repeated_failures_lock_the_login_then_it_unlocks(app: AccountsApp, clock: Clock) -> None:
    app.create_administrator("root@example.org", "Root", PASSWORD)
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            app.authenticate_password("root@example.org", "wrong password")
    with pytest.raises(TooManyAttempts) as locked:
        app.authenticate_password("root@example.org", PASSWORD)
    assert locked.value.retry_after > 0
    clock.now += timedelta(seconds=locked.value.retry_after)
    assert app.authenticate_password("root@example.org", PASSWORD).active


def test_unknown_logins_are_throttled_too(app: AccountsApp) -> None:
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            app.authenticate_password("ghost@example.org", "whatever pass")
    with pytest.raises(TooManyAttempts):
        app.authenticate_password("ghost@example.org", "whatever pass")


def test_change_password_needs_the_old_one(app: AccountsApp) -> None:
    admin = app.create_administrator("root@example.org", "Root", PASSWORD)
    with pytest.raises(InvalidInput):
        app.change_password(admin.id, "not the password", "new password 123", "x")
    app.change_password(admin.id, PASSWORD, "new password 123", "x")
    assert app.authenticate_password("root@example.org", "new password 123").id == admin.id


def test_list_accounts_and_unknown_account(app: AccountsApp) -> None:
    app.invite_account("a@example.org", "A", Role.AUDITOR, "x")
    app.invite_account("b@example.org", "B", Role.JURY_MEMBER, "x")
    assert [a.login for a in app.list_accounts()] == ["a@example.org", "b@example.org"]
    with pytest.raises(AccountNotFound):
        app.account(app.list_accounts()[0].id.__class__(int=1))


@pytest.mark.parametrize("login", ["", "   ", "two words", "x" * 300])
def test_malformed_logins_fail_like_wrong_passwords(app: AccountsApp, login: str) -> None:
    with pytest.raises(Unauthenticated):
        app.authenticate_password(login, PASSWORD)


def test_signing_out_or_a_new_password_ends_older_sessions(app: AccountsApp, clock: Clock) -> None:
    admin = app.create_administrator("root@example.org", "Root", PASSWORD)
    clock.now += timedelta(minutes=1)
    opened = clock.now
    assert app.signed_in_account(admin.id, opened).id == admin.id
    clock.now += timedelta(minutes=1)
    app.end_sessions(admin.id, "x")
    with pytest.raises(Unauthenticated):
        app.signed_in_account(admin.id, opened)
    clock.now += timedelta(minutes=1)
    reopened = clock.now
    assert app.signed_in_account(admin.id, reopened).id == admin.id
    clock.now += timedelta(minutes=1)
    app.change_password(admin.id, PASSWORD, "another password 1", "x")
    with pytest.raises(Unauthenticated):
        app.signed_in_account(admin.id, reopened)
