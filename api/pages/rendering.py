"""Rendering pages: one Jinja2 environment with the i18n extension, and `render()`.

The environment is shared by every request; what differs per request (language, signed-in
user, CSRF token) travels in the template context, and the gettext callables read the
catalogue from there, so concurrent requests in different languages never mix.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from starlette.requests import Request
from starlette.responses import HTMLResponse

from api.pages import flash, i18n
from api.pages.navigation import ROLE_NAMES, navigation
from api.pages.report import rejection_msgid

if TYPE_CHECKING:
    from api.pages.deps import PageUser

TEMPLATES: Final = Path(__file__).resolve().parent.parent / "templates"
# Pages load scripts, styles and images from this origin only; nothing inline.
SECURITY_HEADERS: Final = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
        "object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # activation links carry their token in the query
    "Cache-Control": "no-store",
}


@pass_context
def _gettext(context: Context, message: str) -> str:
    return context["translations"].gettext(message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return context["translations"].ngettext(singular, plural, n)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["rejection_msgid"] = rejection_msgid
    return env


def page_context(
    request: Request, extra: Mapping[str, Any], user: PageUser | None = None
) -> dict[str, Any]:
    """What every template may use: the request, language, formats and the signed-in user."""
    language = i18n.language_of(request)
    return {
        "request": request,
        "lang": language,
        "languages": i18n.LANGUAGE_NAMES,
        "translations": i18n.translations(language),
        "fmt": i18n.Formats(language, lambda: datetime.now(UTC)),
        "user": user,
        "role_name": ROLE_NAMES[user.role] if user else "",
        "nav": navigation(user.account) if user else [],
        "csrf_token": user.session.csrf_token if user else "",
        "flash": flash.pending(request),
        "htmx": request.headers.get("HX-Request") == "true",
        **extra,
    }


def translate(request: Request, message: str) -> str:
    """`message` in the reader's language (for strings built in Python, marked with N_)."""
    return i18n.translations(i18n.language_of(request)).gettext(message)


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    user: PageUser | None = None,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """Render `template` with the page context; security headers on every page."""
    values = page_context(request, context or {}, user)
    html = environment().get_template(template).render(values)
    response = HTMLResponse(html, status_code, headers={**SECURITY_HEADERS, **(headers or {})})
    if values["flash"] and not values["htmx"]:
        response.delete_cookie(flash.FLASH_COOKIE)
    return response
