"""The rejection vocabulary: the manifest's reasons, readable messages, safe to pickle."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from pipeline.rejections import DocumentRejected, RejectionCategory
from portfolio.errors import InvalidInput

MANIFEST = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "manifest.json"


def test_every_manifest_reason_is_a_category() -> None:
    reasons = json.loads(MANIFEST.read_text(encoding="utf-8"))["conventions"]["rejection_reasons"]
    assert {RejectionCategory(r).value for r in reasons} == set(reasons)


@pytest.mark.parametrize("category", list(RejectionCategory))
def test_each_category_has_a_default_message(category: RejectionCategory) -> None:
    error = DocumentRejected(category)
    assert error.category is category
    assert error.message.endswith(".")
    assert category.value in str(error)


def test_custom_message_and_string_category() -> None:
    error = DocumentRejected("encrypted", "Protected by a password.")
    assert error.category is RejectionCategory.ENCRYPTED
    assert error.message == "Protected by a password."


def test_unknown_category_is_refused() -> None:
    with pytest.raises(ValueError):
        DocumentRejected("virus")


def test_rejection_survives_pickling_across_processes() -> None:
    error = pickle.loads(pickle.dumps(DocumentRejected("zip_bomb", "Too deep.")))
    assert (error.category, error.message) == (RejectionCategory.ZIP_BOMB, "Too deep.")


def test_rejection_is_an_invalid_input_of_the_domain_tree() -> None:
    assert isinstance(DocumentRejected("empty"), InvalidInput)
