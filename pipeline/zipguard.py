"""Refuse hostile Office archives from their ZIP directory and XML prologs alone.

python-docx and openpyxl trust the archive: a 1.7 MB entry declaring 1.15 GB would be inflated
in full. Here only the central directory is read (declared sizes, names), then each XML part's
prolog is streamed with a byte cap, looking for a DOCTYPE: Office never writes one, so any
DOCTYPE or ENTITY declaration is rejected by name instead of trusting the parser to ignore it.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from pipeline.rejections import DocumentRejected, RejectionCategory

MB = 1024 * 1024
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z_]")
_UTF32 = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"<\x00\x00\x00", b"\x00\x00\x00<")


@dataclass(frozen=True)
class ZipLimits:
    """Bounds on what an archive may declare; generous for real Office files."""

    max_entries: int = 5000
    max_entry_bytes: int = 100 * MB
    max_total_bytes: int = 300 * MB
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 * MB  # small entries may compress as much as they like
    prolog_cap_bytes: int = 64 * 1024


def check_archive(archive: zipfile.ZipFile, limits: ZipLimits) -> None:
    """Raise DocumentRejected(zip_bomb | xxe | corrupt) for a hostile archive."""
    entries = archive.infolist()
    _check_directory(entries, limits)
    for info in entries:  # every part: a relationship may point at XML under any name
        if not info.is_dir():
            _check_prolog(archive, info, limits.prolog_cap_bytes)


def _bomb(reason: str) -> DocumentRejected:
    return DocumentRejected(
        RejectionCategory.ZIP_BOMB,
        f"The file's internal archive is abnormal ({reason}); it was not opened.",
    )


def _check_directory(entries: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    if len(entries) > limits.max_entries:
        raise _bomb(f"{len(entries)} entries")
    total = 0
    for info in entries:
        _check_name(info.filename)
        if info.file_size > limits.max_entry_bytes:
            raise _bomb(f"{info.filename} declares {info.file_size // MB} MB")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise _bomb(f"{info.filename} is compressed {ratio:.0f} to 1")
        total += info.file_size
    if total > limits.max_total_bytes:
        raise _bomb(f"{total // MB} MB in total once decompressed")


def _check_name(name: str) -> None:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
        raise _bomb(f"entry name {name!r} escapes the archive")


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> None:
    """Stream the part until its root element starts; a DOCTYPE can only appear before it."""
    try:
        prolog = _read_prolog(archive, info, cap)
    except Exception as exc:  # zipfile and zlib raise many types on damaged streams
        raise DocumentRejected(
            RejectionCategory.CORRUPT, f"The part {info.filename} cannot be read."
        ) from exc
    if prolog.startswith(_UTF32):
        raise DocumentRejected(
            RejectionCategory.CORRUPT,
            f"The part {info.filename} uses an encoding Office never writes.",
        )
    if _DOCTYPE.search(_as_utf8(prolog)):
        raise DocumentRejected(
            RejectionCategory.XXE,
            f"The part {info.filename} declares a DOCTYPE or XML entities "
            "(possible external entity attack); the file was not opened.",
        )


def _read_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    buf = b""
    with archive.open(info) as stream:
        while len(buf) < cap:
            chunk = stream.read(4096)
            if not chunk:
                break
            buf += chunk
            if _ROOT_START.search(_as_utf8(buf)):
                break
    return buf


def _as_utf8(raw: bytes) -> bytes:
    """XML parts may be UTF-16; compare in UTF-8 so the patterns apply."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[1:2] == b"\x00":
        encoding = "utf-16-be" if raw.startswith(b"\xfe\xff") or raw[:1] == b"\x00" else "utf-16-le"
        return raw.decode(encoding, errors="ignore").encode("utf-8")
    return raw
