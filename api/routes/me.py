"""The signed-in account: who am I, my password, my personal API tokens, my candidates."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import Accounts, Assignments, CurrentPrincipal, Sessions
from api.schemas import AccountOut, CandidateOut
from portfolio.application.accounts import MIN_PASSWORD
from portfolio.domain.account import Role

router = APIRouter(prefix="/api/me", tags=["me"])


class PasswordIn(BaseModel):
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=MIN_PASSWORD, max_length=1024)


class TokenIn(BaseModel):
    label: str = Field("script", min_length=1, max_length=100)


class TokenOut(BaseModel):
    token_id: str
    label: str
    revoked: bool


class IssuedTokenOut(BaseModel):
    token_id: str
    label: str
    token: str = Field(description="Shown this once; store it now (Authorization: Bearer …)")


@router.get("", summary="The signed-in account")
def whoami(principal: CurrentPrincipal) -> AccountOut:
    return AccountOut.model_validate(principal.account)


@router.post("/password", status_code=204, summary="Change my password")
def change_password(body: PasswordIn, principal: CurrentPrincipal, accounts: Accounts) -> None:
    accounts.change_password(
        principal.account.id, body.current_password, body.new_password, principal.actor
    )


@router.get("/tokens", summary="My personal API tokens (never the secrets)")
def list_tokens(principal: CurrentPrincipal, accounts: Accounts) -> list[TokenOut]:
    return [TokenOut(**vars(t)) for t in accounts.api_tokens(principal.account.id)]


@router.post("/tokens", status_code=201, summary="Issue a personal API token (shown once)")
def issue_token(body: TokenIn, principal: CurrentPrincipal, accounts: Accounts) -> IssuedTokenOut:
    issued = accounts.issue_api_token(principal.account.id, body.label, principal.actor)
    return IssuedTokenOut(token_id=issued.token_id, label=issued.label, token=issued.token)


@router.delete("/tokens/{token_id}", status_code=204, summary="Revoke one of my API tokens")
def revoke_token(token_id: str, principal: CurrentPrincipal, accounts: Accounts) -> None:
    accounts.revoke_api_token(principal.account.id, token_id, principal.actor)


@router.get("/candidates", summary="Candidates whose portfolio I may read as candidate/assessor")
def my_candidates(
    principal: CurrentPrincipal, sessions: Sessions, assignments: Assignments
) -> list[CandidateOut]:
    account = principal.account
    if account.role is Role.CANDIDATE and account.candidate_id:
        ids = [account.candidate_id]
    elif account.role is Role.ASSESSOR:
        ids = assignments.assigned_candidates(account.id)
    else:
        ids = []
    return [CandidateOut.model_validate(sessions.candidate(cid)) for cid in ids]
