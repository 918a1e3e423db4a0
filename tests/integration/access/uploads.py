from tests.integration.access import CANDIDATE, PDF, rule

BASE = "/api/candidates/{candidate_id}/productions"

RULES = [
    rule(
        "POST",
        BASE + "/{code}/versions",
        CANDIDATE,
        ok={201},
        scoped=True,
        files=lambda w, role: {"file": ("e1.pdf", PDF, "application/pdf")},
    ),
    # The first submission succeeds, a second one is a conflict: both prove access.
    rule(
        "POST",
        BASE + "/{code}/submission",
        CANDIDATE,
        ok={200, 409},
        scoped=True,
        json=lambda w, role: {},
    ),
]
