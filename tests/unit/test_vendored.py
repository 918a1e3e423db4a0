"""Vendored front-end files: exactly what VENDORED.json records, pinned in package-lock.json,
with their licences, and no page loading anything from another origin."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((REPO / "api" / "static" / "vendor" / "VENDORED.json").read_text())
LOCK = json.loads((REPO / "package-lock.json").read_text())
PACKAGE = json.loads((REPO / "package.json").read_text())


def test_each_vendored_file_is_the_one_recorded() -> None:
    assert {Path(r["file"]).name for r in MANIFEST["files"]} >= {
        "htmx.min.js",
        "apache-annotator.min.js",
        "chart.umd.min.js",
        "axe.min.js",
    }
    for record in MANIFEST["files"]:
        data = (REPO / record["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == record["sha256"], record["file"]
        for package in [record, *record["bundled"]]:
            text = (REPO / package["licence_file"]).read_text()
            assert len(text) > 200 and package["license"], package


def test_recorded_versions_are_the_locked_ones() -> None:
    for record in MANIFEST["files"]:
        for package in [{"name": record["package"], **record}, *record["bundled"]]:
            name = package.get("name") or package["package"]
            locked = LOCK["packages"][f"node_modules/{name}"]
            assert locked["version"] == package["version"], name
            assert locked["license"] == package["license"], name


def test_front_end_dependencies_are_pinned_exactly() -> None:
    pins = {**PACKAGE["dependencies"], **PACKAGE["devDependencies"]}
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in pins.values()), pins


def test_pages_load_nothing_from_another_origin() -> None:
    for template in (REPO / "api" / "templates").rglob("*.html"):
        sources = re.findall(r'(?:src|href)="([^"]+)"', template.read_text())
        remote = [s for s in sources if re.match(r"(https?:)?//", s)]
        assert remote == [], f"{template.name} loads {remote}"
