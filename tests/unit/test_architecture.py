"""Dependencies point inward: the domain never imports the edges or the adapters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    # package: top-level modules it must never import
    "portfolio": {"api", "cli", "pipeline", "storage", "rendering", "fastapi", "minio", "dramatiq"},
    "pipeline": {"api", "cli"},
    "storage": {"api", "cli"},
    "rendering": {"api", "cli", "storage"},
}


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_point_inward(package: str) -> None:
    offences = {
        str(path.relative_to(REPO)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in sorted((REPO / package).rglob("*.py"))
    }
    assert {file: bad for file, bad in offences.items() if bad} == {}


def test_the_checker_can_see_an_offence(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("import os\nfrom api.app import create_app\nfrom . import sibling\n")
    assert imported_roots(module) == {"os", "api"}
