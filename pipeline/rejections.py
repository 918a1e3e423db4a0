"""Why an uploaded file cannot be evaluated, as one closed list of categories.

The categories match the corpus manifest's rejection reasons (plus `too_large` and `timeout`,
which the sandbox raises). Messages are English sentences meant for the candidate: they say
what was wrong and what to do, never how the parser failed.
"""

from __future__ import annotations

from enum import StrEnum

from portfolio.errors import InvalidInput


class RejectionCategory(StrEnum):
    EMPTY = "empty"
    CORRUPT = "corrupt"
    ZIP_BOMB = "zip_bomb"
    XXE = "xxe"
    ENCRYPTED = "encrypted"
    NO_TEXT_LAYER = "no_text_layer"
    WRONG_TYPE = "wrong_type"
    UNSUPPORTED_FORMAT = "unsupported_format"
    TOO_LARGE = "too_large"
    TIMEOUT = "timeout"


DEFAULT_MESSAGES: dict[RejectionCategory, str] = {
    RejectionCategory.EMPTY: "The file is empty or contains no text.",
    RejectionCategory.CORRUPT: "The file is damaged and cannot be read; export it again.",
    RejectionCategory.ZIP_BOMB: (
        "The file's internal archive is malformed or abnormally compressed; it was not opened."
    ),
    RejectionCategory.XXE: (
        "The file declares XML entities or a DOCTYPE, which Office files never need; "
        "it was not opened."
    ),
    RejectionCategory.ENCRYPTED: "The file is password-protected; upload an unprotected copy.",
    RejectionCategory.NO_TEXT_LAYER: (
        "The PDF holds only images (a scan) with no text layer; upload the original document."
    ),
    RejectionCategory.WRONG_TYPE: "The file's content does not match its name or extension.",
    RejectionCategory.UNSUPPORTED_FORMAT: (
        "This format is not accepted; upload a DOCX, PDF or XLSX file."
    ),
    RejectionCategory.TOO_LARGE: "The file is too large or too complex to be processed.",
    RejectionCategory.TIMEOUT: "Reading the file took too long; it was stopped.",
}


class DocumentRejected(InvalidInput):
    """Raised when an uploaded file cannot be turned into a Document, with the reason why."""

    def __init__(self, category: RejectionCategory | str, message: str | None = None) -> None:
        self.category = RejectionCategory(category)
        self.message = message or DEFAULT_MESSAGES[self.category]
        super().__init__(f"{self.category.value}: {self.message}")

    def __reduce__(self):  # keeps category and message across the sandbox's pickling
        return (type(self), (self.category.value, self.message))
