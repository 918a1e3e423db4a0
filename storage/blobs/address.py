"""A blob's address is the lowercase hex SHA-256 of its bytes; anything else names no blob."""

from __future__ import annotations

import re

from portfolio.errors import BlobNotFound

_ADDRESS = re.compile(r"[0-9a-f]{64}")


def check_address(sha256: str) -> str:
    """Refuse anything but a lowercase hex SHA-256 (also keeps paths and keys well-formed)."""
    if not isinstance(sha256, str) or not _ADDRESS.fullmatch(sha256):
        raise BlobNotFound(f"not a blob address: {sha256!r}")
    return sha256
