"""The checker on every file of the public corpus, against `manifest.json`.

Run `python -m tests.integration.test_corpus` for the per-competency accuracy table and the
list of misses (the figures quoted in the closing note). Elements: the manifest's `present`
must match our status, `partial` counting as present (the element is there, incomplete).
Facts: every verification the manifest can decide must give the manifest's verdict.
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from functools import cache, lru_cache
from pathlib import Path

import pytest

from pipeline.run import Limits, run
from portfolio.referential import load_referential

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
FILES = {f["path"]: f for f in MANIFEST["files"]}
ACCEPTED = [p for p, f in FILES.items() if f["expected"]["outcome"] == "accepted"]
REJECTED = [p for p, f in FILES.items() if f["expected"]["outcome"] == "rejected"]

# Known misses: (file, competency or check id) -> reason. Empty means every expectation holds.
XFAIL: dict[tuple[str, str], str] = {}


@cache
def report(path: str) -> dict:
    """One real run per file (sniffing and sandboxed extraction included), shared by the tests:
    the pipeline's one entry point, as the worker, the pre-check and `portfolio check` call it."""
    file = CORPUS / path
    return run(file.read_bytes(), str(file), Limits(), _referential()).report


@lru_cache(maxsize=1)
def _referential():
    return load_referential()


def expected_checks(entry: dict) -> dict[str, str]:
    """The verdict ("pass" | "fail") the manifest implies for each verification it can decide."""
    facts, out = entry.get("facts", {}), {}
    for check_id, fact, key in (
        ("break_even", "break_even", "correct"),
        ("point_mort", "point_mort", "correct"),
        ("nps", "nps", "correct"),
        ("csat", "csat", "correct"),
        ("internship_working_days", "internship", "stated_count_correct"),
        ("internship_minimum_days", "internship", "meets_65_days"),
        ("spreadsheet_formulas", "workbook", "kpi_cells_have_formulas"),
    ):
        source = facts if fact == "workbook" else facts.get(fact, {})
        stated = {"seuil_rentabilite_stated", "seuil_rentabilite_in_workbook"} & set(source)
        if key in source and (fact != "break_even" or stated):
            out[check_id] = "pass" if source[key] else "fail"
    if "reporting" in facts:
        ok = {"fr", "en"} <= set(facts["reporting"]["languages"])
        out["reporting_languages"] = "pass" if ok else "fail"
    return out


def element_comparisons(path: str) -> list[tuple[str, bool, str, bool]]:
    """(competency, manifest present, our status, agree) for every manifest element."""
    ours = report(path)["competencies"]
    out = []
    for key, element in FILES[path]["elements"].items():
        status = ours.get(key, "absent")
        out.append((key, element["present"], status, (status != "absent") == element["present"]))
    return out


def check_comparisons(path: str) -> list[tuple[str, str, str, bool]]:
    """(check id, expected verdict, our verdict, agree)."""
    ours = {c["id"]: c["status"] for c in report(path)["checks"]}
    return [
        (cid, want, ours.get(cid, "missing"), ours.get(cid) == want)
        for cid, want in expected_checks(FILES[path]).items()
    ]


def part_comparisons(path: str) -> list[tuple[str, bool, bool]]:
    """(competency:part, manifest present, ours) for sub-elements (informative, not asserted)."""
    ours = {e["competency"]: e for e in report(path)["elements"]}
    out = []
    for key, element in FILES[path]["elements"].items():
        found = ours.get(key, {"status": "absent", "parts": {}})
        for part, sub in element.get("sub_elements", {}).items():
            got = found["status"] != "absent" and found["parts"].get(part, False)
            out.append((f"{key}:{part}", sub["present"], got))
    return out


def _maybe_xfail(path: str, key: str) -> None:
    if (path, key) in XFAIL:
        pytest.xfail(XFAIL[(path, key)])


@pytest.mark.slow
@pytest.mark.parametrize("path", REJECTED)
def test_rejected_files_get_their_category(path):
    result = report(path)
    assert result["status"] == "rejected"
    assert result["rejection"]["category"] == FILES[path]["expected"]["reason"]
    assert result["elements"] == [] and result["checks"] == []


@pytest.mark.slow
@pytest.mark.parametrize("path", ACCEPTED)
def test_accepted_files_get_their_production(path):
    result = report(path)
    assert result["status"] == "accepted"
    assert result["production"] == FILES[path]["production"]
    assert result["sha256"] == FILES[path]["sha256"]


@pytest.mark.slow
@pytest.mark.parametrize(("path", "key"), [(p, k) for p in ACCEPTED for k in FILES[p]["elements"]])
def test_element_presence_matches_the_manifest(path, key):
    _maybe_xfail(path, key)
    present = FILES[path]["elements"][key]["present"]
    status = report(path)["competencies"].get(key, "absent")
    assert (status != "absent") == present, f"{path} {key}: ours {status}, manifest {present}"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "key"),
    [(p, k) for p in ACCEPTED for k, e in FILES[p]["elements"].items() if e.get("heading")],
)
def test_evidence_points_at_the_manifest_heading_and_page(path, key):
    element = FILES[path]["elements"][key]
    finding = next(e for e in report(path)["elements"] if e["competency"] == key)
    evidence = finding["evidence"][0]
    assert evidence["heading"] == element["heading"]
    assert evidence["page"] == element.get("page")  # null for DOCX, 1-based PDF page


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "check_id"), [(p, c) for p in ACCEPTED for c in expected_checks(FILES[p])]
)
def test_verification_matches_the_manifest(path, check_id):
    _maybe_xfail(path, check_id)
    want = expected_checks(FILES[path])[check_id]
    got = {c["id"]: c for c in report(path)["checks"]}.get(check_id)
    assert got is not None, f"{check_id} did not run on {path}"
    assert got["status"] == want, got["message"]


