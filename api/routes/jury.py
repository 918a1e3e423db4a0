"""The deliberation jury over HTTP: composition, proposals, decisions, procès-verbaux.

Administrators open the deliberation, seat members and issue PVs; jury members decide and
sign (each signature names the PV's sha256). PVs are addressed by their number in the session.
"""

# Annotations stay evaluated (no `from __future__ import annotations`): the request models
# are built inside `router()`, where FastAPI could not resolve them by name.

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from api.deps import (
    Admin,
    App,
    Assignments,
    Jury,
    Principal,
    Sessions,
    may_read,
    require,
    sits_on,
)
from api.files import content_disposition
from bootstrap import Portfolio
from portfolio.domain.account import Role
from portfolio.domain.pv import pv_id
from portfolio.errors import CandidateNotFound, SessionNotFound
from portfolio.referential import Vocabulary

Deliberator = Annotated[Principal, Depends(require(Role.ADMINISTRATOR, Role.JURY_MEMBER))]
JuryReader = Annotated[
    Principal, Depends(require(Role.ADMINISTRATOR, Role.AUDITOR, Role.JURY_MEMBER))
]
Declarant = Annotated[Principal, Depends(require(Role.ASSESSOR, Role.JURY_MEMBER))]
JuryMember = Annotated[Principal, Depends(require(Role.JURY_MEMBER))]


def _within_jury_reach(app: Portfolio, principal: Principal, candidate_id: UUID) -> None:
    """A jury member acts only on candidates they deliberate on (404 otherwise)."""
    if principal.role is Role.JURY_MEMBER and not may_read(app, principal, candidate_id):
        raise CandidateNotFound(f"no candidate {candidate_id}")


def proposal_reader(candidate_id: UUID, principal: JuryReader, app: App) -> Principal:
    """A jury member sees proposals only for candidates they may read (404 otherwise)."""
    _within_jury_reach(app, principal, candidate_id)
    return principal


def session_reader(session_id: UUID, principal: JuryReader, app: App) -> Principal:
    """A jury member reads the deliberation and PVs only of a session where they sit."""
    if principal.role is Role.JURY_MEMBER and not sits_on(app, principal.account.id, session_id):
        raise SessionNotFound(f"no session {session_id}")
    return principal


def seated_member(session_id: UUID, principal: JuryMember, app: App) -> Principal:
    """Only a member seated on the session's jury acts on its PVs; others learn nothing (404)."""
    if not sits_on(app, principal.account.id, session_id):
        raise SessionNotFound(f"no session {session_id}")
    return principal


ProposalReader = Annotated[Principal, Depends(proposal_reader)]
SessionReader = Annotated[Principal, Depends(session_reader)]
SeatedMember = Annotated[Principal, Depends(seated_member)]
MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class ConflictIn(BaseModel):
    candidate_id: UUID
    kind: str = Field(pattern="^(tutor|employer|trainer|other)$")
    note: str = Field("", max_length=2000)


class DeliberationIn(BaseModel):
    held_on: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", examples=["2026-07-03"])
    mode: str = Field(pattern="^(présentiel|distanciel|hybride)$")


class MemberIn(BaseModel):
    account_id: UUID
    name: str = Field(min_length=1, max_length=200)
    capacity: str = Field(min_length=1, max_length=200)
    external: bool


class DecisionFields(BaseModel):
    candidate_id: UUID
    decision: str = Field(pattern="^(validé|non validé)$")
    reasons: str = Field("", max_length=10_000)
    correcting: bool = False


class ProposalOut(BaseModel):
    bloc: int
    proposal: str
    finals: dict[str, str | None]


class PVOut(BaseModel):
    pv_id: UUID
    number: int
    sha256: str
    docx_sha256: str
    pdf_sha256: str
    signatories: list[UUID]
    signed_by: list[UUID]
    final: bool
    corrects: UUID | None


class SignatureIn(BaseModel):
    number: int = Field(ge=1)
    sha256: str = Field(pattern="^[0-9a-fA-F]{64}$")


class CorrectionIn(BaseModel):
    number: int = Field(ge=1)
    reason: str = Field(min_length=1, max_length=10_000)


class DeliberationOut(BaseModel):
    held_on: str
    mode: str
    members: list[MemberIn]
    problems: list[str]
    pvs: list[PVOut]


def _pv_out(view) -> PVOut:
    return PVOut.model_validate(view, from_attributes=True)


