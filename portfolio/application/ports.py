"""What the application needs from the outside world, as structural types.

The application depends on these shapes only; `storage/` provides the adapters (local folder
and S3 blob stores, the per-subject key vault). Keeping the shapes here lets `portfolio`
import nothing but the standard library and eventsourcing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol


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
    their address, `portfolio.errors.BlobNotFound` when there is no such blob.
    """

    def put(self, stream: BinaryIO, max_bytes: int | None = None) -> StoredBlob: ...

    def open(self, sha256: str) -> Iterator[bytes]: ...

    def exists(self, sha256: str) -> bool: ...


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
