"""The candidate's coverage grid is built from the pipeline's report and the referential:
parts are named by the referential (never by key), checks sit under their competency."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from api.pages.report import CHECK_NAMES, for_version, from_report, rejection_msgid
from portfolio.application.views import CheckView, ExtractionView, ProductionView
from portfolio.referential import load_referential

REFERENTIAL = load_referential()


def element(element_id: str, status: str, parts: dict[str, bool], evidence=()) -> dict:
    found = REFERENTIAL.element(element_id)
    return {
        "id": element_id,
        "competency": found.competency,
        "label": found.label_fr,
        "status": status,
        "evidence": list(evidence),
        "parts": parts,
        "reason": "",
    }


REPORT = {
    "status": "accepted",
    "production": "E2",
    "word_count": 2400,
    "elements": [
        element("e2.dashboard", "partial", {"data_sources": True, "automated_calculations": False}),
        element(
            "e2.reporting",
            "present",
            {"french": True, "english": True},
            [
                {
                    "section": "s9",
                    "heading": "Partie 9 – Reporting",
                    "page": 7,
                    "quote": "Le comité…",
                }
            ],
        ),
        element("e2.contract", "absent", {}),
    ],
    "checks": [
        {
            "id": "reporting_languages",
            "competency": "C2.2.4",
            "status": "fail",
            "stated": ["fr"],
            "expected": ["fr", "en"],
            "message": "Langues : fr ; attendu : fr et en.",
        },
        {
            "id": "a_new_check",
            "competency": "C9.9.9",
            "status": "undetermined",
            "stated": None,
            "expected": None,
            "message": "…",
        },
    ],
}


def test_rows_name_missing_parts_by_the_referential_and_carry_their_checks() -> None:
    view = from_report(3, REPORT, REFERENTIAL, "fr")
    rows = {row.key: row for row in view.rows}
    part = REFERENTIAL.element("e2.dashboard").part("automated_calculations")
    assert rows["C2.2.2"].missing == (part.label_fr,)
    assert "automated_calculations" not in str(rows["C2.2.2"])
    assert [c.name for c in rows["C2.2.4"].checks] == [CHECK_NAMES["reporting_languages"]]
    assert rows["C2.2.4"].places[0].page == 7
    assert [r.key for r in view.absent] == ["C2.1.5"] and [r.key for r in view.partial] == [
        "C2.2.2"
    ]
    assert [c.name for c in view.other_checks] == ["a_new_check"]  # unknown: shown by its id
    context = from_report(1, {"elements": [element("e2.context", "absent", {})]}, REFERENTIAL, "fr")
    assert context.rows[0].competency is None  # E2.context is a key, not a competency
    assert context.rows[0].name == REFERENTIAL.element("e2.context").label_fr
    assert len(view.failed_checks) == 1 and not view.complete


def test_english_labels_come_from_the_referential_too() -> None:
    rows = from_report(1, REPORT, REFERENTIAL, "en").rows
    assert rows[0].label == REFERENTIAL.element("e2.dashboard").label_en
    assert rows[0].missing == (
        REFERENTIAL.element("e2.dashboard").part("automated_calculations").label_en,
    )


def test_a_report_with_everything_present_and_right_is_complete() -> None:
    complete = {
        "status": "accepted",
        "elements": [element("e2.reporting", "present", {"french": True, "english": True})],
        "checks": [
            {"id": "nps", "competency": "C2.2.4", "status": "pass", "stated": 1, "expected": 1}
        ],
    }
    assert from_report(1, complete, REFERENTIAL, "fr").complete


def test_rejections_and_pending_versions() -> None:
    rejected = {"status": "rejected", "rejection": {"category": "encrypted", "message": "…"}}
    view = from_report(2, rejected, REFERENTIAL, "fr")
    assert view.state == "rejected" and not view.complete
    assert (
        rejection_msgid(view.rejection)
        == "The file is password-protected; upload an unprotected copy."
    )
    assert rejection_msgid("no_such_category") == rejection_msgid("corrupt")

    at = datetime(2026, 11, 1, tzinfo=UTC)
    production = ProductionView(
        candidate_id=uuid4(),
        session_id=uuid4(),
        code="E2",
        versions=(),
        submitted_version=None,
        submitted_at=None,
        extractions=(ExtractionView(2, "0.1.0", "rejected", category="zip_bomb", recorded_at=at),),
        checks=(
            CheckView(
                1, "0.1.0", "cdc-2024.1", {"status": "accepted", "elements": [], "checks": []}, at
            ),
            CheckView(1, "0.2.0", "cdc-2024.1", REPORT, at.replace(day=2)),
        ),
    )
    assert for_version(production, 1, REFERENTIAL, "fr").rows  # the latest report of version 1
    assert for_version(production, 2, REFERENTIAL, "fr").rejection == "zip_bomb"
    assert for_version(production, 3, REFERENTIAL, "fr").state == "pending"
