from uuid import uuid4

from tests.integration.access import ADMIN, ASSESSOR, AUDITOR, JURY, rule

SESSION = "/api/sessions/{session_id}"
READERS = (ADMIN, AUDITOR, JURY)

# Order matters: the deliberation is opened first; one member only is seated, so decisions
# and PV generation answer 409 (incomplete jury); no PV exists, so PV lookups answer 404.
# The jury member acts on the session where they sit alone (candidate C's): also 409.
RULES = [
    rule(
        "POST",
        "/api/conflicts",
        ASSESSOR,
        JURY,
        ok={201},
        json=lambda w, r: {"candidate_id": str(w.other_candidate), "kind": "trainer"},
    ),
    rule(
        "POST",
        f"{SESSION}/deliberation",
        ADMIN,
        ok={201},
        json=lambda w, r: {"held_on": "2026-07-03", "mode": "présentiel"},
    ),
    rule("GET", f"{SESSION}/deliberation", *READERS),
    rule(
        "POST",
        f"{SESSION}/deliberation/members",
        ADMIN,
        ok={201},
        json=lambda w, r: {
            "account_id": str(uuid4()),
            "name": "Claire",
            "capacity": "présidente",
            "external": True,
        },
    ),
    rule(
        "GET",
        "/api/candidates/{candidate_id}/proposal",
        *READERS,
        scoped=True,
        ok={409},
        query=lambda w, r: {"bloc": 1},
    ),
    rule(
        "POST",
        f"{SESSION}/deliberation/decisions",
        ADMIN,
        JURY,
        ok={409},
        json=lambda w, r: {
            "candidate_id": str(w.own_candidate if r == ADMIN else w.jury_candidate),
            "bloc": 1,
            "decision": "validé",
        },
    ),
    rule("POST", f"{SESSION}/pvs", ADMIN, ok={409}),
    rule("GET", f"{SESSION}/pvs", *READERS),
    rule("GET", f"{SESSION}/pv-document", *READERS, ok={404}),
    rule(
        "POST",
        f"{SESSION}/pv-signatures",
        JURY,
        ok={404},
        json=lambda w, r: {"number": 1, "sha256": "0" * 64},
    ),
    rule(
        "POST",
        f"{SESSION}/pv-corrections",
        ADMIN,
        ok={404},
        json=lambda w, r: {"number": 1, "reason": "coquille"},
    ),
]
