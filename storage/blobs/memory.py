"""Blobs in a dict: the in-memory twin of the local and S3 stores (like dramatiq's StubBroker).

Same contract, same contract tests (`tests/contracts/test_blob_store.py`): write-once content
addresses, the size limit leaving nothing behind, corruption detected at the end of a read.
For unit tests and quick experiments; nothing survives the process.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO

from portfolio.application.hashing import CHUNK, spool, verified
from portfolio.application.ports import StoredBlob
from portfolio.errors import BlobNotFound
from storage.blobs.address import BlobEntry, check_address


class MemoryBlobStore:
    """`blobs` maps each address to its bytes (tests may reach in to damage one)."""

    def __init__(self, chunk_size: int = CHUNK) -> None:
        self.blobs: dict[str, bytes] = {}
        self.used: dict[str, datetime] = {}  # last put of each blob (the sweep's grace period)
        self.chunk_size = chunk_size
        self._lock = threading.Lock()

    def put(self, stream: BinaryIO, max_bytes: int | None = None) -> StoredBlob:
        buffer = io.BytesIO()
        blob = StoredBlob(*spool(stream, buffer, max_bytes))
        with self._lock:
            self.blobs.setdefault(blob.sha256, buffer.getvalue())
            self.used[blob.sha256] = datetime.now(UTC)
        return blob

    def open(self, sha256: str) -> Iterator[bytes]:
        try:
            data = self.blobs[check_address(sha256)]
        except KeyError:
            raise BlobNotFound(f"no blob {sha256}") from None
        chunks = (data[i : i + self.chunk_size] for i in range(0, len(data), self.chunk_size))
        return verified(chunks, sha256)

    def exists(self, sha256: str) -> bool:
        return sha256 in self.blobs

    def check(self) -> None:
        """Always ready (the readiness probe's contract)."""

    def entries(self) -> Iterator[BlobEntry]:
        """Every stored blob (for the sweep)."""
        with self._lock:
            listed = [BlobEntry(k, len(v), self.used[k]) for k, v in self.blobs.items()]
        return iter(listed)

    def remove(self, address: str) -> None:
        """Delete one blob; only the sweep calls this."""
        with self._lock:
            self.blobs.pop(address, None)
            self.used.pop(address, None)
