"""Uploaded files at the edge: safe names, sniffed types, download headers."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import PurePosixPath
from typing import BinaryIO
from urllib.parse import quote

from pipeline.extract import Sniffed, sniff  # via extract: pipeline.sniff alone is a cycle
from pipeline.rejections import DocumentRejected, RejectionCategory
from pipeline.sniff import MB, ZIP_MAGIC

TOO_LARGE = RejectionCategory.TOO_LARGE

MAX_NAME = 120
SNIFF_HEAD = 1024 * 1024
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


def sniff_stream(stream: BinaryIO, filename: str, max_bytes: int) -> Sniffed:
    """What the file really is (raises DocumentRejected); the stream is rewound after.

    Office files are ZIP archives whose directory sits at the end, so those are read whole
    (they are bounded by the upload limit); anything else is judged on its first megabyte.
    The size is always that of the whole stream.
    """
    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    if size > max_bytes:
        limit = f"the limit is {max_bytes / MB:.0f} MB"
        raise DocumentRejected(TOO_LARGE, f"The file is {size / MB:.1f} MB; {limit}.")
    head = stream.read(SNIFF_HEAD)
    data = head + stream.read() if head.startswith(ZIP_MAGIC) else head
    stream.seek(0)
    return sniff(data, filename, max_bytes=max_bytes)


def content_disposition(filename: str) -> str:
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
