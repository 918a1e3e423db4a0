from tests.integration.access import ADMIN, AUDITOR, rule

RULES = [
    rule(
        "POST",
        "/api/candidates/{candidate_id}/assessors",
        ADMIN,
        ok={201},
        json=lambda w, role: {"assessor_id": str(w.assessor_id), "situation": "E2"},
    ),
    rule(
        "GET",
        "/api/candidates/{candidate_id}/assessors",
        ADMIN,
        AUDITOR,
        query=lambda w, role: {"situation": "E1"},
    ),
]
