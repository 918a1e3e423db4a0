"""Helpers for the evidence tests: a settable clock and an app on the in-memory twins."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from uuid import UUID

from portfolio.application.app import PortfolioApp
from portfolio.application.memory import MemoryBlobStore, MemoryVault

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand; each reading ticks 1 µs, so events stay ordered."""

    def __init__(self, start: datetime = T0) -> None:
        self.current = start

    def __call__(self) -> datetime:
        self.current += timedelta(microseconds=1)
        return self.current

    def now(self) -> datetime:
        return self()

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


def make_app(clock: FakeClock | None = None, max_upload_bytes: int = 1024 * 1024) -> PortfolioApp:
    return PortfolioApp(
        env=dict(POPO),
        blobs=MemoryBlobStore(),
        vault=MemoryVault(),
        clock=clock or FakeClock(),
        max_upload_bytes=max_upload_bytes,
    )


def enrolled(app: PortfolioApp, ref: str = "C-001", **deadlines: datetime) -> UUID:
    """Open a session (with optional deadlines per code) and enrol one candidate."""
    session = app.open_session("RNCP38700", "2024-v1", "2026-spring", "cli:admin", deadlines)
    return app.add_candidate(
        session, ref, "Jeanne Dupont", "jeanne@example.org", "formation", "cli:admin"
    )


def pdf(text: str = "rapport") -> io.BytesIO:
    return io.BytesIO(b"%PDF-1.7\n" + text.encode() * 50)
