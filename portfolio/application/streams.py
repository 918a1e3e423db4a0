"""Streaming helpers for uploads: hash and count the plaintext on its way to the blob store.

An upload never sits whole in memory: the candidate's file is read in chunks, hashed, counted
against the size limit, sealed by the vault and written by the blob store in one pass.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from typing import BinaryIO

from portfolio.errors import BlobCorrupted, BlobTooLarge

CHUNK = 256 * 1024


class Metered:
    """Iterates a stream's chunks while hashing them, counting bytes and enforcing a limit."""

    def __init__(self, first: bytes, stream: BinaryIO, max_bytes: int) -> None:
        self.first, self.stream, self.max_bytes = first, stream, max_bytes
        self.sha256 = hashlib.sha256()
        self.size = 0

    def __iter__(self) -> Iterator[bytes]:
        chunk = self.first
        while chunk:
            self.size += len(chunk)
            if self.size > self.max_bytes:
                raise BlobTooLarge(f"file exceeds the {self.max_bytes}-byte limit")
            self.sha256.update(chunk)
            yield chunk
            chunk = self.stream.read(CHUNK)

    @property
    def hexdigest(self) -> str:
        return self.sha256.hexdigest()


class IteratorReader(io.RawIOBase):
    """A read-only binary file over an iterator of chunks (what BlobStore.put expects)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._pending:
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def as_reader(chunks: Iterator[bytes]) -> BinaryIO:
    """Wrap `chunks` as a buffered binary stream."""
    return io.BufferedReader(IteratorReader(chunks), buffer_size=CHUNK)  # type: ignore[return-value]


def verified(chunks: Iterator[bytes], expected_sha256: str) -> Iterator[bytes]:
    """Yield `chunks`, then raise BlobCorrupted if they did not hash to `expected_sha256`."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
        yield chunk
    if digest.hexdigest() != expected_sha256:
        raise BlobCorrupted(f"evidence no longer matches its recorded hash {expected_sha256}")
