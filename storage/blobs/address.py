"""A blob's address (the lowercase hex SHA-256 of its bytes; anything else names no blob), and
what a listing of a store says of each blob (for the sweep of orphans)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from portfolio.errors import BlobNotFound

_ADDRESS = re.compile(r"[0-9a-f]{64}")


def check_address(sha256: str) -> str:
    """Refuse anything but a lowercase hex SHA-256 (also keeps paths and keys well-formed)."""
    if not isinstance(sha256, str) or not _ADDRESS.fullmatch(sha256):
        raise BlobNotFound(f"not a blob address: {sha256!r}")
    return sha256


@dataclass(frozen=True)
class BlobEntry:
    """One object of a blob store as the sweep sees it (its address, size and last write)."""

    address: str
    size: int
    modified: datetime  # timezone-aware
