"""In-memory twins of the ports, for unit tests and quick experiments (like dramatiq's StubBroker).

They keep the contracts of `ports.py` (write-once content addresses, size limit leaving nothing
behind, corruption detected at the end of a read, erasure making sealed data unreadable) with
standard-library code only. The twin vault's cipher is a SHA-256 keystream with an HMAC tag:
honest enough to prove that erased data is unreadable, NOT meant to protect real data.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Iterator
from typing import BinaryIO

from portfolio.application.ports import StoredBlob
from portfolio.errors import (
    BlobCorrupted,
    BlobNotFound,
    BlobTooLarge,
    SealedDataCorrupted,
    SubjectErased,
)

CHUNK = 64 * 1024
_NONCE = 16
_TAG = 32


class MemoryBlobStore:
    """A dict of bytes keyed by their SHA-256; reads are chunked and verified."""

    def __init__(self, chunk_size: int = CHUNK) -> None:
        self.blobs: dict[str, bytes] = {}
        self.chunk_size = chunk_size
        self._lock = threading.Lock()

    def put(self, stream: BinaryIO, max_bytes: int | None = None) -> StoredBlob:
        digest, parts, size = hashlib.sha256(), [], 0
        while chunk := stream.read(self.chunk_size):
            size += len(chunk)
            if max_bytes is not None and size > max_bytes:
                raise BlobTooLarge(f"blob exceeds {max_bytes} bytes")
            digest.update(chunk)
            parts.append(chunk)
        address = digest.hexdigest()
        with self._lock:
            self.blobs.setdefault(address, b"".join(parts))
        return StoredBlob(sha256=address, size=size)

    def open(self, sha256: str) -> Iterator[bytes]:
        try:
            data = self.blobs[sha256]
        except KeyError:
            raise BlobNotFound(sha256) from None
        return self._read(sha256, data)

    def _read(self, sha256: str, data: bytes) -> Iterator[bytes]:
        digest = hashlib.sha256()
        for start in range(0, len(data), self.chunk_size):
            chunk = data[start : start + self.chunk_size]
            digest.update(chunk)
            yield chunk
        if digest.hexdigest() != sha256:
            raise BlobCorrupted(sha256)

    def exists(self, sha256: str) -> bool:
        return sha256 in self.blobs


def _keystream_xor(key: bytes, nonce: bytes, offset: int, data: bytes) -> bytes:
    """XOR `data` with the SHA-256 counter keystream starting at byte `offset`."""
    out = bytearray()
    block, skip = divmod(offset, 32)
    while len(out) < len(data) + skip:
        out += hashlib.sha256(key + nonce + block.to_bytes(8, "big")).digest()
        block += 1
    stream = out[skip : skip + len(data)]
    return bytes(a ^ b for a, b in zip(data, stream, strict=True))


class MemoryVault:
    """Per-subject keys in a dict; `destroy` forgets the key for good (crypto-shredding)."""

    def __init__(self) -> None:
        self.keys: dict[str, bytes] = {}
        self.destroyed: set[str] = set()
        self._lock = threading.Lock()

    def _key(self, subject: str) -> bytes:
        with self._lock:
            if subject in self.destroyed:
                raise SubjectErased(subject)
            return self.keys.setdefault(subject, secrets.token_bytes(32))

    def seal(self, subject: str, plaintext: bytes) -> bytes:
        return b"".join(self.seal_stream(subject, iter([plaintext])))

    def open(self, subject: str, sealed: bytes) -> bytes:
        return b"".join(self.open_stream(subject, iter([sealed])))

    def seal_stream(self, subject: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
        key, nonce = self._key(subject), secrets.token_bytes(_NONCE)
        mac, offset = hmac.new(key, nonce, hashlib.sha256), 0
        yield nonce
        for chunk in chunks:
            sealed = _keystream_xor(key, nonce, offset, chunk)
            offset += len(chunk)
            mac.update(sealed)
            yield sealed
        yield mac.digest()

    def open_stream(self, subject: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
        key, buffer, nonce, offset, mac = self._key(subject), b"", None, 0, None
        for chunk in chunks:
            buffer += chunk
            if nonce is None and len(buffer) >= _NONCE:
                nonce, buffer = buffer[:_NONCE], buffer[_NONCE:]
                mac = hmac.new(key, nonce, hashlib.sha256)
            if nonce is not None and len(buffer) > _TAG:
                body, buffer = buffer[:-_TAG], buffer[-_TAG:]
                mac.update(body)
                yield _keystream_xor(key, nonce, offset, body)
                offset += len(body)
        if mac is None or len(buffer) != _TAG or not hmac.compare_digest(mac.digest(), buffer):
            raise SealedDataCorrupted(f"sealed data for {subject} failed authentication")

    def destroy(self, subject: str) -> None:
        with self._lock:
            self.keys.pop(subject, None)
            self.destroyed.add(subject)

    def is_destroyed(self, subject: str) -> bool:
        return subject in self.destroyed