def router(vocabulary: Vocabulary) -> APIRouter:
    """The jury router; bloc numbers from `vocabulary`."""
    routes = APIRouter(tags=["jury"])
    first, last = vocabulary.bloc_range
    Bloc = Annotated[int, Query(ge=first, le=last)]

    class DecisionIn(DecisionFields):
        bloc: int = Field(ge=first, le=last)

    @routes.post(
        "/api/conflicts",
        status_code=201,
        summary="Declare one's conflict of interest with a candidate (tutor, employer…)",
    )
    def declare_conflict(
        body: ConflictIn, principal: Declarant, sessions: Sessions, assignments: Assignments
    ) -> dict[str, str]:
        sessions.candidate(body.candidate_id)
        assignments.declare_conflict(
            principal.account.id, body.candidate_id, body.kind, body.note, principal.actor
        )
        return {"status": "recorded"}

    @routes.post(
        "/api/sessions/{session_id}/deliberation",
        status_code=201,
        summary="Open the session's deliberation (again: the same one)",
    )
    def open_deliberation(
        session_id: UUID, body: DeliberationIn, principal: Admin, jury: Jury
    ) -> dict[str, UUID]:
        key = jury.open_deliberation(session_id, body.held_on, body.mode, principal.actor)
        return {"deliberation_id": key}

    @routes.get("/api/sessions/{session_id}/deliberation", summary="Jury, composition, PVs")
    def get_deliberation(session_id: UUID, _: SessionReader, jury: Jury) -> DeliberationOut:
        view = jury.deliberation(session_id)
        return DeliberationOut(
            held_on=view.held_on,
            mode=view.mode,
            members=[MemberIn.model_validate(m, from_attributes=True) for m in view.members],
            problems=list(view.problems),
            pvs=[_pv_out(p) for p in jury.pvs(session_id)],
        )

    @routes.post(
        "/api/sessions/{session_id}/deliberation/members",
        status_code=201,
        summary="Seat a jury member",
    )
    def seat(session_id: UUID, body: MemberIn, principal: Admin, jury: Jury) -> dict[str, str]:
        jury.seat_member(
            session_id, body.account_id, body.name, body.capacity, body.external, principal.actor
        )
        return {"status": "seated"}

    @routes.get(
        "/api/candidates/{candidate_id}/proposal",
        summary="The system's proposal for one bloc of a candidate",
    )
    def proposal(
        candidate_id: UUID,
        bloc: Bloc,
        _: ProposalReader,
        sessions: Sessions,
        jury: Jury,
    ) -> ProposalOut:
        sessions.candidate(candidate_id)
        view = jury.propose_bloc(candidate_id, bloc)
        return ProposalOut(bloc=view.bloc, proposal=view.proposal, finals=view.finals)

    @routes.post(
        "/api/sessions/{session_id}/deliberation/decisions",
        summary="Record the jury's decision on one bloc",
    )
    def decide(session_id: UUID, body: DecisionIn, principal: Deliberator, app: App) -> ProposalOut:
        _within_jury_reach(app, principal, body.candidate_id)
        view = app.jury.decide_bloc(
            session_id,
            body.candidate_id,
            body.bloc,
            body.decision,
            body.reasons,
            principal.actor,
            body.correcting,
        )
        return ProposalOut(bloc=view.bloc, proposal=view.proposal, finals=view.finals)

    @routes.post(
        "/api/sessions/{session_id}/pvs",
        status_code=201,
        summary="Generate the session's procès-verbal (DOCX and PDF)",
    )
    def generate(session_id: UUID, principal: Admin, jury: Jury) -> PVOut:
        return _pv_out(jury.generate_pv(session_id, principal.actor))

    @routes.get("/api/sessions/{session_id}/pvs", summary="The session's PVs, latest last")
    def list_pvs(session_id: UUID, _: SessionReader, jury: Jury) -> list[PVOut]:
        return [_pv_out(p) for p in jury.pvs(session_id)]

    @routes.get("/api/sessions/{session_id}/pv-document", summary="Download a PV (pdf or docx)")
    def document(
        session_id: UUID,
        _: SessionReader,
        jury: Jury,
        number: Annotated[int, Query(ge=1)] = 1,
        format: Annotated[str, Query(pattern="^(pdf|docx)$")] = "pdf",
    ) -> Response:
        data = jury.pv_document(pv_id(session_id, number), format)
        headers = {"Content-Disposition": content_disposition(f"proces-verbal-{number}.{format}")}
        return Response(data, media_type=MEDIA[format], headers=headers)

    @routes.post(
        "/api/sessions/{session_id}/pv-signatures",
        summary="Sign a PV as a jury member (bound to its sha256)",
    )
    def sign(session_id: UUID, body: SignatureIn, principal: SeatedMember, jury: Jury) -> PVOut:
        signed = jury.sign_pv(pv_id(session_id, body.number), principal.account.id, body.sha256)
        return _pv_out(signed)

    @routes.post(
        "/api/sessions/{session_id}/pv-corrections",
        status_code=201,
        summary="Issue a PV correcting a final one",
    )
    def correct(session_id: UUID, body: CorrectionIn, principal: Admin, jury: Jury) -> PVOut:
        corrected = jury.correct_pv(pv_id(session_id, body.number), body.reason, principal.actor)
        return _pv_out(corrected)

    return routes
