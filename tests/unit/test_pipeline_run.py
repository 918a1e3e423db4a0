"""The pipeline's result is JSON-safe: `json_safe` is the one serialiser of what gets recorded.

Regression: a point mort stated as a date put a `datetime.date` into the report; the event
store could not encode it, so the job failed and was retried forever.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from uuid import uuid4

import pytest
from eventsourcing.persistence import TranscodingNotRegisteredError

from pipeline.report import CheckReport, CheckResult
from pipeline.run import _json_object, json_safe
from portfolio.application.store import EventStore
from portfolio.domain import ids
from portfolio.domain.production import Production
from tests.unit.evidence_support import VERSION, enrolled, make_app, pdf


class Colour(Enum):
    RED = "red"


@dataclass
class Point:
    x: float
    when: date


def test_every_value_becomes_plain_json() -> None:
    found = json_safe(
        {
            "date": date(2024, 4, 2),
            "moment": datetime(2024, 4, 2, 9, 30, tzinfo=UTC),
            "time": time(9, 30),
            "decimal": Decimal("12.50"),
            "tuple": (1, "a"),
            "set": {"b", "a"},
            "enum": Colour.RED,
            "dataclass": Point(1.5, date(2024, 1, 1)),
            "nan": math.nan,
            "inf": math.inf,
            3: "int key",
            "nested": [{"d": date(2024, 5, 1)}],
        }
    )
    assert found == {
        "date": "2024-04-02",
        "moment": "2024-04-02T09:30:00+00:00",
        "time": "09:30:00",
        "decimal": 12.5,
        "tuple": [1, "a"],
        "set": ["a", "b"],
        "enum": "red",
        "dataclass": {"x": 1.5, "when": "2024-01-01"},
        "nan": None,
        "inf": None,
        "3": "int key",
        "nested": [{"d": "2024-05-01"}],
    }
    json.dumps(found, allow_nan=False)  # strict JSON: what the API answers


def test_plain_values_pass_unchanged_and_other_objects_become_text() -> None:
    value = {"a": [1, 2.5, True, None, "x"], "b": {"c": -3}}
    assert json_safe(value) == value
    key = uuid4()
    assert json_safe({"id": key}) == {"id": str(key)}


def dated_report() -> CheckReport:
    report = CheckReport("e1.docx", "0" * 64, "docx", "E1", "accepted")
    report.checks = [
        CheckResult.judged("point_mort", "C1.2.4", False, date(2024, 9, 14), date(2024, 8, 1), "")
    ]
    return report


def test_a_report_stating_a_date_is_recorded_and_read_back(tmp_path) -> None:
    report = _json_object(dated_report())
    assert report["checks"][0]["stated"] == "2024-09-14"
    sqlite = {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(tmp_path / "events.sqlite3"),
        "CREATE_TABLE": "y",
    }
    app = make_app(store=EventStore(sqlite))  # the JSON transcoder, as deployed
    candidate = enrolled(app)
    app.evidence.upload(candidate, "E1", pdf(), "e1.pdf", "", "c")
    pid = ids.production_id(candidate, "E1")
    assert app.evidence.record_check(pid, 1, "p1", VERSION, {"format": "docx"}, report)
    (check,) = app.evidence.production(candidate, "E1").checks
    assert check.report["checks"][0]["expected"] == "2024-08-01"


def test_without_the_serialiser_the_store_refuses_the_date(tmp_path) -> None:
    """Why `json_safe` exists: the raw report cannot be stored."""
    store = EventStore(
        {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(tmp_path / "events.sqlite3"),
            "CREATE_TABLE": "y",
        }
    )
    production = Production.start(
        candidate_id=uuid4(), session_id=uuid4(), code="E1", actor="a", at=datetime.now(UTC)
    )
    production.upload(
        {
            "sha256": "0" * 64,
            "size": 1,
            "media_type": "application/pdf",
            "declared_media_type": "",
            "sealed_filename": b"x",
            "blob_address": "0" * 64,
        },
        "a",
        datetime.now(UTC),
    )
    raw = dated_report().to_json()
    production.record_check(1, "p1", VERSION, raw, "pipeline", datetime.now(UTC))
    with pytest.raises(TranscodingNotRegisteredError):
        store.save(production)
