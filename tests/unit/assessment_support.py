"""Helpers for the assessment and jury unit tests: app with PV renderer, scored candidates."""

from __future__ import annotations

from uuid import UUID, uuid4

from bootstrap import Portfolio
from portfolio.application.grids import situation_grid
from tests.unit.evidence_support import REFERENTIALS, FakeClock, make_app, pdf

SITUATIONS = tuple(s.id for s in REFERENTIALS.current().situations)  # E1 … E3_ORAL


def jury_app(clock: FakeClock | None = None) -> Portfolio:
    """A Portfolio on the twins, with the real PV renderer (the default)."""
    return make_app(clock)


def session_with(app: Portfolio, scale: str = "levels", **rules) -> UUID:
    return app.sessions.open_session(
        "RNCP38700", "cdc-2024.1", f"s-{scale}", "admin", None, result_scale=scale, **rules
    )


def scored_candidate(app, session, ref="C-1", value="acquis", overrides=None, assessor=None):
    """A candidate with E1–E3 submitted and every situation scored and signed by one assessor."""
    cand = app.sessions.add_candidate(
        session, ref, "Nom Prénom", f"{ref}@example.org", "formation", "a"
    )
    for code in ("E1", "E2", "E3"):
        app.evidence.upload(cand, code, pdf(f"{ref}{code}"), f"{code}.pdf", "application/pdf", "c")
        app.evidence.submit(cand, code, None, "c")
    assessor = assessor or uuid4()
    for situation in SITUATIONS:
        app.assignments.assign_assessor(cand, situation, assessor, "admin")
        for criterion in situation_grid(REFERENTIALS.current(), situation)[1]:
            chosen = (overrides or {}).get(criterion, value)
            app.scoring.score_criterion(assessor, cand, situation, criterion, chosen, "grille")
        app.scoring.sign_off(assessor, cand, situation)
    return cand


def seated_jury(app, session, external=(True, False, True)) -> list[UUID]:
    app.jury.open_deliberation(session, "2026-07-03", "présentiel", "admin")
    members = [uuid4() for _ in external]
    for number, (member, ext) in enumerate(zip(members, external, strict=True)):
        app.jury.seat_member(session, member, f"Membre {number}", "jury", ext, "admin")
    return members
