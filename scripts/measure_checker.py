"""How right the checker is on productions nobody here wrote: accuracy per factor and level.

Generates the development and held-out variants (tests/variants/), renders each as DOCX or PDF,
extracts it with the real extractor (cached per extractor version), runs the real checker
(`pipeline.checker.check_document`, production given as an upload gives it) and compares with
the variant's truth. Prints the overall figures against issue 14's targets, per check id, and
per factor level; plus a keyword-on-headings baseline.

    .venv/bin/python -m scripts.measure_checker                 # dev + held-out, 2 processes
    .venv/bin/python -m scripts.measure_checker --set dev --misses 20
    .venv/bin/python -m scripts.measure_checker --per-production 12 --jobs 1 --json out.json
    .venv/bin/python -m scripts.measure_checker --export /tmp/variants   # dev files + truth.json

Held-out documents are never printed one by one (aggregates only): their wording must stay
unseen by the checker's authors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.variants.compose import FACTORS, generate  # noqa: E402
from tests.variants.render import render  # noqa: E402
from tests.variants.scoring import score  # noqa: E402

CACHE = ROOT / ".cache" / "checker_measure"
PRODUCTIONS = ("E1", "E2", "E3")
# Which verifications a figure factor is about (the others are measured on all checks).
FACTOR_CHECKS = {
    "budget_layout": ("break_even", "point_mort"),
    "money": ("break_even",),
    "sr_phrasing": ("break_even",),
    "sr_truth": ("break_even",),
    "pm_form": ("point_mort",),
    "pm_truth": ("point_mort",),
    "ratios_truth": ("margin_of_safety", "safety_index", "net_margin"),
    "reporting_layout": ("reporting_languages",),
    "kpi_truth": ("kpi_achievement",),
    "conversion_truth": ("conversion_rate",),
    "basket_truth": ("average_basket",),
    "pricing_layout": ("pricing",),
    "pricing_truth": ("pricing",),
    "internship_form": ("internship_working_days", "internship_minimum_days"),
    "date_style": ("internship_working_days", "internship_minimum_days"),
    "internship_truth": ("internship_working_days",),
    "internship_length": ("internship_minimum_days",),
    "nps_form": ("nps",),
    "nps_truth": ("nps",),
    "csat_form": ("csat",),
    "csat_truth": ("csat",),
}
# Keyword-on-headings baseline: words from DOMAIN.md's list of usual headings, nothing else.
BASELINE = {
    "C1.1.1": ("veille",),
    "C1.1.2": ("marche", "concurren", "pestel", "porter", "benchmark"),
    "C1.1.3": ("swot", "ffom", "afom", "diagnostic interne", "chaine de valeur"),
    "C1.2.1": ("orientation", "axes strategiques", "objectifs"),
    "C1.2.2": ("plan d'actions", "plan d’actions", "actions commerciales", "pac"),
    "C1.2.3": ("automatisation", "crm"),
    "C1.2.4": ("budget", "seuil de rentabilite", "point mort", "compte de resultat"),
    "E2.context": ("contexte", "presentation"),
    "C2.1.1": ("persona",),
    "C2.1.2": ("prospection",),
    "C2.1.3": ("proposition commerciale",),
    "C2.1.4.2": ("e-commerce", "digital", "referencement"),
    "C2.1.5": ("contrat", "partenariat"),
    "C2.2.1": ("kpi", "indicateurs"),
    "C2.2.2": ("tableau de bord",),
    "C2.2.3": ("ecarts", "actions correctives", "resultats"),
    "C2.2.4": ("reporting", "executive summary", "sales report"),
    "E3.presentation": ("presentation", "structure d'accueil", "entreprise"),
    "C3.1.1": ("portefeuille", "abc", "20/80", "segmentation", "rfm"),
    "C3.1.2": ("satisfaction",),
    "C3.1.3": ("parcours client", "nps", "csat", "ces", "friction"),
    "C3.2.1": ("partenaires",),
    "C3.2.2": ("reclamation", "litige"),
    "C3.2.3": ("organisation commerciale",),
    "C3.2.4": ("animation",),
    "C3.2.5": ("recrutement", "formation", "entretiens annuels"),
    "C3.2.6": ("objectifs",),
    "C3.2.7": ("performance",),
}


# ------------------------------------------------------------------------------ running
def _banks(which: str):
    from tests.variants.bank_dev import DEV

    banks = {"dev": DEV}
    if which in {"heldout", "all"}:
        from tests.variants.heldout import HELDOUT

        banks["heldout"] = HELDOUT
    if which == "heldout":
        del banks["dev"]
    return banks


def _extractor_version() -> str:
    """Extraction cache key part: the extractor's own source (its authors change it often)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        if "extract" in path.parts or path.name in {"model.py", "sniff.py"}:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_REFERENTIAL = None
