"""Hashing byte streams chunk by chunk: the one home of "count, limit, hash" and "verify on read".

An upload never sits whole in memory: the candidate's file is read in chunks, hashed, counted
against the size limit, sealed by the vault and written by the blob store in one pass; every
blob store spools with `spool` and reads back through `verified`. Nothing here holds more than
one chunk of a stream.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from portfolio.errors import BlobCorrupted, BlobTooLarge

CHUNK = 1024 * 1024


class Metered:
    """Iterates a stream's chunks while hashing them, counting bytes and enforcing a limit.

    `first` is a chunk already read from `stream` (an upload reads one to refuse an empty
    file before storing anything). Past `max_bytes` the iteration raises BlobTooLarge.
    """

    def __init__(self, stream: BinaryIO, max_bytes: int | None, first: bytes = b"") -> None:
        self.stream, self.max_bytes, self.first = stream, max_bytes, first
        self.sha256 = hashlib.sha256()
        self.size = 0

    def __iter__(self) -> Iterator[bytes]:
        chunk = self.first or self.stream.read(CHUNK)
        while chunk:
            self.size += len(chunk)
            if self.max_bytes is not None and self.size > self.max_bytes:
                raise BlobTooLarge(f"the stream exceeds the limit of {self.max_bytes} bytes")
            self.sha256.update(chunk)
            yield chunk
            chunk = self.stream.read(CHUNK)

    @property
    def hexdigest(self) -> str:
        return self.sha256.hexdigest()


def spool(source: BinaryIO, sink: BinaryIO, max_bytes: int | None) -> tuple[str, int]:
    """Copy `source` to `sink` chunk by chunk; returns (sha256 hex, size).

    BlobTooLarge past `max_bytes`: the caller owns `sink` and must discard it then.
    """
    metered = Metered(source, max_bytes)
    for chunk in metered:
        sink.write(chunk)
    return metered.hexdigest, metered.size


def verified(
    chunks: Iterable[bytes], sha256: str, close: Callable[[], None] = lambda: None
) -> Iterator[bytes]:
    """Yield `chunks`; at the end raise BlobCorrupted if they did not hash to `sha256`.

    `close` runs when the iteration ends or is abandoned (to release a file or a connection).
    """
    digest = hashlib.sha256()
    try:
        for chunk in chunks:
            digest.update(chunk)
            yield chunk
    finally:
        close()
    if digest.hexdigest() != sha256:
        raise BlobCorrupted(f"the bytes no longer match their recorded hash {sha256}")


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
    return io.BufferedReader(IteratorReader(chunks), buffer_size=CHUNK)
