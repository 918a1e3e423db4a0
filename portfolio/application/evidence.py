"""Evidence commands: sessions, candidates, uploads, submission, pipeline results, erasure.

Each method loads, makes one aggregate decision, saves, returns an id or a small value.
Uploads follow "no event without its file": the file is sealed and stored first, the event
saved after, so a crash in between leaves at most an orphan blob, never a version without bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any, BinaryIO
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from portfolio.application.base import PortfolioBase
from portfolio.application.media import detect_media_type
from portfolio.application.streams import CHUNK, Metered, as_reader, verified
from portfolio.application.views import VersionInfo
from portfolio.domain import ids
from portfolio.domain.candidate import Candidate
from portfolio.domain.production import Production, Version, check_code
from portfolio.domain.session import AssessmentSession
from portfolio.errors import (
    AlreadyExists,
    DeadlinePassed,
    EmptyUpload,
    InvalidInput,
    ProductionNotFound,
    SubjectErased,
)


def seal_identity(vault: Any, subject: str, name: str, email: str) -> bytes:
    """Seal a candidate's identity with their own key (events never hold it in clear)."""
    if not name.strip():
        raise InvalidInput("a candidate name is required")
    if email.count("@") != 1 or email.strip() != email or "." not in email.split("@")[1]:
        raise InvalidInput(f"not an e-mail address: {email!r}")
    payload = json.dumps({"name": name.strip(), "email": email}).encode()
    return vault.seal(subject, payload)


