from tests.integration.access import Rule

RULES = [
    Rule("GET", "/healthz", public=True),
    Rule("GET", "/readyz", public=True),
]
