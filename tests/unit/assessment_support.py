"""Helpers for the assessment and jury unit tests: app with PV renderer, scored candidates."""

from __future__ import annotations

from uuid import UUID, uuid4

from portfolio.application.app import PortfolioApp
from portfolio.application.assessment import situation_grid
from portfolio.application.memory import MemoryBlobStore, MemoryVault
from rendering import render_pv
from tests.unit.evidence_support import POPO, FakeClock, pdf

SITUATIONS = ("E1", "E2", "ORAL_NEGOTIATION", "E3", "E3_ORAL")


def jury_app(clock: FakeClock | None = None) -> PortfolioApp:
    return PortfolioApp(
        env=dict(POPO),
        blobs=MemoryBlobStore(),
        vault=MemoryVault(),
        clock=clock or FakeClock(),
        pv_renderer=render_pv,
    )


def session_with(app: PortfolioApp, scale: str = "levels", **rules) -> UUID:
    return app.open_session(
        "RNCP38700", "cdc-2024.1", f"s-{scale}", "admin", None, result_scale=scale, **rules
    )


def scored_candidate(app, session, ref="C-1", value="acquis", overrides=None, assessor=None):
    """A candidate with E1–E3 submitted and every situation scored and signed by one assessor."""
    cand = app.add_candidate(session, ref, "Nom Prénom", f"{ref}@example.org", "formation", "a")
    for code in ("E1", "E2", "E3"):
        app.upload(cand, code, pdf(f"{ref}{code}"), f"{code}.pdf", "application/pdf", "c")
        app.submit(cand, code, None, "c")
    assessor = assessor or uuid4()
    for situation in SITUATIONS:
        app.assign_assessor(cand, situation, assessor, "admin")
        for criterion in situation_grid(situation)[1]:
            chosen = (overrides or {}).get(criterion, value)
            app.score_criterion(assessor, cand, situation, criterion, chosen, "grille")
        app.sign_off(assessor, cand, situation)
    return cand


def seated_jury(app, session, external=(True, False, True)) -> list[UUID]:
    app.open_deliberation(session, "2026-07-03", "présentiel", "admin")
    members = [uuid4() for _ in external]
    for number, (member, ext) in enumerate(zip(members, external, strict=True)):
        app.seat_member(session, member, f"Membre {number}", "jury", ext, "admin")
    return members
