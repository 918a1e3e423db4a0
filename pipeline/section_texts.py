"""Section texts of an evidence file, for anchoring assessors' annotations.

Annotations quote the extracted text by section id and offsets; the application checks a
quote against what the sandboxed extractor reads in the submitted version.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.sandbox import Limits, extract_within

EXTENSIONS = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


def section_text_provider(limits: Limits) -> Callable[[bytes, str], dict[str, str]]:
    """A `(plaintext, media type) -> {section id: text}` function under the pipeline's limits."""

    def section_texts(data: bytes, media_type: str) -> dict[str, str]:
        document = extract_within(data, f"evidence.{EXTENSIONS.get(media_type, 'bin')}", limits)
        return {section.id: section.own_text() for section in document.all_sections()}

    return section_texts
