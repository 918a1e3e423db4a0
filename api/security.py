"""Browser sessions: a signed, HttpOnly session cookie and a double-submit CSRF token.

The session cookie carries `account id . issued-at (ms) . nonce . signature` (HMAC-SHA256 with
the settings' secret key), so no session table is needed and a restart keeps people signed in;
signing out (or changing one's password) records a time before which no cookie is accepted. The
CSRF token is an HMAC of the session nonce: readable by the page (non-HttpOnly cookie and the
login response), and it must come back in the `X-CSRF-Token` header on every cookie-
authenticated write. API-token requests carry no ambient credential and need no CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from fastapi import Response

from config import Settings

SESSION_COOKIE = "portfolio_session"
CSRF_COOKIE = "portfolio_csrf"
CSRF_HEADER = "X-CSRF-Token"
SESSION_SECONDS = 8 * 3600


@dataclass(frozen=True)
class BrowserSession:
    """What a valid session cookie says: who, since when, and its CSRF token."""

    account_id: UUID
    issued_at: datetime
    csrf_token: str


def _sign(settings: Settings, message: str) -> str:
    key = settings.secret_key.get_secret_value().encode()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def _same(given: str, expected: str) -> bool:
    """Constant-time equality that refuses, rather than crashes on, non-ASCII input."""
    return hmac.compare_digest(given.encode(), expected.encode())


def _csrf_for(settings: Settings, nonce: str) -> str:
    return _sign(settings, f"csrf:{nonce}")


def open_session(settings: Settings, response: Response, account_id: UUID) -> BrowserSession:
    """Sign a new session for `account_id` and set both cookies on `response`."""
    nonce, issued = secrets.token_urlsafe(16), int(time.time() * 1000)
    payload = f"{account_id.hex}.{issued}.{nonce}"
    value = f"{payload}.{_sign(settings, payload)}"
    csrf = _csrf_for(settings, nonce)
    common: dict[str, Any] = {
        "max_age": SESSION_SECONDS,
        "secure": settings.behind_tls,
        "samesite": "strict",
    }
    response.set_cookie(SESSION_COOKIE, value, httponly=True, path="/", **common)
    response.set_cookie(CSRF_COOKIE, csrf, httponly=False, path="/", **common)
    return BrowserSession(account_id, _as_datetime(issued), csrf)


def read_session(settings: Settings, cookie: str) -> BrowserSession | None:
    """The session a cookie proves, or None when it is forged, malformed or expired."""
    payload, _, signature = cookie.rpartition(".")
    if not payload or not _same(signature, _sign(settings, payload)):
        return None
    account_hex, issued, nonce = (payload.split(".") + ["", "", ""])[:3]
    try:
        account_id, issued_at = UUID(hex=account_hex), int(issued)
    except ValueError:
        return None
    if time.time() - issued_at / 1000 > SESSION_SECONDS:
        return None
    return BrowserSession(account_id, _as_datetime(issued_at), _csrf_for(settings, nonce))


def _as_datetime(milliseconds: int) -> datetime:
    return datetime.fromtimestamp(milliseconds / 1000, UTC)


def close_session(settings: Settings, response: Response) -> None:
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/", secure=settings.behind_tls, samesite="strict")


def csrf_matches(session: BrowserSession, header: str | None) -> bool:
    return bool(header) and _same(header or "", session.csrf_token)