_VERSION = ""


def _init(version: str) -> None:
    """Per process: the referential, and one throw-away check so model loading is not timed."""
    global _REFERENTIAL, _VERSION
    from pipeline.checker import check_document
    from portfolio.referential import load_referential
    from tests.variants.bank_dev import DEV
    from tests.variants.compose import compose

    _REFERENTIAL, _VERSION = load_referential(), version
    warm = compose(DEV, "E3", 0, {"format": "docx"})
    check_document(_extract(render(warm), warm.filename, False), "E3", _REFERENTIAL)


def _extract(data: bytes, filename: str, use_cache: bool):
    from pipeline.extract import extract_document

    key = hashlib.sha256(data).hexdigest()[:32] + "-" + _VERSION
    path = CACHE / f"{key}.pickle"
    if use_cache and path.exists():
        return pickle.loads(path.read_bytes())
    doc = extract_document(data, filename)
    if use_cache:
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(doc))
    return doc


def _run(job: tuple) -> dict:
    set_name, variant, use_cache = job
    from pipeline.checker import check_document

    data = render(variant)
    doc = _extract(data, variant.filename, use_cache)
    start = time.perf_counter()
    report = check_document(doc, variant.production, _REFERENTIAL).to_json()
    seconds = time.perf_counter() - start
    guessed = _guess(doc)
    result = score(variant.truth, report)
    return {
        "set": set_name,
        "name": variant.name,
        "production": variant.production,
        "factors": variant.factors,
        "elements": result.elements,
        "parts": result.parts,
        "checks": result.checks,
        "production_ok": guessed == variant.production if guessed != "?" else None,
        "baseline": _baseline(doc, variant.truth.elements),
        "seconds": seconds,
        "words": doc.word_count,
        "messages": {c["id"]: c.get("message", "") for c in report.get("checks", [])},
    }


def _guess(doc) -> str | None:
    from pipeline import checker

    guess = getattr(checker, "guess_production", None)
    return guess(doc, _REFERENTIAL) if guess else "?"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


def _baseline(doc, elements: dict[str, bool]) -> list[tuple[str, bool, bool]]:
    headings = [_fold(s.heading) for s in doc.all_sections() if s.heading]
    out = []
    for element, want in elements.items():
        words = [_fold(w) for w in BASELINE[element]]
        got = any(w in h for h in headings for w in words)
        out.append((element, want, got))
    return out


def run(sets: dict, per_production: int, jobs: int, use_cache: bool) -> list[dict]:
    work = [
        (name, variant, use_cache)
        for name, bank in sets.items()
        for production in PRODUCTIONS
        for variant in generate(bank, production, per_production)
    ]
    version = _extractor_version()
    if jobs <= 1:
        _init(version)
        return [_run(job) for job in work]
    with get_context("spawn").Pool(jobs, initializer=_init, initargs=(version,)) as pool:
        return list(pool.imap(_run, work, chunksize=4))


