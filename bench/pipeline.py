"""Pipeline figures on the corpus' long documents: extraction per page, pdftotext ratio,
whole-check throughput (words/s, one core) and peak RSS with the spaCy model loaded.

Run: `.venv/bin/python -m bench.pipeline` (targets: >= 8,000 words/s, < 600 MB).
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
LONG_PDF = "perf_E3_CARON_Emilie_HexagoneEmballages.pdf"
LONG_DOCX = "perf_E1_LEFEBVRE_Sarah_DomaineTroisCoteaux.docx"
REPEAT = 3


def _best(fn, repeat: int = REPEAT) -> tuple[float, object]:
    """Best wall time of `repeat` runs (the least disturbed by other processes) and a result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def _pages(name: str, doc) -> int:
    if doc.page_count:
        return doc.page_count
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    entry = next(f for f in manifest["files"] if f["path"] == name)
    return entry.get("rendered_pages_libreoffice") or 1


def _pdftotext(path: Path) -> float | None:
    if not shutil.which("pdftotext"):
        return None
    seconds, _ = _best(
        lambda: subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True
        )
    )
    return seconds


def bench_file(name: str, referential) -> None:
    from pipeline.checker import check_document
    from pipeline.extract import extract_document

    data = (CORPUS / name).read_bytes()
    extract_s, doc = _best(lambda: extract_document(data, name))
    pages, words = _pages(name, doc), doc.word_count
    check_s, report = _best(lambda: check_document(extract_document(data, name), None, referential))
    print(f"\n{name}: {pages} pages, {words} words, production {report.production}")
    print(
        f"  extraction        {extract_s * 1000:8.1f} ms  ({extract_s / pages * 1000:.2f} ms/page)"
    )
    if name.endswith(".pdf") and (text_s := _pdftotext(CORPUS / name)) is not None:
        print(
            f"  pdftotext -layout {text_s * 1000:8.1f} ms  ({text_s / pages * 1000:.2f} ms/page);"
            f" extraction / pdftotext = {extract_s / text_s:.1f}x"
        )
    print(f"  extract + check   {check_s * 1000:8.1f} ms  -> {words / check_s:,.0f} words/s")
    print(
        f"  check only        {(check_s - extract_s) * 1000:8.1f} ms  "
        f"-> {words / max(check_s - extract_s, 1e-9):,.0f} words/s"
    )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_sandboxed(referential) -> None:
    """The deployed path (`pipeline.run.run`): sandboxed extraction, the check in this process."""
    from pipeline.run import Limits, run

    def checked(name: str) -> dict:
        return run((CORPUS / name).read_bytes(), name, Limits(), referential).report

    for name in (LONG_PDF, LONG_DOCX):
        seconds, report = _best(lambda n=name: checked(n))
        words = report["word_count"]
        print(
            f"{name}: run (sandboxed extraction) {seconds * 1000:.0f} ms "
            f"-> {words / seconds:,.0f} words/s"
        )
    print(f"peak RSS, checking process (model loaded): {_peak_mb():.0f} MB (target < 600 MB)")


def main() -> None:
    from pipeline.nlp import get_nlp
    from portfolio.referential import load_referential

    start = time.perf_counter()
    get_nlp()
    print(f"spaCy model load: {time.perf_counter() - start:.2f} s, RSS {_peak_mb():.0f} MB")
    referential = load_referential()
    bench_sandboxed(referential)
    for name in (LONG_PDF, LONG_DOCX):
        bench_file(name, referential)
    print(f"\npeak RSS with in-process extraction too: {_peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
