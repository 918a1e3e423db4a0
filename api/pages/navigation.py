"""Where each role starts, what its navigation offers, and safe redirect targets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from api.pages.i18n import N_
from portfolio.application.accounts import AccountInfo
from portfolio.domain.account import Role

ROLE_NAMES: Final = {
    Role.ADMINISTRATOR: N_("administrator"),
    Role.CANDIDATE: N_("candidate"),
    Role.ASSESSOR: N_("assessor"),
    Role.JURY_MEMBER: N_("jury member"),
    Role.AUDITOR: N_("auditor"),
}
ROLE_HOMES: Final = {
    Role.ADMINISTRATOR: ("/admin", N_("Administration")),
    Role.ASSESSOR: ("/assessor", N_("My candidates")),
    Role.JURY_MEMBER: ("/jury", N_("Jury")),
    Role.AUDITOR: ("/audit", N_("Audit")),
}


@dataclass(frozen=True)
class NavItem:
    href: str
    label: str  # a msgid, translated by the template


def home_of(account: AccountInfo) -> str:
    """The page a role lands on after signing in (a candidate: their own portfolio)."""
    if account.role is Role.CANDIDATE and account.candidate_id is not None:
        return f"/candidates/{account.candidate_id}"
    if account.role in ROLE_HOMES:
        return ROLE_HOMES[account.role][0]
    return "/account"


def navigation(account: AccountInfo) -> list[NavItem]:
    if account.role is Role.CANDIDATE:
        first = NavItem(home_of(account), N_("My portfolio"))
    else:
        first = NavItem(*ROLE_HOMES[account.role])
    return [first, NavItem("/account", N_("My account"))]


def safe_next(target: str | None, fallback: str) -> str:
    """A same-site path to go back to after signing in; anything else becomes `fallback`."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target
