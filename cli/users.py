"""`portfolio user …`: the first administrator, invitations and activation links.

There is no mail server: an invitation prints the one-time activation link, to be handed to
the person by the administrator.
"""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import actor_name, parse_id, portfolio_app
from cli.errors import exits_on_error
from portfolio.application.accounts import Invitation
from portfolio.application.app import PortfolioApp
from portfolio.domain.account import Role
from storage.settings import Settings

user_app = typer.Typer(no_args_is_help=True, help="Accounts: administrators and invitations.")


def _app() -> tuple[PortfolioApp, Settings]:
    settings = Settings()
    return portfolio_app(settings), settings


def _link(settings: Settings, invitation: Invitation) -> str:
    scheme = "https" if settings.behind_tls else "http"
    base = f"{scheme}://{settings.host}:{settings.port}"
    return f"{base}/activation?token={invitation.activation_token}"  # the activation page


def _print_invitation(settings: Settings, invitation: Invitation) -> None:
    typer.echo(f"account:    {invitation.account.id} ({invitation.account.role.value})")
    typer.echo(f"token:      {invitation.activation_token}")
    typer.echo(f"link:       {_link(settings, invitation)}")
    typer.echo(f"expires at: {invitation.expires_at.isoformat()}")


@user_app.command("create-admin")
@exits_on_error
def create_admin(
    login: Annotated[str, typer.Option(help="Login (e-mail address)")],
    name: Annotated[str, typer.Option(help="Display name")] = "Administrator",
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            envvar="PORTFOLIO_ADMIN_PASSWORD",
            help="At least 10 characters (prompted when not given)",
        ),
    ] = ...,
) -> None:
    """Create an active administrator with a password (the way in on a fresh install)."""
    app, _ = _app()
    account = app.create_administrator(login, name, password, actor_name(None))
    typer.echo(f"administrator {account.login} created: {account.id}")


@user_app.command("invite")
@exits_on_error
def invite(
    login: Annotated[str, typer.Option(help="Login (e-mail address)")],
    role: Annotated[Role, typer.Option(help="Role of the new account")],
    name: Annotated[str, typer.Option(help="Display name")],
    candidate: Annotated[str | None, typer.Option(help="Candidate id (candidate role)")] = None,
) -> None:
    """Invite a person and print their one-time activation link."""
    app, settings = _app()
    candidate_id = parse_id(candidate, "--candidate") if candidate else None
    _print_invitation(
        settings, app.invite_account(login, name, role, actor_name(None), candidate_id)
    )


@user_app.command("activation-link")
@exits_on_error
def activation_link(account_id: Annotated[str, typer.Argument(help="Account id")]) -> None:
    """Print a fresh activation link for an account that was never activated."""
    app, settings = _app()
    _print_invitation(
        settings, app.reissue_activation(parse_id(account_id, "account id"), actor_name(None))
    )


@user_app.command("list")
@exits_on_error
def list_users() -> None:
    """Every account: id, role, login and state."""
    app, _ = _app()
    for account in app.list_accounts():
        state = "disabled" if account.disabled else "active" if account.active else "invited"
        typer.echo(f"{account.id}  {account.role.value:<13} {state:<8} {account.login}")


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
