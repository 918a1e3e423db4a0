"""Decide what a file really is from its bytes, before any parser sees it: the one magic-byte table.

The extension is what the candidate claims; the magic bytes are what the file is. Both must
agree on one of the three accepted formats. Office files are ZIP archives, so their directory
and XML prologs are checked here too (see `pipeline.zipguard`): these checks are cheap
and run in the parent process, before the sandboxed parse.

`sniff` verifies a whole file (the pipeline's run and every upload route); `sniff_stream` does
the same on an upload still in its spooled request file; `media_type` only names what the
first bytes show, for the evidence record (the application is handed it as a port).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from pipeline.model import Format
from pipeline.rejections import DocumentRejected, RejectionCategory
from pipeline.zipguard import ZipLimits, check_archive

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MB

ACCEPTED_EXTENSIONS: dict[str, Format] = {".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx"}
UNSUPPORTED_EXTENSIONS = frozenset(
    {".doc", ".dot", ".docm", ".dotx", ".xls", ".xlsm", ".xlsb", ".ods", ".odt", ".odp"}
    | {".ppt", ".pptx", ".rtf", ".pages", ".numbers", ".key", ".txt", ".md", ".html", ".epub"}
)
PDF_MAGIC = b"%PDF-"
PNG_MAGIC, JPEG_MAGIC = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"
IMAGE_MAGIC = (PNG_MAGIC, JPEG_MAGIC, b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
SNIFF_HEAD = 1024 * 1024  # what non-ZIP files are judged on when they arrive as a stream

# Media types recorded with each version: what the leading bytes show.
MEDIA_TYPES = (
    (PDF_MAGIC, "application/pdf"),
    (PNG_MAGIC, "image/png"),
    (JPEG_MAGIC, "image/jpeg"),
    (OLE2_MAGIC, "application/x-ole-storage"),
)
OOXML_MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@dataclass(frozen=True)
class Sniffed:
    """The verified format of an upload and the extension it was named with."""

    format: Format
    extension: str


def sniff(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    zip_limits: ZipLimits | None = None,
) -> Sniffed:
    """Return the real format of `data`, or raise DocumentRejected with the reason."""
    if not data:
        raise DocumentRejected(RejectionCategory.EMPTY, "The file is empty (0 bytes).")
    if len(data) > max_bytes:
        raise DocumentRejected(
            RejectionCategory.TOO_LARGE,
            f"The file is {len(data) / MB:.1f} MB; the limit is {max_bytes / MB:.0f} MB.",
        )
    extension = PurePath(filename).suffix.lower()
    detected = _format_from_magic(data, extension, zip_limits or ZipLimits())
    _check_extension(extension, detected)
    return Sniffed(format=detected, extension=extension)


def _format_from_magic(data: bytes, extension: str, limits: ZipLimits) -> Format:
    head = data[:16]
    if head.startswith(ZIP_MAGIC):
        return _zip_format(data, limits)
    if head.startswith(OLE2_MAGIC):
        raise _ole2_rejection(data)
    if PDF_MAGIC in data[:1024]:
        return "pdf"
    if head.startswith(IMAGE_MAGIC) or _is_riff_image(head):
        raise DocumentRejected(
            RejectionCategory.WRONG_TYPE, "The file is an image, not a DOCX, PDF or XLSX document."
        )
    if head.lstrip().startswith(b"{\\rtf"):
        raise DocumentRejected(
            RejectionCategory.UNSUPPORTED_FORMAT, "RTF files are not accepted; save as DOCX or PDF."
        )
    return _unknown_content(extension)


def _unknown_content(extension: str) -> Format:
    if extension in UNSUPPORTED_EXTENSIONS:
        raise DocumentRejected(RejectionCategory.UNSUPPORTED_FORMAT)
    raise DocumentRejected(
        RejectionCategory.WRONG_TYPE, "The file is not a DOCX, PDF or XLSX document."
    )


def _is_riff_image(head: bytes) -> bool:
    return head.startswith(b"RIFF") and head[8:12] == b"WEBP"


def _ole2_rejection(data: bytes) -> DocumentRejected:
    """Old binary Office files are unsupported; password-protected OOXML also lives in OLE2."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return DocumentRejected(RejectionCategory.ENCRYPTED)
    return DocumentRejected(
        RejectionCategory.UNSUPPORTED_FORMAT,
        "Old binary Office files (.doc, .xls) are not accepted; save as DOCX or XLSX.",
    )


def _zip_format(data: bytes, limits: ZipLimits) -> Format:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # a damaged directory raises BadZipFile, struct, Unicode or OS errors
        raise DocumentRejected(
            RejectionCategory.CORRUPT, "The file is a damaged or truncated archive."
        ) from None
    with archive:
        names = set(archive.namelist())
        if "mimetype" in names or "content.xml" in names:
            raise DocumentRejected(
                RejectionCategory.UNSUPPORTED_FORMAT,
                "OpenDocument files (.odt, .ods) are not accepted; save as DOCX, PDF or XLSX.",
            )
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            fmt: Format = "docx"
        elif "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            fmt = "xlsx"
        else:
            raise DocumentRejected(
                RejectionCategory.UNSUPPORTED_FORMAT,
                "The archive is not a Word (DOCX) or Excel (XLSX) document.",
            )
        check_archive(archive, limits)
    return fmt


def _check_extension(extension: str, detected: Format) -> None:
    if extension in UNSUPPORTED_EXTENSIONS:
        raise DocumentRejected(
            RejectionCategory.UNSUPPORTED_FORMAT,
            f"Files with extension {extension} are not accepted; upload a DOCX, PDF or XLSX file.",
        )
    claimed = ACCEPTED_EXTENSIONS.get(extension)
    if claimed is not None and claimed != detected:
        raise DocumentRejected(
            RejectionCategory.WRONG_TYPE,
            f"The file is named {extension} but its content is {detected.upper()}.",
        )
    if claimed is None and extension:
        raise DocumentRejected(
            RejectionCategory.WRONG_TYPE,
            f"The extension {extension} does not match a {detected.upper()} document.",
        )


def sniff_stream(stream: BinaryIO, filename: str, max_bytes: int) -> Sniffed:
    """`sniff` for an upload still in its (seekable) request file; the stream is rewound after.

    Office files are ZIP archives whose directory sits at the end, so those are read whole
    (they are bounded by the upload limit); anything else is judged on its first megabyte.
    The size is always that of the whole stream.
    """
    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    if size > max_bytes:
        raise DocumentRejected(
            RejectionCategory.TOO_LARGE,
            f"The file is {size / MB:.1f} MB; the limit is {max_bytes / MB:.0f} MB.",
        )
    head = stream.read(SNIFF_HEAD)
    data = head + stream.read() if head.startswith(ZIP_MAGIC) else head
    stream.seek(0)
    return sniff(data, filename, max_bytes=max_bytes)


def media_type(head: bytes, filename: str) -> str:
    """Best guess of a file's media type from its leading bytes, so a renamed file is recorded
    as it is; ZIP containers are told apart by the extension."""
    for magic, named in MEDIA_TYPES:
        if head.startswith(magic):
            return named
    if head.startswith(ZIP_MAGIC[0]):
        return OOXML_MEDIA_TYPES.get(PurePath(filename).suffix.lower(), "application/zip")
    return "text/plain" if _looks_like_text(head) else "application/octet-stream"


def _looks_like_text(head: bytes) -> bool:
    sample = head[:4096]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(sample) - 3  # a character cut by the sample's end
    return True
