"""Evidence: upload versions of a production, submit one, read them, record pipeline results.

Uploads follow "no event without its file": the file is sealed and stored first, the event
saved after, so a crash in between leaves at most an orphan blob, never a version without bytes.
Production codes are the written productions of the candidate's session's referential.
Queries hand back frozen views with the file names opened through the vault ("[effacé]" once
the candidate is erased).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, BinaryIO
from uuid import UUID

from portfolio.application.hashing import CHUNK, Metered, as_reader, verified
from portfolio.application.ports import BlobStore, Clock, MediaTypes, SubjectVault
from portfolio.application.referentials import SessionReferentials
from portfolio.application.sessions import ERASED, open_text
from portfolio.application.store import EventStore
from portfolio.domain import ids
from portfolio.domain.candidate import Candidate
from portfolio.domain.production import Production, Version
from portfolio.domain.session import AssessmentSession
from portfolio.errors import (
    CandidateNotFound,
    DeadlinePassed,
    EmptyUpload,
    ProductionNotFound,
    SessionNotFound,
    SubjectErased,
)

PIPELINE_ACTOR = "pipeline"  # who the pipeline's recorded events and reads name


@dataclass(frozen=True)
class VersionInfo:
    """One uploaded version as seen from outside (returned by upload and submit)."""

    candidate_id: UUID
    code: str
    version: int
    sha256: str
    size: int
    media_type: str
    filename: str  # ERASED after erasure
    uploaded_by: str
    uploaded_at: datetime
    submitted: bool = False

    @classmethod
    def of(
        cls, candidate_id: UUID, code: str, version: Version, filename: str, submitted: bool
    ) -> VersionInfo:
        """The outside view of a recorded version, with its file name already opened."""
        return cls(
            candidate_id=candidate_id,
            code=code,
            version=version.number,
            sha256=version.sha256,
            size=version.size,
            media_type=version.media_type,
            filename=filename,
            uploaded_by=version.uploaded_by,
            uploaded_at=version.uploaded_at,
            submitted=submitted,
        )


@dataclass(frozen=True)
class ExtractionView:
    version: int
    pipeline_version: str
    outcome: str  # "completed" or "rejected"
    summary: dict[str, Any] = field(default_factory=dict)
    category: str = ""
    message: str = ""
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class CheckView:
    version: int
    pipeline_version: str
    referential_version: str
    report: dict[str, Any]
    recorded_at: datetime


@dataclass(frozen=True)
class ProductionView:
    candidate_id: UUID
    session_id: UUID
    code: str
    versions: tuple[VersionInfo, ...]
    submitted_version: int | None
    submitted_at: datetime | None
    extractions: tuple[ExtractionView, ...]
    checks: tuple[CheckView, ...]

    @property
    def latest(self) -> VersionInfo | None:
        return self.versions[-1] if self.versions else None

    def has_result(self, version: int, pipeline_version: str, referential_version: str) -> bool:
        """Whether the pipeline already recorded its outcome for this version: a rejection,
        or a check under this referential version."""
        rejected = any(
            e.version == version and e.pipeline_version == pipeline_version
            for e in self.extractions
            if e.outcome == "rejected"
        )
        return rejected or any(
            c.version == version
            and c.pipeline_version == pipeline_version
            and c.referential_version == referential_version
            for c in self.checks
        )


def production_view(p: Production, vault: SubjectVault) -> ProductionView:
    """The view of a loaded production (also of one rebuilt as of a past date)."""
    subject = str(p.candidate_id)
    versions = tuple(
        VersionInfo.of(
            p.candidate_id,
            p.code,
            v,
            open_text(vault, subject, v.sealed_filename) or ERASED,
            submitted=v.number == p.submitted_version,
        )
        for v in p.versions
    )
    checks = tuple(
        CheckView(
            version=e.version,
            pipeline_version=e.pipeline_version,
            referential_version=e.referential_version,
            report=dict(e.report),
            recorded_at=e.timestamp,
        )
        for e in p.checks.values()
    )
    return ProductionView(
        candidate_id=p.candidate_id,
        session_id=p.session_id,
        code=p.code,
        versions=versions,
        submitted_version=p.submitted_version,
        submitted_at=p.submitted_at,
        extractions=tuple(_extraction_view(e) for e in p.extractions.values()),
        checks=checks,
    )


def _extraction_view(e: Production.ExtractionCompleted | Production.ExtractionRejected) -> Any:
    if isinstance(e, Production.ExtractionCompleted):
        return ExtractionView(
            e.version, e.pipeline_version, "completed", dict(e.summary), recorded_at=e.timestamp
        )
    return ExtractionView(
        e.version,
        e.pipeline_version,
        "rejected",
        category=e.category,
        message=e.message,
        recorded_at=e.timestamp,
    )


class Evidence:
    """Versions of the candidates' written productions and what the pipeline found in them."""

    def __init__(
        self,
        store: EventStore,
        blobs: BlobStore,
        vault: SubjectVault,
        clock: Clock,
        referentials: SessionReferentials,
        media_types: MediaTypes,
        max_upload_bytes: int,
    ) -> None:
        self._store, self._blobs, self._vault, self._clock = store, blobs, vault, clock
        self._referentials = referentials
        self._media_types = media_types
        self.max_upload_bytes = max_upload_bytes

    # -- loading ---------------------------------------------------------------------------
    def _candidate(self, candidate_id: UUID) -> Candidate:
        return self._store.get(candidate_id, Candidate, CandidateNotFound)

    def _production(self, candidate_id: UUID, code: str) -> Production:
        pid = ids.production_id(candidate_id, code)
        return self._store.get(pid, Production, ProductionNotFound)

    def _code(self, candidate_id: UUID, code: str) -> str:
        return self._referentials.of_candidate(candidate_id).production_code(code)

    def _open_for_uploads(self, candidate: Candidate, code: str) -> str:
        """The canonical code, once the candidate's session still takes uploads of it."""
        candidate.ensure_not_erased()
        session = self._store.get(candidate.session_id, AssessmentSession, SessionNotFound)
        code = self._referentials.of_session(session.id).production_code(code)
        if not session.accepts_upload(code, self._clock()):
            raise DeadlinePassed(f"the deadline for {code} passed at {session.deadline_for(code)}")
        return code

    # -- commands --------------------------------------------------------------------------
    def upload(
        self,
        candidate_id: UUID,
        code: str,
        stream: BinaryIO,
        filename: str,
        media_type: str,
        actor: str,
    ) -> VersionInfo:
        """Store a new version of production `code`; returns its number and facts.

        The deadline is checked when the upload starts (a long transfer begun in time counts).
        """
        candidate = self._candidate(candidate_id)
        code = self._open_for_uploads(candidate, code)
        first = stream.read(CHUNK)
        if not first:
            raise EmptyUpload(f"{filename!r} is empty")
        evidence = self._store_file(str(candidate.id), first, stream, filename, media_type)
        version = self._store.changing(
            lambda: self._production_or_start(candidate, code, actor),
            lambda production: production.upload(evidence, actor, self._clock()),
        )
        return VersionInfo.of(candidate.id, code, version, filename, submitted=False)

    def _store_file(
        self, subject: str, first: bytes, stream: BinaryIO, filename: str, media_type: str
    ) -> dict[str, Any]:
        """Seal and store the file in one streaming pass; return the facts for the event."""
        metered = Metered(stream, self.max_upload_bytes, first=first)
        stored = self._blobs.put(as_reader(self._vault.seal_stream(subject, iter(metered))))
        return {
            "sha256": metered.hexdigest,
            "size": metered.size,
            "media_type": self._media_types(first, filename),
            "declared_media_type": media_type or "",
            "sealed_filename": self._vault.seal(subject, filename.encode()),
            "blob_address": stored.sha256,
        }

    def _production_or_start(self, candidate: Candidate, code: str, actor: str) -> Production:
        try:
            return self._production(candidate.id, code)
        except ProductionNotFound:
            return Production.start(
                candidate_id=candidate.id,
                session_id=candidate.session_id,
                code=code,
                actor=actor,
                at=self._clock(),
            )

    def submit(self, candidate_id: UUID, code: str, version: int | None, actor: str) -> VersionInfo:
        """Freeze one version (default latest) for assessment: once, before the deadline."""
        code = self._open_for_uploads(self._candidate(candidate_id), code)
        chosen = self._store.changing(
            lambda: self._production(candidate_id, code),
            lambda production: production.submit(version, actor, self._clock()),
        )
        name = self._vault.open(str(candidate_id), chosen.sealed_filename).decode()
        return VersionInfo.of(candidate_id, code, chosen, name, submitted=True)

    def read_version(
        self, candidate_id: UUID, code: str, version: int | None, viewer: str
    ) -> Iterator[bytes]:
        """Record who looks, then stream the plaintext; BlobCorrupted at the end if altered."""
        subject, candidate = str(candidate_id), self._candidate(candidate_id)
        if candidate.erased or self._vault.is_destroyed(subject):
            raise SubjectErased(f"candidate {candidate_id} was erased")
        code = self._referentials.of_session(candidate.session_id).production_code(code)

        def view(production: Production) -> Version:
            number = production.get_version(version).number
            return production.record_view(number, viewer, self._clock())

        chosen = self._store.changing(lambda: self._production(candidate_id, code), view)
        plaintext = self._vault.open_stream(subject, self._blobs.open(chosen.blob_address))
        return verified(plaintext, chosen.sha256)

    # -- pipeline results (idempotent: a redelivered job records nothing new) ----------------
    def _record(self, production_id: UUID, decide: Callable[[Production], bool]) -> bool:
        """Load the production once, record, save once (one transaction); retried."""

        def command() -> bool:
            production = self._store.get(production_id, Production, ProductionNotFound)
            changed = decide(production)
            if changed:
                self._store.save(production)
            return changed

        return self._store.retrying(command)

    def record_check(
        self,
        production_id: UUID,
        version: int,
        pipeline_version: str,
        referential_version: str,
        summary: dict[str, Any],
        report: dict[str, Any],
        actor: str = PIPELINE_ACTOR,
    ) -> bool:
        """Record a completed extraction and its check report in one save; False when this
        (version, pipeline, referential) was already recorded."""

        def decide(p: Production) -> bool:
            at = self._clock()
            extracted = p.record_extraction(version, pipeline_version, summary, actor, at)
            checked = p.record_check(
                version, pipeline_version, referential_version, report, actor, at
            )
            return extracted or checked

        return self._record(production_id, decide)

    def record_rejection(
        self,
        production_id: UUID,
        version: int,
        pipeline_version: str,
        category: str,
        message: str,
        actor: str = PIPELINE_ACTOR,
    ) -> bool:
        """Record that the pipeline refused the file; False when already recorded."""
        return self._record(
            production_id,
            lambda p: p.record_rejection(
                version, pipeline_version, category, message, actor, self._clock()
            ),
        )

    # -- queries ---------------------------------------------------------------------------
    def production(self, candidate_id: UUID, code: str) -> ProductionView:
        code = self._code(candidate_id, code)
        return production_view(self._production(candidate_id, code), self._vault)

    def productions(self, candidate_id: UUID) -> list[ProductionView]:
        """Every production the candidate has started, in the referential's order."""
        found = []
        for code in self._referentials.of_candidate(candidate_id).productions:
            try:
                found.append(production_view(self._production(candidate_id, code), self._vault))
            except ProductionNotFound:
                continue
        return found

    def production_by_id(self, production_id: UUID) -> ProductionView:
        """The production with this aggregate id (what jobs receive), as a view."""
        production = self._store.get(production_id, Production, ProductionNotFound)
        return production_view(production, self._vault)
