from tests.integration.access import ADMIN, AUDITOR, rule

RULES = [
    rule("GET", "/api/candidates/{candidate_id}/history", ADMIN, AUDITOR),
    rule(
        "GET",
        "/api/candidates/{candidate_id}/state",
        ADMIN,
        AUDITOR,
        query=lambda w, role: {"as_of": "2030-01-01T00:00:00Z"},
    ),
    rule("GET", "/api/audit/verification", ADMIN, AUDITOR),
    rule("GET", "/api/audit/events", ADMIN, AUDITOR, query=lambda w, role: {"limit": 5}),
]
