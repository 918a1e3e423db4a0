"""Section texts of an evidence file, for anchoring assessors' annotations.

Annotations quote the extracted text by section id and offsets; the application checks a
quote against what the sandboxed extractor reads in the submitted version.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.sandbox import extract_in_sandbox
from storage.settings import Settings

EXTENSIONS = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


def section_text_provider(settings: Settings) -> Callable[[bytes, str], dict[str, str]]:
    """A `(plaintext, media type) -> {section id: text}` function with the settings' limits."""

    def section_texts(data: bytes, media_type: str) -> dict[str, str]:
        filename = f"evidence.{EXTENSIONS.get(media_type, 'bin')}"
        document = extract_in_sandbox(
            data,
            filename,
            timeout_s=settings.parse_timeout_seconds,
            memory_bytes=settings.parse_memory_bytes,
            max_bytes=settings.max_upload_bytes,
        )
        return {section.id: section.own_text() for section in document.all_sections()}

    return section_texts
