"""Untrusted bytes -> Document: sniff the real format, then read it with the right library.

`extract_document` runs in-process; use `pipeline.sandbox.extract_in_sandbox` for uploads, which
runs it in a child process with memory and time limits. Every refusal is a DocumentRejected
whose category says why; a parser failure on malformed input becomes `corrupt`.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.extract.blocks import Heading, build_sections, count_words
from pipeline.model import Document, Section
from pipeline.rejections import DocumentRejected, RejectionCategory
from pipeline.sniff import DEFAULT_MAX_BYTES, Sniffed, sniff

__all__ = ["Sniffed", "extract_document", "extract_sniffed", "preload_readers", "sniff"]


def extract_document(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Sniff and read `data`; raise DocumentRejected when it cannot be evaluated."""
    return extract_sniffed(data, sniff(data, filename, max_bytes=max_bytes))


def extract_sniffed(data: bytes, sniffed: Sniffed) -> Document:
    """Read bytes whose format `sniff` already verified (the sandbox child's entry point)."""
    reader: Callable[[bytes], Document] = _READERS[sniffed.format]
    try:
        document = reader(data)
    except DocumentRejected:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # any parser failure on hostile bytes means the file is damaged
        raise DocumentRejected(
            RejectionCategory.CORRUPT,
            f"The {sniffed.format.upper()} file is damaged and cannot be read; export it again.",
        ) from exc  # the cause stays chained for the logs, not shown to the candidate
    if document.word_count == 0:
        raise DocumentRejected(RejectionCategory.EMPTY, "The document contains no text.")
    return document


def preload_readers() -> None:
    """Import every reader now (the sandbox does this before capping its memory)."""
    import pipeline.extract.docx
    import pipeline.extract.pdf
    import pipeline.extract.xlsx  # noqa: F401


def _docx(data: bytes) -> Document:
    from pipeline.extract.docx import read_docx

    blocks, source = read_docx(data)
    return _finish("docx", blocks, None, source)


def _pdf(data: bytes) -> Document:
    from pipeline.extract.pdf import read_pdf

    blocks, pages, source = read_pdf(data)
    return _finish("pdf", blocks, pages, source)


def _xlsx(data: bytes) -> Document:
    from pipeline.extract.xlsx import read_xlsx

    sections, truncated = read_xlsx(data)
    document = Document(format="xlsx", sections=sections, metadata={"headings": "sheets"})
    document.word_count = count_words(document.text())
    if truncated:
        document.metadata["truncated"] = "cell limit reached"
    return document


def _finish(fmt, blocks, page_count: int | None, heading_source: str) -> Document:
    """`metadata["headings"]` says how headings were found: "styles" and "outline" are the
    author's own structure; "formatting" and "fonts" are guesses from bold/size/numbering."""
    sections: list[Section] = build_sections(blocks)
    metadata = {"headings": heading_source}
    document = Document(format=fmt, sections=sections, page_count=page_count, metadata=metadata)
    headings = " ".join(b.text for b in blocks if isinstance(b, Heading))
    document.word_count = count_words(document.text()) + count_words(headings)
    return document


_READERS: dict[str, Callable[[bytes], Document]] = {"docx": _docx, "pdf": _pdf, "xlsx": _xlsx}
