"""The one application-level service behind the `process_version` actor.

Read an uploaded version through the application (never the blob store), extract it in the
sandbox, check it, and record ExtractionCompleted or ExtractionRejected plus CheckReported.
Safe to run twice: it first looks whether this pipeline version already has a result for the
version, and the application's record methods are themselves idempotent.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.utils import get_topic

from pipeline.jobs.dispatcher import JobFeed
from pipeline.model import Document
from pipeline.rejections import DocumentRejected
from portfolio.application.views import ProductionView, VersionInfo
from portfolio.domain.production import Production
from portfolio.errors import ProductionNotFound
from config import Settings

log = logging.getLogger(__name__)
ACTOR = "pipeline"  # who the recorded events and the read audit name
Outcome = Literal["checked", "rejected", "skipped"]
# spaCy's memory zones are per-vocabulary, not per-thread: one check at a time per process.
_CHECK_LOCK = threading.Lock()


@dataclass(frozen=True)
class Pipeline:
    """What a run uses: its version, the sandboxed extractor, the checker and the referential."""

    version: str
    extract: Callable[[bytes, str], Document]  # raises DocumentRejected
    check: Callable[..., Any]  # (doc, production, referential, file=, sha256=) -> CheckReport
    referential: Any


def default_pipeline(settings: Settings) -> Pipeline:
    """The real pipeline with the settings' parse limits (imports the heavy parts lazily)."""
    from pipeline.checker import check_document
    from pipeline.report import PIPELINE_VERSION
    from pipeline.sandboxed import sandboxed_extractor
    from portfolio.referential import load_referential

    return Pipeline(
        PIPELINE_VERSION, sandboxed_extractor(settings), check_document, load_referential()
    )


def process_version(
    app: Any,
    production_id: UUID,
    version: int,
    settings: Settings,
    pipeline: Pipeline | None = None,
) -> Outcome:
    """Extract and check one uploaded version once per pipeline version."""
    pipeline = pipeline or default_pipeline(settings)
    candidate_id, code = locate(app, production_id)
    view = app.production(candidate_id, code)
    if is_done(view, version, pipeline):
        return "skipped"
    if not 0 < version <= len(view.versions):
        raise ProductionNotFound(f"production {production_id} has no version {version}")
    outcome = _run(app, view.versions[version - 1], pipeline)
    log.info("%s %s v%d: %s (pipeline %s)", candidate_id, code, version, outcome, pipeline.version)
    return outcome


def _run(app: Any, info: VersionInfo, pipeline: Pipeline) -> Outcome:
    key = (info.candidate_id, info.code, info.version, pipeline.version)
    data = b"".join(app.read_version(info.candidate_id, info.code, info.version, ACTOR))
    try:
        doc = pipeline.extract(data, info.filename)
    except DocumentRejected as rejected:
        app.record_rejection(*key, rejected.category.value, rejected.message)
        return "rejected"
    with _CHECK_LOCK:  # before the summary: the check sets the document's languages
        report = pipeline.check(
            doc, info.code, pipeline.referential, file=info.filename, sha256=info.sha256
        )
    app.record_extraction(*key, summarise(doc))
    app.record_check_report(*key, pipeline.referential.version, report.to_json())
    return "checked"


def locate(app: Any, production_id: UUID) -> tuple[UUID, str]:
    """The (candidate id, code) the application's commands address a production by."""
    try:
        production = app.repository.get(production_id)
    except AggregateNotFoundError:
        raise ProductionNotFound(f"no production {production_id}") from None
    if not isinstance(production, Production):
        raise ProductionNotFound(f"no production {production_id}")
    return production.candidate_id, production.code


def is_done(view: ProductionView, version: int, pipeline: Pipeline) -> bool:
    """A rejection, or an extraction plus its check report, exists for this pipeline version."""
    extraction = next(
        (
            e
            for e in view.extractions
            if e.version == version and e.pipeline_version == pipeline.version
        ),
        None,
    )
    if extraction is None:
        return False
    if extraction.outcome == "rejected":
        return True
    return any(
        c.version == version
        and c.pipeline_version == pipeline.version
        and c.referential_version == pipeline.referential.version
        for c in view.checks
    )


def summarise(doc: Document) -> dict[str, Any]:
    """The small facts of an extraction kept in its event (the report holds the detail)."""
    sections = doc.all_sections()
    return {
        "format": doc.format,
        "page_count": doc.page_count,
        "word_count": doc.word_count,
        "languages": list(doc.languages),
        "section_count": len(sections),
        "table_count": sum(len(s.tables) for s in sections),
    }


def version_service(app: Any, settings: Settings) -> Callable[[UUID, int], Outcome]:
    """The actor's service: `process_version` bound to this process's app and pipeline."""
    pipeline = default_pipeline(settings)
    return lambda production_id, version: process_version(
        app, production_id, version, settings, pipeline
    )


def upload_feed() -> JobFeed:
    """One job per `EvidenceUploaded`: (production id, version number)."""

    def to_job(event: Any) -> tuple[UUID, int]:
        return event.originator_id, event.version

    return JobFeed(topics=(get_topic(Production.EvidenceUploaded),), to_job=to_job)
