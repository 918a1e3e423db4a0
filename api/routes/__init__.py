"""One router per resource. A new module joins the API by being listed in `routers`
(and the authorization matrix test then demands its entries in tests/integration/access/).

Routers whose paths or bodies name productions, situations or blocs are built from the
`Vocabulary` of the referentials held, so their patterns never drift from the data.
"""

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
from portfolio.referential import Vocabulary


def routers(vocabulary: Vocabulary) -> tuple[APIRouter, ...]:
    return (
        health.router,
        auth.router,
        me.router,
        accounts.router,
        sessions.router(vocabulary),
        candidates.router,
        assignments.router(vocabulary),
        assessment.router(vocabulary),
        jury.router(vocabulary),
        productions.router(vocabulary),
        uploads.router(vocabulary),
        precheck.router(vocabulary),
        audit.router,
    )
