"""The flat stream every format-specific reader produces, and its folding into a section tree.

Readers only decide what is a heading (and its level), a paragraph or a table, in reading
order; numbering ids, nesting and page spans are done once, here, for all formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import Section, Table

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int
    page: int | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str
    page: int | None = None


@dataclass(frozen=True)
class TableBlock:
    table: Table
    page: int | None = None


Block = Heading | Paragraph | TableBlock


def clean(text: str) -> str:
    """Collapse runs of whitespace (tabs, line breaks, non-breaking spaces) to one space."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def build_sections(blocks: list[Block]) -> list[Section]:
    """Fold blocks into top-level sections; text before the first heading becomes "s0"."""
    roots: list[Section] = []
    stack: list[Section] = []
    for block in blocks:
        if isinstance(block, Heading):
            section = _open_section(block, roots, stack)
            stack.append(section)
            continue
        current = stack[-1] if stack else _preamble(roots, stack)
        _add_content(current, block)
    for section in roots:
        _propagate_page_end(section)
    return roots


def _preamble(roots: list[Section], stack: list[Section]) -> Section:
    section = Section(id="s0", heading="", level=0)
    roots.append(section)
    stack.append(section)
    return section


def _open_section(heading: Heading, roots: list[Section], stack: list[Section]) -> Section:
    while stack and (stack[-1].level >= heading.level or stack[-1].level == 0):
        stack.pop()
    siblings = stack[-1].children if stack else roots
    index = sum(1 for s in siblings if s.level > 0) + 1
    prefix = f"{stack[-1].id}." if stack else "s"
    section = Section(
        id=f"{prefix}{index}",
        heading=heading.text,
        level=heading.level,
        page_start=heading.page,
        page_end=heading.page,
    )
    siblings.append(section)
    return section


def _add_content(section: Section, block: Paragraph | TableBlock) -> None:
    if isinstance(block, Paragraph):
        section.paragraphs.append(block.text)
    else:
        section.tables.append(block.table)
    if block.page is not None:
        section.page_start = section.page_start or block.page
        section.page_end = max(section.page_end or block.page, block.page)


def _propagate_page_end(section: Section) -> int | None:
    """A section's page span covers its children's pages too."""
    for child in section.children:
        end = _propagate_page_end(child)
        if end is not None:
            section.page_end = max(section.page_end or end, end)
    return section.page_end
