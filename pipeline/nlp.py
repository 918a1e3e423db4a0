"""French lemmas for matching headings and keywords, with one spaCy model per process.

`fr_core_news_sm` is loaded once (parser and NER disabled: only the lemmatiser and its
tagger are needed) and reused; loading takes about a second and 300 MB, so never per call.
Keys are folded (no accents, lower case) lemma sets of content words, so "Plan d’actions
commerciales" and "plan d'action commercial" give the same key.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from pipeline.numbers import fold

MODEL = "fr_core_news_sm"
# Function words by spelling, not by part of speech: the tagger mislabels short headings
# ("3. Diagnostic interne" gives diagnostic/PRON), so a closed list is the safer filter.
_FUNCTION_WORDS_TEXT = (
    "le la les l un une des de du d au aux a en dans sur sous pour par avec sans chez vers "
    "entre et ou ni mais donc car ce cet cette ces c son sa ses leur leurs mon ma mes notre nos "
    "votre vos qui que qu quoi dont se s ne n pas y il elle ils elles on nous vous je j me m te "
    "t lui est sont etre the of and or for to in on an its their our with by at from is are "
    "this that these"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
_NUMBERING = re.compile(
    r"^\s*(?:(?:partie|chapitre|section|part)\s+)?(?:\d+(?:[.)]\d+)*[.)]?|[IVX]+[.)])\s*[–—:-]?\s*",
    re.I,
)
_lock = threading.Lock()


_nlp = None


def get_nlp():
    """The process-wide spaCy pipeline (loaded on first use, never at import; a second
    thread arriving during the load waits for it instead of loading its own copy)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                _nlp = spacy.load(MODEL, disable=["parser", "ner"])
    return _nlp


@contextmanager
def memory_zone() -> Iterator[None]:
    """Free the vocabulary strings added during a long job (spaCy `memory_zone`)."""
    with get_nlp().memory_zone():
        yield


Term = tuple[str, ...]  # the forms a word may take: folded lemma, surface, naive singular


def _token_keys(doc) -> tuple[Term, ...]:
    keys = []
    for token in doc:
        text = fold(token.text).strip("'-")
        if token.is_punct or token.like_num or len(text) < 2 or text in FUNCTION_WORDS:
            continue
        lemma = fold(token.lemma_ or token.text).strip("'-") or text
        keys.append(tuple(dict.fromkeys((lemma, text, _singular(text)))))
    return tuple(keys)


def _singular(word: str) -> str:
    """Naive French/English singular, a safety net when the tagger mislemmatises a word."""
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def forms(terms: Iterable[Term]) -> frozenset[str]:
    """Every form of every term, for set look-ups."""
    return frozenset(form for term in terms for form in term)


def covers(haystack: frozenset[str], needle: Iterable[Term]) -> bool:
    """True when every term of `needle` appears (in any of its forms) in `haystack`."""
    needle = tuple(needle)
    return bool(needle) and all(any(f in haystack for f in term) for term in needle)


def _prepare(text: str) -> str:
    """Lower-case (capitalised headings confuse the tagger) and unify apostrophes."""
    return _NUMBERING.sub("", text.replace("’", "'"), count=1).lower()


def _prepare_phrase(text: str) -> str:
    return text.replace("’", "'").lower()


def lemma_keys(texts: Iterable[str], batch_size: int = 256) -> list[tuple[Term, ...]]:
    """Folded content-word lemmas of each text, in order (stop categories removed)."""
    nlp = get_nlp()
    return [
        _token_keys(doc) for doc in nlp.pipe((_prepare(t) for t in texts), batch_size=batch_size)
    ]


@lru_cache(maxsize=4096)
def phrase_key(text: str) -> tuple[Term, ...]:
    """Lemma key of one short phrase (a hint or a keyword), cached across documents.

    A phrase with no content word ("20/80") keeps its folded text as its only term.
    """
    key = _token_keys(get_nlp()(_prepare_phrase(text)))
    return key or (((fold(text).strip(),),) if text.strip() else ())
