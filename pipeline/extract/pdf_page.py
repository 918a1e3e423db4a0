"""One PDF page -> text lines (with position, size, boldness) and ruled tables.

Built on PDFium's text page: the page text comes in one call, then only the first and last
character of each line are asked for their box, size and font, which keeps extraction close
to `pdftotext` speed. Ruled tables are rebuilt from the page's thin path objects (the grid
lines); only on such pages is every word's position read, to drop it into its cell.
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_right
from dataclasses import dataclass, field

import pypdfium2.raw as raw

from pipeline.model import Cell, Table

_LINE = re.compile(r"[^\r\n]+")
_WORD = re.compile(r"[^\s\x00-\x1f]+")
_BOLD_NAME = re.compile(rb"bold|black|heavy|semibold|demi", re.I)
THIN = 2.0  # a path thinner than this (pt) is a ruling line
SNAP = 1.5  # grid coordinates closer than this (pt) are the same line
BASELINE_LIFT = 2.0  # a character's origin is on its baseline; look just above it


@dataclass
class Line:
    text: str
    page: int  # 1-based
    top: float  # PDF user space: larger is higher on the page
    size: float
    bold: bool
    in_table: bool = False
    skip: bool = False  # running header/footer, page number or table-of-contents entry


@dataclass
class Grid:
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom (descending)

    def __post_init__(self) -> None:
        self._neg_ys = [-y for y in self.ys]

    @property
    def top(self) -> float:
        return self.ys[0]

    def locate(self, x: float, y: float) -> tuple[int, int] | None:
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[-1] <= y <= self.ys[0]):
            return None
        col = min(bisect_right(self.xs, x) - 1, len(self.xs) - 2)
        row = min(bisect_right(self._neg_ys, -y) - 1, len(self.ys) - 2)
        return row, col


@dataclass
class PageContent:
    number: int
    lines: list[Line] = field(default_factory=list)
    tables: list[tuple[float, Table]] = field(default_factory=list)  # (top, table)
    chars: int = 0
    images: int = 0


class _Box:
    """Reusable ctypes out-parameters for FPDFText_GetCharBox."""

    def __init__(self) -> None:
        self.l, self.r, self.b, self.t = (ctypes.c_double() for _ in range(4))

    def read(self, textpage, index: int) -> tuple[float, float, float, float] | None:
        if not raw.FPDFText_GetCharBox(textpage, index, self.l, self.r, self.b, self.t):
            return None
        if self.r.value <= self.l.value and self.t.value <= self.b.value:
            return None
        return self.l.value, self.r.value, self.b.value, self.t.value


def read_page(pdf, index: int) -> PageContent:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            return _read(page, textpage, index + 1)
        finally:
            textpage.close()
    finally:
        page.close()


def _read(page, textpage, number: int) -> PageContent:
    content = PageContent(number=number)
    hlines, vlines, content.images = _page_objects(page.raw)
    tp = textpage.raw
    content.chars = raw.FPDFText_CountChars(tp)
    if content.chars <= 0:
        return content
    text = textpage.get_text_range()
    if len(text) != content.chars:
        text = "".join(chr(raw.FPDFText_GetUnicode(tp, i) or 32) for i in range(content.chars))
    grids = _grids(hlines, vlines)
    box = _Box()
    if grids:
        content.tables = _fill_tables(grids, tp, text, box, number)
    content.lines = list(_lines(tp, text, number, box, grids))
    return content


def _page_objects(page) -> tuple[list, list, int]:
    """Thin horizontal and vertical paths (ruling lines) and the number of images."""
    hlines, vlines, images = [], [], 0
    left, b, r, t = (ctypes.c_float() for _ in range(4))
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == raw.FPDF_PAGEOBJ_PATH and raw.FPDFPageObj_GetBounds(obj, left, b, r, t):
            x0, y0, x1, y1 = left.value, b.value, r.value, t.value
            if y1 - y0 < THIN and x1 - x0 > 3 * THIN:
                hlines.append(((y0 + y1) / 2, x0, x1))
            elif x1 - x0 < THIN and y1 - y0 > 3 * THIN:
                vlines.append(((x0 + x1) / 2, y0, y1))
            elif _stroked(obj):  # a framed cell: its four sides are ruling lines
                hlines.extend([(y0, x0, x1), (y1, x0, x1)])
                vlines.extend([(x0, y0, y1), (x1, y0, y1)])
    return hlines, vlines, images


def _stroked(obj) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    return bool(raw.FPDFPath_GetDrawMode(obj, fill, stroke) and stroke.value)


def _grids(hlines: list, vlines: list) -> list[Grid]:
    """Group crossing ruling lines into tables (connected components of the crossings)."""
    parent = list(range(len(hlines) + len(vlines)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for hi, (y, x0, x1) in enumerate(hlines):
        for vi, (x, y0, y1) in enumerate(vlines):
            if x0 - SNAP <= x <= x1 + SNAP and y0 - SNAP <= y <= y1 + SNAP:
                parent[find(hi)] = find(len(hlines) + vi)
    groups: dict[int, tuple[list, list]] = {}
    for hi, h in enumerate(hlines):
        groups.setdefault(find(hi), ([], []))[0].append(h[0])
    for vi, v in enumerate(vlines):
        groups.setdefault(find(len(hlines) + vi), ([], []))[1].append(v[0])
    grids = [Grid(_snap(xs), _snap(ys)[::-1]) for ys, xs in groups.values()]
    return [g for g in grids if len(g.xs) >= 2 and len(g.ys) >= 2 and len(g.xs) + len(g.ys) > 4]


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _fill_tables(
    grids: list[Grid], tp, text: str, box: _Box, number: int
) -> list[tuple[float, Table]]:
    """Drop each word, located by its first character's origin, into the cell under it.

    This loop runs once per word of every ruled page: it avoids attribute lookups on purpose.
    """
    cells: list[list[list[list[str]]]] = [[[[] for _ in g.xs[1:]] for _ in g.ys[1:]] for g in grids]
    pairs = list(zip(grids, cells, strict=True))
    x, y, origin = box.l, box.b, raw.FPDFText_GetCharOrigin
    for match in _WORD.finditer(text):
        if not origin(tp, match.start(), x, y):
            continue
        px, py = x.value, y.value + BASELINE_LIFT
        for grid, rows in pairs:
            where = grid.locate(px, py)
            if where is not None:
                rows[where[0]][where[1]].append(match.group())
                break
    return [(g.top, _table(rows, number)) for g, rows in pairs]


def _table(rows: list[list[list[str]]], number: int) -> Table:
    out = [[Cell(value=" ".join(words) or None) for words in row] for row in rows]
    return Table(rows=[r for r in out if any(c.value for c in r)], page=number)


def _lines(tp, text: str, number: int, box: _Box, grids: list[Grid]):
    for match in _LINE.finditer(text):
        raw_line = match.group()
        body = raw_line.strip()
        if not body:
            continue
        first = match.start() + (len(raw_line) - len(raw_line.lstrip()))
        last = match.start() + len(raw_line.rstrip()) - 1
        pos = box.read(tp, first)
        top = pos[3] if pos else 0.0
        inside = pos is not None and any(
            g.locate((pos[0] + pos[1]) / 2, (pos[2] + pos[3]) / 2) for g in grids
        )
        size = raw.FPDFText_GetFontSize(tp, first)
        bold = _is_bold(tp, first) and _is_bold(tp, last)
        yield Line(body, number, top, round(size * 2) / 2, bold, inside)


_FONT_BUF = ctypes.create_string_buffer(128)
_FONT_FLAGS = ctypes.c_int()


def _is_bold(tp, index: int) -> bool:
    if raw.FPDFText_GetFontWeight(tp, index) >= 600:
        return True
    raw.FPDFText_GetFontInfo(tp, index, _FONT_BUF, len(_FONT_BUF), _FONT_FLAGS)
    return bool(_BOLD_NAME.search(_FONT_BUF.value))
