"""`create_app(settings)`: the HTTP composition root. Nothing happens at import time.

One PortfolioApp per process, built here from the settings and kept on `app.state`; routes are
plain `def` functions (FastAPI runs them in its thread pool around the synchronous store).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from fastapi import FastAPI

from api import errors
from api.limits import BodyLimit
from api.logs import install_access_log_redaction
from api.pages.routers import install as install_pages
from api.routes import ROUTERS
from portfolio.application.app import PortfolioApp
from portfolio.application.throttle import WindowThrottle
from storage.settings import Settings

if TYPE_CHECKING:
    from pipeline.jobs.worker import WorkerHandle


def start_embedded_worker(portfolio: PortfolioApp, settings: Settings) -> WorkerHandle | None:
    """Embedded default: uploads are checked inside the service (brokers: `portfolio worker`)."""
    if settings.broker != "inprocess" or not settings.inprocess_worker:
        return None
    from pipeline.jobs.worker import start_inprocess_worker

    return start_inprocess_worker(portfolio, settings)


def address_throttle(settings: Settings) -> WindowThrottle:
    """Failed sign-ins per client address, across logins (kept per process, in memory)."""
    return WindowThrottle(
        lambda: datetime.now(UTC),
        limit=settings.login_failures_per_address,
        window=timedelta(seconds=settings.login_address_window_seconds),
    )


def create_app(settings: Settings | None = None, portfolio: PortfolioApp | None = None) -> FastAPI:
    """Build the API over `portfolio` (default: built from `settings` by the bootstrap)."""
    settings = settings or Settings()
    if portfolio is None:
        from storage.bootstrap import build_app

        portfolio = build_app(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        worker = start_embedded_worker(portfolio, settings)
        yield
        if worker is not None:
            worker.stop()
        portfolio.close()  # release the event store's connections on shutdown

    app = FastAPI(
        lifespan=lifespan,
        title="CDC evidence portfolio",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.portfolio = portfolio
    app.state.address_throttle = address_throttle(settings)
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router, responses=errors.PROBLEM_RESPONSES)
    install_pages(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_upload_bytes)
    install_access_log_redaction()  # activation links carry ?token=
    return app
