"""The sandboxed extractor with the parse limits of the one Settings object.

The pipeline run and the annotation anchoring both read uploads; binding the limits here keeps
them parsing a file the same way (and failing on it the same way).
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.model import Document
from pipeline.sandbox import extract_in_sandbox
from config import Settings


def sandboxed_extractor(settings: Settings) -> Callable[[bytes, str], Document]:
    """`(data, filename) -> Document` in the sandbox, limited by `settings` (raises
    DocumentRejected like `extract_in_sandbox`)."""

    def extract(data: bytes, filename: str) -> Document:
        return extract_in_sandbox(
            data,
            filename,
            timeout_s=settings.parse_timeout_seconds,
            memory_bytes=settings.parse_memory_bytes,
            max_bytes=settings.max_upload_bytes,
        )

    return extract
