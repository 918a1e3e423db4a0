"""`create_app(settings)`: the HTTP edge over one `Portfolio`. Nothing happens at import time.

One Portfolio per process, built by the composition root (`bootstrap.build`) and kept on
`app.state`; routes are plain `def` functions (FastAPI runs them in its thread pool around the
synchronous store). The routers' path and body patterns come from the referentials held.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI

import bootstrap
from api import errors
from api.limits import BodyLimit
from api.logs import install_access_log_redaction
from api.pages.routers import install as install_pages
from api.routes import routers
from config import Settings
from portfolio.application.throttle import WindowThrottle
from portfolio.referential import Vocabulary


def address_throttle(settings: Settings) -> WindowThrottle:
    """Failed sign-ins per client address, across logins (kept per process, in memory)."""
    return WindowThrottle(
        lambda: datetime.now(UTC),
        limit=settings.login_failures_per_address,
        window=timedelta(seconds=settings.login_address_window_seconds),
    )


def create_app(
    settings: Settings | None = None, portfolio: bootstrap.Portfolio | None = None
) -> FastAPI:
    """Build the API over `portfolio` (default: built from `settings` by the bootstrap)."""
    settings = settings or Settings()
    held = portfolio or bootstrap.build(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        worker = bootstrap.start_embedded_worker(settings, held)
        yield
        if worker is not None:
            worker.stop()
        held.close()  # release the event store's connections on shutdown

    app = FastAPI(
        lifespan=lifespan,
        title="CDC evidence portfolio",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.portfolio = held
    app.state.probes = bootstrap.readiness(settings)
    app.state.address_throttle = address_throttle(settings)
    errors.install(app)
    for router in routers(Vocabulary.of(held.referentials)):
        app.include_router(router, responses=errors.PROBLEM_RESPONSES)
    install_pages(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_upload_bytes)
    install_access_log_redaction()  # activation links carry ?token=
    return app
