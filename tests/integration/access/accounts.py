from tests.integration.access import ADMIN, AUDITOR, rule

RULES = [
    rule("GET", "/api/accounts", ADMIN),
    rule(
        "POST",
        "/api/accounts",
        ADMIN,
        ok={201},
        json=lambda w, role: {
            "login": w.unique("inv") + "@example.org",
            "display_name": "Invitee",
            "role": AUDITOR,
        },
    ),
    rule("GET", "/api/accounts/{account_id}", ADMIN),
    rule("POST", "/api/accounts/{account_id}/activation", ADMIN, ok={201}),
    rule("POST", "/api/accounts/{account_id}/disable", ADMIN, ok={204}),
]
