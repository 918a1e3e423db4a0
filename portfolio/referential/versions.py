"""Referentials by version: the port every session, grid, check and PV reaches them through.

A session names the referential version it is assessed under; everything decided in it uses
that version. `PackagedReferentials` holds the YAML files shipped in this package (one per
version), each read once per instance on first use: there is no process-wide cache, so a test
or a deployment can hold its own set. `HeldReferentials` is its in-memory twin (referentials
already loaded, e.g. a test's variant), held to the same contract tests.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from importlib import resources
from importlib.abc import Traversable
from typing import Protocol

from portfolio.errors import ReferentialInvalid, UnknownReferentialVersion
from portfolio.referential.loader import parse_referential
from portfolio.referential.model import Referential


class Referentials(Protocol):
    """Version -> referential, for every version the system holds."""

    def get(self, version: str) -> Referential:
        """The referential `version`; `UnknownReferentialVersion` (listing the valid ones)."""
        ...

    def versions(self) -> tuple[str, ...]:
        """Every version held, oldest first."""
        ...

    def current(self) -> Referential:
        """The newest version: what a check outside any session is made against."""
        ...


def _version_key(version: str) -> list[tuple[int, int | str]]:
    """Natural order: "cdc-2024.10" after "cdc-2024.9"."""
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", version) if p]


class PackagedReferentials:
    """The referential YAML files shipped in `portfolio/referential/` (or the given files)."""

    def __init__(self, files: Iterable[Traversable] | None = None) -> None:
        self._files = list(files) if files is not None else None
        self._by_version: dict[str, Referential] | None = None
        self._lock = threading.Lock()

    def _loaded(self) -> dict[str, Referential]:
        with self._lock:
            if self._by_version is None:
                self._by_version = _load_all(self._files or _packaged_files())
            return self._by_version

    def get(self, version: str) -> Referential:
        loaded = self._loaded()
        try:
            return loaded[version]
        except KeyError:
            raise UnknownReferentialVersion(version, self.versions()) from None

    def versions(self) -> tuple[str, ...]:
        return tuple(sorted(self._loaded(), key=_version_key))

    def current(self) -> Referential:
        return self.get(self.versions()[-1])


def _packaged_files() -> list[Traversable]:
    folder = resources.files(__package__)
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def _load_all(files: Iterable[Traversable]) -> dict[str, Referential]:
    found: dict[str, Referential] = {}
    for file in files:
        referential = parse_referential(file.read_bytes(), file.name)
        if referential.version in found:
            raise ReferentialInvalid(f"two files hold referential version {referential.version}")
        found[referential.version] = referential
    if not found:
        raise ReferentialInvalid("no referential file is packaged")
    return found


class HeldReferentials:
    """Referentials already in memory (the twin of `PackagedReferentials`)."""

    def __init__(self, referentials: Iterable[Referential]) -> None:
        self._by_version = {r.version: r for r in referentials}
        if not self._by_version:
            raise ReferentialInvalid("no referential is held")

    def get(self, version: str) -> Referential:
        try:
            return self._by_version[version]
        except KeyError:
            raise UnknownReferentialVersion(version, self.versions()) from None

    def versions(self) -> tuple[str, ...]:
        return tuple(sorted(self._by_version, key=_version_key))

    def current(self) -> Referential:
        return self.get(self.versions()[-1])
