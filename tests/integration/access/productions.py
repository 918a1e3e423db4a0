from tests.integration.access import ADMIN, ASSESSOR, AUDITOR, CANDIDATE, JURY, rule

READERS = (ADMIN, AUDITOR, ASSESSOR, CANDIDATE, JURY)
BASE = "/api/candidates/{candidate_id}/productions"

RULES = [
    rule("GET", BASE, *READERS, scoped=True),
    rule("GET", BASE + "/{code}", *READERS, scoped=True),
    rule("GET", BASE + "/{code}/reports", *READERS, scoped=True),
    rule("GET", BASE + "/{code}/versions/{version}/content", *READERS, scoped=True),
]
