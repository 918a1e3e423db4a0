"""DOCX -> blocks: body paragraphs and tables in reading order, headings from styles.

Heading levels come from, in order: the paragraph's own outline level, its style chain's
outline level or name ("Heading 2", "Titre 2"). A file with no such heading at all falls back
on bold numbered / capitalised short paragraphs. The "Sommaire" (TOC-styled paragraphs, a
Word TOC field, or a "Sommaire" title followed by entries up to the next page break) is
skipped. Headers and footers live in other parts and are never read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from pipeline.extract.blocks import Block, Heading, Paragraph, TableBlock, clean
from pipeline.extract.headings import guessed_level, is_toc_title, looks_like_heading_text
from pipeline.model import Cell, Table

_HEADING_STYLE = re.compile(r"^(heading|titre|title|berschrift|t[ií]tulo)\s*(\d)$", re.I)
_TOC_STYLE = re.compile(r"^(toc|tdm|table des mati[eè]res|index)\s*\d*$|^toc heading$", re.I)
MAX_TOC_ENTRY_CHARS = 200
MAX_HEADING_TEXT = 300
MAX_TABLE_ROWS = 20000


def read_docx(data: bytes) -> tuple[list[Block], str]:
    """Body blocks in reading order, and where headings came from ("styles" or "formatting")."""
    document = docx.Document(io.BytesIO(data))
    styles = _Styles(document)
    items = list(_body_items(document))
    styled = any(styles.level(p) for p in items if isinstance(p, DocxParagraph))
    return list(_blocks(items, styles, styled)), "styles" if styled else "formatting"


class _Styles:
    """Paragraph styles looked up once: python-docx re-scans the style part on every
    `paragraph.style`, which dominated the time on long documents."""

    def __init__(self, document) -> None:
        paragraph_styles = [s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH]
        self._by_id = {s.style_id: s for s in paragraph_styles}
        self._default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._levels: dict[str | None, int | None] = {}

    def of(self, paragraph: DocxParagraph):
        style_id = paragraph._p.style
        return self._by_id.get(style_id, self._default) if style_id else self._default

    def name(self, paragraph: DocxParagraph) -> str:
        style = self.of(paragraph)
        return (style.name or "") if style is not None else ""

    def bold(self, paragraph: DocxParagraph) -> bool:
        style = self.of(paragraph)
        return bool(style is not None and style.font.bold)

    def level(self, paragraph: DocxParagraph) -> int | None:
        own = _outline_level(paragraph._p)
        if own is not None:
            return own or None
        style = self.of(paragraph)
        key = style.style_id if style is not None else None
        if key not in self._levels:
            self._levels[key] = _style_chain_level(style)
        return self._levels[key]


def _body_items(document) -> Iterator[DocxParagraph | DocxTable]:
    """Body paragraphs and tables, descending into content controls except a TOC field."""
    yield from _walk(document.element.body, document)


def _walk(container, parent) -> Iterator[DocxParagraph | DocxTable]:
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield DocxParagraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield DocxTable(child, parent)
        elif child.tag == qn("w:sdt") and not _is_toc_field(child):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _walk(content, parent)


def _is_toc_field(sdt) -> bool:
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and "contents" in (gallery.get(qn("w:val")) or "").lower()


def _blocks(items: list, styles: _Styles, styled: bool) -> Iterator[Block]:
    toc = _TocSkipper(styled)
    for item in items:
        if isinstance(item, DocxTable):
            if not toc.active:
                yield TableBlock(_table(item))
            continue
        text = clean(item.text)
        level = styles.level(item) if styled else _fallback_level(item, text, styles)
        if level and len(text) > MAX_HEADING_TEXT:  # a body paragraph styled as a heading
            level = None
        if toc.skips(item, text, level, styles.name(item)):
            continue
        if text:
            yield Heading(text, level) if level else Paragraph(text)
        for boxed in _text_boxes(item):
            yield Paragraph(boxed)


def _text_boxes(paragraph: DocxParagraph) -> Iterator[str]:
    """Text typed in text boxes anchored to the paragraph; Word stores each box twice (DrawingML
    and a VML fallback), so the fallback copy is ignored."""
    for box in paragraph._p.iter(_W_TXBX):
        if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
            continue
        for p in box.iter(_W_P):
            text = clean("".join(t.text or "" for t in p.iter(_W_T)))
            if text:
                yield text


class _TocSkipper:
    """Tracks a "Sommaire" block: from its title to a page break, a styled heading, or the
    first entry coming round again as the body heading."""

    def __init__(self, styled: bool) -> None:
        self.styled = styled
        self.active = False
        self.entries: list[str] = []

    def skips(self, paragraph: DocxParagraph, text: str, level: int | None, style: str) -> bool:
        if _TOC_STYLE.match(style):
            return True
        if not self.active:
            self.active = bool(text) and is_toc_title(text)
            self.entries = []
            return self.active
        if self._ends_at(paragraph, text, level):
            self.active = False
            return not text or _text_before_break(paragraph)
        if text:
            self.entries.append(text)
        return True

    def _ends_at(self, paragraph: DocxParagraph, text: str, level: int | None) -> bool:
        if self.styled and level:
            return True
        if len(text) > MAX_TOC_ENTRY_CHARS or (self.entries and text == self.entries[0]):
            return True
        return bool(self.entries) and _breaks_page(paragraph)


def _breaks_page(paragraph: DocxParagraph) -> bool:
    p = paragraph._p
    if p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None:
        return True
    breaks = p.findall(f".//{qn('w:br')}")
    return any(b.get(qn("w:type")) == "page" for b in breaks) or (
        p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    )


def _outline_level(element) -> int | None:
    """w:outlineLvl 0-8 means heading level 1-9; 9 means body text."""
    ppr = element.find(qn("w:pPr"))
    node = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if node is None:
        return None
    try:
        value = int(node.get(qn("w:val")))
    except (TypeError, ValueError):
        return None
    return value + 1 if 0 <= value < 9 else 0


def _text_before_break(paragraph: DocxParagraph) -> bool:
    """Whether the paragraph's text sits before its page break (so it is still on the TOC page)."""
    p = paragraph._p
    if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
        return True
    seen_text = False
    for node in p.iter(_W_T, _W_BR):
        if node.tag == _W_BR and node.get(qn("w:type")) == "page":
            return seen_text
        seen_text = seen_text or bool((node.text or "").strip())
    return False


