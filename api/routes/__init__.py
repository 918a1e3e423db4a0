"""One router per resource. A new module joins the API by being listed in `ROUTERS`
(and the authorization matrix test then demands its entries in tests/integration/access/)."""

from __future__ import annotations

from fastapi import APIRouter

from api.routes import (
    accounts,
    assessment,
    assignments,
    audit,
    auth,
    candidates,
    health,
    jury,
    me,
    precheck,
    productions,
    sessions,
    uploads,
)

ROUTERS: tuple[APIRouter, ...] = (
    health.router,
    auth.router,
    me.router,
    accounts.router,
    sessions.router,
    candidates.router,
    assignments.router,
    assessment.router,
    jury.router,
    productions.router,
    uploads.router,
    precheck.router,
    audit.router,
)
