"""Required elements of a production: present, partial or absent, with evidence.

Everything the matcher knows comes from the referential (`RequiredElement` hints and parts);
this module holds the rules, not the list. Definitions:

- absent: no section outside the table of contents carries the element under a heading that
  names it (French lemmas or English words, accents and case ignored) nor, failing that, a
  section whose own body is dense in the element's keywords; a heading whose body is only a
  placeholder ("À compléter.", "(voir annexe)" without an annex) does not count.
- partial: such a section exists but its body is thin (< THIN_WORDS substantive words), or
  a placeholder refers to an annex that exists, or one of the parts the criterion asks for
  is not found in the section (by sub-heading or keywords).
- a part is also missing when the section says it is not done: one of the part's
  `absent_if` phrases (e.g. "saisi à la main" for automated calculations) stands in it.
- present: found, substantive and with every part.
A word in passing is never enough: keywords must be dense in one section's own body.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from pipeline.checks.index import DocumentIndex, SectionView
from pipeline.nlp import Term, covers, phrase_key
from pipeline.numbers import fold
from pipeline.report import ElementFinding, Evidence, Presence

THIN_WORDS = 40
KEYWORD_SHARE = 0.3  # of an element's keywords, distinct, under one unclaimed section
KEYWORD_SHARE_CLAIMED = 0.6  # stricter when the section (or an ancestor) is another element's
MIN_KEYWORDS = 3
GAP_KEYWORDS = 2
QUOTE_CHARS = 160


@dataclass(frozen=True)
class Hints:
    """An element's or part's hints as lemma keys, built once per referential."""

    headings: tuple[tuple[Term, ...], ...]
    keywords: tuple[tuple[Term, ...], ...]

    @classmethod
    def of(cls, item) -> Hints:
        heads = tuple(phrase_key(h) for h in (*item.headings_fr, *item.headings_en))
        return cls(
            tuple(h for h in heads if h), tuple(k for k in map(phrase_key, item.keywords) if k)
        )

    def heading_score(self, view: SectionView) -> int:
        """Terms in the most specific hint the heading contains (0: no hint matches)."""
        return max((len(h) for h in self.headings if covers(view.heading_forms, h)), default=0)

    def keyword_hits(self, forms: frozenset[str]) -> int:
        return sum(1 for k in self.keywords if covers(forms, k))


@dataclass
class _Candidate:
    view: SectionView
    how: str  # "heading" | "keywords"
    score: float
    notes: list[str] = field(default_factory=list)


def check_elements(index: DocumentIndex, elements) -> list[ElementFinding]:
    """One finding per required element, in referential order."""
    hints = {e.id: Hints.of(e) for e in elements}
    owners = _heading_owners(index, hints)
    claimed = {v.section.id for v in index.views if _claimed(index, v, owners)}
    dominant = _dominant_elements(index, hints)
    findings = [_check_one(index, e, hints[e.id], claimed, owners, dominant) for e in elements]
    _fill_gaps(index, elements, findings, hints, claimed, dominant)
    return findings


def _fill_gaps(index, elements, findings, hints, claimed, dominant) -> None:
    """An element still absent (with no placeholder) may sit under an unusual heading in the
    only unclaimed section between the sections of its referential neighbours: candidates
    follow the order the referential lists. Its body must still show GAP_KEYWORDS keywords
    and no other element may dominate it."""
    found = {f.id: index.view(f.evidence[0].section) for f in findings if f.status != "absent"}
    used = {v.section.id for v in found.values() if v}
    for i, (element, finding) in enumerate(zip(elements, findings, strict=True)):
        if finding.status != "absent" or finding.evidence:
            continue
        slot = [v for v in _slot(index, findings, found, i) if v.section.id not in used | claimed]
        if len(slot) != 1 or dominant.get(slot[0].section.id) not in (None, element.id):
            continue
        if hints[element.id].keyword_hits(index.subtree_forms(slot[0])) < GAP_KEYWORDS:
            continue
        best = _Candidate(slot[0], "position", 0)
        finding.evidence = [_evidence(best.view)]
        finding.parts = {p.key: _part_found(index, best.view, p) for p in element.parts}
        finding.status, finding.reason = _grade(index, best, finding.parts)
        used.add(best.view.section.id)


def _slot(index: DocumentIndex, findings, found, i: int) -> list[SectionView]:
    """Substantive sections strictly between the previous and next found elements' sections."""
    before = next((found[f.id] for f in reversed(findings[:i]) if found.get(f.id)), None)
    after = next((found[f.id] for f in findings[i + 1 :] if found.get(f.id)), None)
    if before is None and after is None:
        return []
    anchor = before or after
    assert anchor is not None  # one of them was found (checked just above)
    level = anchor.section.level
    low = index.subtree(before)[-1].order if before else -1
    high = after.order if after else len(index.views)
    return [
        v
        for v in index.views
        if low < v.order < high
        and v.section.level == level
        and not (v.frame or v.placeholder or v.section.level < 1)
    ]


