"""What the application needs from the outside world, as structural types.

The services depend on these shapes only; the composition root (`bootstrap.py`) hands them the
adapters: blob stores and the key vault from `storage/`, the password hasher, the PV renderer
from `rendering/`, the section texts and the media-type sniffer from `pipeline/`. Keeping the
shapes here lets `portfolio` import nothing but the standard library and its few libraries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, BinaryIO, Protocol

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock (tests inject one they move by hand)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class StoredBlob:
    """Where a write-once blob lives: its content address and size in bytes."""

    sha256: str  # hex digest of the stored bytes; also the key in the store
    size: int


class BlobStore(Protocol):
    """Content-addressed, write-once storage of byte streams.

    `put` streams (never holds a whole file in memory) and returns the address; past
    `max_bytes` it raises `portfolio.errors.BlobTooLarge` and leaves nothing behind. Putting the
    same bytes twice is a no-op returning the same address. `open` yields the bytes in chunks and
    raises `portfolio.errors.BlobCorrupted` at the end of the stream when they no longer hash to
    their address, `portfolio.errors.BlobNotFound` when there is no such blob. `check` raises
    `StorageUnavailable` unless the store can take files now (readiness).
    """

    def put(self, stream: BinaryIO, max_bytes: int | None = None) -> StoredBlob: ...

    def open(self, sha256: str) -> Iterator[bytes]: ...

    def exists(self, sha256: str) -> bool: ...

    def check(self) -> None: ...


class SubjectVault(Protocol):
    """Per-subject (per-candidate) encryption keys kept outside the event store.

    Destroying a subject's key makes everything sealed for it unreadable (crypto-shredding)
    while the event log stays intact. Opening after destruction raises
    `portfolio.errors.SubjectErased`.
    """

    def seal(self, subject: str, plaintext: bytes) -> bytes: ...

    def open(self, subject: str, sealed: bytes) -> bytes: ...

    def seal_stream(self, subject: str, chunks: Iterator[bytes]) -> Iterator[bytes]: ...

    def open_stream(self, subject: str, chunks: Iterator[bytes]) -> Iterator[bytes]: ...

    def destroy(self, subject: str) -> None: ...

    def is_destroyed(self, subject: str) -> bool: ...


class PasswordHasher(Protocol):
    """Slow, salted password hashing (Argon2id in deployments, a cheap one in unit tests)."""

    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str | None, password: str) -> bool:
        """True when `password` matches; with no hash, spend the same time and say False."""
        ...


# content (the plain dict recorded in the PV's event) -> (DOCX bytes, PDF bytes)
PVRenderer = Callable[[dict[str, Any]], tuple[bytes, bytes]]

# (plaintext of an evidence file, its media type) -> {section id: section text}
SectionTexts = Callable[[bytes, str], dict[str, str]]

# (first bytes of a file, its name) -> the media type its content shows ("application/pdf")
MediaTypes = Callable[[bytes, str], str]
