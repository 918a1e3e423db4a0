from tests.integration.access import ADMIN, ASSESSOR, AUDITOR, CANDIDATE, JURY, rule

RULES = [
    rule("GET", "/api/sessions/{session_id}/candidates", ADMIN, AUDITOR),
    rule(
        "POST",
        "/api/sessions/{session_id}/candidates",
        ADMIN,
        ok={201},
        json=lambda w, role: {
            "ref": w.unique("REF-"),
            "name": "Nouveau Candidat",
            "email": "nouveau@example.org",
        },
    ),
    rule(
        "GET",
        "/api/candidates/{candidate_id}",
        ADMIN,
        AUDITOR,
        ASSESSOR,
        CANDIDATE,
        JURY,
        scoped=True,
    ),
]
