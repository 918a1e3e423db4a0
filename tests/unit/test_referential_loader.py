"""The loader refuses malformed or inconsistent referential files with a clear error."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from portfolio.errors import PortfolioError, ReferentialInvalid
from portfolio.referential import PackagedReferentials, load_referential

PACKAGED = resources.files("portfolio.referential").joinpath("referential.yaml")


def packaged_data() -> dict[str, Any]:
    return yaml.safe_load(PACKAGED.read_bytes())


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "referential.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def e1(data: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in data["situations"] if s["id"] == "E1")


def test_packaged_file_loads_with_its_fingerprint() -> None:
    ref = load_referential()
    assert ref.fingerprint == hashlib.sha256(PACKAGED.read_bytes()).hexdigest()
    assert ref.version == "cdc-2024.1"


def test_each_version_is_loaded_once_per_referentials_port() -> None:
    referentials = PackagedReferentials()
    version = referentials.current().version
    assert referentials.get(version) is referentials.get(version)


def test_a_copy_loads_to_an_equal_referential(tmp_path: Path) -> None:
    path = tmp_path / "copy.yaml"
    path.write_bytes(PACKAGED.read_bytes())
    assert load_referential(path) == load_referential()


def test_invalid_yaml_syntax(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("version: cdc\nblocs: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReferentialInvalid, match="not valid YAML"):
        load_referential(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReferentialInvalid, match="cannot read"):
        load_referential(tmp_path / "absent.yaml")


def test_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(ReferentialInvalid, match="expected a mapping"):
        load_referential(write(tmp_path, ["a", "list"]))


def test_error_is_part_of_the_domain_tree() -> None:
    assert issubclass(ReferentialInvalid, PortfolioError)


def _unknown_competency(d: dict) -> None:
    e1(d)["elements"][0]["competency"] = "C9.9.9"


def _duplicate_element_id(d: dict) -> None:
    e1(d)["elements"][1]["id"] = e1(d)["elements"][0]["id"]


def _duplicate_competency(d: dict) -> None:
    comps = d["blocs"][0]["activities"][0]["competencies"]
    comps[1]["code"] = comps[0]["code"]


def _missing_statement(d: dict) -> None:
    del d["blocs"][0]["activities"][0]["competencies"][0]["statement"]


def _wrong_criterion_code(d: dict) -> None:
    d["blocs"][0]["activities"][0]["competencies"][0]["criterion"]["code"] = "CR1.1.2"


def _element_without_competency_coverage(d: dict) -> None:
    e1(d)["elements"].pop()


def _unknown_situation_competency(d: dict) -> None:
    e1(d)["competencies"].append("C2.1.1")


def _competency_never_evaluated(d: dict) -> None:
    d["situations"] = [s for s in d["situations"] if s["id"] != "ORAL_NEGOTIATION"]


def _duplicate_part_key(d: dict) -> None:
    parts = e1(d)["elements"][0]["parts"]
    parts[1]["key"] = parts[0]["key"]


def _blank_absent_if(d: dict) -> None:
    e1(d)["elements"][0]["parts"][0]["absent_if"] = ["  "]


def _absent_if_not_a_list(d: dict) -> None:
    e1(d)["elements"][0]["parts"][0]["absent_if"] = "à la main"


def _bad_kind(d: dict) -> None:
    e1(d)["kind"] = "telepathic"


def _non_integer_days(d: dict) -> None:
    next(s for s in d["situations"] if s["id"] == "E3")["internship"]["min_working_days"] = "65"


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (_unknown_competency, "unknown competency 'C9.9.9'"),
        (_duplicate_element_id, "duplicate element id: e1.veille"),
        (_duplicate_competency, "duplicate competency code: C1.1.1"),
        (_missing_statement, "C1.1.1: 'statement' must be a non-empty string"),
        (_wrong_criterion_code, "C1.1.1 has criterion CR1.1.2"),
        (_element_without_competency_coverage, r"no required element for \['C1.2.4'\]"),
        (_unknown_situation_competency, "not competencies of bloc 1"),
        (_competency_never_evaluated, "evaluated by no situation"),
        (_duplicate_part_key, "duplicate part key in element e1.veille"),
        (_blank_absent_if, "'absent_if' must hold non-empty strings only"),
        (_absent_if_not_a_list, "'absent_if' must be a list"),
        (_bad_kind, "unknown kind 'telepathic'"),
        (_non_integer_days, "'min_working_days' must be an integer"),
    ],
)
def test_inconsistent_referential_is_refused(
    tmp_path: Path, break_it: Callable[[dict], None], message: str
) -> None:
    data = packaged_data()
    break_it(data)
    with pytest.raises(ReferentialInvalid, match=message):
        load_referential(write(tmp_path, data))


def test_absent_if_phrases_are_loaded_and_optional() -> None:
    ref = load_referential()
    dashboard = next(e for e in ref.elements_for("E2") if e.competency == "C2.2.2")
    assert "à la main" in dashboard.part("automated_calculations").absent_if
    assert dashboard.part("data_sources").absent_if == ()
