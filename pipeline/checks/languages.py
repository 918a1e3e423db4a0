"""Language of each section (lingua, French or English only) and the E2 bilingual reporting.

Short texts are unreliable, so only sections of MIN_WORDS words or more are classified; a
section whose two confidences are within MIN_MARGIN of each other inherits the document's
language rather than flipping on a few English loanwords ("KPI", "e-commerce").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from pipeline.model import Document, Section
from pipeline.report import CheckResult

MIN_WORDS = 20
MIN_MARGIN = 0.3
SAMPLE_CHARS = 2000
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return (
        LanguageDetectorBuilder.from_languages(Language.FRENCH, Language.ENGLISH)
        .with_low_accuracy_mode()
        .build()
    )


def _classify(text: str) -> tuple[str, float]:
    """("fr" | "en", margin between the two confidences)."""
    values = _detector().compute_language_confidence_values(text[:SAMPLE_CHARS])
    best, other = values[0], values[1]
    return best.language.iso_code_639_1.name.lower(), best.value - other.value


def detect_languages(doc: Document) -> list[str]:
    """Set `Section.language` on every section of MIN_WORDS+ words; return the document's
    languages, the main one first."""
    raw: list[tuple[Section, str | None, int]] = []
    for section in doc.all_sections():
        text = "\n".join(section.paragraphs)
        words = len(_WORD.findall(text))
        if words < MIN_WORDS:
            raw.append((section, None, words))
            continue
        language, margin = _classify(text)
        raw.append((section, language if margin >= MIN_MARGIN else None, words))
    weights: Counter[str] = Counter()
    for _, found, words in raw:
        if found:
            weights[found] += words
    main = weights.most_common(1)[0][0] if weights else "fr"
    for section, found, words in raw:
        section.language = found or (main if words >= MIN_WORDS else None)
    doc.languages = [main] + sorted(k for k in weights if k != main)
    return doc.languages


def check_reporting_languages(sections: list[Section], competency: str) -> CheckResult:
    """The reporting (the sections given, children included) is written in French AND English."""
    if not sections:
        return CheckResult.undetermined(
            "reporting_languages",
            competency,
            "Aucune section de reporting trouvée.",
            None,
            ["fr", "en"],
        )
    found = sorted({s.language for top in sections for s in top.walk() if s.language})
    ok = {"fr", "en"} <= set(found)
    message = f"Langues du reporting : {', '.join(found) or 'aucune'} ; attendu : fr et en."
    return CheckResult.judged("reporting_languages", competency, ok, found, ["fr", "en"], message)
