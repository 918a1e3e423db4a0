"""Text-only heading heuristics shared by the DOCX and PDF readers.

Used when a file carries no structural headings (no heading styles, no PDF outline): numbered
lines ("2.", "2)", "2.1", "Partie 3 –"), capitals and the usual report headings. Also spots the
"Sommaire" so its entries are not mistaken for sections.
"""

from __future__ import annotations

import re

from pipeline.numbers import fold as fold_characters

_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(?:[.)]\s*|\s+)(?=\S)")
_PART = re.compile(r"^(partie|part|chapitre|chapter|annexe|appendix)\s+[\dIVXLA-Z]+\b", re.I)
_TOC_TITLES = frozenset(
    {"sommaire", "table des matieres", "table of contents", "contents", "plan", "plan du dossier"}
)
_KEYWORDS = frozenset(
    {
        "introduction",
        "conclusion",
        "conclusion generale",
        "annexes",
        "annexe",
        "bibliographie",
        "sources",
        "remerciements",
        "glossaire",
        "resume",
        "synthese",
    }
)
MAX_HEADING_CHARS = 120


def fold(text: str) -> str:
    """Lower-case, accent-free, quote- and space-normalised text for comparisons: the one
    character fold (`pipeline.numbers.fold`), with French quotes as plain ones and runs of
    spaces collapsed (headings are compared whole, never indexed back)."""
    return " ".join(fold_characters(text.replace("«", '"').replace("»", '"')).split())


def is_toc_title(text: str) -> bool:
    return fold(text).rstrip(" :.") in _TOC_TITLES


def numbering_level(text: str) -> int | None:
    """1 for "2." / "2)" / "Partie 2", 2 for "2.1", …; None when the text is not numbered."""
    match = _NUMBERED.match(text)
    if match:
        return match.group(1).count(".") + 1
    if _PART.match(text):
        return 1
    return None


def looks_like_heading_text(text: str) -> bool:
    """Short, not a sentence lead-in, and numbered, in capitals or a usual report heading."""
    if not text or len(text) > MAX_HEADING_CHARS or text.endswith((":", ";", ",")):
        return False
    if numbering_level(text) is not None or fold(text).rstrip(" .") in _KEYWORDS:
        return True
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def guessed_level(text: str) -> int:
    return numbering_level(text) or 1
