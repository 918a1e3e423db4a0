"""The jury: deliberation, proposals and decisions per bloc, and the procès-verbal.

Proposals and PVs follow the session's referential (its situations per bloc, its blocs, its
title). The PV renderer is a port (`PVRenderer`: content dict -> DOCX and PDF bytes) handed in
by the composition root (`rendering.render_pv`), so the application imports no document library.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from portfolio.application.assignments import Assignments, as_uuid
from portfolio.application.moderation import Moderations
from portfolio.application.ports import BlobStore, Clock, PVRenderer
from portfolio.application.pv_content import build_content, candidate_row
from portfolio.application.referentials import SessionReferentials
from portfolio.application.store import EventStore
from portfolio.domain.candidate import Candidate
from portfolio.domain.jury import (
    VALIDE,
    Attainment,
    Deliberation,
    Member,
    attainment_id,
    composition_problems,
    deliberation_id,
    propose,
)
from portfolio.domain.pv import ProcesVerbal
from portfolio.domain.session import AssessmentSession
from portfolio.errors import (
    CandidateNotFound,
    InvalidInput,
    NotFound,
    PVAlreadyFinal,
    PVNotFound,
    PVRegenerationMismatch,
    RationaleRequired,
    SessionNotFound,
)


@dataclass(frozen=True)
class ProposalView:
    bloc: int
    finals: dict[str, str | None]  # "situation:criterion" -> final value
    proposal: str


@dataclass(frozen=True)
class PVView:
    pv_id: UUID
    session_id: UUID
    number: int
    sha256: str  # what members sign: the PDF's sha256
    docx_sha256: str
    pdf_sha256: str
    signatories: tuple[UUID, ...]
    signed_by: tuple[UUID, ...]
    final: bool
    corrects: UUID | None


@dataclass(frozen=True)
class DeliberationView:
    session_id: UUID
    held_on: str
    mode: str
    members: tuple[Member, ...]
    problems: tuple[str, ...]  # why the jury may not decide yet (empty when it may)
    pv_ids: tuple[UUID, ...]


def _under(session: Any) -> dict[str, Any]:
    """What a decision is taken under: listing, referential version, the session's rules."""
    return {
        "listing": session.listing,
        "referential_version": session.referential_version,
        "result_scale": session.result_scale,
        "pass_mark": session.pass_mark,
        "compensation": session.compensation,
    }


def _pv_view(pv: ProcesVerbal) -> PVView:
    return PVView(
        pv.id,
        pv.session_id,
        pv.number,
        pv.sha256,
        pv.docx_sha256,
        pv.pdf_sha256,
        tuple(pv.signatories),
        tuple(pv.signatures),
        pv.final,
        pv.corrects,
    )


