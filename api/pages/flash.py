"""One-shot messages after a redirect ("Votre mot de passe est modifié.").

The cookie carries only a key of `MESSAGES`, never text, so nothing a visitor sets can be
shown; `render()` reads it, translates it and deletes the cookie.
"""

from __future__ import annotations

from typing import Final

from starlette.requests import Request
from starlette.responses import Response

from api.pages.i18n import N_

FLASH_COOKIE: Final = "portfolio_flash"
MESSAGES: Final = {
    "signed-out": N_("You are signed out."),
    "activated": N_("Your account is active. Sign in with your new password."),
    "password-changed": N_(
        "Your password is changed. Your other browser sessions have been signed out."
    ),
    "token-revoked": N_("The token is revoked: it no longer opens anything."),
    "uploaded": N_("Your file is uploaded. Its check starts now."),
    "submitted": N_("Your production is submitted for assessment."),
}


def flash(response: Response, key: str) -> Response:
    if key not in MESSAGES:
        raise KeyError(key)
    response.set_cookie(FLASH_COOKIE, key, max_age=60, httponly=True, samesite="lax")
    return response


def pending(request: Request) -> str | None:
    """The msgid waiting to be shown, if any."""
    return MESSAGES.get(request.cookies.get(FLASH_COOKIE, ""))
