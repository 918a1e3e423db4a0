"""Assessment over HTTP: scores, sign-off, grids, annotations, moderation.

Assessors act only on candidates they are assigned to (404 otherwise, as for an unknown id);
while double marking is blind they read only their own grids and annotations. Jury members
read the grids of the candidates of the sessions they deliberate on (conflicts excepted).
"""

# Annotations stay evaluated (no `from __future__ import annotations`): the request models
# are built inside `router()`, where FastAPI could not resolve them by name.

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.deps import (
    Admin,
    Annotations,
    App,
    Moderation,
    Principal,
    Scoring,
    Sessions,
    may_read,
    require,
)
from bootstrap import Portfolio
from portfolio.domain.account import Role
from portfolio.errors import CandidateNotFound
from portfolio.referential import Vocabulary

AssessorRole = Annotated[Principal, Depends(require(Role.ASSESSOR))]
GridReaderRole = Annotated[
    Principal, Depends(require(Role.ADMINISTRATOR, Role.AUDITOR, Role.ASSESSOR, Role.JURY_MEMBER))
]


def _scoped(app: Portfolio, principal: Principal, candidate_id: UUID) -> Principal:
    """An assessor only sees assigned candidates, a jury member those of the sessions they
    deliberate on (conflicts excepted); everyone gets 404 for an unknown one."""
    bound = principal.role in (Role.ASSESSOR, Role.JURY_MEMBER)
    if bound and not may_read(app, principal, candidate_id):
        raise CandidateNotFound(f"no candidate {candidate_id}")
    app.sessions.candidate(candidate_id)
    return principal


def assessor_of(candidate_id: UUID, principal: AssessorRole, app: App) -> Principal:
    return _scoped(app, principal, candidate_id)


def grid_reader(candidate_id: UUID, principal: GridReaderRole, app: App) -> Principal:
    return _scoped(app, principal, candidate_id)


AssignedAssessor = Annotated[Principal, Depends(assessor_of)]
GridReader = Annotated[Principal, Depends(grid_reader)]


class ScoreOut(BaseModel):
    score_id: UUID
    criterion: str
    value: str
    rationale: str
    supersedes: UUID | None
    reason: str | None
    evidence_sha256: str | None
    referential_version: str


class SheetOut(BaseModel):
    assessor_id: UUID
    situation: str
    scale: str
    evidence_sha256: str | None
    referential_version: str
    signed_off: bool
    sign_offs: int
    scores: list[ScoreOut]


class DiscrepancyOut(BaseModel):
    criterion: str
    values: dict[str, str]
    agreed: str | None


def _score_out(score: Any) -> ScoreOut:
    return ScoreOut.model_validate(score, from_attributes=True)


