"""Account pages: sign in and out, activation from the invitation link, password, API tokens,
and the language switch. Each handler parses the form, calls one application method, then
renders or redirects (303, so a reload never re-posts)."""

from __future__ import annotations

from contextlib import suppress
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from api import security
from api.deps import AppSettings, Portfolio
from api.pages import flash
from api.pages.deps import AnonymousForm, SignedIn, Writer, form_token, keep_form_token
from api.pages.i18n import LANGUAGE_COOKIE, LANGUAGES, N_
from api.pages.navigation import home_of, safe_next
from api.pages.rendering import render, translate
from api.routes.auth import authenticate
from portfolio.application.accounts import MAX_PASSWORD, MIN_PASSWORD
from portfolio.errors import Conflict, InvalidInput, TooManyAttempts, Unauthenticated

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form(max_length=2048)]
Errors = dict[str, str]

REQUIRED = N_("Enter this information.")
WRONG_CREDENTIALS = N_("The identifier or the password is wrong.")
THROTTLED = N_("Too many failed attempts. Try again in %(minutes)s minutes.")
TOO_SHORT = N_("The password must have at least %(count)s characters.")
TOO_LONG = N_("The password must have at most %(count)s characters.")
MISMATCH = N_("The two passwords are different.")
WRONG_CURRENT = N_("The current password is wrong.")


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# --- language ------------------------------------------------------------------------------


@router.get("/language")
def choose_language(lang: str = "fr", next: str = "/") -> Response:
    """Remember the reader's language for a year, then go back where they were."""
    response = _redirect(safe_next(next, "/"))
    if lang in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


# --- signing in and out --------------------------------------------------------------------


def _signin_form(
    request: Request,
    settings: AppSettings,
    login: str = "",
    next: str = "",
    errors: Errors | None = None,
    status_code: int = 200,
) -> Response:
    token = form_token(request)
    context = {"form_token": token, "login": login, "next": next, "errors": errors or {}}
    page = render(request, "account/signin.html", context, status_code=status_code)
    return keep_form_token(page, token, settings)


@router.get("/signin")
def signin_page(
    request: Request, settings: AppSettings, next: str = "", login: str = ""
) -> Response:
    return _signin_form(request, settings, login, next)


