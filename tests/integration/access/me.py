from tests.integration.access import EVERYONE, PASSWORD, rule

RULES = [
    rule("GET", "/api/me", *EVERYONE),
    rule(
        "POST",
        "/api/me/password",
        *EVERYONE,
        ok={204},
        json=lambda w, role: {"current_password": PASSWORD, "new_password": PASSWORD},
    ),
    rule("GET", "/api/me/tokens", *EVERYONE),
    rule("POST", "/api/me/tokens", *EVERYONE, ok={201}, json=lambda w, role: {"label": "m"}),
    # Revoking a token that is not live is a conflict; the call itself is permitted.
    rule("DELETE", "/api/me/tokens/{token_id}", *EVERYONE, ok={409}),
    rule("GET", "/api/me/candidates", *EVERYONE),
]
