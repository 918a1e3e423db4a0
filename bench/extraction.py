"""Extraction figures: speed against pdftotext, sandbox overhead, zip-bomb memory, headings.

Run: `.venv/bin/python bench/extraction.py` from the repository root (the corpus is read from
`<repo>/../shared/corpus`). Each function returns plain numbers so bench/pipeline.py can reuse
them.
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.extract import extract_document  # noqa: E402
from pipeline.extract.headings import fold  # noqa: E402
from pipeline.rejections import DocumentRejected  # noqa: E402
from pipeline.sandbox import extract_in_sandbox  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpus"
PERF_PDF = "perf_E3_CARON_Emilie_HexagoneEmballages.pdf"
PERF_DOCX = "perf_E1_LEFEBVRE_Sarah_DomaineTroisCoteaux.docx"
ZIP_BOMB = "E1_GARNIER_Chloe_dossier_final.docx"


def best_of(runs: int, action: Callable[[], object]) -> float:
    """Median wall time in seconds of `runs` calls (after one warm-up)."""
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cpu_of(runs: int, action: Callable[[], object]) -> float:
    """Median CPU seconds (this process and its waited-for children) of `runs` calls: less
    sensitive than wall time to other work on a shared 2-core machine."""
    action()
    times = []
    for _ in range(runs):
        before = _cpu()
        action()
        times.append(_cpu() - before)
    return statistics.median(times)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _pdftotext(path: Path) -> Callable[[], object] | None:
    if shutil.which("pdftotext") is None:
        return None
    command = ["pdftotext", str(path), "-"]
    return lambda: subprocess.run(command, capture_output=True, check=True)


def measure(name: str, runs: int = 7) -> dict[str, float | int | None]:
    data = (CORPUS / name).read_bytes()
    document = extract_document(data, name)
    ours = lambda: extract_document(data, name)  # noqa: E731
    pages = document.page_count or _rendered_pages(name)
    figures: dict[str, float | int | None] = {"pages": pages, "words": document.word_count}
    figures["wall_s"] = best_of(runs, ours)
    figures["cpu_s"] = cpu_of(runs, ours)
    figures["sandbox_wall_s"] = best_of(runs, lambda: extract_in_sandbox(data, name))
    figures["cpu_ms_per_page"] = 1000 * figures["cpu_s"] / pages
    reference = _pdftotext(CORPUS / name) if name.endswith(".pdf") else None
    if reference is not None:
        figures["pdftotext_wall_s"] = best_of(runs, reference)
        figures["pdftotext_cpu_s"] = cpu_of(runs, reference)
        figures["cpu_ratio_to_pdftotext"] = figures["cpu_s"] / figures["pdftotext_cpu_s"]
        figures["wall_ratio_to_pdftotext"] = figures["wall_s"] / figures["pdftotext_wall_s"]
    return figures


def _rendered_pages(name: str) -> int:
    entry = next(e for e in _manifest() if e["path"] == name)
    return entry.get("rendered_pages_libreoffice") or 1


def zip_bomb_added_rss_mb() -> float:
    """Peak RSS added by handling the corpus zip bomb, in a fresh interpreter."""
    code = (
        "import resource, sys; sys.path.insert(0, sys.argv[1]);"
        "from pipeline.sandbox import extract_in_sandbox;"
        "from pipeline.rejections import DocumentRejected;"
        "data = open(sys.argv[2], 'rb').read();"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try: extract_in_sandbox(data, 'dossier.docx')\n"
        "except DocumentRejected as e: print(e.category.value)\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss;"
        "print((after - before) / 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(CORPUS / ZIP_BOMB)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[0] == "zip_bomb", out
    return float(out[1])


def _manifest() -> list[dict]:
    return json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["files"]


def heading_accuracy() -> dict[str, tuple[int, int]]:
    """Per accepted DOCX/PDF: (manifest headings found at the right level and page, total)."""
    scores = {}
    for entry in _manifest():
        if entry["expected"]["outcome"] != "accepted" or entry["format"] == "xlsx":
            continue
        document = extract_document((CORPUS / entry["path"]).read_bytes(), entry["path"])
        sections = {}
        for section in document.all_sections():
            sections.setdefault(fold(section.heading), []).append(section)
        expected = set(_expected(entry))
        found = sum(1 for item in expected if _matches(item, sections))
        scores[entry["path"]] = (found, len(expected))
    return scores


def _expected(entry: dict):
    for element in entry["elements"].values():
        for item in [element, *(element.get("sub_elements") or {}).values()]:
            if item.get("present") and item.get("heading"):
                yield item["heading"], item.get("heading_level"), item.get("page")


def _matches(item: tuple, sections: dict) -> bool:
    heading, level, page = item
    found = sections.get(fold(heading), [])
    return any(
        (level is None or s.level == level) and (page is None or s.page_start == page)
        for s in found
    )


def rejection_check() -> dict[str, bool]:
    """Per rejected corpus file: whether the manifest category came back."""
    results = {}
    for entry in _manifest():
        if entry["expected"]["outcome"] != "rejected":
            continue
        try:
            extract_document((CORPUS / entry["path"]).read_bytes(), entry["path"])
            results[entry["path"]] = False
        except DocumentRejected as rejected:
            results[entry["path"]] = rejected.category.value == entry["expected"]["reason"]
    return results


def main() -> None:
    for name in (PERF_PDF, PERF_DOCX):
        print(name)
        for key, value in measure(name).items():
            print(f"  {key:24} {value:.4f}" if isinstance(value, float) else f"  {key:24} {value}")
    print(f"zip bomb: peak RSS added {zip_bomb_added_rss_mb():.1f} MB")
    scores = heading_accuracy()
    total = [sum(v[0] for v in scores.values()), sum(v[1] for v in scores.values())]
    print(f"manifest headings found: {total[0]}/{total[1]}")
    for path, (found, expected) in scores.items():
        print(f"  {found:3}/{expected:<3} {path}")
    rejections = rejection_check()
    print(f"rejections with the manifest category: {sum(rejections.values())}/{len(rejections)}")


if __name__ == "__main__":
    main()