@pytest.mark.slow
def test_dashboard_filled_in_by_hand_lacks_automated_calculations():
    """Regression: Girard names formulas and calculations but says he computes the indicators
    with a calculator and types them in; the manifest lists the part as missing."""
    path = "E2_GIRARD_Thomas_Fitneo.pdf"
    assert "C2.2.2:automated_calculations" in FILES[path]["missing_sub_elements"]
    parts = {key: (want, got) for key, want, got in part_comparisons(path)}
    assert parts["C2.2.2:automated_calculations"] == (False, False)
    assert parts["C2.2.2:data_sources"] == (True, True)
    assert report(path)["competencies"]["C2.2.2"] == "partial"


# Variants built from the complete documents, like the manifest's `variant` files: one
# element's section renamed to a heading that names nothing, or removed altogether.
COMPLETE = [
    "E1_FONTAINE_Lea_MaisonVerdier.docx",
    "E2_BELKACEM_Ines_OptiluxPro.docx",
    "E3_ROUSSEAU_Camille_BSA.docx",
    "E3 HADDAD Yanis - rapport de stage.docx",
]


@cache
def _document(path: str):
    from pipeline.extract import extract_document

    return extract_document((CORPUS / path).read_bytes(), path)


def variant_outcomes(kind: str) -> list[tuple[str, str, bool, str]]:
    """(file, element key, as expected, detail) for every found element of COMPLETE.

    kind "renamed": the element's top heading becomes "Partie N" -> must stay found.
    kind "removed": the element's section is deleted -> must become absent (or partial when
    an annex still carries it). Either way no other element may change.
    """
    from pipeline.checker import check_document

    out = []
    for path in COMPLETE:
        base = check_document(copy.deepcopy(_document(path)), None, _referential())
        for finding in (f for f in base.elements if f.status != "absent"):
            doc = copy.deepcopy(_document(path))
            _mutate(doc, finding.evidence[0].section, kind)
            again = check_document(doc, base.production, _referential())
            mine = next(f for f in again.elements if f.id == finding.id)
            others = [
                a.competency
                for a, b in zip(again.elements, base.elements, strict=True)
                if a.id != finding.id and (a.status == "absent") != (b.status == "absent")
            ]
            ok = (mine.status != "absent") if kind == "renamed" else (mine.status != "present")
            out.append((path, finding.competency, ok and not others, f"{mine.status} {others}"))
    return out


def _mutate(doc, section_id: str, kind: str) -> None:
    def walk(sections):
        for i, section in enumerate(sections):
            if section.id == section_id:
                if kind == "removed":
                    del sections[i]
                else:
                    section.heading = f"{i + 1}. Partie {i + 1}"
                return True
            if walk(section.children):
                return True
        return False

    assert walk(doc.sections), section_id


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "floor"), [("renamed", 0.9), ("removed", 1.0)])
def test_variants_of_complete_documents(kind, floor):
    outcomes = variant_outcomes(kind)
    failures = [o for o in outcomes if not o[2]]
    assert len(outcomes) > 30
    assert 1 - len(failures) / len(outcomes) >= floor, failures


def accuracy_table() -> tuple[dict[str, list[int]], list[str]]:
    """Per competency [agreeing, total] over accepted files, plus every miss described."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for path in ACCEPTED:
        for key, present, status, ok in element_comparisons(path):
            table[key][0] += ok
            table[key][1] += 1
            if not ok:
                misses.append(f"{path}: {key} manifest present={present}, ours {status}")
        for cid, want, got, ok in check_comparisons(path):
            table[f"check:{cid}"][0] += ok
            table[f"check:{cid}"][1] += 1
            if not ok:
                misses.append(f"{path}: {cid} manifest {want}, ours {got}")
    for path in REJECTED:
        ok = report(path)["rejection"] and (
            report(path)["rejection"]["category"] == FILES[path]["expected"]["reason"]
        )
        table["rejection"][0] += bool(ok)
        table["rejection"][1] += 1
        if not ok:
            misses.append(f"{path}: rejection expected {FILES[path]['expected']['reason']}")
    return dict(table), misses


def main() -> None:
    table, misses = accuracy_table()
    print(f"{'competency / check':28} {'agree':>5} {'total':>5} {'accuracy':>8}")
    for key in sorted(table):
        ok, total = table[key]
        print(f"{key:28} {ok:5d} {total:5d} {ok / total:8.1%}")
    print(f"misses: {len(misses)}")
    for miss in misses:
        print("  " + miss)
    for kind in ("renamed", "removed"):
        outcomes = variant_outcomes(kind)
        good = sum(1 for o in outcomes if o[2])
        print(f"variant '{kind}' (simulated from complete files): {good}/{len(outcomes)}")
        for path, key, ok, detail in outcomes:
            if not ok:
                print(f"  {path}: {key} -> {detail}")
    parts = [(p, *c) for p in ACCEPTED for c in part_comparisons(p)]
    agree = sum(1 for _, _, want, got in parts if want == got)
    print(f"sub-elements (informative): {agree}/{len(parts)} agree")
    for path, key, want, got in parts:
        if want != got:
            print(f"  {path}: {key} manifest {want}, ours {got}")


if __name__ == "__main__":
    main()
