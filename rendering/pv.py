"""Render a PV's content to DOCX (python-docx) and PDF (fpdf2) with reproducible bytes.

DOCX: core properties are fixed to the generation time and the ZIP is rewritten with fixed
entry dates. PDF: the creation date is fixed, so fpdf2's document ID (a hash of the bytes and
that date) is fixed too. Core PDF fonts are used (no font file to differ between machines),
so text is reduced to Latin-1 with typographic substitutes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from docx import Document
from fpdf import FPDF

from rendering.pv_layout import Block, layout

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
LATIN1 = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "œ": "oe",
        "Œ": "OE",
        "–": "-",
        "—": "-",
        "…": "...",
        "\u202f": " ",
        "\u00a0": " ",
    }
)


def _generated_at(content: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(content["generated_at"])


def _fixed_zip(data: bytes) -> bytes:
    """The same ZIP with every entry dated ZIP_EPOCH, in the original order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_pv_docx(content: dict[str, Any]) -> bytes:
    """The PV as a Word document."""
    document = Document()
    when = _generated_at(content).replace(tzinfo=None)
    props = document.core_properties
    props.created = props.modified = props.last_printed = when
    props.author = props.last_modified_by = "cdc-portfolio"
    props.title, props.revision = f"Procès-verbal n° {content['number']}", 1
    for block in layout(content):
        _docx_block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _docx_block(document: Any, block: Block) -> None:
    if block.kind == "title":
        document.add_heading(block.text, level=0)
    elif block.kind == "heading":
        document.add_heading(block.text, level=1)
    elif block.kind == "para":
        document.add_paragraph(block.text)
    else:
        table = document.add_table(rows=0, cols=len(block.rows[0]))
        table.style = "Table Grid"
        for row in block.rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text


def _latin1(text: str) -> str:
    return text.translate(LATIN1).encode("latin-1", "replace").decode("latin-1")


def render_pv_pdf(content: dict[str, Any]) -> bytes:
    """The PV as a PDF (A4, core fonts)."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(_generated_at(content))
    pdf.set_title(_latin1(f"Procès-verbal n° {content['number']}"))
    pdf.set_author("cdc-portfolio")
    pdf.add_page()
    for block in layout(content):
        _pdf_block(pdf, block)
    return bytes(pdf.output())


def _pdf_block(pdf: FPDF, block: Block) -> None:
    if block.kind in ("title", "heading"):
        pdf.set_font("Helvetica", "B", 15 if block.kind == "title" else 12)
        pdf.ln(3)
        pdf.multi_cell(0, 8, _latin1(block.text), new_x="LMARGIN", new_y="NEXT")
    elif block.kind == "para":
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 5, _latin1(block.text), new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.set_font("Helvetica", "", 9)
        with pdf.table(first_row_as_headings=True) as table:
            for row in block.rows:
                table.row([_latin1(text) for text in row])
        pdf.ln(2)


def render_pv(content: dict[str, Any]) -> tuple[bytes, bytes]:
    """(DOCX bytes, PDF bytes) of one PV content."""
    return render_pv_docx(content), render_pv_pdf(content)