@router.post("/signin", dependencies=[AnonymousForm])
def signin(
    request: Request,
    app: Portfolio,
    settings: AppSettings,
    login: Text = "",
    password: Text = "",
    next: Text = "",
) -> Response:
    errors = {
        name: translate(request, REQUIRED)
        for name, value in (("login", login), ("password", password))
        if not value
    }
    if errors:
        return _signin_form(request, settings, login, next, errors, 422)
    try:
        account = authenticate(request, app, login, password)
    except TooManyAttempts as error:
        minutes = max(1, -(-error.retry_after // 60))
        message = translate(request, THROTTLED) % {"minutes": minutes}
        return _signin_form(request, settings, login, next, {"login": message}, 429)
    except Unauthenticated:
        message = translate(request, WRONG_CREDENTIALS)
        return _signin_form(request, settings, login, next, {"login": message}, 401)
    response = _redirect(safe_next(next, home_of(account)))
    security.open_session(settings, response, account.id)
    return response


@router.post("/signout")
def signout(user: Writer, app: Portfolio, settings: AppSettings) -> Response:
    """Sign out of every browser (as the API's logout); API tokens stay valid."""
    app.end_sessions(user.account.id, user.actor)
    response = _redirect("/signin")
    security.close_session(settings, response)
    return flash.flash(response, "signed-out")


# --- activation ----------------------------------------------------------------------------


def _password_errors(request: Request, password: str, confirmation: str, field: str) -> Errors:
    if len(password) < MIN_PASSWORD:
        return {field: translate(request, TOO_SHORT) % {"count": MIN_PASSWORD}}
    if len(password) > MAX_PASSWORD:
        return {field: translate(request, TOO_LONG) % {"count": MAX_PASSWORD}}
    if password != confirmation:
        return {"confirmation": translate(request, MISMATCH)}
    return {}


def _activation_form(
    request: Request,
    app: Portfolio,
    settings: AppSettings,
    token: str,
    errors: Errors | None = None,
    status_code: int = 200,
) -> Response:
    try:
        account = app.activation_account(token)
    except InvalidInput:
        return render(request, "account/activation_invalid.html", status_code=404)
    anonymous = form_token(request)
    context = {
        "account": account,
        "token": token,
        "form_token": anonymous,
        "min_password": MIN_PASSWORD,
        "errors": errors or {},
    }
    page = render(request, "account/activation.html", context, status_code=status_code)
    return keep_form_token(page, anonymous, settings)


@router.get("/activation", name="activation_page")
def activation_page(
    request: Request, app: Portfolio, settings: AppSettings, token: str = ""
) -> Response:
    """The invitation link: who the account is for, and the form to choose a password."""
    return _activation_form(request, app, settings, token)


@router.post("/activation", dependencies=[AnonymousForm])
def activate(
    request: Request,
    app: Portfolio,
    settings: AppSettings,
    token: Text = "",
    password: Text = "",
    confirmation: Text = "",
) -> Response:
    errors = _password_errors(request, password, confirmation, "password")
    if errors:
        return _activation_form(request, app, settings, token, errors, 422)
    try:
        account = app.activate_account(token, password)
    except InvalidInput:
        return render(request, "account/activation_invalid.html", status_code=404)
    response = _redirect(f"/signin?login={account.login}")
    return flash.flash(response, "activated")


# --- my account ----------------------------------------------------------------------------


@router.get("/account")
def account_page(request: Request, user: SignedIn) -> Response:
    return render(request, "account/account.html", user=user)


def _password_form(request: Request, user: SignedIn, errors: Errors, status: int) -> Response:
    context = {"errors": errors, "min_password": MIN_PASSWORD}
    return render(request, "account/password.html", context, user=user, status_code=status)


@router.get("/account/password")
def password_page(request: Request, user: SignedIn) -> Response:
    return _password_form(request, user, {}, 200)


@router.post("/account/password")
def change_password(
    request: Request,
    user: Writer,
    app: Portfolio,
    settings: AppSettings,
    current_password: Text = "",
    new_password: Text = "",
    confirmation: Text = "",
) -> Response:
    errors = _password_errors(request, new_password, confirmation, "new_password")
    if not current_password:
        errors = {"current_password": translate(request, REQUIRED), **errors}
    if errors:
        return _password_form(request, user, errors, 422)
    try:
        app.change_password(user.account.id, current_password, new_password, user.actor)
    except InvalidInput:
        return _password_form(
            request, user, {"current_password": translate(request, WRONG_CURRENT)}, 422
        )
    response = _redirect("/account")
    security.open_session(settings, response, user.account.id)  # the change ended the old one
    return flash.flash(response, "password-changed")


# --- personal API tokens -------------------------------------------------------------------


def _tokens(request: Request, user: SignedIn, app: Portfolio, **context: object) -> Response:
    """The tokens page, or only its `#tokens` block for htmx."""
    values = {"tokens": app.api_tokens(user.account.id), "errors": {}, "issued": None, **context}
    template = (
        "account/_tokens.html" if request.headers.get("HX-Request") else "account/tokens.html"
    )
    status = 422 if values["errors"] else 200
    return render(request, template, values, user=user, status_code=status)


@router.get("/account/tokens")
def tokens_page(request: Request, user: SignedIn, app: Portfolio) -> Response:
    return _tokens(request, user, app)


@router.post("/account/tokens")
def issue_token(request: Request, user: Writer, app: Portfolio, label: Text = "") -> Response:
    """The new token is shown in this response only (never stored, never redirected)."""
    if not label.strip():
        return _tokens(request, user, app, errors={"label": translate(request, REQUIRED)})
    issued = app.issue_api_token(user.account.id, label[:100], user.actor)
    return _tokens(request, user, app, issued=issued)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(request: Request, token_id: str, user: Writer, app: Portfolio) -> Response:
    with suppress(Conflict):  # already revoked (a double click): the list below says so
        app.revoke_api_token(user.account.id, token_id, user.actor)
    if request.headers.get("HX-Request"):
        return _tokens(request, user, app)
    return flash.flash(_redirect("/account/tokens"), "token-revoked")
