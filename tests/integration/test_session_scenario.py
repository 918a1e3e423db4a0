"""A whole session, end to end, on SQLite and on PostgreSQL.

Two candidates (formation and VAE) submit E1/E2/E3; two assessors double-mark every
situation blind, one discrepancy is moderated, orals are scored; the jury decides (one
candidate validates all blocs, the other two); the PV is generated in DOCX and PDF, signed by
every member, becomes final, and regenerates byte for byte from the events, also in a fresh
application on the same store. A correction is a new PV referencing the first.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import docx
import pdfplumber
import pytest

import bootstrap
from pipeline.extract import extract_document
from portfolio.application.grids import situation_grid
from portfolio.domain.annotation import CONTEXT_CHARS
from portfolio.errors import (
    BlindMarking,
    ConflictOfInterest,
    InvalidAnchor,
    JuryIncomplete,
    NotAssigned,
    PVAlreadyFinal,
    PVHashMismatch,
)
from portfolio.referential import PackagedReferentials, load_referential

REFERENTIAL = PackagedReferentials().current()

SITUATIONS = ("E1", "E2", "ORAL_NEGOTIATION", "E3", "E3_ORAL")
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
PRODUCTIONS = {  # real candidate productions from the shared corpus
    "E1": "E1_FONTAINE_Lea_MaisonVerdier.docx",
    "E2": "E2_BELKACEM_Ines_OptiluxPro.docx",
    "E3": "E3_ROUSSEAU_Camille_BSA.docx",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _e1_passage() -> tuple[str, str]:
    """A section id of the E1 production and its extracted text, as the pipeline reads it."""
    data = (CORPUS / PRODUCTIONS["E1"]).read_bytes()
    document = extract_document(data, PRODUCTIONS["E1"])
    section = next(s for s in document.all_sections() if len(s.own_text()) > 80)
    return section.id, section.own_text()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest):
    name = "sqlite_settings" if request.param == "sqlite" else "pg_env"
    return request.getfixturevalue(name)


def _enrol(app, session, ref, name, route):
    cand = app.sessions.add_candidate(
        session, ref, name, f"{ref.lower()}@example.org", route, "admin"
    )
    for code in ("E1", "E2", "E3"):
        with (CORPUS / PRODUCTIONS[code]).open("rb") as evidence:
            app.evidence.upload(cand, code, evidence, PRODUCTIONS[code], DOCX, "cand")
        app.evidence.submit(cand, code, None, "cand")
    return cand


def _score(app, assessor, cand, situation, overrides=None):
    for criterion in situation_grid(REFERENTIAL, situation)[1]:
        value = (overrides or {}).get(criterion, "acquis")
        app.scoring.score_criterion(
            assessor, cand, situation, criterion, value, f"grille {criterion}"
        )
    app.scoring.sign_off(assessor, cand, situation)


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_whole_session(settings) -> None:
    clock = Clock()
    app = bootstrap.build(settings, clock=clock)
    referential = load_referential()
    session = app.sessions.open_session(
        "RNCP38700", referential.version, "2026-juin", "admin", result_scale="levels"
    )
    alice = _enrol(app, session, "C-001", "Alice Martin", "formation")
    bruno = _enrol(app, session, "C-002", "Bruno Petit", "VAE")
    first, second, tutor, moderator = uuid4(), uuid4(), uuid4(), uuid4()

    # Assignment; Bruno's tutor declares the conflict and is blocked.
    for cand in (alice, bruno):
        for situation in SITUATIONS:
            app.assignments.assign_assessor(cand, situation, first, "admin")
            app.assignments.assign_assessor(cand, situation, second, "admin")
    app.assignments.assign_assessor(bruno, "E3", tutor, "admin")
    app.assignments.declare_conflict(tutor, bruno, "tutor", "tuteur de stage", str(tutor))
    assert app.assignments.assigned_candidates(first) == [alice, bruno]
    assert app.assignments.assigned_candidates(tutor) == []
    with pytest.raises(ConflictOfInterest):
        app.assignments.assign_assessor(bruno, "E3", tutor, "admin")
    with pytest.raises(NotAssigned):
        app.scoring.score_criterion(uuid4(), bruno, "E3", "CR3.1.1", "acquis", "x")
    with pytest.raises(ConflictOfInterest):
        app.scoring.score_criterion(tutor, bruno, "E3", "CR3.1.1", "acquis", "x")

    # Annotation by the first assessor on the extracted text, blind to the second.
    section_id, text = _e1_passage()
    with pytest.raises(InvalidAnchor):  # a quote that is not at those offsets is refused
        app.annotations.annotate(
            first, alice, "E1", section_id, 4, 24, "x", exact="texte inventé ici !"
        )
    note = app.annotations.annotate(
        first,
        alice,
        "E1",
        section_id,
        4,
        24,
        "veille bien décrite",
        "CR1.1.1",
        exact=text[4:24],
        prefix=text[:4],
        suffix=text[24:40],
    )
    assert app.annotations.visible(second, alice, "E1") == []

    # Double marking, blind; one discrepancy on Alice's CR1.2.4, moderated.
    _score(app, first, alice, "E1")
    with pytest.raises(BlindMarking):
        app.scoring.assessment_sheet(second, alice, "E1", first)
    _score(app, second, alice, "E1", {"CR1.2.4": "partiellement acquis"})
    assert [d.criterion for d in app.moderation.discrepancies(alice, "E1")] == ["CR1.2.4"]
    app.moderation.moderate(
        moderator, alice, "E1", "CR1.2.4", "acquis", "seuil de rentabilité juste"
    )
    assert [a.annotation_id for a in app.annotations.visible(second, alice, "E1")] == [note]
    for situation in SITUATIONS[1:]:
        _score(app, first, alice, situation)
        _score(app, second, alice, situation)
    bloc3_gap = {"CR3.2.7": "non acquis"}
    for situation in SITUATIONS:
        extra = bloc3_gap if situation == "E3" else None
        _score(app, first, bruno, situation, extra)
        _score(app, second, bruno, situation, extra)

    exported = app.annotations.jsonld(alice, "E1")
    quote = exported["first"]["items"][0]["target"]["selector"][0]["refinedBy"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": text[4:24],
        "prefix": text[:4],
        "suffix": text[24 : 24 + CONTEXT_CHARS],  # context is cut from the extracted text
    }

    # Jury: refused while incomplete, then decides.
    app.jury.open_deliberation(session, "2026-07-03", "présentiel", "admin")
    members = [uuid4(), uuid4(), uuid4()]
    app.jury.seat_member(
        session, members[0], "Claire Durand", "présidente, professionnelle", True, "a"
    )
    with pytest.raises(JuryIncomplete):
        app.jury.decide_bloc(session, alice, 1, "validé", "", "president")
    app.jury.seat_member(
        session, members[1], "Marc Leroy", "représentant du certificateur", False, "a"
    )
    app.jury.seat_member(
        session, members[2], "Nadia Benali", "professionnelle du métier", True, "a"
    )
    for bloc in (1, 2, 3):
        assert app.jury.propose_bloc(alice, bloc).proposal == "validé"
        app.jury.decide_bloc(session, alice, bloc, "validé", "", "president")
    for bloc in (1, 2):
        app.jury.decide_bloc(session, bruno, bloc, "validé", "", "president")
    assert app.jury.propose_bloc(bruno, 3).proposal == "non validé"
    app.jury.decide_bloc(session, bruno, 3, "non validé", "", "president")
    app.jury.record_incident(session, "Coupure réseau de 10 minutes pendant l'oral de C-002.", "a")

    # PV: generated, signed by all, final; blocs acquired.
    pv = app.jury.generate_pv(session, "admin")
    docx_bytes, pdf_bytes = (
        app.jury.pv_document(pv.pv_id, "docx"),
        app.jury.pv_document(pv.pv_id, "pdf"),
    )
    text = _pdf_text(pdf_bytes)
    for expected in (
        "RNCP38700",
        "C-001",
        "C-002",
        "obtenu",
        "validation partielle",
        "Claire Durand",
        "présentiel",
        "Coupure réseau",
        "VAE",
    ):
        assert expected in text
    assert "Alice" not in text  # candidates appear by number only
    paragraphs = "\n".join(p.text for p in docx.Document(io.BytesIO(docx_bytes)).paragraphs)
    assert "Procès-verbal n° 1" in paragraphs
    with pytest.raises(PVHashMismatch):
        app.jury.sign_pv(pv.pv_id, members[0], "0" * 64)
    for member in members:
        signed = app.jury.sign_pv(pv.pv_id, member, pv.sha256)
    assert signed.final
    assert app.jury.title_obtained("C-001")
    assert sorted(app.jury.acquired_blocs("C-002")) == [1, 2]
    with pytest.raises(PVAlreadyFinal):
        app.jury.generate_pv(session, "admin")

    # Byte-for-byte regeneration, in this app and in a fresh one on the same store.
    assert app.jury.regenerate_pv(pv.pv_id) == (docx_bytes, pdf_bytes)
    fresh = bootstrap.build(settings)
    assert fresh.jury.regenerate_pv(pv.pv_id) == (docx_bytes, pdf_bytes)

    # Correction: a new PV referencing the signed one, which stays as it was.
    app.jury.decide_bloc(
        session,
        bruno,
        3,
        "validé",
        "erreur de report de la grille E3",
        "president",
        correcting=True,
    )
    corrected = app.jury.correct_pv(pv.pv_id, "erreur matérielle sur le bloc 3 de C-002", "admin")
    assert corrected.corrects == pv.pv_id and corrected.number == 2
    assert "rectifie le procès-verbal n° 1" in _pdf_text(
        app.jury.pv_document(corrected.pv_id, "pdf")
    )
    assert app.jury.pv(pv.pv_id).final and app.jury.pv_document(pv.pv_id, "pdf") == pdf_bytes


def test_concurrent_scoring_loses_and_duplicates_nothing(settings) -> None:
    """Two assessors at once, each double-clicking: one score per criterion per assessor."""
    import threading

    app = bootstrap.build(settings, clock=Clock())
    session = app.sessions.open_session(
        "RNCP38700", load_referential().version, "course", "admin", result_scale="levels"
    )
    cand = _enrol(app, session, "C-003", "Chloé Roux", "formation")
    assessors = [uuid4(), uuid4()]
    for assessor in assessors:
        app.assignments.assign_assessor(cand, "E2", assessor, "admin")
    criteria = situation_grid(REFERENTIAL, "E2")[1][:4]
    calls = [(a, c) for a in assessors for c in criteria for _ in range(2)]
    errors: list[BaseException] = []

    def score(assessor, criterion) -> None:
        try:
            app.scoring.score_criterion(assessor, cand, "E2", criterion, "acquis", "clic")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=score, args=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for assessor in assessors:
        sheet = app.scoring.assessment_sheet(assessor, cand, "E2", assessor)
        assert sorted(sheet.current) == sorted(criteria)
        assert len(sheet.history) == len(criteria)
