"""Assessment and jury through HTTP: scores, sign-off, annotations as JSON-LD, decisions, PV."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import pytest
from fastapi.testclient import TestClient

import bootstrap
from api.app import create_app
from config import Settings
from pipeline.extract import extract_document
from portfolio.application.grids import situation_grid
from portfolio.referential import PackagedReferentials
from tests.integration.access import ADMIN, ASSESSOR, JURY, PDF, World, build_world

REFERENTIAL = PackagedReferentials().current()

E1_FILE = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "corpus"
    / "E1_FONTAINE_Lea_MaisonVerdier.docx"
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def served(sqlite_settings: Settings) -> Iterator[tuple[TestClient, World, object]]:
    portfolio = bootstrap.build(sqlite_settings)
    world = build_world(portfolio)
    with TestClient(create_app(sqlite_settings, portfolio)) as client:
        yield client, world, portfolio


def _as(world: World, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[role]}"}


def test_assessment_and_pv_over_http(served) -> None:
    client, world, portfolio = served
    cand = world.own_candidate
    with E1_FILE.open("rb") as evidence:  # a real production, so annotations anchor on its text
        portfolio.evidence.upload(cand, "E1", evidence, E1_FILE.name, DOCX, "setup")
    portfolio.evidence.submit(cand, "E1", 2, "setup")
    section = next(s for s in extract_document(E1_FILE.read_bytes(), E1_FILE.name).all_sections())
    base = f"/api/candidates/{cand}"
    assessor = _as(world, ASSESSOR)
    body = {"situation": "E1", "criterion": "CR1.1.1", "value": "14", "rationale": "ok"}
    first = client.post(f"{base}/scores", headers=assessor, json=body)
    again = client.post(f"{base}/scores", headers=assessor, json=body)
    assert first.status_code == again.status_code == 200, first.text
    assert first.json()["score_id"] == again.json()["score_id"]
    assert (
        first.json()["evidence_sha256"]
        == portfolio.evidence.production(cand, "E1").versions[1].sha256
    )
    bad_mark = client.post(f"{base}/scores", headers=assessor, json={**body, "value": "21"})
    outside = client.post(f"{base}/scores", headers=assessor, json={**body, "criterion": "CR3.1.1"})
    assert bad_mark.status_code == outside.status_code == 422
    for criterion in situation_grid(REFERENTIAL, "E1")[1][1:]:
        scored = client.post(
            f"{base}/scores", headers=assessor, json={**body, "criterion": criterion}
        )
        assert scored.status_code == 200
    assert client.post(f"{base}/sign-offs", headers=assessor, json={"situation": "E1"}).json() == {
        "round": 1
    }
    assert (
        client.post(f"{base}/sign-offs", headers=assessor, json={"situation": "E1"}).status_code
        == 409
    )

    note = {
        "code": "E1",
        "section_id": section.id,
        "start": 0,
        "end": 4,
        "exact": section.own_text()[:4],
        "comment": "clair",
        "criterion": "CR1.2.2",
    }
    assert client.post(f"{base}/annotations", headers=assessor, json=note).status_code == 201
    exported = client.get(f"{base}/productions/E1/annotations", headers=_as(world, ADMIN))
    assert exported.headers["content-type"].startswith("application/ld+json")
    assert (
        exported.json()["first"]["items"][0]["target"]["selector"][0]["refinedBy"]["exact"]
        == (section.own_text()[:4])
    )

    session = f"/api/sessions/{world.session_id}"
    admin, jury = _as(world, ADMIN), _as(world, JURY)
    jury_id = client.get("/api/me", headers=jury).json()["id"]
    assert (
        client.post(
            f"{session}/deliberation",
            headers=admin,
            json={"held_on": "2026-07-03", "mode": "distanciel"},
        ).status_code
        == 201
    )
    decision = {"candidate_id": str(cand), "bloc": 1, "decision": "validé"}
    decisions = f"{session}/deliberation/decisions"
    assert client.post(decisions, headers=admin, json=decision).status_code == 409  # no jury yet
    assert client.post(decisions, headers=jury, json=decision).status_code == 404  # not seated
    other = uuid4()
    for member, name in ((jury_id, "Claire Durand"), (str(other), "Nadia Benali")):
        seated = client.post(
            f"{session}/deliberation/members",
            headers=admin,
            json={
                "account_id": member,
                "name": name,
                "capacity": "professionnelle",
                "external": True,
            },
        )
        assert seated.status_code == 201
    proposal = client.get(f"/api/candidates/{cand}/proposal", headers=jury, params={"bloc": 1})
    assert proposal.json()["proposal"] == "validé"
    decided = client.post(f"{session}/deliberation/decisions", headers=jury, json=decision)
    assert decided.status_code == 200, decided.text

    pv = client.post(f"{session}/pvs", headers=admin)
    assert pv.status_code == 201, pv.text
    sha = pv.json()["sha256"]
    signed = client.post(
        f"{session}/pv-signatures", headers=jury, json={"number": 1, "sha256": sha}
    )
    assert signed.json()["signed_by"] == [jury_id] and not signed.json()["final"]
    portfolio.jury.sign_pv(pv.json()["pv_id"], other, sha)
    document = client.get(f"{session}/pv-document", headers=jury, params={"format": "pdf"})
    assert hashlib.sha256(document.content).hexdigest() == sha
    listed = client.get(f"{session}/pvs", headers=_as(world, "auditor")).json()
    assert listed[0]["final"] is True
    docx = client.get(f"{session}/pv-document", headers=admin, params={"format": "docx"})
    assert hashlib.sha256(docx.content).hexdigest() == pv.json()["docx_sha256"]
    assert io.BytesIO(docx.content).read(2) == b"PK" and PDF.startswith(b"%PDF")
