"""The service behind the `process_version` actor: read, run the pipeline, record the outcome.

It reads an uploaded version through the application (never the blob store, so the read is
recorded), runs the pipeline under the session's referential, and records the outcome with
one application command (one save). Safe to run twice: it first looks whether this pipeline
version already has an outcome for the version, and the recording commands are idempotent.
"""

from __future__ import annotations

import logging
from typing import Any, Literal, Protocol
from uuid import UUID

from eventsourcing.utils import get_topic

from pipeline.jobs.dispatcher import JobFeed
from pipeline.run import Checked, Rejected
from portfolio.application.evidence import PIPELINE_ACTOR, Evidence
from portfolio.application.referentials import SessionReferentials
from portfolio.domain.production import Production
from portfolio.errors import ProductionNotFound
from portfolio.referential import Referential

log = logging.getLogger(__name__)
Outcome = Literal["checked", "rejected", "skipped"]


class Pipeline(Protocol):
    """What processing needs of the pipeline (`pipeline.run.DocumentPipeline`)."""

    @property
    def version(self) -> str: ...

    def run(
        self, data: bytes, filename: str, referential: Referential, production: str | None = None
    ) -> Rejected | Checked: ...


class ProcessVersion:
    """`(production id, version) -> outcome`, once per pipeline and referential version."""

    def __init__(
        self, evidence: Evidence, referentials: SessionReferentials, pipeline: Pipeline
    ) -> None:
        self._evidence, self._referentials, self._pipeline = evidence, referentials, pipeline

    def __call__(self, production_id: UUID, version: int) -> Outcome:
        view = self._evidence.production_by_id(production_id)
        referential = self._referentials.of_session(view.session_id)
        if view.has_result(version, self._pipeline.version, referential.version):
            return "skipped"
        if not 0 < version <= len(view.versions):
            raise ProductionNotFound(f"production {production_id} has no version {version}")
        info = view.versions[version - 1]
        chunks = self._evidence.read_version(info.candidate_id, info.code, version, PIPELINE_ACTOR)
        result = self._pipeline.run(b"".join(chunks), info.filename, referential, info.code)
        outcome = self._record(production_id, version, referential.version, result)
        log.info(
            "%s %s v%d: %s (pipeline %s)",
            info.candidate_id,
            info.code,
            version,
            outcome,
            self._pipeline.version,
        )
        return outcome

    def _record(
        self, production_id: UUID, version: int, referential_version: str, result: Any
    ) -> Outcome:
        pipeline_version = self._pipeline.version
        if isinstance(result, Rejected):
            self._evidence.record_rejection(
                production_id, version, pipeline_version, result.category, result.message
            )
            return "rejected"
        self._evidence.record_check(
            production_id,
            version,
            pipeline_version,
            referential_version,
            result.summary,
            result.report,
        )
        return "checked"


def upload_feed() -> JobFeed:
    """One job per `EvidenceUploaded`: (production id, version number)."""

    def to_job(event: Any) -> tuple[UUID, int]:
        return event.originator_id, event.version

    return JobFeed(topics=(get_topic(Production.EvidenceUploaded),), to_job=to_job)
