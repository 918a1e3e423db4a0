"""Scoring a checker report against a variant's truth, and the measurement script end to end."""

from __future__ import annotations

import pytest

from scripts.measure_checker import main, summarise
from tests.variants.scoring import score
from tests.variants.spec import Truth

TRUTH = Truth(
    elements={"C3.1.1": True, "C3.1.3": True, "C3.2.2": False},
    parts={"C3.1.3:nps": True, "C3.1.3:csat": False},
    checks={"nps": "pass", "csat": "fail", "internship_working_days": "undetermined"}
    | {"kpi_achievement": "pass"},
)
REPORT = {
    "production": "E3",
    "competencies": {"C3.1.1": "partial", "C3.1.3": "present", "C3.2.2": "present"},
    "elements": [
        {"competency": "C3.1.3", "status": "present", "parts": {"nps": True, "csat": True}},
    ],
    "checks": [
        {"id": "nps", "status": "fail"},
        {"id": "csat", "status": "fail"},
        {"id": "internship_working_days", "status": "fail"},
    ],
}


def test_partial_counts_as_found_and_a_missing_check_is_not_yet_checked():
    result = score(TRUTH, REPORT, "E3")
    assert result.production_ok is True
    assert result.elements == [("C3.1.1", True, True), ("C3.1.3", True, True)] + [
        ("C3.2.2", False, True)
    ]
    assert ("C3.1.3:csat", False, True) in result.parts
    assert ("kpi_achievement", "pass", "missing") in result.checks
    assert result.false_fails == ["nps"]
    assert result.false_passes == []


def test_summary_counts_false_fails_absences_and_undeterminable_fails():
    result = score(TRUTH, REPORT)
    row = {
        "elements": result.elements,
        "parts": result.parts,
        "checks": result.checks,
        "baseline": [("C3.2.2", False, False)],
        "production_ok": None,
        "seconds": 1.0,
        "words": 10,
    }
    s = summarise([row])
    assert (s["elements"], s["elements_ok"], s["absent"], s["absent_found"]) == (3, 2, 1, 0)
    assert (s["determinable"], s["determinable_ok"], s["false_fail"]) == (2, 1, 1)
    assert (s["undeterminable"], s["fail_on_undeterminable"], s["not_yet_checked"]) == (1, 1, 1)
    assert s["baseline_absent_found"] == 1
    assert summarise([row], ("csat",))["determinable_ok"] == 1


@pytest.mark.slow
def test_the_script_runs_the_real_checker_and_prints_the_targets(capsys, tmp_path):
    assert main(["--set", "dev", "--per-production", "1", "--jobs", "1", "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "Targets (issue 14)" in out and "numbering=" in out
    assert "\ndev " in out and "heldout" not in out
    assert main(["--export", str(tmp_path), "--per-production", "1"]) == 0
    assert len(list(tmp_path.glob("dev-E*"))) == 3 and (tmp_path / "truth.json").exists()
