"""Statements: the sentences and table rows of a document, each tied to its section.

Verifications look for a labelled figure ("seuil de rentabilité … = 1 140 000 €") in one
statement at a time, so a number is never paired with a label from another sentence.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.model import Document, Section
from pipeline.numbers import Number, find_numbers, fold

_ENDS_SENTENCE = re.compile(r"[.!?…:;»)]\s*$|^\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀÂÉÈÊÎÔÛÇ«(–-])")
_BUILT: dict[int, tuple[Statement, ...]] = {}  # id(document) -> its statements


@dataclass(frozen=True)
class Statement:
    """A sentence or a table row ("Total charges fixes | 513 000 €"), raw and folded."""

    text: str
    folded: str
    section: Section
    in_table: bool
    cells: tuple[str, ...] = ()


def statements(doc: Document) -> tuple[Statement, ...]:
    """Sentences of every paragraph, then table rows, section by section in reading order.

    Built once per document: the verifications look up dozens of labels, and splitting and
    folding every sentence again for each one was nearly all of their time. The entry goes
    when the document is garbage-collected, before its id can be reused.
    """
    key = id(doc)
    cached = _BUILT.get(key)
    if cached is None:
        cached = _BUILT[key] = tuple(_statements(doc))
        weakref.finalize(doc, _BUILT.pop, key, None)
    return cached


def _statements(doc: Document) -> Iterator[Statement]:
    for section in doc.all_sections():
        for paragraph in _joined(section.paragraphs):
            for sentence in _SENTENCE_END.split(" ".join(paragraph.split())):
                if sentence.strip():
                    yield Statement(sentence, fold(sentence), section, False)
        for table in section.tables:
            for row in table.rows:
                cells = tuple("" if c.value is None else str(c.value) for c in row)
                text = " | ".join(cells)
                yield Statement(text, fold(text), section, True, cells)


def _joined(paragraphs: list[str]) -> Iterator[str]:
    """Paragraphs with PDF line breaks undone: one not ending a sentence runs into the next."""
    pending = ""
    for paragraph in paragraphs:
        pending = f"{pending} {paragraph}" if pending else paragraph
        if _ENDS_SENTENCE.search(pending):
            yield pending
            pending = ""
    if pending:
        yield pending


def numbers_after(stmt: Statement, pattern: re.Pattern) -> list[Number]:
    """Numbers written after the first match of `pattern` (on folded text) in `stmt`."""
    m = pattern.search(stmt.folded)
    if not m:
        return []
    return [n for n in find_numbers(stmt.text) if n.start >= m.end()]


def first_labelled(doc: Document, pattern: re.Pattern, unit: str | None = None) -> Statement | None:
    """The first statement matching `pattern` that has a number (with `unit`) after the label."""
    for stmt in statements(doc):
        found = numbers_after(stmt, pattern)
        if any(unit is None or n.unit == unit for n in found):
            return stmt
    return None


def labelled_value(
    doc: Document, pattern: re.Pattern, unit: str | None = None, last: bool = False
) -> tuple[float, Statement] | None:
    """The first (or last within the statement) number after `pattern`, with its statement."""
    stmt = first_labelled(doc, pattern, unit)
    if stmt is None:
        return None
    found = [n for n in numbers_after(stmt, pattern) if unit is None or n.unit == unit]
    return (found[-1] if last else found[0]).value, stmt


def row_value(
    doc: Document, label: re.Pattern, unit: str | None = "€"
) -> tuple[float, Statement] | None:
    """The value of the first table row whose first cell matches `label` (a folded pattern).

    The value is the first number (with `unit`, if any has it) of the cells after the label,
    so "Charges variables (dont logistique 21 600 €) | 411 600 €" gives 411 600.
    """
    for stmt in statements(doc):
        if not stmt.in_table or not stmt.cells or not label.search(fold(stmt.cells[0].strip())):
            continue
        found = [n for cell in stmt.cells[1:] for n in find_numbers(cell)]
        preferred = [n for n in found if n.unit == unit] or [n for n in found if n.unit != "%"]
        if preferred:
            return preferred[0].value, stmt
    return None