def _claimed(index: DocumentIndex, view: SectionView, owners) -> bool:
    return view.section.id in owners or any(a.section.id in owners for a in index.ancestors(view))


def _dominant_elements(index: DocumentIndex, hints: dict[str, Hints]) -> dict[str, str]:
    """Section id -> the element whose keywords cover the largest share of its subtree
    (no entry on a tie: a section about two things is about neither for this purpose)."""
    out = {}
    for view in index.views:
        forms = index.subtree_forms(view)
        shares = sorted(
            (
                (h.keyword_hits(forms) / len(h.keywords), eid)
                for eid, h in hints.items()
                if h.keywords
            ),
            reverse=True,
        )
        if shares and shares[0][0] > 0 and (len(shares) == 1 or shares[0][0] > shares[1][0]):
            out[view.section.id] = shares[0][1]
    return out


def _heading_owners(index: DocumentIndex, hints: dict[str, Hints]) -> dict[str, set[str]]:
    """Section id -> the element ids whose best heading hint there scores highest (ties share)."""
    owners: dict[str, set[str]] = {}
    for view in index.views:
        scores = {eid: h.heading_score(view) for eid, h in hints.items()}
        top = max(scores.values(), default=0)
        if top:
            owners[view.section.id] = {eid for eid, sc in scores.items() if sc == top}
    return owners


def _check_one(index, element, hints: Hints, claimed, owners, dominant) -> ElementFinding:
    finding = ElementFinding(element.id, element.key, element.label_fr, "absent")
    candidates = [
        _outermost(index, c, element.id, owners)
        for c in _heading_candidates(index, hints)
        if element.id in owners.get(c.view.section.id, ())
        and _not_inside_another(index, c.view, element.id, owners, dominant)
    ]
    usable = [c for c in candidates if not c.view.placeholder]
    if not usable:
        usable = _sub_heading_candidates(index, element, claimed) or [
            c
            for c in _keyword_candidates(index, hints, claimed)
            if dominant.get(c.view.section.id) == element.id
        ]
    if not usable:
        finding.reason = _absence_reason(candidates)
        finding.evidence = [_evidence(c.view) for c in candidates[:2]]
        return finding
    best = usable[0]
    finding.evidence = [_evidence(best.view)]
    finding.parts = {p.key: _part_found(index, best.view, p) for p in element.parts}
    finding.status, finding.reason = _grade(index, best, finding.parts)
    return finding


def _heading_candidates(index: DocumentIndex, hints: Hints) -> list[_Candidate]:
    found = [_Candidate(v, "heading", s) for v in index.views if (s := hints.heading_score(v))]
    return sorted(found, key=lambda c: (-c.score, c.view.section.level, c.view.order))


def _not_inside_another(index, view: SectionView, eid: str, owners, dominant) -> bool:
    """A sub-heading inside another element's section ("6.1 Budget du plan d'actions" under
    "6. Budget") counts only when its own body is mostly about this element."""
    inside = any(
        a.section.id in owners and eid not in owners[a.section.id] for a in index.ancestors(view)
    )
    return not inside or dominant.get(view.section.id) == eid


def _outermost(index: DocumentIndex, cand: _Candidate, eid: str, owners) -> _Candidate:
    """Climb to the outermost enclosing section that also names this element."""
    for parent in index.ancestors(cand.view):
        if eid in owners.get(parent.section.id, ()) and not parent.placeholder:
            cand = _Candidate(parent, cand.how, cand.score)
    return cand


