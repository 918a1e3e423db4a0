"""The shape of a wording bank: what a composer needs to write one production.

Two banks exist, written separately: `bank_dev.DEV` (open to everyone) and the held-out bank in
`tests/variants/heldout/` (closed to the checker's authors). Same shape, different words.

Body items: a `str` is a paragraph, a `list[str]` a bulleted list, a `list[list[str]]` a table
(first row = header). Paragraph templates use `{name}`, `{sector}`, `{products}`, `{clients}`,
`{city}`, `{site}`, `{rival1}`, `{rival2}`, `{year}`, `{staff}` from the company.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Body = list[Any]  # paragraphs, bullet lists and tables, in reading order


@dataclass(frozen=True)
class Company:
    name: str
    sector: str
    products: str
    clients: str
    city: str
    site: str
    rival1: str
    rival2: str
    staff: int
    candidate: str


@dataclass
class PartText:
    titles: dict[str, list[str]]  # wording level ("named" | "synonym" | "question") -> titles
    bodies: list[Body]  # alternative bodies; one is drawn


@dataclass
class ElementText:
    titles: dict[str, list[str]]
    bodies: list[Body] = field(default_factory=lambda: [[]])  # lead text before the parts
    parts: dict[str, PartText] = field(default_factory=dict)
    mentions: list[str] = field(default_factory=list)  # in-passing mentions, element absent


@dataclass
class Bank:
    name: str
    seed: int
    companies: dict[str, list[Company]]  # production -> companies
    elements: dict[str, ElementText]  # competency id -> texts
    # numbering family -> (level-1, level-2, level-3) formats; fields: i j k (arabic),
    # I J K (roman), A B C / a b c (letters), kw (keyword of the bank)
    numbering: dict[str, list[tuple[str, str, str]]]
    keywords: list[str]
    custom_styles: list[str]  # "Titre {n}"-like names of styles without an outline level
    placeholders: list[str]
    toc_titles: list[str]
    intro_titles: list[str]
    conclusion_titles: list[str]
    intros: dict[str, list[str]]  # production -> announcing paragraphs (mention elements)
    conclusions: list[str]
    covers: dict[str, list[str]]  # production -> cover title lines
    phrasings: dict[str, list[str]]  # statement kind -> templates
