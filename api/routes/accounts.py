"""Administering accounts: invite (one-time activation link), list, re-issue, disable."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from api.deps import Admin, Portfolio
from api.schemas import AccountOut
from portfolio.application.accounts import Invitation
from portfolio.domain.account import Role

router = APIRouter(prefix="/api/accounts", tags=["accounts"])


class InviteIn(BaseModel):
    login: str = Field(min_length=1, max_length=254, description="E-mail address or user name")
    display_name: str = Field(min_length=1, max_length=200)
    role: Role
    candidate_id: UUID | None = Field(None, description="Required for (only) the candidate role")


class InvitationOut(BaseModel):
    account: AccountOut
    activation_token: str
    activation_url: str = Field(description="Hand this link to the person; it works once")
    expires_at: datetime


def _invitation(request: Request, invitation: Invitation) -> InvitationOut:
    url = request.url_for("activation_page").include_query_params(token=invitation.activation_token)
    return InvitationOut(
        account=AccountOut.model_validate(invitation.account),
        activation_token=invitation.activation_token,
        activation_url=str(url),
        expires_at=invitation.expires_at,
    )


@router.get("", summary="Every account")
def list_accounts(_: Admin, app: Portfolio) -> list[AccountOut]:
    return [AccountOut.model_validate(a) for a in app.list_accounts()]


@router.post("", status_code=201, summary="Invite a person: returns their activation link")
def invite(body: InviteIn, request: Request, principal: Admin, app: Portfolio) -> InvitationOut:
    invitation = app.invite_account(
        body.login, body.display_name, body.role, principal.actor, body.candidate_id
    )
    return _invitation(request, invitation)


@router.get("/{account_id}", summary="One account")
def get_account(account_id: UUID, _: Admin, app: Portfolio) -> AccountOut:
    return AccountOut.model_validate(app.account(account_id))


@router.post("/{account_id}/activation", status_code=201, summary="A new activation link")
def reissue(account_id: UUID, request: Request, principal: Admin, app: Portfolio) -> InvitationOut:
    return _invitation(request, app.reissue_activation(account_id, principal.actor))


@router.post("/{account_id}/disable", status_code=204, summary="Disable an account for good")
def disable(account_id: UUID, principal: Admin, app: Portfolio) -> None:
    app.disable_account(account_id, principal.actor)
