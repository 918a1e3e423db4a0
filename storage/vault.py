"""Per-subject encryption (crypto-shredding): AES-256-GCM with keys kept outside the event store.

`seal`/`open` protect one value: `version | nonce(12) | ciphertext+tag`, with the subject id in
the associated data, so a value moved to another subject does not open. `seal_stream` and
`open_stream` protect files in 1 MiB segments (the STREAM construction): a header
`version | nonce prefix(8)`, then segments whose nonce is prefix + counter and whose associated
data carries subject, counter and a final-segment flag, so reordering, truncation and appending
are all detected. Destroying a subject deletes its key and leaves a tombstone.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from portfolio.errors import InvalidInput, SealedDataCorrupted, SubjectErased
from storage.keytables import KeyTable

VERSION = b"\x01"
NONCE_SIZE, PREFIX_SIZE, TAG_SIZE = 12, 8, 16
SEGMENT_SIZE = 1024 * 1024
HEADER_SIZE = len(VERSION) + PREFIX_SIZE


class KeyVault:
    """`SubjectVault` over any `KeyTable` (SQLite file embedded, PostgreSQL table for real)."""

    def __init__(self, table: KeyTable) -> None:
        self.table = table

    # keys -------------------------------------------------------------------------------

    def _key_for_sealing(self, subject: str) -> AESGCM:
        _check_subject(subject)
        found = self.table.lookup(subject)
        if found is None:
            self.table.insert_if_absent(subject, AESGCM.generate_key(bit_length=256))
            found = self.table.lookup(subject)  # the winner's key if another writer raced us
        return self._usable(subject, found)

    def _key_for_opening(self, subject: str) -> AESGCM:
        _check_subject(subject)
        found = self.table.lookup(subject)
        if found is None:
            raise SealedDataCorrupted(f"nothing was ever sealed for subject {subject!r}")
        return self._usable(subject, found)

    @staticmethod
    def _usable(subject: str, found: tuple[bytes | None, bool] | None) -> AESGCM:
        if found is None or found[1] or found[0] is None:
            raise SubjectErased(f"the key of subject {subject!r} was destroyed")
        return AESGCM(found[0])

    def destroy(self, subject: str) -> None:
        _check_subject(subject)
        self.table.destroy(subject)

    def is_destroyed(self, subject: str) -> bool:
        found = self.table.lookup(_check_subject(subject))
        return found is not None and found[1]

    # single values -----------------------------------------------------------------------

    def seal(self, subject: str, plaintext: bytes) -> bytes:
        aead, nonce = self._key_for_sealing(subject), os.urandom(NONCE_SIZE)
        return VERSION + nonce + aead.encrypt(nonce, plaintext, _value_aad(subject))

    def open(self, subject: str, sealed: bytes) -> bytes:
        aead = self._key_for_opening(subject)
        if sealed[:1] != VERSION or len(sealed) < 1 + NONCE_SIZE + TAG_SIZE:
            raise SealedDataCorrupted("not a sealed value of a known version")
        nonce, body = sealed[1 : 1 + NONCE_SIZE], sealed[1 + NONCE_SIZE :]
        try:
            return aead.decrypt(nonce, body, _value_aad(subject))
        except InvalidTag:
            raise SealedDataCorrupted(f"sealed value for {subject!r} failed to open") from None

    # streams ------------------------------------------------------------------------------

    def seal_stream(self, subject: str, chunks: Iterable[bytes]) -> Iterator[bytes]:
        aead = self._key_for_sealing(subject)  # eager: SubjectErased before any output
        return _seal_segments(aead, subject, os.urandom(PREFIX_SIZE), chunks)

    def open_stream(self, subject: str, chunks: Iterable[bytes]) -> Iterator[bytes]:
        aead = self._key_for_opening(subject)
        return _open_segments(aead, subject, iter(chunks))


def _check_subject(subject: str) -> str:
    if not isinstance(subject, str) or not subject:
        raise InvalidInput("a subject id must be a non-empty string")
    return subject


def _value_aad(subject: str) -> bytes:
    return b"portfolio-vault/value/" + VERSION + subject.encode()


def _segment_aad(subject: str, counter: int, final: bool) -> bytes:
    flags = struct.pack(">IB", counter, int(final))
    return b"portfolio-vault/stream/" + VERSION + flags + subject.encode()


def _segment_nonce(prefix: bytes, counter: int) -> bytes:
    if counter >= 2**32:
        raise InvalidInput("stream too long for one nonce prefix")
    return prefix + struct.pack(">I", counter)


def _segments(chunks: Iterable[bytes], size: int) -> Iterator[tuple[bytes, bool]]:
    """Re-cut `chunks` into `size`-byte pieces, flagging the last one (possibly empty)."""
    buffer = bytearray()
    for chunk in chunks:
        buffer += chunk
        while len(buffer) > size:  # strictly more: a later piece still exists
            yield bytes(buffer[:size]), False
            del buffer[:size]
    yield bytes(buffer), True


def _seal_segments(aead: AESGCM, subject: str, prefix: bytes, chunks) -> Iterator[bytes]:
    yield VERSION + prefix
    for counter, (piece, final) in enumerate(_segments(chunks, SEGMENT_SIZE)):
        nonce = _segment_nonce(prefix, counter)
        yield aead.encrypt(nonce, piece, _segment_aad(subject, counter, final))


def _open_segments(aead: AESGCM, subject: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
    header, rest = _read_header(chunks)
    prefix = header[len(VERSION) :]
    pieces = _segments(_prepend(rest, chunks), SEGMENT_SIZE + TAG_SIZE)
    for counter, (piece, final) in enumerate(pieces):
        aad = _segment_aad(subject, counter, final)
        try:
            yield aead.decrypt(_segment_nonce(prefix, counter), piece, aad)
        except InvalidTag:
            raise SealedDataCorrupted(
                f"sealed stream for {subject!r} failed at segment {counter} "
                "(tampered, reordered or truncated)"
            ) from None


def _read_header(chunks: Iterator[bytes]) -> tuple[bytes, bytes]:
    buffer = b""
    for chunk in chunks:
        buffer += chunk
        if len(buffer) >= HEADER_SIZE:
            break
    if len(buffer) < HEADER_SIZE or buffer[:1] != VERSION:
        raise SealedDataCorrupted("sealed stream has no valid header")
    return buffer[:HEADER_SIZE], buffer[HEADER_SIZE:]


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest
