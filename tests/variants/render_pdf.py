"""Render a Variant as a PDF with a real text layer (fpdf2), the way exported reports look.

Headings are told apart only by size and weight (`word_styles` also writes PDF bookmarks, as
LibreOffice exports do). Tables are drawn cell by cell so the rules can be single, thick,
double (two parallel lines 0.3 mm apart), absent, or horizontal only; `table_break` pushes
long tables across a page break, with or without the header row repeated.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

from tests.variants.spec import Bullets, Heading, PageBreak, Para, Table, Variant

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF")]
FAMILIES = {"sans": "DejaVuSans", "serif": "DejaVuSerif"}
# (size, bold, capitals) per heading level and styling
HEADINGS = {
    "word_styles": {1: (16, True, False), 2: (13.5, True, False), 3: (12, True, False)},
    "custom_styles": {1: (15, True, False), 2: (12.5, True, False), 3: (11.5, True, False)},
    "bold_lines": {1: (None, True, False), 2: (None, True, False), 3: (None, True, False)},
    "capitals": {1: (12, True, True), 2: (None, True, False), 3: (None, True, False)},
    "bold_sentence_sub": {1: (15, True, False), 2: (None, True, False), 3: (None, True, False)},
}
MARGIN = 20
NEXT_LINE = {"new_x": "LMARGIN", "new_y": "NEXT"}


class _Pdf(FPDF):
    def __init__(self, header_text: str | None, family: str):
        super().__init__(format="A4")
        self.header_text, self.family = header_text, family
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))  # same bytes per variant

    def header(self) -> None:
        if self.header_text and self.page_no() > 1:
            self.set_font(self.family, "", 8)
            self.set_y(10)
            self.cell(0, 4, self.header_text)
            self.set_y(MARGIN)

    def footer(self) -> None:
        if self.header_text and self.page_no() > 1:
            self.set_y(-14)
            self.set_font(self.family, "", 8)
            self.cell(0, 4, f"Page {self.page_no()}", align="C")


def _font_files(family: str) -> dict[str, Path] | None:
    for folder in FONT_DIRS:
        files = {
            "": folder / f"{family}.ttf",
            "B": folder / f"{family}-Bold.ttf",
            "I": folder / f"{family}-Oblique.ttf"
            if family == "DejaVuSans"
            else folder / f"{family}-Italic.ttf",
        }
        if all(p.exists() for p in files.values()):
            return files
    return None


def render_pdf(variant: Variant) -> bytes:
    font = variant.factors.get("font") or "sans"
    files = _font_files(FAMILIES[font])
    family = FAMILIES[font] if files else ("helvetica" if font == "sans" else "times")
    pdf = _Pdf(variant.running_header, family)
    if files:
        for style, path in files.items():
            pdf.add_font(family, style, str(path))
    else:  # no TrueType font on this machine: core fonts, Windows-1252 text
        pdf.core_fonts_encoding = "windows-1252"
    writer = _Writer(pdf, variant, family, body_size=11 if font == "serif" else 10.5)
    writer.cover()
    for block in variant.blocks:
        writer.block(block)
    return bytes(pdf.output())


class _Writer:
    def __init__(self, pdf: _Pdf, variant: Variant, family: str, body_size: float):
        self.pdf, self.variant, self.family, self.size = pdf, variant, family, body_size
        self.styling = variant.factors.get("styling") or "word_styles"
        self.border = variant.factors.get("border") or "single"
        self.breaks = variant.factors.get("table_break") or "none"
        self.core = family in {"helvetica", "times"}

    def text(self, value: str) -> str:
        if self.core:  # Windows-1252 has no narrow no-break space nor minus sign
            return value.replace("\u202f", "\u00a0").replace("−", "-")
        return value

    def cover(self) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.set_y(90)
        for i, line in enumerate(self.variant.title):
            pdf.set_font(self.family, "B" if i < 2 else "", 22 if i == 0 else 16 if i == 1 else 12)
            pdf.multi_cell(0, 11 if i < 2 else 7, self.text(line), align="C", **NEXT_LINE)
        pdf.add_page()

    def block(self, block) -> None:
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Para):
            self.pdf.set_font(self.family, "B" if block.bold else "", self.size)
            self.paragraph(block.text.replace("\t", " ..... "))
        elif isinstance(block, Bullets):
            self.pdf.set_font(self.family, "", self.size)
            for item in block.items:
                self.pdf.set_x(MARGIN + 5)
                self.pdf.multi_cell(0, self.size * 0.5, self.text("• " + item), **NEXT_LINE)
            self.pdf.ln(2)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, PageBreak):
            self.pdf.add_page()

    def paragraph(self, text: str) -> None:
        self.pdf.set_x(MARGIN)
        self.pdf.multi_cell(0, self.size * 0.5, self.text(text), **NEXT_LINE)
        self.pdf.ln(2)

    def heading(self, block: Heading) -> None:
        size, bold, caps = HEADINGS[self.styling][min(block.level, 3)]
        size = size or self.size
        text = block.text.upper() if caps else block.text
        pdf = self.pdf
        if pdf.get_y() > pdf.h - MARGIN - 30:  # keep a heading with its first lines
            pdf.add_page()
        pdf.ln(3 if block.level == 1 else 1.5)
        if self.styling == "word_styles":
            pdf.start_section(self.text(text), level=block.level - 1)
        pdf.set_font(self.family, "B" if bold else "", size)
        pdf.set_x(MARGIN)
        pdf.multi_cell(0, size * 0.55, self.text(text), **NEXT_LINE)
        pdf.ln(1.5)

    # -- tables
    def table(self, block: Table) -> None:
        pdf = self.pdf
        rows = [[self.text(c) for c in row] for row in block.rows]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        available = pdf.w - 2 * MARGIN
        size = 9.0
        while True:
            pdf.set_font(self.family, "B", size)
            widths = [max(pdf.get_string_width(r[c]) for r in rows) + 3 for c in range(width)]
            if sum(widths) <= available or size <= 5.5:
                break
            size -= 0.5
        if sum(widths) > available:  # wrap the widest column
            widest = widths.index(max(widths))
            widths[widest] -= sum(widths) - available
        else:  # spread the spare room over the columns
            spare = (available - sum(widths)) / width
            widths = [w + spare for w in widths]
        line = size * 0.5
        heights = []
        for r, row in enumerate(rows):
            pdf.set_font(self.family, "B" if r < block.header_rows else "", size)
            count = max(
                len(pdf.multi_cell(w, line, cell, dry_run=True, output="LINES") or [""])
                for w, cell in zip(widths, row, strict=True)
            )
            heights.append(count * line + 2)
        header = rows[: block.header_rows]
        bottom = pdf.h - MARGIN
        if self.breaks != "none" and block.long and len(rows) >= 4:
            needed = sum(heights[: block.header_rows + 2]) + 1
            if pdf.get_y() + needed < bottom:  # leave room for two rows only: the rest breaks
                pdf.set_y(bottom - needed)
        pdf.ln(1)
        pdf.set_auto_page_break(False)  # rows break where this method says, never mid-cell
        top = pdf.get_y()
        for r, row in enumerate(rows):
            if pdf.get_y() + heights[r] > bottom:
                self._rules(top, pdf.get_y(), widths, first_row_end=None)
                pdf.add_page()
                top = pdf.get_y()
                if self.breaks == "repeat_header" and r >= block.header_rows:
                    for h, head in enumerate(header):
                        self._row(head, widths, heights[h], size, True)
            self._row(row, widths, heights[r], size, r < block.header_rows)
        self._rules(top, pdf.get_y(), widths, first_row_end=None)
        pdf.set_auto_page_break(True, margin=MARGIN)
        pdf.ln(3)
        pdf.set_font(self.family, "", self.size)

    def _row(self, row: list[str], widths: list[float], height: float, size, bold) -> None:
        pdf = self.pdf
        y = pdf.get_y()
        x = MARGIN
        pdf.set_font(self.family, "B" if bold else "", size)
        for w, cell in zip(widths, row, strict=True):
            pdf.set_xy(x + 1, y + 1)
            pdf.multi_cell(w - 2, size * 0.5, cell, **NEXT_LINE)
            x += w
        self._hline(y)
        pdf.set_xy(MARGIN, y + height)

    def _hline(self, y: float) -> None:
        if self.border == "none":
            return
        self._line(MARGIN, y, self.pdf.w - MARGIN, y)

    def _rules(self, top: float, bottom: float, widths: list[float], first_row_end) -> None:
        """Closing rule of the block drawn so far, and the vertical rules of its columns."""
        if self.border == "none":
            return
        self._line(MARGIN, bottom, self.pdf.w - MARGIN, bottom)
        if self.border == "horizontal":
            return
        x = MARGIN
        for w in [0.0, *widths]:
            x += w
            self._line(x, top, x, bottom)

    def _line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        pdf = self.pdf
        if self.border == "double":
            pdf.set_line_width(0.15)
            dx, dy = (0.3, 0) if x1 == x2 else (0, 0.3)
            pdf.line(x1 - dx, y1 - dy, x2 - dx, y2 - dy)
            pdf.line(x1 + dx, y1 + dy, x2 + dx, y2 + dy)
            return
        pdf.set_line_width(1.0 if self.border == "thick" else 0.2)
        pdf.line(x1, y1, x2, y2)