class EvidenceCommands(PortfolioBase):
    """Commands of the evidence portfolio (mixed into PortfolioApp)."""

    # -- loading ---------------------------------------------------------------------------
    def _production_agg(self, candidate_id: UUID, code: str) -> Production:
        return self._load(ids.production_id(candidate_id, code), Production, ProductionNotFound)

    # -- sessions --------------------------------------------------------------------------
    def open_session(
        self,
        listing: str,
        referential_version: str,
        label: str,
        actor: str,
        deadlines: dict[str, datetime] | None = None,
        **rules: Any,
    ) -> UUID:
        """Open a session (rules: result_scale, pass_mark, compensation, discrepancy_threshold)."""
        now = self.clock()
        session = AssessmentSession.open(
            listing=listing,
            referential_version=referential_version,
            label=label,
            actor=actor,
            at=now,
            **rules,
        )
        for code, deadline in (deadlines or {}).items():
            session.set_deadline(code, deadline, actor, now)
        self._create(session, "session")
        return session.id

    def set_deadline(self, session_id: UUID, code: str, deadline: datetime, actor: str) -> None:
        """Fix or move the upload deadline of one production code."""

        self._changing(
            lambda: self._session_agg(session_id),
            lambda session: session.set_deadline(code, deadline, actor, self.clock()),
        )

    def _create(self, aggregate: Any, kind: str, *others: Any) -> None:
        if self._exists(aggregate.id):
            raise AlreadyExists(kind, aggregate.id)
        try:
            self._save(aggregate, *others)
        except IntegrityError:
            if self._exists(aggregate.id):
                raise AlreadyExists(kind, aggregate.id) from None
            raise

    # -- candidates ------------------------------------------------------------------------
    def add_candidate(
        self, session_id: UUID, ref: str, name: str, email: str, route: str, actor: str
    ) -> UUID:
        """Enrol a candidate; the same reference twice in a session raises AlreadyExists."""

        def command() -> UUID:
            session = self._session_agg(session_id)
            key = ids.candidate_id(session_id, ref)
            if self._exists(key):  # before sealing: an erased candidate's key is gone
                raise AlreadyExists("candidate", key)
            candidate = Candidate.enrol(
                session_id=session_id,
                ref=ref,
                route=route,
                actor=actor,
                at=self.clock(),
                sealed_identity=seal_identity(self.vault, str(key), name, email),
            )
            session.register(candidate.id, candidate.ref, actor, self.clock())
            self._create(candidate, "candidate", session)
            return candidate.id

        return self._retrying(command)

    def erase_candidate(self, candidate_id: UUID, actor: str, reason: str) -> None:
        """RGPD erasure: destroy the candidate's key, then record what went and what stays.

        The key goes first: if the process dies before the event is saved, a retry completes
        the record; the reverse order could record an erasure that never happened.
        """
        candidate = self._candidate_agg(candidate_id)
        candidate.ensure_not_erased()
        if not reason.strip():
            raise InvalidInput("an erasure needs a reason")
        self.vault.destroy(str(candidate.id))

        self._changing(
            lambda: self._candidate_agg(candidate_id),
            lambda fresh: fresh.erase(actor, reason, self.clock()),
        )

    # -- evidence --------------------------------------------------------------------------
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
        code = check_code(code)
        candidate = self._candidate_agg(candidate_id)
        candidate.ensure_not_erased()
        self._ensure_open(candidate.session_id, code)
        first = stream.read(CHUNK)
        if not first:
            raise EmptyUpload(f"{filename!r} is empty")
        evidence = self._store(str(candidate.id), first, stream, filename, media_type)

        version = self._changing(
            lambda: self._production_or_start(candidate, code, actor),
            lambda production: production.upload(evidence, actor, self.clock()),
        )
        return VersionInfo.of(candidate.id, code, version, filename, submitted=False)

    def _ensure_open(self, session_id: UUID, code: str) -> None:
        session = self._session_agg(session_id)
        if not session.accepts_upload(code, self.clock()):
            raise DeadlinePassed(f"the deadline for {code} passed at {session.deadline_for(code)}")

    def _store(
        self, subject: str, first: bytes, stream: BinaryIO, filename: str, media_type: str
    ) -> dict[str, Any]:
        """Seal and store the file in one streaming pass; return the facts for the event."""
        metered = Metered(first, stream, self.max_upload_bytes)
        stored = self.blobs.put(as_reader(self.vault.seal_stream(subject, iter(metered))))
        return {
            "sha256": metered.hexdigest,
            "size": metered.size,
            "media_type": detect_media_type(first, filename),
            "declared_media_type": media_type or "",
            "sealed_filename": self.vault.seal(subject, filename.encode()),
            "blob_address": stored.sha256,
        }

    def _production_or_start(self, candidate: Candidate, code: str, actor: str) -> Production:
        try:
            return self._production_agg(candidate.id, code)
        except ProductionNotFound:
            return Production.start(
                candidate_id=candidate.id,
                session_id=candidate.session_id,
                code=code,
                actor=actor,
                at=self.clock(),
            )

    def submit(self, candidate_id: UUID, code: str, version: int | None, actor: str) -> VersionInfo:
        """Freeze one version (default latest) for assessment: once, before the deadline."""
        code = check_code(code)
        candidate = self._candidate_agg(candidate_id)
        candidate.ensure_not_erased()
        self._ensure_open(candidate.session_id, code)

        chosen = self._changing(
            lambda: self._production_agg(candidate_id, code),
            lambda production: production.submit(version, actor, self.clock()),
        )
        name = self.vault.open(str(candidate_id), chosen.sealed_filename).decode()
        return VersionInfo.of(candidate_id, code, chosen, name, submitted=True)

    def read_version(
        self, candidate_id: UUID, code: str, version: int | None, viewer: str
    ) -> Iterator[bytes]:
        """Record who looks, then stream the plaintext; BlobCorrupted at the end if altered."""
        code = check_code(code)
        subject = str(candidate_id)
        candidate = self._candidate_agg(candidate_id)
        if candidate.erased or self.vault.is_destroyed(subject):
            raise SubjectErased(f"candidate {candidate_id} was erased")

        def view(production: Production) -> Version:
            number = production.get_version(version).number
            return production.record_view(number, viewer, self.clock())

        chosen = self._changing(lambda: self._production_agg(candidate_id, code), view)
        plaintext = self.vault.open_stream(subject, self.blobs.open(chosen.blob_address))
        return verified(plaintext, chosen.sha256)

    # -- pipeline results (idempotent: a redelivered job records nothing new) ----------------
    def _record_result(self, candidate_id: UUID, code: str, decide: Any) -> bool:
        def command() -> bool:
            production = self._production_agg(candidate_id, check_code(code))
            changed = decide(production, self.clock())
            if changed:
                self._save(production)
            return changed

        return self._retrying(command)

    def record_extraction(
        self,
        candidate_id: UUID,
        code: str,
        version: int,
        pipeline_version: str,
        summary: dict[str, Any],
        actor: str = "pipeline",
    ) -> bool:
        """Record a completed extraction; False when this (version, pipeline) was recorded."""
        return self._record_result(
            candidate_id,
            code,
            lambda p, at: p.record_extraction(version, pipeline_version, summary, actor, at),
        )

    def record_rejection(
        self,
        candidate_id: UUID,
        code: str,
        version: int,
        pipeline_version: str,
        category: str,
        message: str,
        actor: str = "pipeline",
    ) -> bool:
        """Record that extraction refused the file; False when already recorded."""
        return self._record_result(
            candidate_id,
            code,
            lambda p, at: p.record_rejection(
                version, pipeline_version, category, message, actor, at
            ),
        )

    def record_check_report(
        self,
        candidate_id: UUID,
        code: str,
        version: int,
        pipeline_version: str,
        referential_version: str,
        report: dict[str, Any],
        actor: str = "pipeline",
    ) -> bool:
        """Record a check report; False when (version, pipeline, referential) was recorded."""
        return self._record_result(
            candidate_id,
            code,
            lambda p, at: p.record_check(
                version, pipeline_version, referential_version, report, actor, at
            ),
        )
