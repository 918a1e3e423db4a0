"""Section texts of an evidence file, for anchoring assessors' annotations.

Annotations quote the extracted text by section id and offsets; the application checks a
quote against what the sandboxed extractor reads in the submitted version.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.sandboxed import sandboxed_extractor
from config import Settings

EXTENSIONS = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


def section_text_provider(settings: Settings) -> Callable[[bytes, str], dict[str, str]]:
    """A `(plaintext, media type) -> {section id: text}` function with the settings' limits."""

    extract = sandboxed_extractor(settings)

    def section_texts(data: bytes, media_type: str) -> dict[str, str]:
        document = extract(data, f"evidence.{EXTENSIONS.get(media_type, 'bin')}")
        return {section.id: section.own_text() for section in document.all_sections()}

    return section_texts