# ------------------------------------------------------------------------------ figures
def summarise(results: Iterable[dict], checks: tuple[str, ...] | None = None) -> dict:
    """Element, absence, part and verification figures over `results`."""
    s: dict = defaultdict(int)
    for r in results:
        s["docs"] += 1
        for _, want, got in r["elements"]:
            s["elements"] += 1
            s["elements_ok"] += want == got
            s["absent"] += not want
            s["absent_found"] += (not want) and (not got)
            s["present_found"] += want and got
        for _, want, got in r["parts"]:
            s["parts"] += 1
            s["parts_ok"] += want == got
        for _, want, got in r["baseline"]:
            s["baseline_ok"] += want == got
            s["baseline_absent_found"] += (not want) and (not got)
        for cid, want, got in r["checks"]:
            if checks and cid not in checks:
                continue
            if got == "missing":
                s["not_yet_checked"] += 1
                continue
            if want in {"pass", "fail"}:
                s["determinable"] += 1
                s["determinable_ok"] += want == got
                s["false_fail"] += want == "pass" and got == "fail"
                s["false_pass"] += want == "fail" and got == "pass"
            else:
                s["undeterminable"] += 1
                s["undeterminable_ok"] += got == "undetermined"
                s["fail_on_undeterminable"] += got == "fail"
        if r["production_ok"] is not None:
            s["guessed"] += 1
            s["guessed_ok"] += r["production_ok"]
        s["seconds"] += r["seconds"]
        s["words"] += r["words"]
    return dict(s)


def _ratio(ok: int, total: int) -> str:
    return f"{ok / total:.3f}" if total else "  -  "


def _overall_line(label: str, s: dict) -> str:
    return (
        f"{label:<9} {s.get('docs', 0):>4}  "
        f"{_ratio(s.get('elements_ok', 0), s.get('elements', 0)):>6}  "
        f"{s.get('absent_found', 0):>3}/{s.get('absent', 0):<3}  "
        f"{_ratio(s.get('present_found', 0), s.get('elements', 0) - s.get('absent', 0)):>6}  "
        f"{_ratio(s.get('parts_ok', 0), s.get('parts', 0)):>6}  "
        f"{_ratio(s.get('determinable_ok', 0), s.get('determinable', 0)):>6} "
        f"({s.get('determinable', 0):>3})  "
        f"{s.get('false_fail', 0):>3}  {s.get('false_pass', 0):>3}  "
        f"{s.get('undeterminable_ok', 0):>3}/{s.get('undeterminable', 0):<3} "
        f"{s.get('fail_on_undeterminable', 0):>3}  "
        f"{_ratio(s.get('guessed_ok', 0), s.get('guessed', 0)):>6}  "
        f"{_ratio(s.get('baseline_ok', 0), s.get('elements', 0)):>6}  "
        f"{s.get('baseline_absent_found', 0):>3}/{s.get('absent', 0):<3}"
    )


HEADER = (
    f"{'set':<9} {'docs':>4}  {'elem':>6}  {'absent':<7}  {'found':>6}  {'parts':>6}  {'verif':>6} "
    f"{'(n)':>5}  {'FF':>3}  {'FP':>3}  {'undet':<7} {'FoU':>3}  {'prod':>6}  "
    f"{'base':>6}  {'b.abs':<7}"
)
LEGEND = """\
elem = element accuracy (partial counts as present); absent = absent elements found absent;
found = present elements found; parts = part accuracy; verif = right verdicts on
determinable checks (n); FF = false 'fail' (erroné on a right figure); FP = 'pass' on a wrong
figure; undet = 'undetermined' where nothing is determinable; FoU = 'fail' there;
prod = production guessed right; base / b.abs = keyword-on-headings baseline.
Targets (issue 14): elem >= 0.99 with every absent element found, verif >= 0.95, FF = 0."""


