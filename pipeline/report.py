"""The result of checking one document: the JSON shape the CLI prints and events carry.

`CheckReport.to_json()` is the public contract of `portfolio check --json`; add keys, never
rename them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

PIPELINE_VERSION = "0.1.0"

Presence = Literal["present", "partial", "absent"]
Verdict = Literal["pass", "fail", "undetermined"]


@dataclass(frozen=True)
class Evidence:
    """Where an element was (or was not quite) found: section id, heading, page, short quote."""

    section: str
    heading: str
    page: int | None
    quote: str


@dataclass
class ElementFinding:
    """One required element of the production and whether the document holds it."""

    id: str
    competency: str
    label: str
    status: Presence
    evidence: list[Evidence] = field(default_factory=list)
    parts: dict[str, bool] = field(default_factory=dict)
    reason: str = ""


@dataclass
class CheckResult:
    """One verification of a stated figure against the recomputed one."""

    id: str
    competency: str
    status: Verdict
    stated: object = None
    expected: object = None
    message: str = ""

    @classmethod
    def judged(cls, id: str, competency: str, ok: bool, stated, expected, message: str):
        """A pass or a fail, from the comparison's outcome."""
        return cls(id, competency, "pass" if ok else "fail", stated, expected, message)

    @classmethod
    def undetermined(cls, id: str, competency: str, message: str, stated=None, expected=None):
        """The inputs are not in the document: say which, never guess."""
        return cls(id, competency, "undetermined", stated, expected, message)


@dataclass
class Rejection:
    category: str
    message: str


@dataclass
class CheckReport:
    """Everything `check_document` concluded about one file."""

    file: str
    sha256: str
    format: str | None
    production: str | None
    status: Literal["accepted", "rejected"]
    rejection: Rejection | None = None
    sections: list[dict] = field(default_factory=list)
    elements: list[ElementFinding] = field(default_factory=list)
    competencies: dict[str, Presence] = field(default_factory=dict)
    checks: list[CheckResult] = field(default_factory=list)
    word_count: int = 0
    languages: list[str] = field(default_factory=list)
    referential_version: str | None = None
    pipeline_version: str = PIPELINE_VERSION

    @property
    def complete(self) -> bool:
        """Accepted, production known, every element present and no verification failed
        (undetermined is fine)."""
        return (
            self.status == "accepted"
            and self.production is not None
            and all(e.status == "present" for e in self.elements)
            and not any(c.status == "fail" for c in self.checks)
        )

    def to_json(self) -> dict:
        """The JSON-ready dict of `portfolio check --json`."""
        data = asdict(self)
        data["elements"] = [_element_json(e) for e in self.elements]
        return data


def _element_json(element: ElementFinding) -> dict:
    data = asdict(element)
    data["evidence"] = [asdict(ev) for ev in element.evidence]
    return data
