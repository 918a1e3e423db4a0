from uuid import uuid4

from tests.integration.access import ADMIN, ASSESSOR, AUDITOR, JURY, rule

BASE = "/api/candidates/{candidate_id}"
READERS = (ADMIN, AUDITOR, ASSESSOR, JURY)
E1 = {"situation": "E1"}

# The world's E1 is uploaded but not submitted: scoring and annotating it answer 409.
RULES = [
    rule(
        "POST",
        f"{BASE}/scores",
        ASSESSOR,
        scoped=True,
        ok={200, 409},
        json=lambda w, r: {**E1, "criterion": "CR1.1.1", "value": "acquis", "rationale": "x"},
    ),
    rule("POST", f"{BASE}/sign-offs", ASSESSOR, scoped=True, ok={200, 409}, json=lambda w, r: E1),
    rule("GET", f"{BASE}/sheets", *READERS, scoped=True, query=lambda w, r: E1),
    rule(
        "POST",
        f"{BASE}/annotations",
        ASSESSOR,
        scoped=True,
        ok={201, 409},
        json=lambda w, r: {
            "code": "E1",
            "section_id": "s1",
            "start": 0,
            "end": 4,
            "exact": "Plan",
            "comment": "clair",
        },
    ),
    rule(
        "POST",
        f"{BASE}/annotation-retractions",
        ASSESSOR,
        scoped=True,
        ok={404},  # no such annotation in the world
        json=lambda w, r: {"code": "E1", "annotation_id": str(uuid4()), "reason": "x"},
    ),
    rule("GET", f"{BASE}/productions/{{code}}/annotations", *READERS, scoped=True),
    rule("GET", f"{BASE}/discrepancies", *READERS, scoped=True, query=lambda w, r: E1),
    rule(
        "POST",
        f"{BASE}/moderations",
        ADMIN,
        ok={409},  # no discrepancy to moderate
        json=lambda w, r: {**E1, "criterion": "CR1.1.1", "value": "acquis", "reasons": "x"},
    ),
]
