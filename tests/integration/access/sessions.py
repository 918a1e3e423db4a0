from tests.integration.access import ADMIN, AUDITOR, rule

RULES = [
    rule(
        "POST",
        "/api/sessions",
        ADMIN,
        ok={201},
        json=lambda w, role: {
            "listing": "RNCP38789",
            "referential_version": "cdc-2024.1",
            "label": w.unique("matrix session "),
        },
    ),
    rule("GET", "/api/sessions/{session_id}", ADMIN, AUDITOR),
]
