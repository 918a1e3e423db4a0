"""Uploaded files at the edge: safe names and download headers (sniffing is `pipeline.sniff`)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import quote

MAX_NAME = 120
UNSAFE = re.compile(r"[^\w.\- ()+,]")


def safe_filename(raw: str | None) -> str:
    """The last path segment, without control or reserved characters or leading dots."""
    name = unicodedata.normalize("NFC", raw or "")
    name = PurePosixPath(name.replace("\\", "/")).name
    name = UNSAFE.sub("_", name).strip(" .")
    if len(name) > MAX_NAME:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[: MAX_NAME - len(suffix) - 1] + dot + suffix) if dot else name[:MAX_NAME]
    return name or "upload"


def content_disposition(filename: str) -> str:
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
