"""Signing in and out, and activating an invited account (the only public writes)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from api import security
from api.deps import AppSettings, CurrentPrincipal, Portfolio
from api.schemas import AccountOut
from portfolio.application.accounts import MIN_PASSWORD, AccountInfo
from portfolio.application.app import PortfolioApp
from portfolio.errors import Unauthenticated

router = APIRouter(prefix="/api", tags=["auth"])


class LoginIn(BaseModel):
    login: str = Field(min_length=1, max_length=254)
    password: str = Field(min_length=1, max_length=1024)


class LoginOut(BaseModel):
    account: AccountOut
    csrf_token: str = Field(description=f"Send back as {security.CSRF_HEADER} on writes")


class ActivationIn(BaseModel):
    token: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=MIN_PASSWORD, max_length=1024)


def authenticate(request: Request, app: PortfolioApp, login: str, password: str) -> AccountInfo:
    """The account of a login and password, throttled per login and per client address
    (shared by the API's login and the sign-in page)."""
    throttle = request.app.state.address_throttle
    address = request.client.host if request.client else "unknown"
    throttle.check(address)
    try:
        return app.authenticate_password(login, password)
    except Unauthenticated:
        throttle.failed(address)
        raise


@router.post(
    "/auth/login",
    summary="Sign in with login and password; sets the session and CSRF cookies",
    responses={
        401: {"description": "Wrong login or password"},
        429: {"description": "Locked: this login, or this client address across logins"},
    },
)
def login(
    body: LoginIn, request: Request, response: Response, app: Portfolio, settings: AppSettings
) -> LoginOut:
    account = authenticate(request, app, body.login, body.password)
    session = security.open_session(settings, response, account.id)
    return LoginOut(account=AccountOut.model_validate(account), csrf_token=session.csrf_token)


@router.post(
    "/auth/logout",
    status_code=204,
    summary="Sign out of every browser session (clears the cookies; API tokens stay valid)",
)
def logout(
    principal: CurrentPrincipal, response: Response, app: Portfolio, settings: AppSettings
) -> None:
    app.end_sessions(principal.account.id, principal.actor)
    security.close_session(settings, response)


@router.get(
    "/activation",
    summary="Which account an activation token is for (the link an administrator hands out)",
)
def activation_info(token: str, app: Portfolio) -> AccountOut:
    return AccountOut.model_validate(app.activation_account(token))


@router.post("/activation", summary="Activate an invited account by choosing its password")
def activate(body: ActivationIn, app: Portfolio) -> AccountOut:
    return AccountOut.model_validate(app.activate_account(body.token, body.password))