def router(vocabulary: Vocabulary) -> APIRouter:
    """The assessment router; situation and production codes from `vocabulary`."""
    routes = APIRouter(prefix="/api/candidates/{candidate_id}", tags=["assessment"])
    situations, productions = vocabulary.situation_pattern, vocabulary.production_pattern
    Situation = Annotated[str, Query(pattern=situations, examples=[vocabulary.situations[0]])]
    Code = Annotated[str, Path(pattern=productions)]

    class ScoreIn(BaseModel):
        situation: str = Field(pattern=situations)
        criterion: str = Field(max_length=20, examples=["CR1.1.1"])
        value: str = Field(max_length=40, examples=["acquis", "12.5"])
        rationale: str = Field(max_length=10_000)
        reason: str | None = Field(None, max_length=10_000)
        evidence_sha256: str | None = Field(None, pattern="^[0-9a-f]{64}$")

    class SignOffIn(BaseModel):
        situation: str = Field(pattern=situations)

    class AnnotationIn(BaseModel):
        code: str = Field(pattern=productions)
        section_id: str = Field(min_length=1, max_length=200)
        start: int = Field(ge=0)
        end: int = Field(ge=1)
        comment: str = Field(max_length=10_000)
        criterion: str | None = Field(None, max_length=20)
        exact: str | None = Field(None, max_length=100_000)
        prefix: str = Field("", max_length=1000)
        suffix: str = Field("", max_length=1000)

    class RetractionIn(BaseModel):
        code: str = Field(pattern=productions)
        annotation_id: UUID
        reason: str = Field("", max_length=2000)

    class ModerationIn(BaseModel):
        situation: str = Field(pattern=situations)
        criterion: str = Field(max_length=20)
        value: str = Field(max_length=40)
        reasons: str = Field(max_length=10_000)

    @routes.post("/scores", summary="Score one criterion (a change needs a reason)")
    def score(
        candidate_id: UUID, body: ScoreIn, principal: AssignedAssessor, scoring: Scoring
    ) -> ScoreOut:
        result = scoring.score_criterion(
            principal.account.id,
            candidate_id,
            body.situation,
            body.criterion,
            body.value,
            body.rationale,
            body.evidence_sha256,
            body.reason,
        )
        return _score_out(result)

    @routes.post("/sign-offs", summary="Sign off one's assessment of a situation")
    def sign_off(
        candidate_id: UUID, body: SignOffIn, principal: AssignedAssessor, scoring: Scoring
    ) -> dict[str, int]:
        return {"round": scoring.sign_off(principal.account.id, candidate_id, body.situation)}

    @routes.get("/sheets", summary="Assessment grids the caller may read (blind while marking)")
    def sheets(
        candidate_id: UUID, situation: Situation, principal: GridReader, scoring: Scoring
    ) -> list[SheetOut]:
        found = scoring.assessment_sheets(principal.account.id, candidate_id, situation)
        return [
            SheetOut(
                assessor_id=s.assessor_id,
                situation=s.situation,
                scale=s.scale,
                evidence_sha256=s.evidence_sha256,
                referential_version=s.referential_version,
                signed_off=s.signed_off,
                sign_offs=s.sign_offs,
                scores=[_score_out(v) for v in s.current.values()],
            )
            for s in found
        ]

    @routes.post("/annotations", status_code=201, summary="Annotate the submitted version")
    def annotate(
        candidate_id: UUID,
        body: AnnotationIn,
        principal: AssignedAssessor,
        annotations: Annotations,
    ) -> dict[str, UUID]:
        key = annotations.annotate(
            principal.account.id,
            candidate_id,
            body.code,
            body.section_id,
            body.start,
            body.end,
            body.comment,
            body.criterion,
            body.exact,
            body.prefix,
            body.suffix,
        )
        return {"annotation_id": key}

    @routes.post("/annotation-retractions", summary="Retract one's annotation (never deleted)")
    def retract(
        candidate_id: UUID,
        body: RetractionIn,
        principal: AssignedAssessor,
        annotations: Annotations,
    ) -> dict[str, str]:
        annotations.retract(
            principal.account.id, candidate_id, body.code, body.annotation_id, body.reason
        )
        return {"status": "retracted"}

    @routes.get(
        "/productions/{code}/annotations",
        summary="A production's annotations as W3C Web Annotation JSON-LD",
        response_class=JSONResponse,
    )
    def production_annotations(
        candidate_id: UUID,
        code: Code,
        principal: GridReader,
        annotations: Annotations,
    ) -> JSONResponse:
        document = annotations.jsonld(candidate_id, code)
        visible = {
            f"urn:uuid:{a.annotation_id}"
            for a in annotations.visible(principal.account.id, candidate_id, code)
        }
        items = [i for i in document["first"]["items"] if i["id"] in visible]
        document["first"]["items"], document["total"] = items, len(items)
        return JSONResponse(document, media_type="application/ld+json")

    @routes.get("/discrepancies", summary="Criteria where signed-off assessors disagree")
    def list_discrepancies(
        candidate_id: UUID,
        situation: Situation,
        principal: GridReader,
        scoring: Scoring,
        moderation: Moderation,
    ) -> list[DiscrepancyOut]:
        if not scoring.may_see_all_grids(principal.account.id, candidate_id, situation):
            return []  # blind double marking: nothing to compare yet for this assessor
        found = moderation.discrepancies(candidate_id, situation)
        return [
            DiscrepancyOut(
                criterion=d.criterion,
                values={str(k): v for k, v in d.values.items()},
                agreed=d.agreed,
            )
            for d in found
        ]

    @routes.post("/moderations", summary="Record the agreed score of a discrepant criterion")
    def moderate(
        candidate_id: UUID,
        body: ModerationIn,
        principal: Admin,
        sessions: Sessions,
        moderation: Moderation,
    ) -> dict[str, str]:
        sessions.candidate(candidate_id)
        moderation.moderate(
            principal.account.id,
            candidate_id,
            body.situation,
            body.criterion,
            body.value,
            body.reasons,
        )
        return {"status": "recorded"}

    return routes