class Jury:
    """The deliberation jury of a session and its procès-verbaux."""

    def __init__(
        self,
        store: EventStore,
        clock: Clock,
        blobs: BlobStore,
        referentials: SessionReferentials,
        assignments: Assignments,
        moderation: Moderations,
        pv_renderer: PVRenderer,
    ) -> None:
        self._store, self._clock, self._blobs = store, clock, blobs
        self._referentials = referentials
        self._assignments, self._moderation = assignments, moderation
        self._render = pv_renderer

    def _session(self, session_id: UUID) -> AssessmentSession:
        return self._store.get(session_id, AssessmentSession, SessionNotFound)

    def _candidate(self, candidate_id: UUID) -> Candidate:
        return self._store.get(candidate_id, Candidate, CandidateNotFound)

    def _deliberation(self, session_id: UUID) -> Deliberation:
        return self._store.get(deliberation_id(as_uuid(session_id)), Deliberation, NotFound)

    def deliberation(self, session_id: UUID | str) -> DeliberationView:
        """The session's jury, what stops it from deciding, and its PVs."""
        d = self._deliberation(as_uuid(session_id))
        return DeliberationView(
            d.session_id,
            d.held_on,
            d.mode,
            tuple(d.members),
            tuple(composition_problems(d.members)),
            tuple(d.pv_ids),
        )

    def open_deliberation(
        self, session_id: UUID | str, held_on: str, mode: str, actor: str
    ) -> UUID:
        """Open the session's deliberation (once; opening again returns the same id)."""
        session = self._session(as_uuid(session_id))
        existing = self._store.get_or_none(deliberation_id(session.id), Deliberation)
        if existing is not None:
            return existing.id
        deliberation = Deliberation.open(session.id, held_on, mode, actor, self._clock())
        with suppress(IntegrityError):  # a concurrent opener saved the same id first
            self._store.save(deliberation)
        return deliberation.id

    def _on_deliberation(
        self, session_id: UUID | str, change: Callable[[Deliberation], Any]
    ) -> Any:
        return self._store.changing(lambda: self._deliberation(as_uuid(session_id)), change)

    def seat_member(
        self,
        session_id: UUID | str,
        account_id: UUID | str,
        name: str,
        capacity: str,
        external: bool,
        actor: str,
    ) -> None:
        """Seat a jury member with their capacity and whether they are external."""
        account = as_uuid(account_id)
        self._on_deliberation(
            session_id, lambda d: d.seat(account, name, capacity, external, actor, self._clock())
        )

    def record_incident(self, session_id: UUID | str, text: str, actor: str) -> None:
        self._on_deliberation(session_id, lambda d: d.record_incident(text, actor, self._clock()))

    def propose_bloc(self, candidate_id: UUID | str, bloc: int) -> ProposalView:
        """The system's proposal for one bloc, from every situation evaluating it."""
        candidate = self._candidate(as_uuid(candidate_id))
        session = self._session(candidate.session_id)
        referential = self._referentials.of_session(session.id)
        finals: dict[str, str | None] = {}
        for situation in (s for s in referential.situations if s.bloc == bloc):
            scores = self._moderation.final_scores_in(session, candidate.id, situation.id)
            finals.update({f"{situation.id}:{c}": value for c, value in scores.items()})
        if not finals:
            raise InvalidInput(f"no bloc {bloc} in referential {referential.version}")
        proposal = propose(session.result_scale, session.compensation, session.pass_mark, finals)
        return ProposalView(bloc, finals, proposal)

    def decide_bloc(
        self,
        session_id: UUID | str,
        candidate_id: UUID | str,
        bloc: int,
        decision: str,
        reasons: str,
        actor: str,
        correcting: bool = False,
    ) -> ProposalView:
        """Record the jury's decision on a bloc; departing from the proposal needs reasons."""
        candidate = self._candidate(as_uuid(candidate_id))
        if candidate.session_id != as_uuid(session_id):
            raise InvalidInput(f"candidate {candidate.id} is not in session {session_id}")

        def change(deliberation: Deliberation) -> ProposalView:
            conflicted = {
                m.account_id
                for m in deliberation.members
                if self._assignments.has_conflict(m.account_id, candidate.id)
            }
            deliberation.ensure_may_decide(conflicted)
            proposed = self.propose_bloc(candidate.id, bloc)
            deliberation.decide(
                candidate.id,
                bloc,
                proposed.proposal,
                decision,
                reasons,
                actor,
                self._clock(),
                correcting,
                _under(self._session(candidate.session_id)),
            )
            return proposed

        return self._on_deliberation(session_id, change)

    # -- procès-verbal ---------------------------------------------------------------------
    def _pv(self, key: UUID | str) -> ProcesVerbal:
        return self._store.get(as_uuid(key), ProcesVerbal, PVNotFound)

    def _content(
        self, deliberation: Deliberation, number: int, corrects: dict[str, Any] | None
    ) -> dict[str, Any]:
        session = self._session(deliberation.session_id)
        referential = self._referentials.of_session(session.id)
        decided = {cid for cid, _ in deliberation.decisions}
        rows = []
        for cid in session.candidate_ids:
            if cid in decided:
                candidate = self._candidate(cid)
                before = self._acquired_before(candidate.ref, session.id)
                rows.append(candidate_row(deliberation, candidate, before, referential))
        return build_content(
            session, deliberation, rows, number, self._clock(), referential, corrects
        )

    def _acquired_before(self, ref: str, session_id: UUID) -> set[int]:
        attainment = self._store.get_or_none(attainment_id(ref), Attainment)
        if attainment is None:
            return set()
        return {b for b, at in attainment.acquired.items() if at["session_id"] != session_id}

    def _issue(
        self,
        deliberation: Deliberation,
        corrects: ProcesVerbal | None,
        reason: str | None,
        actor: str,
    ) -> ProcesVerbal:
        number = len(deliberation.pv_ids) + 1
        ref = (
            None
            if corrects is None
            else {"pv_id": str(corrects.id), "number": corrects.number, "reason": reason}
        )
        content = self._content(deliberation, number, ref)
        docx, pdf = self._render(content)
        for data in (docx, pdf):
            self._blobs.put(io.BytesIO(data))
        pv = ProcesVerbal.generate(
            at=self._clock(),
            session_id=deliberation.session_id,
            number=number,
            content=content,
            docx_sha256=hashlib.sha256(docx).hexdigest(),
            pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            signatories=[m.account_id for m in deliberation.members],
            corrects=None if corrects is None else corrects.id,
            correction_reason=reason,
            actor=actor,
        )
        deliberation.issue(pv.id, actor, self._clock())
        self._store.save(pv, deliberation)
        return pv

    def generate_pv(self, session_id: UUID | str, actor: str) -> PVView:
        """Generate the session's PV (DOCX + PDF); again before it is final returns the same."""

        def command() -> PVView:
            deliberation = self._deliberation(as_uuid(session_id))
            if deliberation.pv_ids:
                latest = self._pv(deliberation.pv_ids[-1])
                if latest.final:
                    raise PVAlreadyFinal("the PV is signed; issue a correction instead")
                return _pv_view(latest)
            deliberation.ensure_may_decide(set())
            if not deliberation.decisions:
                raise InvalidInput("the jury has not decided on any bloc yet")
            return _pv_view(self._issue(deliberation, None, None, actor))

        return self._store.retrying(command)

    def correct_pv(self, pv_key: UUID | str, reason: str, actor: str) -> PVView:
        """Issue a new PV that references a final one (the signed one stays as it was)."""
        if not (reason or "").strip():
            raise RationaleRequired("a correction needs its reason")

        def command() -> PVView:
            old = self._pv(pv_key)
            if not old.final:
                raise PVAlreadyFinal("only a final PV is corrected; this one is still open")
            deliberation = self._deliberation(old.session_id)
            if deliberation.pv_ids[-1] != old.id:
                raise PVAlreadyFinal("this PV was already corrected; correct the latest one")
            return _pv_view(self._issue(deliberation, old, reason.strip(), actor))

        return self._store.retrying(command)

    def sign_pv(self, pv_key: UUID | str, member_id: UUID | str, sha256: str) -> PVView:
        """A member signs the PV's sha256; the last signature makes it final and blocs acquired."""

        def command() -> PVView:
            pv = self._pv(pv_key)
            became_final = pv.sign(as_uuid(member_id), sha256, self._clock())
            acquired = self._acquisitions(pv) if became_final else []
            self._store.save(pv, *acquired)
            return _pv_view(pv)

        return self._store.retrying(command)

    def _acquisitions(self, pv: ProcesVerbal) -> list[Attainment]:
        changed = []
        for row in pv.content["candidates"]:
            attainment = self._store.get_or_none(
                attainment_id(row["ref"]), Attainment
            ) or Attainment.open(row["ref"], self._clock())
            for bloc in row["blocs"]:
                if bloc["result"] == VALIDE:
                    attainment.acquire(
                        bloc["number"],
                        pv.session_id,
                        pv.id,
                        pv.content["listing"],
                        pv.content["referential_version"],
                        self._clock(),
                    )
            changed.append(attainment)
        return changed

    def pv(self, pv_key: UUID | str) -> PVView:
        return _pv_view(self._pv(pv_key))

    def pvs(self, session_id: UUID | str) -> list[PVView]:
        """Every PV of the session, the latest last."""
        return [_pv_view(self._pv(k)) for k in self._deliberation(as_uuid(session_id)).pv_ids]

    def pv_document(self, pv_key: UUID | str, fmt: str) -> bytes:
        """The stored DOCX or PDF of a PV."""
        pv = self._pv(pv_key)
        digest = {"docx": pv.docx_sha256, "pdf": pv.pdf_sha256}.get(fmt)
        if digest is None:
            raise InvalidInput("format must be docx or pdf")
        return b"".join(self._blobs.open(digest))

    def regenerate_pv(self, pv_key: UUID | str) -> tuple[bytes, bytes]:
        """Render a PV again from its events; PVRegenerationMismatch if a byte differs."""
        pv = self._pv(pv_key)
        docx, pdf = self._render(pv.content)
        digests = (hashlib.sha256(docx).hexdigest(), hashlib.sha256(pdf).hexdigest())
        if digests != (pv.docx_sha256, pv.pdf_sha256):
            raise PVRegenerationMismatch(f"PV {pv.number} no longer renders to its signed bytes")
        return docx, pdf

    def acquired_blocs(self, candidate_ref: str) -> dict[int, dict[str, Any]]:
        """Blocs acquired for good by a candidate number, across sessions."""
        attainment = self._store.get_or_none(attainment_id(candidate_ref), Attainment)
        return {} if attainment is None else dict(attainment.acquired)

    def title_obtained(self, candidate_ref: str) -> bool:
        """Every bloc of the title acquired (the blocs of the referential the last one was
        acquired under)."""
        attainment = self._store.get_or_none(attainment_id(candidate_ref), Attainment)
        version = None if attainment is None else attainment.latest_referential_version
        if attainment is None or version is None:
            return False
        blocs = self._referentials.referentials.get(version).bloc_numbers
        return attainment.title_obtained(blocs)
