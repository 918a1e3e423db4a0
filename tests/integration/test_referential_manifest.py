"""Required elements must line up with the corpus manifest's ground truth.

Every element key the manifest uses (competency codes, `E2.context`, `E3.presentation`) must
map to a required element, every sub_element key to a part of that element, and the headings
candidates actually wrote must be recognisable from the matching hints.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from portfolio.referential import Referential, RequiredElement, load_referential

MANIFEST = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "manifest.json"


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: how a checker compares headings."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).casefold()
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def names(heading: str, hints: tuple[str, ...]) -> bool:
    return any(fold(h) in fold(heading) for h in hints)


@pytest.fixture(scope="module")
def manifest_elements() -> list[tuple[str, str, str, dict[str, Any]]]:
    """(file, production, element key, entry) for every element of every accepted file."""
    if not MANIFEST.is_file():
        pytest.fail(f"shared corpus manifest missing: {MANIFEST}")
    files = json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]
    return [
        (f["path"], f["production"], key, entry)
        for f in files
        if f["expected"]["outcome"] == "accepted"
        for key, entry in f.get("elements", {}).items()
    ]


@pytest.fixture(scope="module")
def by_key() -> dict[tuple[str, str], RequiredElement]:
    ref: Referential = load_referential()
    return {(p, e.key): e for p in ref.productions for e in ref.elements_for(p)}


def sub_entries(entry: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield from entry.get("sub_elements", {}).items()


def test_manifest_has_elements_to_check(manifest_elements: list) -> None:
    assert {p for _, p, _, _ in manifest_elements} == {"E1", "E2", "E3"}


def test_every_manifest_element_maps_to_a_required_element(
    manifest_elements: list, by_key: dict
) -> None:
    missing = {(p, k) for _, p, k, _ in manifest_elements} - set(by_key)
    assert not missing


def test_required_elements_are_all_in_the_manifest(manifest_elements: list, by_key: dict) -> None:
    assert set(by_key) == {(p, k) for _, p, k, _ in manifest_elements}


def test_every_manifest_sub_element_is_a_part(manifest_elements: list, by_key: dict) -> None:
    for path, production, key, entry in manifest_elements:
        parts = {p.key for p in by_key[(production, key)].parts}
        for sub_key, _ in sub_entries(entry):
            assert sub_key in parts, (path, key, sub_key)


def test_parts_are_exactly_the_manifest_sub_elements(manifest_elements: list, by_key: dict) -> None:
    seen: dict[tuple[str, str], set[str]] = {k: set() for k in by_key}
    for _, production, key, entry in manifest_elements:
        seen[(production, key)] |= {s for s, _ in sub_entries(entry)}
    for element_key, element in by_key.items():
        assert {p.key for p in element.parts} == seen[element_key], element.id


def test_hints_name_every_heading_candidates_wrote(manifest_elements: list, by_key: dict) -> None:
    for path, production, key, entry in manifest_elements:
        element = by_key[(production, key)]
        hints = element.headings_fr + element.headings_en
        if entry.get("heading") and entry.get("note") != "unusual_heading":
            assert names(entry["heading"], hints), (path, key, entry["heading"])


def test_part_hints_name_every_sub_heading(manifest_elements: list, by_key: dict) -> None:
    for path, production, key, entry in manifest_elements:
        element = by_key[(production, key)]
        for sub_key, sub in sub_entries(entry):
            part = element.part(sub_key)
            own = sub.get("heading") == entry.get("heading")  # the part has no heading of its own
            if sub.get("heading") and not own and sub.get("note") != "unusual_heading":
                assert names(sub["heading"], part.headings_fr + part.headings_en), (
                    path,
                    key,
                    sub_key,
                    sub["heading"],
                )


def test_fold_matches_without_accents_or_case() -> None:
    assert names("3. DIAGNOSTIC INTERNE", ("diagnostic interne",))
    assert names("Présentation d’Hexagone", ("presentation d'hexagone",))
    assert not names("3. Analyse", ("diagnostic interne",))


def test_element_headings_name_one_element_only(manifest_elements: list, by_key: dict) -> None:
    for path, production, key, entry in manifest_elements:
        if not entry.get("heading"):
            continue
        hits = [
            e.key
            for (p, _), e in by_key.items()
            if p == production and names(entry["heading"], e.headings_fr + e.headings_en)
        ]
        assert hits == [key], (path, entry["heading"], hits)
