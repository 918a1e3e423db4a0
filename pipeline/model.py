"""The document model every extractor produces and every checker reads.

Extractors (DOCX, PDF, XLSX) turn untrusted bytes into this tree; checkers never see the file
format. Everything here is plain data so it pickles across the sandbox's process boundary and
serialises to JSON for events and the CLI.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Format = Literal["docx", "pdf", "xlsx"]


@dataclass(frozen=True)
class Cell:
    """One spreadsheet or table cell; `formula` is the formula text when the cell computes."""

    value: str | float | int | bool | None
    formula: str | None = None
    ref: str | None = None  # "B7" for spreadsheet cells, None for document tables


@dataclass
class Table:
    rows: list[list[Cell]]
    page: int | None = None
    name: str | None = None  # worksheet name for XLSX


@dataclass
class Section:
    """A heading and everything under it up to the next heading of the same or higher level.

    `id` is stable for the same document bytes ("s3.2" = second level-2 section under the third
    level-1 section); annotations and findings anchor on it.
    """

    id: str
    heading: str
    level: int  # 0 = text before the first heading, 1 = top level
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    page_start: int | None = None
    page_end: int | None = None
    children: list[Section] = field(default_factory=list)
    language: str | None = None  # "fr" | "en" | None, set by the language check

    def walk(self) -> list[Section]:
        """This section and all its descendants, in reading order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def own_text(self) -> str:
        """Paragraphs and table cells of this section alone (not its children)."""
        parts = list(self.paragraphs)
        for table in self.tables:
            for row in table.rows:
                parts.append(" | ".join("" if c.value is None else str(c.value) for c in row))
        return "\n".join(parts)

    def full_text(self) -> str:
        """This section's text followed by its descendants' text."""
        return "\n".join(s.own_text() for s in self.walk())


@dataclass
class Document:
    format: Format
    sections: list[Section]  # top-level sections; a level-0 preamble may come first
    page_count: int | None = None
    word_count: int = 0
    languages: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)

    def all_sections(self) -> list[Section]:
        out: list[Section] = []
        for s in self.sections:
            out.extend(s.walk())
        return out

    def text(self) -> str:
        return "\n".join(s.own_text() for s in self.all_sections())

    def to_dict(self) -> dict:
        return asdict(self)
