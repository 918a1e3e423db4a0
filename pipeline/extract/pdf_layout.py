"""Page furniture and reading order for PDF lines: running headers and footers, page numbers,
the "Sommaire" page, and the folding of lines into paragraphs around tables.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from pipeline.extract.blocks import Block, Heading, Paragraph, TableBlock
from pipeline.extract.headings import fold, is_toc_title
from pipeline.extract.pdf_page import Line, PageContent
from pipeline.model import Cell

_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(page|p\.)?\s*#\s*((/|sur|of|-)\s*#)?$")
_TOC_ENTRY = re.compile(r"(\.{3,}|…|\s)\s*\d{1,3}$")
_BULLET = ("•", "-", "–", "—", "*", "▪", "◦", "o ", "\uf0b7", "\uf0a7", "\uf0d8")
EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be furniture

HeadingMarks = dict[tuple[int, int], tuple[str, int, int]]  # (page, line) -> text, level, used


def _edge_lines(page: PageContent) -> list[Line]:
    body = [line for line in page.lines if not line.in_table]
    ordered = sorted(body, key=lambda line: -line.top)
    return ordered[:EDGE_LINES] + ordered[-EDGE_LINES:]


def _furniture_key(line: Line) -> str:
    return _DIGITS.sub("#", fold(line.text))


def mark_running_lines(pages: list[PageContent]) -> None:
    """Skip lines repeated at the page edges on most pages, and bare page numbers."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_furniture_key(line) for line in _edge_lines(page)})
    threshold = max(2, (len(pages) + 1) // 2)
    for page in pages:
        for line in _edge_lines(page):
            key = _furniture_key(line)
            if _PAGE_NUMBER.match(key) or (len(pages) > 1 and seen[key] >= threshold):
                line.skip = True


def mark_toc_pages(pages: list[PageContent], marks: HeadingMarks) -> None:
    """From a "Sommaire" title, skip the rest of its page (up to a body heading, if any), and
    entries ending in a page number that run on at the top of the next page."""
    carry = False
    for page in pages:
        active = continuation = carry
        for index, line in enumerate(page.lines):
            if line.skip or line.in_table:
                continue
            ends = continuation and not _TOC_ENTRY.search(line.text)
            if active and ((page.number, index) in marks or ends):
                active = False
                break
            if not active and is_toc_title(line.text):
                active, continuation = True, False
            line.skip = active
        carry = active


def join_split_rows(pages: list[PageContent]) -> None:
    """A table row broken across a page break continues, under the repeated header, as a row
    whose first cell is empty: append it to the row it belongs to."""
    for before, after in zip(pages, pages[1:], strict=False):
        if not before.tables or not after.tables:
            continue
        last = min(before.tables, key=lambda item: item[0])[1]
        first = max(after.tables, key=lambda item: item[0])[1]
        if not last.rows or not first.rows or len(last.rows[-1]) != len(first.rows[0]):
            continue
        start = 1 if first.rows[0] == last.rows[0] and len(first.rows) > 1 else 0
        fragment = first.rows[start]
        if fragment[0].value is None and any(c.value for c in fragment):
            last.rows[-1] = [_joined(a, b) for a, b in zip(last.rows[-1], fragment, strict=True)]
            del first.rows[start]


def _joined(a: Cell, b: Cell) -> Cell:
    text = " ".join(str(v) for v in (a.value, b.value) if v)
    return Cell(value=text or None)


def page_blocks(page: PageContent, marks: HeadingMarks) -> Iterator[Block]:
    """Headings, paragraphs and tables of one page in reading order."""
    tables = sorted(page.tables, key=lambda item: -item[0])
    paragraph: list[Line] = []
    skip_until = -1
    for index, line in enumerate(page.lines):
        mark = marks.get((page.number, index))
        content = not (index <= skip_until or line.skip or line.in_table)
        if mark is None and not content:
            continue
        while tables and tables[0][0] >= line.top:
            yield from _flush(paragraph)
            yield TableBlock(tables.pop(0)[1], page.number)
        if mark is not None:
            yield from _flush(paragraph)
            yield Heading(mark[0], mark[1], page.number)
            skip_until = index + mark[2] - 1
            if mark[2] or not content:  # 0 lines used: the heading is not printed there
                continue
        if paragraph and _starts_paragraph(paragraph[-1], line):
            yield from _flush(paragraph)
        paragraph.append(line)
    yield from _flush(paragraph)
    for _, table in tables:
        yield TableBlock(table, page.number)


def _starts_paragraph(previous: Line, line: Line) -> bool:
    gap = previous.top - line.top
    size = max(previous.size, line.size, 1.0)
    if gap < 0 or gap > 1.75 * size or line.text.startswith(_BULLET):
        return True
    return previous.text.endswith((".", ":", "!", "?")) and gap > 1.4 * size


def _flush(lines: list[Line]) -> Iterator[Paragraph]:
    if not lines:
        return
    text = ""
    for line in lines:
        if text.endswith(("\x02", "\xad")):
            text = text[:-1] + line.text
        else:
            text = f"{text} {line.text}" if text else line.text
    page = lines[0].page
    lines.clear()
    yield Paragraph(text.replace("\x02", "").replace("\xad", ""), page)
