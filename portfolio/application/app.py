"""PortfolioApp: the one event-sourced application, composed of command and query mixins.

Other concerns add their mixin to the base list (AccountCommands, AssessmentCommands…); all
share one event store, one notification log and one composition root (`storage/bootstrap.py`).
Always construct it with `env=`: environment variables otherwise leak into the store choice.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import JSONTranscoder, Transcoding

from portfolio.application.accounts import AccountCommands
from portfolio.application.assessment import AssessmentCommands
from portfolio.application.evidence import EvidenceCommands
from portfolio.application.jury import JuryCommands
from portfolio.application.ports import BlobStore, SubjectVault
from portfolio.application.queries import EvidenceQueries

DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def utc_now() -> datetime:
    return datetime.now(UTC)


class BytesAsBase64(Transcoding):
    """Lets events carry sealed (ciphertext) bytes through the JSON transcoder."""

    type = bytes
    name = "bytes_b64"

    def encode(self, obj: bytes) -> str:
        return base64.b64encode(obj).decode("ascii")

    def decode(self, data: str) -> bytes:
        return base64.b64decode(data)


class PortfolioApp(
    AccountCommands,
    AssessmentCommands,
    JuryCommands,
    EvidenceCommands,
    EvidenceQueries,
    Application,
):
    """The evidence portfolio: sessions, candidates, productions and their history."""

    name = "portfolio"

    def __init__(
        self,
        env: dict[str, str],
        blobs: BlobStore,
        vault: SubjectVault,
        clock: Callable[[], datetime] = utc_now,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
        **extra: Any,
    ) -> None:
        self.blobs = blobs
        self.vault = vault
        self.clock = clock
        self.max_upload_bytes = max_upload_bytes
        self.extra = extra  # dependencies of other mixins (e.g. a password hasher)
        super().__init__(env=env)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(BytesAsBase64())
