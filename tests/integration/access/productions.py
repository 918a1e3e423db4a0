from tests.integration.access import ADMIN, ASSESSOR, AUDITOR, CANDIDATE, rule

READERS = (ADMIN, AUDITOR, ASSESSOR, CANDIDATE)
BASE = "/api/candidates/{candidate_id}/productions"

RULES = [
    rule("GET", BASE, *READERS, scoped=True),
    rule("GET", BASE + "/{code}", *READERS, scoped=True),
    rule("GET", BASE + "/{code}/reports", *READERS, scoped=True),
    rule("GET", BASE + "/{code}/versions/{version}/content", *READERS, scoped=True),
]
