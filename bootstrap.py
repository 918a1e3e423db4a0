"""The composition root: settings in, a wired PortfolioApp out.

The CLI, the API and the workers all build the application here, so the embedded set-up
(SQLite, local folder, key file) and the real one (PostgreSQL, S3) run the same code path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pipeline.section_texts import section_text_provider
from portfolio.application.app import PortfolioApp, utc_now
from rendering import render_pv
from storage.factory import (
    build_blob_store,
    build_vault,
    event_store_env,
    protect_event_tables,
    translate_store_errors,
)
from config import Settings


def build_app(settings: Settings, clock: Callable[[], datetime] = utc_now) -> PortfolioApp:
    """Open (creating if needed) the event store, blob store and key vault of `settings`."""
    env = event_store_env(settings, PortfolioApp.name)
    with translate_store_errors(settings):
        app = PortfolioApp(
            env=env,
            blobs=build_blob_store(settings),
            vault=build_vault(settings),
            clock=clock,
            max_upload_bytes=settings.max_upload_bytes,
            pv_renderer=render_pv,
            section_texts=section_text_provider(settings),
        )
    protect_event_tables(settings, [PortfolioApp.name])
    return app
