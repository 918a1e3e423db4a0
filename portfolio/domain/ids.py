"""Deterministic identifiers: retrying a create lands on the same id, never on a twin.

Every id is a uuid5 under a fixed project namespace, so the same business key (a listing and
label, a candidate number in a session, a production code of a candidate) always maps to the
same aggregate, whatever process computes it.
"""

from __future__ import annotations

from uuid import UUID, uuid5

NAMESPACE = UUID("6f3c8d2a-4b1e-5c7a-9e0f-2d4b6a8c0e1f")


def session_id(listing: str, label: str) -> UUID:
    """The id of the assessment session `label` under RNCP listing `listing`."""
    return uuid5(NAMESPACE, f"session\x1f{listing.strip()}\x1f{label.strip()}")


def candidate_id(session: UUID, ref: str) -> UUID:
    """The id of the candidate with external reference `ref` in `session`."""
    return uuid5(session, f"candidate\x1f{ref.strip()}")


def production_id(candidate: UUID, code: str) -> UUID:
    """The id of production `code` (E1, E2, E3) of `candidate`."""
    return uuid5(candidate, f"production\x1f{code.strip().upper()}")
