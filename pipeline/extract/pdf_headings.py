"""Where PDF headings are: from the outline (bookmarks) when there is one, else from fonts.

Outline entries give title, level and target page (and height on the page); the heading's
visible line(s) are found on that page by text, nearest to the target height. Without an
outline, a short line set larger than the body text, or a bold numbered / capitalised line,
is a heading; numbering gives its level, otherwise its size is compared with the numbered ones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pipeline.extract.headings import (
    MAX_HEADING_CHARS,
    fold,
    looks_like_heading_text,
    numbering_level,
)
from pipeline.extract.pdf_layout import HeadingMarks
from pipeline.extract.pdf_page import Line, PageContent

MAX_OUTLINE_ENTRIES = 5000
MAX_WRAPPED_LINES = 3


@dataclass(frozen=True)
class OutlineEntry:
    title: str
    level: int  # 1 = top
    page: int  # 1-based
    y: float | None


def read_outline(pdf, page_count: int) -> list[OutlineEntry]:
    entries: list[OutlineEntry] = []
    for bookmark in pdf.get_toc(max_depth=9):
        if len(entries) >= MAX_OUTLINE_ENTRIES:
            break
        dest = bookmark.get_dest()
        index = dest.get_index() if dest is not None else None
        title = " ".join((bookmark.get_title() or "").split())
        if index is None or not (0 <= index < page_count) or not title:
            continue
        entries.append(OutlineEntry(title, bookmark.level + 1, index + 1, _dest_y(dest)))
    return entries


def _dest_y(dest) -> float | None:
    try:
        _, view = dest.get_view()
        return float(view[1]) if len(view) > 1 else None
    except (TypeError, ValueError, IndexError):
        return None


def outline_marks(entries: list[OutlineEntry], pages: list[PageContent]) -> HeadingMarks:
    marks: HeadingMarks = {}
    for entry in entries:
        page = pages[entry.page - 1]
        found = _place(entry, page, marks)
        if found is not None:
            marks[(page.number, found[0])] = (found[1], entry.level, found[2])
    return marks


def _place(entry: OutlineEntry, page: PageContent, marks: HeadingMarks):
    """(line index, visible text, lines used) of the entry's heading on its page."""
    target = fold(entry.title)
    best = None
    for index, line in enumerate(page.lines):
        if line.in_table or line.skip or (page.number, index) in marks:
            continue
        used, text = _match_lines(page.lines, index, target)
        if used and (best is None or _distance(entry, line) < _distance(entry, best[3])):
            best = (index, text, used, line)
    if best is not None:
        return best[:3]
    below = [
        i
        for i, line in enumerate(page.lines)
        if (entry.y is None or line.top <= entry.y + 2) and (page.number, i) not in marks
    ]
    return (below[0], entry.title, 0) if below else None


def _match_lines(lines: list[Line], start: int, target: str) -> tuple[int, str]:
    text = ""
    for used in range(1, MAX_WRAPPED_LINES + 1):
        if start + used - 1 >= len(lines):
            break
        text = f"{text} {lines[start + used - 1].text}".strip()
        folded = fold(text)
        if folded == target:
            return used, text
        if not target.startswith(folded):
            break
    return 0, ""


def _distance(entry: OutlineEntry, line: Line) -> float:
    return abs(line.top - entry.y) if entry.y is not None else 0.0


@dataclass(frozen=True)
class _Candidate:
    page: int
    index: int  # first line of the heading on its page
    text: str
    size: float
    used: int  # lines the heading spans


def font_marks(pages: list[PageContent]) -> HeadingMarks:
    lines = [(p, i, line) for p in pages for i, line in enumerate(p.lines) if _usable(line)]
    body = _body_size([line for _, _, line in lines])
    found: list[_Candidate] = []
    for page, index, line in lines:
        last = found[-1] if found else None
        if last and last.page == page.number and index < last.index + last.used:
            continue  # a wrapped line of the previous heading
        if _is_heading_line(line, body):
            used, text = _wrapped(page.lines, index, body)
            found.append(_Candidate(page.number, index, text, line.size, used))
    found = _without_cover(found, len(pages))
    levels = _levels(found)
    return {
        (c.page, c.index): (c.text, level, c.used) for c, level in zip(found, levels, strict=True)
    }


def _without_cover(found: list[_Candidate], page_count: int) -> list[_Candidate]:
    """Big lines on a title page are not sections, unless the body starts there."""
    first_page = [c for c in found if c.page == 1]
    if page_count < 3 or any(_opens_body(c.text) for c in first_page):
        return found
    return [c for c in found if c.page != 1]


def _opens_body(text: str) -> bool:
    return numbering_level(text) is not None or fold(text).startswith("introduction")


def _usable(line: Line) -> bool:
    return not (line.in_table or line.skip)


def _body_size(lines: list[Line]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _is_heading_line(line: Line, body: float) -> bool:
    text = line.text
    if len(text) > MAX_HEADING_CHARS or not any(c.isalpha() for c in text):
        return False
    if line.size >= body + 1 and not text.endswith((".", ",", ";", ":")):
        return line.bold or looks_like_heading_text(text) or line.size >= body + 2
    return line.bold and line.size >= body - 0.5 and looks_like_heading_text(text)


def _wrapped(lines: list[Line], start: int, body: float) -> tuple[int, str]:
    """A heading may wrap: take following lines in the same font that do not start anew."""
    first = lines[start]
    text, used = first.text, 1
    while start + used < len(lines) and used < MAX_WRAPPED_LINES:
        nxt = lines[start + used]
        gap = lines[start + used - 1].top - nxt.top
        same_font = nxt.size == first.size and nxt.bold == first.bold
        if not same_font or not _usable(nxt) or gap <= 0 or gap > 1.6 * first.size:
            break
        if numbering_level(nxt.text) is not None or not _is_heading_line(nxt, body):
            break
        text, used = f"{text} {nxt.text}", used + 1
    return used, text


def _levels(found: list[_Candidate]) -> list[int]:
    """Numbered headings set the size of each level; others take the nearest level by size."""
    by_level: dict[int, list[float]] = {}
    for c in found:
        level = numbering_level(c.text)
        if level is not None:
            by_level.setdefault(level, []).append(c.size)
    sizes = {level: sorted(v)[len(v) // 2] for level, v in by_level.items()}
    if not sizes:
        ranks = sorted({c.size for c in found}, reverse=True)
        sizes = {rank + 1: size for rank, size in enumerate(ranks)}
    return [
        numbering_level(c.text) or min(sizes, key=lambda lv: (abs(sizes[lv] - c.size), lv))
        for c in found
    ]
