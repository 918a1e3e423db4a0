"""A candidate's written production (E1, E2, E3…): its uploaded versions, submission, results.

Versions only ever append. Submission freezes one version; later uploads add versions but the
submitted one stays what it was. Pipeline results are recorded per (version, pipeline version)
and recording the same result twice is a no-op, so a job delivered twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from portfolio.domain import ids
from portfolio.errors import AlreadySubmitted, ProductionNotFound


def canonical_code(code: str) -> str:
    """A production code as the referential spells it (" e3 " -> "E3"); which codes exist is
    the referential's to say (`Referential.production_code`)."""
    return code.strip().upper()


@dataclass(frozen=True)
class Version:
    """One uploaded file: what the candidate sent (hash of the plaintext) and where it lies."""

    number: int
    sha256: str
    size: int
    media_type: str
    declared_media_type: str
    sealed_filename: bytes
    blob_address: str
    uploaded_by: str
    uploaded_at: datetime


class Production(Aggregate):
    """Evidence for one production code of one candidate."""

    class ProductionStarted(Aggregate.Created):
        candidate_id: UUID
        session_id: UUID
        code: str
        actor: str

    class EvidenceUploaded(Aggregate.Event):
        version: int
        sha256: str
        size: int
        media_type: str
        declared_media_type: str
        sealed_filename: bytes
        blob_address: str
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.versions.append(
                Version(
                    number=self.version,
                    sha256=self.sha256,
                    size=self.size,
                    media_type=self.media_type,
                    declared_media_type=self.declared_media_type,
                    sealed_filename=self.sealed_filename,
                    blob_address=self.blob_address,
                    uploaded_by=self.actor,
                    uploaded_at=self.timestamp,
                )
            )

    class ProductionSubmitted(Aggregate.Event):
        version: int
        sha256: str
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.submitted_version = self.version
            aggregate.submitted_at = self.timestamp

    class ExtractionCompleted(Aggregate.Event):
        version: int
        pipeline_version: str
        summary: dict[str, Any]
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.extractions[(self.version, self.pipeline_version)] = self

    class ExtractionRejected(Aggregate.Event):
        version: int
        pipeline_version: str
        category: str
        message: str
        actor: str

        def apply(self, aggregate: Any) -> None:
            aggregate.extractions[(self.version, self.pipeline_version)] = self

    class CheckReported(Aggregate.Event):
        version: int
        pipeline_version: str
        referential_version: str
        report: dict[str, Any]
        actor: str

        def apply(self, aggregate: Any) -> None:
            key = (self.version, self.pipeline_version, self.referential_version)
            aggregate.checks[key] = self

    class EvidenceViewed(Aggregate.Event):
        version: int
        actor: str

    def __init__(self, candidate_id: UUID, session_id: UUID, code: str, actor: str) -> None:
        self.candidate_id = candidate_id
        self.session_id = session_id
        self.code = code
        self.versions: list[Version] = []
        self.submitted_version: int | None = None
        self.submitted_at: datetime | None = None
        self.extractions: dict[
            tuple[int, str], Production.ExtractionCompleted | Production.ExtractionRejected
        ] = {}
        self.checks: dict[tuple[int, str, str], Production.CheckReported] = {}

    @classmethod
    def start(
        cls, *, candidate_id: UUID, session_id: UUID, code: str, actor: str, at: datetime
    ) -> Production:
        """Open the production `code` for a candidate (its id follows from both)."""
        code = canonical_code(code)
        return cls._create(
            cls.ProductionStarted,
            id=ids.production_id(candidate_id, code),
            timestamp=at,
            candidate_id=candidate_id,
            session_id=session_id,
            code=code,
            actor=actor,
        )

    def get_version(self, number: int | None = None) -> Version:
        """The version `number`, or the latest when `number` is None."""
        if not self.versions:
            raise ProductionNotFound(f"production {self.code} has no uploaded version")
        if number is None:
            return self.versions[-1]
        if not 1 <= number <= len(self.versions):
            raise ProductionNotFound(f"production {self.code} has no version {number}")
        return self.versions[number - 1]

    @property
    def submitted(self) -> Version | None:
        return None if self.submitted_version is None else self.get_version(self.submitted_version)

    def upload(self, evidence: dict[str, Any], actor: str, at: datetime) -> Version:
        """Append the next version; `evidence` holds the stored file's facts."""
        self.trigger_event(
            self.EvidenceUploaded,
            version=len(self.versions) + 1,
            actor=actor,
            timestamp=at,
            **evidence,
        )
        return self.versions[-1]

    def submit(self, number: int | None, actor: str, at: datetime) -> Version:
        """Freeze one version (default: the latest) as the one assessed."""
        if self.submitted_version is not None:
            raise AlreadySubmitted(
                f"production {self.code} already submitted (version {self.submitted_version})"
            )
        chosen = self.get_version(number)
        self.trigger_event(
            self.ProductionSubmitted,
            version=chosen.number,
            sha256=chosen.sha256,
            actor=actor,
            timestamp=at,
        )
        return chosen

    def record_extraction(
        self, number: int, pipeline_version: str, summary: dict[str, Any], actor: str, at: datetime
    ) -> bool:
        """Record a successful extraction once; False when it was already recorded."""
        return self._record_once(
            self.extractions,
            (number, pipeline_version),
            self.ExtractionCompleted,
            actor=actor,
            at=at,
            summary=summary,
        )

    def record_rejection(
        self,
        number: int,
        pipeline_version: str,
        category: str,
        message: str,
        actor: str,
        at: datetime,
    ) -> bool:
        """Record that the pipeline refused the file once; False when already recorded."""
        return self._record_once(
            self.extractions,
            (number, pipeline_version),
            self.ExtractionRejected,
            actor=actor,
            at=at,
            category=category,
            message=message,
        )

    def record_check(
        self,
        number: int,
        pipeline_version: str,
        referential_version: str,
        report: dict[str, Any],
        actor: str,
        at: datetime,
    ) -> bool:
        """Record a check report once per (version, pipeline, referential); False if known."""
        return self._record_once(
            self.checks,
            (number, pipeline_version, referential_version),
            self.CheckReported,
            actor=actor,
            at=at,
            referential_version=referential_version,
            report=report,
        )

    def _record_once(
        self,
        known: dict[Any, Any],
        key: tuple[Any, ...],
        event: type[Aggregate.Event],
        *,
        actor: str,
        at: datetime,
        **facts: Any,
    ) -> bool:
        """Trigger `event` for the existing version key[0] unless `key` is already in `known`.

        Pipeline jobs may be delivered twice; keying every result on (version, pipeline...)
        keeps a second delivery from recording anything.
        """
        number, pipeline_version = key[0], key[1]
        self.get_version(number)
        if key in known:
            return False
        self.trigger_event(
            event,
            version=number,
            pipeline_version=pipeline_version,
            actor=actor,
            timestamp=at,
            **facts,
        )
        return True

    def record_view(self, number: int, viewer: str, at: datetime) -> Version:
        """Note who read which version, for auditors."""
        chosen = self.get_version(number)
        self.trigger_event(self.EvidenceViewed, version=chosen.number, actor=viewer, timestamp=at)
        return chosen
