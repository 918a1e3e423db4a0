from tests.integration.access import ADMIN, EVERYONE, PASSWORD, Rule, rule

RULES = [
    Rule(
        "POST",
        "/api/auth/login",
        public=True,
        json=lambda w, role: {"login": w.logins[ADMIN], "password": PASSWORD},
    ),
    rule("POST", "/api/auth/logout", *EVERYONE, ok={204}),
    # A forged token is refused the same way whoever asks: the route itself is public.
    Rule(
        "GET",
        "/api/activation",
        public=True,
        ok=frozenset({422}),
        query=lambda w, role: {"token": f"{w.invited_id.hex}.forged"},
    ),
    Rule(
        "POST",
        "/api/activation",
        public=True,
        ok=frozenset({422}),
        json=lambda w, role: {"token": f"{w.invited_id.hex}.forged", "password": PASSWORD},
    ),
]
