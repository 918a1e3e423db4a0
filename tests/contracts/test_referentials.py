"""The Referentials port: the packaged YAML files, and referentials held in memory (the twin)."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources

import pytest

from portfolio.errors import InvalidInput, ReferentialInvalid, UnknownReferentialVersion
from portfolio.referential import HeldReferentials, PackagedReferentials, load_referential

PACKAGED = load_referential()


class ReferentialsContract:
    """Subclasses provide `referentials` holding PACKAGED and `older` (an earlier version)."""

    def test_versions_are_listed_oldest_first(self, referentials):
        assert referentials.versions() == ("cdc-2023.9", PACKAGED.version)

    def test_each_version_is_given_once_loaded(self, referentials):
        got = referentials.get(PACKAGED.version)
        assert got == PACKAGED and got is referentials.get(PACKAGED.version)
        assert referentials.get("cdc-2023.9").version == "cdc-2023.9"

    def test_the_current_version_is_the_newest(self, referentials):
        assert referentials.current().version == PACKAGED.version

    def test_an_unknown_version_names_the_valid_ones(self, referentials):
        with pytest.raises(UnknownReferentialVersion) as caught:
            referentials.get("2024-06")
        assert isinstance(caught.value, InvalidInput)  # 422 over HTTP, exit 6 in the CLI
        assert caught.value.known == referentials.versions()
        assert PACKAGED.version in str(caught.value)


class TestPackagedReferentials(ReferentialsContract):
    @pytest.fixture
    def referentials(self, tmp_path):
        packaged = resources.files("portfolio.referential").joinpath("referential.yaml")
        text = packaged.read_text(encoding="utf-8")
        older = tmp_path / "older.yaml"
        older.write_text(text.replace(f"version: {PACKAGED.version}", "version: cdc-2023.9"))
        return PackagedReferentials(files=[packaged, older])

    def test_the_package_holds_at_least_its_file(self):
        assert PACKAGED.version in PackagedReferentials().versions()

    def test_two_files_of_one_version_are_refused(self):
        packaged = resources.files("portfolio.referential").joinpath("referential.yaml")
        with pytest.raises(ReferentialInvalid, match="two files"):
            PackagedReferentials(files=[packaged, packaged]).versions()


class TestHeldReferentials(ReferentialsContract):
    @pytest.fixture
    def referentials(self):
        return HeldReferentials([PACKAGED, replace(PACKAGED, version="cdc-2023.9")])

    def test_holding_nothing_is_refused(self):
        with pytest.raises(ReferentialInvalid):
            HeldReferentials([])
