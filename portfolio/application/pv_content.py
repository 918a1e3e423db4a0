"""The procès-verbal's content, built from the events of a session's deliberation.

The result is a plain JSON-able dict; it is recorded in the PV's generation event and is all a
renderer needs, so a PV regenerates byte for byte. Candidates appear by their certifier
number (pseudonymous, kept after an erasure), never by name.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from portfolio.domain.jury import VALIDE, Deliberation
from portfolio.domain.session import AssessmentSession
from portfolio.referential import Referential

OBTENU, PARTIELLE, AJOURNE = "obtenu", "validation partielle", "ajourné"
NOT_PRESENTED, ACQUIRED_BEFORE = "non présenté", "acquis antérieurement"


def outcome(validated_now: set[int], acquired_before: set[int], blocs: tuple[int, ...]) -> str:
    """obtenu when every bloc is acquired (now or before); partial when some were validated now."""
    if set(blocs) <= validated_now | acquired_before:
        return OBTENU
    return PARTIELLE if validated_now else AJOURNE


def _bloc_row(number: int, result: str, proposal: str = "", reasons: str = "") -> dict[str, Any]:
    """One bloc's line; only a decision (which always has a proposal) can depart from it."""
    return {
        "number": number,
        "result": result,
        "proposal": proposal,
        "reasons": reasons,
        "departs": bool(proposal) and result != proposal,
    }


def _bloc_rows(
    deliberation: Deliberation,
    candidate_id: UUID,
    acquired_before: set[int],
    blocs: tuple[int, ...],
) -> list[dict[str, Any]]:
    rows = []
    for number in blocs:
        decided = deliberation.decisions.get((candidate_id, number))
        if decided is None:
            result = ACQUIRED_BEFORE if number in acquired_before else NOT_PRESENTED
            rows.append(_bloc_row(number, result))
        else:
            rows.append(
                _bloc_row(number, decided["decision"], decided["proposal"], decided["reasons"])
            )
    return rows


def candidate_row(
    deliberation: Deliberation,
    candidate: Any,
    acquired_before: set[int],
    referential: Referential,
) -> dict[str, Any]:
    title = referential.bloc_numbers
    blocs = _bloc_rows(deliberation, candidate.id, acquired_before, title)
    validated = {r["number"] for r in blocs if r["result"] == VALIDE}
    return {
        "candidate_id": str(candidate.id),
        "ref": candidate.ref,
        "route": candidate.route,
        "blocs": blocs,
        "outcome": outcome(validated, acquired_before, title),
    }


def build_content(
    session: AssessmentSession,
    deliberation: Deliberation,
    candidates: list[dict[str, Any]],
    number: int,
    generated_at: datetime,
    referential: Referential,
    corrects: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything DOMAIN.md asks a PV to show, as plain values (titles and blocs from the
    session's referential)."""
    return {
        "title": referential.title,
        "listing": session.listing,
        "referential_version": session.referential_version,
        "blocs": [
            {"number": b.number, "code": b.code or f"Bloc {b.number}", "title": b.title}
            for b in referential.blocs
        ],
        "session": {
            "id": str(session.id),
            "label": session.label,
            "held_on": deliberation.held_on,
            "mode": deliberation.mode,
        },
        "number": number,
        "corrects": corrects,
        "members": [
            {
                "account_id": str(m.account_id),
                "name": m.name,
                "capacity": m.capacity,
                "external": m.external,
            }
            for m in deliberation.members
        ],
        "rules": {
            "scale": session.result_scale,
            "pass_mark": session.pass_mark,
            "compensation": session.compensation,
            "discrepancy_threshold": session.discrepancy_threshold,
        },
        "candidates": candidates,
        "incidents": list(deliberation.incidents),
        "generated_at": generated_at.isoformat(),
    }
