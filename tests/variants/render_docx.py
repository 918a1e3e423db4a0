"""Render a Variant as a DOCX the way Word users produce them (python-docx).

Heading styling levels: `word_styles` (built-in "Heading N", with outline level),
`custom_styles` (a home-made "Titre N" style, bold and larger, no outline level), `bold_lines`
(a plain paragraph in bold, body size), `capitals` (level 1 in bold capitals, level 2 bold),
`bold_sentence_sub` (level 1 with a heading style, sub-headings as bold sentence-case lines).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.variants.spec import Bullets, Heading, PageBreak, Para, Table, Variant

FIXED_TIME = datetime(2024, 1, 1)
FONTS = {"sans": "Calibri", "serif": "Times New Roman"}
SIZES = {1: 15, 2: 13, 3: 12}


def render_docx(variant: Variant) -> bytes:
    doc = Document()
    styling = variant.factors.get("styling") or "word_styles"
    normal = doc.styles["Normal"]
    normal.font.name = FONTS[variant.factors.get("font") or "sans"]
    normal.font.size = Pt(12 if variant.factors.get("font") == "serif" else 11)
    custom = variant.details.get("custom_style", "Titre {n}")
    if styling == "custom_styles":
        for level in (1, 2, 3):
            style = doc.styles.add_style(custom.format(n=level), WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.font.bold = True
            style.font.size = Pt(SIZES[level])
    _cover(doc, variant)
    if variant.running_header:
        _header_footer(doc, variant.running_header)
    for block in variant.blocks:
        if isinstance(block, Heading):
            _heading(doc, block, styling, custom)
        elif isinstance(block, Para):
            paragraph = doc.add_paragraph()
            run = paragraph.add_run(block.text)
            run.bold = block.bold or None
        elif isinstance(block, Bullets):
            _bullets(doc, block, styling)
        elif isinstance(block, Table):
            _table(doc, block, variant.factors.get("border") or "single")
        elif isinstance(block, PageBreak):
            doc.add_page_break()
    doc.core_properties.author = variant.title[-1] if variant.title else ""
    doc.core_properties.created = doc.core_properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same variant gives the same bytes (zip entry times are otherwise "now")."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def _cover(doc, variant: Variant) -> None:
    for i, line in enumerate(variant.title):
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = i < 2
        run.font.size = Pt(22 if i == 0 else 16 if i == 1 else 12)
    doc.add_page_break()


def _heading(doc, block: Heading, styling: str, custom: str) -> None:
    level = min(block.level, 3)
    if styling == "word_styles" or (styling == "bold_sentence_sub" and level == 1):
        doc.add_heading(block.text, level)
        return
    if styling == "custom_styles":
        doc.add_paragraph(block.text, style=custom.format(n=level))
        return
    text = block.text.upper() if styling == "capitals" and level == 1 else block.text
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = True
    if styling == "capitals" and level == 1:
        run.font.size = Pt(12)
    if level >= 3:
        run.italic = True


def _bullets(doc, block: Bullets, styling: str) -> None:
    styled = styling in {"word_styles", "custom_styles"}
    for item in block.items:
        if styled:
            doc.add_paragraph(item, style="List Bullet")
        else:
            doc.add_paragraph("– " + item)


def _table(doc, block: Table, border: str) -> None:
    width = max(len(row) for row in block.rows)
    table = doc.add_table(rows=len(block.rows), cols=width)
    for r, row in enumerate(block.rows):
        for c in range(width):
            cell = table.cell(r, c)
            cell.text = row[c] if c < len(row) else ""
            if r < block.header_rows:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    _borders(table, border)
    doc.add_paragraph()


def _borders(table, kind: str) -> None:
    """Table borders: single, thick, double, none, horizontal (rules between rows only)."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        vertical = edge in ("left", "right", "insideV")
        if kind == "none" or (kind == "horizontal" and vertical):
            element.set(qn("w:val"), "nil")
        else:
            element.set(qn("w:val"), "double" if kind == "double" else "single")
            element.set(qn("w:sz"), "18" if kind == "thick" else "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    properties.append(borders)


def _header_footer(doc, text: str) -> None:
    section = doc.sections[0]
    section.header.paragraphs[0].text = text
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    run = footer.add_run()
    for tag, attr in (("w:fldChar", "begin"), ("w:instrText", None), ("w:fldChar", "end")):
        element = OxmlElement(tag)
        if attr:
            element.set(qn("w:fldCharType"), attr)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = "PAGE"
        run._r.append(element)