def _sub_heading_candidates(index: DocumentIndex, element, claimed) -> list[_Candidate]:
    """Unclaimed sections whose sub-headings name at least half (and 2+) of the element's parts."""
    if len(element.parts) < 2:
        return []
    part_hints = [Hints.of(p) for p in element.parts]
    out = []
    for view in index.views:
        if view.placeholder or view.frame or view.section.level < 1 or view.section.id in claimed:
            continue
        below = [v for v in index.subtree(view)[1:] if not v.placeholder]
        named = sum(1 for h in part_hints if any(h.heading_score(v) for v in below))
        if named >= max(2, math.ceil(len(part_hints) / 2)):
            out.append(_Candidate(view, "sub-headings", named))
    return sorted(out, key=lambda c: (-c.score, c.view.section.level, c.view.order))


def _keyword_candidates(index: DocumentIndex, hints: Hints, claimed: set[str]) -> list[_Candidate]:
    if not hints.keywords:
        return []
    out = []
    for view in index.views:
        if view.placeholder or view.frame or view.section.level < 1:
            continue
        share = KEYWORD_SHARE_CLAIMED if view.section.id in claimed else KEYWORD_SHARE
        needed = max(MIN_KEYWORDS, math.ceil(share * len(hints.keywords)))
        hits = hints.keyword_hits(index.subtree_forms(view))
        if hits >= needed:
            out.append(_Candidate(view, "keywords", hits))
    return sorted(out, key=lambda c: (-c.score, c.view.section.level, c.view.order))


def _part_found(index: DocumentIndex, view: SectionView, part) -> bool:
    """A part is named by a sub-heading or shows 2+ of its keywords under the element, and
    nothing there says it is not done; a workbook is one artefact, so there every sheet counts."""
    subtree = index.views if index.doc.format == "xlsx" else index.subtree(view)
    if _negated(subtree, part.absent_if):
        return False
    hints = Hints.of(part)
    if any(hints.heading_score(v) and not v.placeholder for v in subtree):
        return True
    needed = min(2, len(hints.keywords))
    forms = frozenset().union(*(v.own_forms for v in subtree if not v.placeholder))
    return needed > 0 and hints.keyword_hits(forms) >= needed


def _negated(views: list[SectionView], phrases: tuple[str, ...]) -> bool:
    """Does one of `phrases` stand, as whole words, in these sections' own text (accents,
    case and apostrophes ignored)?"""
    if not phrases:
        return False
    text = _folded(" ".join(p for v in views for p in v.section.paragraphs))
    return any(re.search(rf"(?<!\w){re.escape(_folded(p))}(?!\w)", text) for p in phrases)


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip()


def _grade(index: DocumentIndex, best: _Candidate, parts: dict[str, bool]) -> tuple[Presence, str]:
    words = index.substantive_words(best.view)
    how = {
        "heading": "intitulé",
        "sub-headings": "sous-titres (intitulé inhabituel)",
        "keywords": "mots-clés du corps (intitulé inhabituel)",
        "position": "place dans le plan et mots-clés (intitulé inhabituel)",
    }[best.how]
    missing = [k for k, ok in parts.items() if not ok]
    if best.view.frame or any(a.frame for a in index.ancestors(best.view)):
        return "partial", f"Trouvé par {how}, mais seulement en annexe ou hors du corps."
    if words < THIN_WORDS:
        return "partial", f"Trouvé par {how}, mais contenu trop mince ({words} mots)."
    if missing:
        return "partial", f"Trouvé par {how} ; parties manquantes : {', '.join(missing)}."
    return "present", f"Trouvé par {how} ({words} mots)."


def _absence_reason(candidates: list[_Candidate]) -> str:
    if candidates:
        return f"Intitulé « {candidates[0].view.section.heading} » sans contenu (espace réservé)."
    return "Aucune section ne traite cet élément."


def _evidence(view: SectionView) -> Evidence:
    quote = re.sub(r"\s+", " ", view.section.full_text()).strip()[:QUOTE_CHARS]
    return Evidence(view.section.id, view.section.heading, view.section.page_start, quote)


def competency_status(findings: list[ElementFinding]) -> dict[str, Presence]:
    """Aggregate per competency: all present -> present, all absent -> absent, else partial."""
    grouped: dict[str, list[Presence]] = {}
    for f in findings:
        grouped.setdefault(f.competency, []).append(f.status)
    return {k: s[0] if len(set(s)) == 1 else "partial" for k, s in grouped.items()}
