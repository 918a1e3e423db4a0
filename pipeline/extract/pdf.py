"""PDF -> blocks with PDFium: text per page, headings from the outline or fonts, ruled tables.

Encrypted files and files without a text layer (scans) are rejected here, with the category
the candidate can act on.
"""

from __future__ import annotations

import pypdfium2 as pdfium

from pipeline.extract.blocks import Block
from pipeline.extract.pdf_headings import font_marks, outline_marks, read_outline
from pipeline.extract.pdf_layout import (
    join_split_rows,
    mark_running_lines,
    mark_toc_pages,
    page_blocks,
)
from pipeline.extract.pdf_page import PageContent, read_page
from pipeline.rejections import DocumentRejected, RejectionCategory

MAX_PAGES = 1500
MIN_OUTLINE_ENTRIES = 2


def read_pdf(data: bytes) -> tuple[list[Block], int, str]:
    """Blocks in reading order, the page count, and where headings came from ("outline" or
    "fonts")."""
    pdf = _open(data)
    try:
        if len(pdf) > MAX_PAGES:
            raise DocumentRejected(
                RejectionCategory.TOO_LARGE,
                f"The PDF has {len(pdf)} pages; the limit is {MAX_PAGES}.",
            )
        pages = [read_page(pdf, index) for index in range(len(pdf))]
        outline = read_outline(pdf, len(pages))
    finally:
        pdf.close()
    _require_text(pages)
    mark_running_lines(pages)
    join_split_rows(pages)
    source = "outline" if len(outline) >= MIN_OUTLINE_ENTRIES else "fonts"
    if source == "outline":
        marks = outline_marks(outline, pages)
        mark_toc_pages(pages, marks)
    else:
        mark_toc_pages(pages, {})
        marks = font_marks(pages)
    blocks = [block for page in pages for block in page_blocks(page, marks)]
    return blocks, len(pages), source


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentRejected(RejectionCategory.ENCRYPTED) from None
        raise DocumentRejected(
            RejectionCategory.CORRUPT, "The PDF is damaged and cannot be read; export it again."
        ) from None


def _require_text(pages: list[PageContent]) -> None:
    if any(page.chars > 0 for page in pages):
        return
    if any(page.images > 0 for page in pages):
        raise DocumentRejected(RejectionCategory.NO_TEXT_LAYER)
    raise DocumentRejected(RejectionCategory.EMPTY, "The PDF contains no text.")