def _style_chain_level(style) -> int | None:
    for _ in range(8):  # base-style chains are short; a cycle must not loop forever
        if style is None:
            return None
        match = _HEADING_STYLE.match((style.name or "").strip())
        if match:
            return int(match.group(2))
        level = _outline_level(style.element)
        if level is not None:
            return level or None
        style = style.base_style
    return None


def _fallback_level(paragraph: DocxParagraph, text: str, styles: _Styles) -> int | None:
    if not looks_like_heading_text(text) or not _all_bold(paragraph, styles.bold(paragraph)):
        return None
    return guessed_level(text)


def _all_bold(paragraph: DocxParagraph, style_bold: bool) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold or (r.bold is None and style_bold) for r in runs)


def _table(table: DocxTable) -> Table:
    rows: list[list[Cell]] = []
    for tr in table._tbl.tr_lst[:MAX_TABLE_ROWS]:
        rows.append([Cell(value=_cell_text(tc) or None) for tc in tr.tc_lst])
    return Table(rows=rows)


_W_P, _W_T, _W_BR, _W_TXBX = qn("w:p"), qn("w:t"), qn("w:br"), qn("w:txbxContent")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _cell_text(tc) -> str:
    """Plain lxml iteration: 10x faster than python-docx paragraphs on big annex tables."""
    paragraphs = ("".join(t.text or "" for t in p.iter(_W_T)) for p in tc.iter(_W_P))
    return clean(" ".join(paragraphs))
