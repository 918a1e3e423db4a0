"""Compare what the checker said (the JSON of `portfolio check --json`) with a variant's truth.

Conventions, the same as tests/integration/test_corpus.py: an element counts as found when its
competency status is "present" or "partial" (there, incomplete); a part counts as found when its
element is not absent and its `parts` flag is true. A verification is determinable when the
truth is pass or fail; "false fail" is a fail on a figure that is right — the one error the
issue allows zero of.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.variants.spec import Truth


@dataclass
class Score:
    elements: list[tuple[str, bool, bool]] = field(default_factory=list)  # (id, want, got)
    parts: list[tuple[str, bool, bool]] = field(default_factory=list)
    checks: list[tuple[str, str, str]] = field(default_factory=list)  # (id, want, got|"missing")
    production_ok: bool | None = None

    @property
    def false_fails(self) -> list[str]:
        return [cid for cid, want, got in self.checks if want == "pass" and got == "fail"]

    @property
    def false_passes(self) -> list[str]:
        return [cid for cid, want, got in self.checks if want == "fail" and got == "pass"]


def score(truth: Truth, report: dict, production: str | None = None) -> Score:
    out = Score()
    competencies = report.get("competencies", {})
    for element, want in truth.elements.items():
        out.elements.append((element, want, competencies.get(element, "absent") != "absent"))
    findings = {e["competency"]: e for e in report.get("elements", [])}
    for key, want in truth.parts.items():
        element, part = key.split(":", 1)
        found = findings.get(element, {"status": "absent", "parts": {}})
        got = found["status"] != "absent" and bool(found.get("parts", {}).get(part, False))
        out.parts.append((key, want, got))
    verdicts = {c["id"]: c["status"] for c in report.get("checks", [])}
    for check, want in truth.checks.items():
        out.checks.append((check, want, verdicts.get(check, "missing")))
    if production is not None:
        out.production_ok = report.get("production") == production
    return out
