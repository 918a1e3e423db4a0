"""Annotations: anchors, submitted version only, blind reading, retraction, JSON-LD export."""

from __future__ import annotations

from uuid import uuid4

import pytest

from portfolio.domain.annotation import Anchor
from portfolio.errors import (
    AnnotationNotFound,
    CriterionOutsideBlocs,
    Forbidden,
    InvalidAnchor,
    NotAssigned,
    NotSubmittedVersion,
    RationaleRequired,
)
from tests.unit.evidence_support import enrolled, make_app, pdf

TEXT = "Le plan d'actions commerciales priorise le commerce durable et les canaux digitaux."


@pytest.fixture
def setup():
    app = make_app()
    cand = enrolled(app)
    app.evidence.upload(cand, "E1", pdf("v1"), "e1.pdf", "application/pdf", "c")
    app.evidence.submit(cand, "E1", 1, "c")
    app.evidence.upload(cand, "E1", pdf("v2"), "e1.pdf", "application/pdf", "c")
    first, second = uuid4(), uuid4()
    for assessor in (first, second):
        app.assignments.assign_assessor(cand, "E1", assessor, "admin")
    return app, cand, first, second


def _note(app, cand, who, comment="plan clair", **kw):
    return app.annotations.annotate(
        who,
        cand,
        "E1",
        "s2.1",
        4,
        31,
        comment,
        kw.pop("criterion", "CR1.2.2"),
        exact=TEXT[4:31],
        prefix=TEXT[:4],
        suffix=TEXT[31:50],
        **kw,
    )


def test_anchor_from_text_cuts_quote_and_context() -> None:
    anchor = Anchor.in_text("s1", TEXT, 4, 31)
    assert (anchor.exact, anchor.prefix, anchor.suffix) == (TEXT[4:31], TEXT[:4], TEXT[31:63])
    with pytest.raises(InvalidAnchor):
        Anchor.in_text("s1", TEXT, 10, 500)
    with pytest.raises(InvalidAnchor):
        Anchor("s1", 4, 31, TEXT[4:31], "", "").check("something else entirely, long enough")


def test_annotation_rules(setup) -> None:
    app, cand, first, _ = setup
    with pytest.raises(InvalidAnchor):
        app.annotations.annotate(first, cand, "E1", "s1", 4, 10, "x", exact="too long for the span")
    with pytest.raises(RationaleRequired):
        _note(app, cand, first, comment=" ")
    with pytest.raises(CriterionOutsideBlocs):
        _note(app, cand, first, criterion="CR3.1.1")
    with pytest.raises(NotSubmittedVersion):
        _note(app, cand, first, version=2)
    with pytest.raises(NotAssigned):
        _note(app, cand, uuid4())


def test_double_click_gives_one_annotation_and_blind_reading(setup) -> None:
    app, cand, first, second = setup
    one, two = _note(app, cand, first), _note(app, cand, first)
    assert one == two
    assert [a.annotation_id for a in app.annotations.visible(first, cand, "E1")] == [one]
    assert app.annotations.visible(second, cand, "E1") == []
    assert (
        len(app.annotations.visible(uuid4(), cand, "E1")) == 1
    )  # not a co-assessor (e.g. auditor)


def test_retraction_is_an_event_and_export_has_quotes(setup) -> None:
    app, cand, first, second = setup
    kept, dropped = _note(app, cand, first), _note(app, cand, first, comment="à revoir")
    with pytest.raises(Forbidden):
        app.annotations.retract(second, cand, "E1", dropped, "pas à moi")
    with pytest.raises(AnnotationNotFound):
        app.annotations.retract(first, cand, "E1", uuid4(), "?")
    app.annotations.retract(first, cand, "E1", dropped, "doublon")
    assert {a.annotation_id: a.retracted for a in app.annotations.every(cand, "E1")} == {
        kept: False,
        dropped: True,
    }
    doc = app.annotations.jsonld(cand, "E1")
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld" and doc["total"] == 1
    item = doc["first"]["items"][0]
    assert item["id"] == f"urn:uuid:{kept}"
    submitted = app.evidence.production(cand, "E1").versions[0].sha256
    assert item["target"]["source"] == f"urn:sha256:{submitted}"
    kinds = [s["refinedBy"]["type"] for s in item["target"]["selector"]]
    assert kinds == ["TextQuoteSelector", "TextPositionSelector"]
    assert item["target"]["selector"][0]["refinedBy"]["exact"] == TEXT[4:31]
    assert item["body"][1] == {"type": "TextualBody", "value": "CR1.2.2", "purpose": "classifying"}
    assert app.annotations.jsonld(cand, "E1", include_retracted=True)["total"] == 2


def test_anchor_checked_against_extracted_section_text() -> None:
    calls: list[str] = []

    def sections(data: bytes, media_type: str) -> dict[str, str]:
        calls.append(media_type)
        return {"s2.1": TEXT}

    app = make_app(section_texts=sections)
    cand = enrolled(app)
    app.evidence.upload(cand, "E1", pdf("v1"), "e1.pdf", "application/pdf", "c")
    app.evidence.submit(cand, "E1", 1, "c")
    assessor = uuid4()
    app.assignments.assign_assessor(cand, "E1", assessor, "admin")
    key = app.annotations.annotate(
        assessor, cand, "E1", "s2.1", 4, 31, "plan clair"
    )  # quote cut from text
    (made,) = app.annotations.every(cand, "E1")
    assert made.annotation_id == key and made.anchor.exact == TEXT[4:31]
    assert made.anchor.prefix == TEXT[:4]
    with pytest.raises(InvalidAnchor):  # the quote sent does not read there
        app.annotations.annotate(assessor, cand, "E1", "s2.1", 4, 31, "x", exact="y" * 27)
    with pytest.raises(InvalidAnchor):
        app.annotations.annotate(assessor, cand, "E1", "s9", 0, 3, "x")
    assert calls == ["application/pdf"]  # extracted once, then cached
