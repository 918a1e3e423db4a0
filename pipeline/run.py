"""The pipeline's one entry point: a file's bytes and name in, a JSON-safe result out.

`run` sniffs the bytes, extracts them in the sandbox (a child process under `Limits`) and
checks the document against one referential. It is a pure function of its arguments (no
store, no broker, no settings), so the worker, the pre-check route and `portfolio check` all
call it the same way, and the whole run can later move into a pooled child process. Its
result is `Rejected` (the file cannot be evaluated, and why) or `Checked` (the extraction's
summary and the check report); both carry plain JSON values only, made so by `json_safe`.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from pipeline.checker import check_document
from pipeline.model import Document
from pipeline.rejections import DocumentRejected
from pipeline.report import PIPELINE_VERSION, CheckReport, Rejection
from pipeline.sandbox import Limits, extract_within
from pipeline.section_texts import section_text_provider
from portfolio.referential import Referential

__all__ = ["Checked", "DocumentPipeline", "Limits", "Rejected", "json_safe", "run"]

JSON = None | bool | int | float | str | list["JSON"] | dict[str, "JSON"]

# spaCy's memory zones are per vocabulary, not per thread: one check at a time per process.
_CHECK_LOCK = threading.Lock()


@dataclass(frozen=True)
class Rejected:
    """The file cannot be evaluated: its category, a message for the candidate, and the
    rejected report (what `portfolio check --json` prints)."""

    category: str
    message: str
    report: dict[str, Any]  # JSON values only (`json_safe`)


@dataclass(frozen=True)
class Checked:
    """The extraction's small facts (kept in its event) and the full check report."""

    summary: dict[str, Any]  # JSON values only (`json_safe`)
    report: dict[str, Any]


def run(
    data: bytes,
    filename: str,
    limits: Limits,
    referential: Referential,
    production: str | None = None,
) -> Rejected | Checked:
    """Sniff, extract in the sandbox and check one file; never raises for a bad file."""
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        document = extract_within(data, filename, limits)
    except DocumentRejected as rejected:
        return _rejected(rejected, filename, sha256, production, referential)
    with _CHECK_LOCK:
        report = check_document(document, production, referential, file=filename, sha256=sha256)
    return Checked(summary=_json_object(summarise(document, report)), report=_json_object(report))


def _rejected(
    rejected: DocumentRejected,
    filename: str,
    sha256: str,
    production: str | None,
    referential: Referential,
) -> Rejected:
    category = rejected.category.value
    report = CheckReport(
        filename, sha256, None, production, "rejected", Rejection(category, rejected.message)
    )
    report.referential_version = referential.version
    return Rejected(category, rejected.message, _json_object(report))


def summarise(document: Document, report: CheckReport) -> dict[str, Any]:
    """The small facts of an extraction kept in its event (the report holds the detail)."""
    sections = document.all_sections()
    return {
        "format": document.format,
        "page_count": document.page_count,
        "word_count": document.word_count,
        "languages": list(report.languages),
        "section_count": len(sections),
        "table_count": sum(len(s.tables) for s in sections),
    }


def _json_object(value: CheckReport | dict[str, Any]) -> dict[str, Any]:
    """A report (or a summary) as a JSON object."""
    safe = json_safe(value.to_json() if isinstance(value, CheckReport) else value)
    assert isinstance(safe, dict)  # a dict in gives a dict out
    return safe


def json_safe(value: object) -> JSON:
    """`value` as plain JSON values: the one serialiser of what the pipeline returns.

    A report is recorded in an event and served as JSON, so nothing else may reach it: dates
    and times become ISO 8601 strings, decimals floats, enums their values, tuples and sets
    lists, dataclasses dicts, non-finite floats null, any other object its text.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(json_safe(k)): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((json_safe(v) for v in value), key=str)
    return _scalar(value)


def _scalar(value: Any) -> JSON:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return json_safe(float(value))
    if isinstance(value, enum.Enum):
        return json_safe(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return json_safe(dataclasses.asdict(value))
    return str(value)  # a UUID, a path…


@dataclass(frozen=True)
class DocumentPipeline:
    """`run` bound to one deployment's limits: what the worker, the pre-check and the CLI use."""

    limits: Limits
    version: str = PIPELINE_VERSION

    def run(
        self, data: bytes, filename: str, referential: Referential, production: str | None = None
    ) -> Rejected | Checked:
        return run(data, filename, self.limits, referential, production)

    def section_texts(self, data: bytes, media_type: str) -> dict[str, str]:
        """{section id: text} of an evidence file, for anchoring annotations."""
        return section_text_provider(self.limits)(data, media_type)
