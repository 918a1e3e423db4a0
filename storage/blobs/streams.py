"""Chunked hashing shared by the adapters: spool while hashing, verify while reading.

Nothing here holds more than one chunk of a blob in memory.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from portfolio.application.ports import StoredBlob
from portfolio.errors import BlobCorrupted, BlobNotFound, BlobTooLarge

CHUNK_SIZE = 1024 * 1024
_ADDRESS = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class BlobEntry:
    """One object of a blob store as the sweep sees it (its address, size and last write)."""

    address: str
    size: int
    modified: datetime  # timezone-aware


def check_address(sha256: str) -> str:
    """Refuse anything but a lowercase hex SHA-256 (also keeps paths and keys well-formed)."""
    if not isinstance(sha256, str) or not _ADDRESS.fullmatch(sha256):
        raise BlobNotFound(f"not a blob address: {sha256!r}")
    return sha256


def spool(source: BinaryIO, sink: BinaryIO, max_bytes: int | None) -> StoredBlob:
    """Copy `source` to `sink` chunk by chunk, hashing; `BlobTooLarge` past `max_bytes`.

    The caller owns `sink` and must discard it when this raises.
    """
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK_SIZE):
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            raise BlobTooLarge(f"blob exceeds the limit of {max_bytes} bytes")
        digest.update(chunk)
        sink.write(chunk)
    return StoredBlob(sha256=digest.hexdigest(), size=size)


def verified(
    chunks: Iterable[bytes], sha256: str, close: Callable[[], None] = lambda: None
) -> Iterator[bytes]:
    """Yield `chunks`; at the end raise `BlobCorrupted` if they do not hash to `sha256`."""
    digest = hashlib.sha256()
    try:
        for chunk in chunks:
            digest.update(chunk)
            yield chunk
    finally:
        close()
    if digest.hexdigest() != sha256:
        raise BlobCorrupted(f"blob {sha256} no longer matches its address")
