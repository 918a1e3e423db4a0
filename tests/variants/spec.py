"""A generated production before rendering: an outline of blocks plus its ground truth.

The composer builds a `Variant`; the DOCX and PDF renderers only decide how it looks. The truth
uses the JSON contract of `portfolio check --json`: competency ids of `competencies`
("C1.1.3", "E2.context"), parts as "C2.2.4:english", check ids with pass / fail / undetermined.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    level: int  # 1 = top level
    text: str  # numbering included, as the reader sees it


@dataclass
class Para:
    text: str
    bold: bool = False


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Table:
    rows: list[list[str]]
    header_rows: int = 1
    long: bool = False  # a table the PDF renderer may split across a page break


@dataclass
class PageBreak:
    pass


Block = Heading | Para | Bullets | Table | PageBreak


@dataclass
class Truth:
    """What an assessor would conclude on the document."""

    elements: dict[str, bool] = field(default_factory=dict)
    parts: dict[str, bool] = field(default_factory=dict)  # "C1.1.3:swot_matrix" -> present
    checks: dict[str, str] = field(default_factory=dict)  # check id -> pass|fail|undetermined


@dataclass
class Variant:
    name: str
    production: str
    fmt: str  # "docx" | "pdf"
    factors: dict[str, str | None]  # factor -> level (None: not applicable to this document)
    blocks: list[Block]
    truth: Truth
    title: list[str] = field(default_factory=list)  # cover page lines
    running_header: str | None = None
    details: dict[str, str] = field(default_factory=dict)  # e.g. which element is absent

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.fmt}"
