"""Helpers for the unit tests: a settable clock and a Portfolio on the in-memory twins.

The twins are the ones the contract tests hold to the real adapters' contracts
(`storage.blobs.MemoryBlobStore`, the key vault over `MemoryKeyTable`, a POPO event store);
passwords are hashed by Argon2id at its cheapest, so the unit tier stays fast.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from bootstrap import Adapters, Portfolio, compose
from pipeline.run import DocumentPipeline, Limits
from portfolio.application.passwords import Argon2Hasher
from portfolio.application.store import EventStore
from portfolio.referential import PackagedReferentials
from storage.blobs import MemoryBlobStore
from storage.keytables import MemoryKeyTable
from storage.vault import KeyVault

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REFERENTIALS = PackagedReferentials()  # loaded once for the whole test run
VERSION = REFERENTIALS.current().version


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


def memory_adapters(
    clock: FakeClock | None = None, max_upload_bytes: int = 1024 * 1024, **overrides: Any
) -> Adapters:
    """Adapters on the in-memory twins; `overrides` replace any field (referentials, …)."""
    fields: dict[str, Any] = {
        "store": EventStore(dict(POPO)),
        "blobs": MemoryBlobStore(),
        "vault": KeyVault(MemoryKeyTable()),
        "clock": clock or FakeClock(),
        "hasher": Argon2Hasher.cheap(),
        "referentials": REFERENTIALS,
        "pipeline": DocumentPipeline(Limits(max_bytes=max_upload_bytes)),
        "max_upload_bytes": max_upload_bytes,
    }
    return Adapters(**(fields | overrides))


def make_app(
    clock: FakeClock | None = None, max_upload_bytes: int = 1024 * 1024, **overrides: Any
) -> Portfolio:
    return compose(memory_adapters(clock, max_upload_bytes, **overrides))


def enrolled(app: Portfolio, ref: str = "C-001", **deadlines: datetime) -> UUID:
    """Open a session (with optional deadlines per code) and enrol one candidate."""
    session = app.sessions.open_session("RNCP38700", VERSION, "2026-spring", "cli:admin", deadlines)
    return app.sessions.add_candidate(
        session, ref, "Jeanne Dupont", "jeanne@example.org", "formation", "cli:admin"
    )


def pdf(text: str = "rapport") -> io.BytesIO:
    return io.BytesIO(b"%PDF-1.7\n" + text.encode() * 50)
