from tests.integration.access import ADMIN, CANDIDATE, PDF, rule

RULES = [
    rule(
        "POST",
        "/api/precheck",
        ADMIN,
        CANDIDATE,
        files=lambda w, role: {"file": ("e1.pdf", PDF, "application/pdf")},
    ),
]