def report(results: list[dict], misses: int, out=print) -> None:
    sets = list(dict.fromkeys(r["set"] for r in results))
    out(LEGEND + "\n")
    out(HEADER)
    for name in sets:
        mine = [r for r in results if r["set"] == name]
        out(_overall_line(name, summarise(mine)))
        for production in PRODUCTIONS:
            out(
                _overall_line(
                    f" {production}", summarise(r for r in mine if r["production"] == production)
                )
            )
    out("")
    out(
        f"{'check':<24}"
        + "".join(f"{s + ' right/n':>16}{'FF':>4}{'FP':>4}{'undet':>8}" for s in sets)
    )
    ids = list(dict.fromkeys(c for r in results for c, _, _ in r["checks"]))
    for cid in ids:
        line = f"{cid:<24}"
        for name in sets:
            mine = [r for r in results if r["set"] == name]
            got = [g for r in mine for c, _, g in r["checks"] if c == cid]
            if got and all(g == "missing" for g in got):
                line += f"{'not yet checked':>32}"
                continue
            s = summarise(mine, (cid,))
            right = f"{s.get('determinable_ok', 0)}/{s.get('determinable', 0)}"
            undet = f"{s.get('undeterminable_ok', 0)}/{s.get('undeterminable', 0)}"
            line += f"{right:>16}{s.get('false_fail', 0):>4}{s.get('false_pass', 0):>4}{undet:>8}"
        out(line)
    out("")
    out("Per factor level (elem / absent / parts over the level's documents; verif and FF over the")
    out("checks the factor is about, all checks otherwise).")
    out(
        f"{'factor=level':<34}"
        + "".join(
            f"{s:>9}{'n':>4}{'elem':>6}{'abs':>7}{'parts':>6}{'verif':>7}{'FF':>3}" for s in sets
        )
    )
    for factor in FACTORS:
        levels = list(dict.fromkeys(r["factors"].get(factor) for r in results))
        for level in levels:
            if level is None:
                continue
            line = f"{factor + '=' + str(level):<34}"
            for name in sets:
                mine = [
                    r for r in results if r["set"] == name and r["factors"].get(factor) == level
                ]
                s = summarise(mine, FACTOR_CHECKS.get(factor))
                line += (
                    f"{'':>9}{s.get('docs', 0):>4}"
                    f"{_ratio(s.get('elements_ok', 0), s.get('elements', 0)):>6}"
                    f"{str(s.get('absent_found', 0)) + '/' + str(s.get('absent', 0)):>7}"
                    f"{_ratio(s.get('parts_ok', 0), s.get('parts', 0)):>6}"
                    f"{_ratio(s.get('determinable_ok', 0), s.get('determinable', 0)):>7}"
                    f"{s.get('false_fail', 0):>3}"
                )
            out(line)
    seconds = sum(r["seconds"] for r in results)
    words = sum(r["words"] for r in results)
    rate = words / seconds if seconds else 0
    out(f"\ncheck_document: {seconds:.1f} s for {len(results)} documents ({rate:,.0f} words/s)")
    dev = [r for r in results if r["set"] == "dev"]
    if misses and dev:
        out(f"\nFirst {misses} development misses (held-out misses are never listed):")
        shown = 0
        for r in dev:
            for kind, rows in (
                ("element", r["elements"]),
                ("part", r["parts"]),
                ("check", r["checks"]),
            ):
                for key, want, got in rows:
                    if want != got and got != "missing" and shown < misses:
                        extra = r["messages"].get(key, "") if kind == "check" else ""
                        head = f"  {r['name']:<14} {kind:<7} {key:<28}"
                        out(f"{head} want {want!s:<12} got {got!s:<12} {extra[:90]}")
                        shown += 1


def export(folder: Path, per_production: int) -> int:
    """Development documents as files, to try `portfolio check` on them by hand (never the
    held-out ones)."""
    from dataclasses import asdict

    from tests.variants.bank_dev import DEV

    folder.mkdir(parents=True, exist_ok=True)
    truth = {}
    for production in PRODUCTIONS:
        for variant in generate(DEV, production, per_production):
            (folder / variant.filename).write_bytes(render(variant))
            truth[variant.filename] = {
                "production": variant.production,
                "factors": variant.factors,
                "details": variant.details,
                **asdict(variant.truth),
            }
    (folder / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1))
    print(f"{len(truth)} documents and truth.json written to {folder}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--per-production", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--misses", type=int, default=0, help="list the first N dev misses")
    parser.add_argument("--json", type=Path, help="write every document's comparison here")
    parser.add_argument(
        "--export",
        type=Path,
        help="write the development documents and their truth (truth.json) to this folder",
    )
    args = parser.parse_args(argv)
    if args.export:
        return export(args.export, args.per_production)
    start = time.perf_counter()
    results = run(_banks(args.set), args.per_production, args.jobs, not args.no_cache)
    report(results, args.misses)
    print(f"wall time {time.perf_counter() - start:.1f} s with {args.jobs} process(es)")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
