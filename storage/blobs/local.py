"""Blobs in a local folder: `blobs/ab/cd/<sha256>`, read-only files, never overwritten.

A put spools into `blobs/.tmp/` (same filesystem) while hashing, then hard-links the temp file
to its address: `os.link` fails when the address exists, so an existing blob is never replaced,
and readers never see a half-written file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from portfolio.application.ports import StoredBlob
from portfolio.errors import BlobNotFound, StorageUnavailable
from storage.blobs.streams import CHUNK_SIZE, BlobEntry, check_address, spool, verified

READ_ONLY = 0o444


class LocalBlobStore:
    """The embedded twin of the S3 store (same contract tests)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        check_address(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, stream: BinaryIO, max_bytes: int | None = None) -> StoredBlob:
        temp = self._temp_file()
        try:
            with temp:
                blob = spool(stream, temp, max_bytes)
                temp.flush()
                os.fsync(temp.fileno())
            self._publish(Path(temp.name), self.path_for(blob.sha256))
            return blob
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp.name)

    def _temp_file(self):
        spool_dir = self.root / ".tmp"
        try:
            spool_dir.mkdir(parents=True, exist_ok=True)
            return tempfile.NamedTemporaryFile(dir=spool_dir, delete=False)
        except OSError as exc:
            raise StorageUnavailable(f"blob folder {self.root} is not writable: {exc}") from exc

    @staticmethod
    def _publish(temp: Path, target: Path) -> None:
        if target.exists():  # same address = same bytes: putting again is a no-op, except
            with contextlib.suppress(OSError):  # that its access time says it was just used,
                os.utime(target, ns=(time.time_ns(), target.stat().st_mtime_ns))  # sweep reads it
            return
        os.chmod(temp, READ_ONLY)
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # a concurrent put of the same bytes won
            os.link(temp, target)

    def open(self, sha256: str) -> Iterator[bytes]:
        try:
            handle = self.path_for(sha256).open("rb")
        except FileNotFoundError:
            raise BlobNotFound(f"no blob {sha256}") from None
        chunks = iter(lambda: handle.read(CHUNK_SIZE), b"")
        return verified(chunks, sha256, close=handle.close)

    def check(self) -> None:
        """Raise `StorageUnavailable` unless the blob folder is writable (readiness probe)."""
        temp = self._temp_file()
        temp.close()
        os.unlink(temp.name)

    def exists(self, sha256: str) -> bool:
        try:
            return self.path_for(sha256).is_file()
        except BlobNotFound:
            return False

    def entries(self) -> Iterator[BlobEntry]:
        """Every stored blob and every spool file a crashed put left in `.tmp` (for the sweep)."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.glob("*/*/*")) + sorted(self.root.glob(".tmp/*")):
            with contextlib.suppress(FileNotFoundError):
                stat = path.stat()
                spooled = path.parent.name == ".tmp"
                yield BlobEntry(
                    address=path.name if not spooled else f".tmp/{path.name}",
                    size=stat.st_size,
                    modified=datetime.fromtimestamp(max(stat.st_mtime, stat.st_atime), UTC),
                )

    def remove(self, address: str) -> None:
        """Delete one blob (or spool file); only the sweep calls this."""
        path = self.root / address if address.startswith(".tmp/") else self.path_for(address)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
