"""A document's sections prepared once for matching: lemma forms, placeholders, TOC.

Lemmatising is the costly step, so every section's heading and own paragraphs go through
spaCy once, in one `nlp.pipe` batch; table cells are only folded (they hold figures and
short labels, and there can be thousands of rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import Document, Section
from pipeline.nlp import forms, lemma_keys, memory_zone
from pipeline.numbers import fold

_TOC = re.compile(r"^\W*(sommaire|table des matieres|contents|table of contents)\W*$")
_ANNEX = re.compile(r"^\W*(annexes?|appendi(x|ces))\b")
# Parts of any report that frame it rather than answer a criterion: never an element by keywords.
_FRAME = re.compile(
    r"^[\W\d]*(introduction|conclusion|remerciements|avant-propos|resume|abstract|glossaire|"
    r"bibliographie|webographie|annexes?|appendi(x|ces)|sommaire|table des matieres)\b"
)
_PLACEHOLDER = re.compile(
    r"\(?\s*(a completer|voir annexe|cf\.? annexe|a venir|en cours de redaction|a rediger|"
    r"to be completed|tbd|todo|lorem ipsum)\s*\.?\)?|x{3,}|\.{3,}|…"
)
PLACEHOLDER_WORDS = 8
_WORD = re.compile(r"\w+")
_SURFACE = re.compile(r"\w+(?:/\w+)?")


@dataclass
class SectionView:
    """One section with what matching needs, precomputed."""

    section: Section
    order: int
    heading_forms: frozenset[str]
    own_forms: frozenset[str]
    placeholder: bool
    annex_reference: bool
    in_toc: bool
    frame: bool = False


class DocumentIndex:
    """The matchable sections of a document (TOC sections excluded) in reading order."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        sections = [s for s in doc.all_sections()]
        toc_ids = {x.id for s in sections if _TOC.match(fold(s.heading or "")) for x in s.walk()}
        body = [s for s in sections if s.id not in toc_ids]
        self.has_annex = any(_ANNEX.match(fold(s.heading or "")) for s in body)
        with memory_zone():
            heads = lemma_keys(s.heading or "" for s in body)
            owns = lemma_keys("\n".join(s.paragraphs) for s in body)
        self.views = [self._view(i, s, heads[i], owns[i], toc_ids) for i, s in enumerate(body)]
        self._by_id = {v.section.id: v for v in self.views}
        self._parent = {c.id: s.id for s in sections for c in s.children}
        self._subtree_forms: dict[str, frozenset[str]] = {}

    def _view(self, order: int, section: Section, head, own, toc_ids) -> SectionView:
        tables = fold(
            " ".join(
                " ".join(str(c.value) for c in row if c.value is not None)
                for t in section.tables
                for row in t.rows
            )
        )
        surface = fold(" ".join(section.paragraphs)) + " " + tables
        table_forms = frozenset(w for w in _SURFACE.findall(surface) if len(w) > 1)
        full = fold(section.full_text())
        stripped = _PLACEHOLDER.sub(" ", full)
        placeholder = len(_WORD.findall(stripped)) < PLACEHOLDER_WORDS
        annex_ref = placeholder and "annexe" in full and self.has_annex
        frame = bool(_FRAME.match(fold(section.heading or "")))
        return SectionView(
            section,
            order,
            forms(head),
            forms(own) | table_forms,
            placeholder and not annex_ref,
            annex_ref,
            section.id in toc_ids,
            frame,
        )

    def view(self, section_id: str) -> SectionView | None:
        """The view of a section (None for sections of the table of contents)."""
        return self._by_id.get(section_id)

    def ancestors(self, view: SectionView) -> list[SectionView]:
        """Enclosing sections' views, nearest first."""
        out, sid = [], self._parent.get(view.section.id)
        while sid is not None:
            if sid in self._by_id:
                out.append(self._by_id[sid])
            sid = self._parent.get(sid)
        return out

    def subtree(self, view: SectionView) -> list[SectionView]:
        """The view and its descendants' views (TOC sections never appear)."""
        return [self._by_id[s.id] for s in view.section.walk() if s.id in self._by_id]

    def subtree_forms(self, view: SectionView) -> frozenset[str]:
        """Body forms of the section and its descendants (placeholders left out), cached."""
        cached = self._subtree_forms.get(view.section.id)
        if cached is None:
            parts = [v.own_forms for v in self.subtree(view) if not v.placeholder]
            cached = self._subtree_forms[view.section.id] = frozenset().union(*parts)
        return cached

    def substantive_words(self, view: SectionView) -> int:
        """Words under the section (children included) once placeholders are removed."""
        text = _PLACEHOLDER.sub(" ", fold(view.section.full_text()))
        return len(_WORD.findall(text))
