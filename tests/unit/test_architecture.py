"""Dependencies point inward: the domain imports no edge, no adapter; one composition root wires.

    api, cli ─┐
              ├─> bootstrap (composition root) ─> config (settings)
              │        │
              │        ├─> storage ──┐
              │        ├─> rendering │
              │        └─> pipeline ─┼─> portfolio (referential, domain, application)
              └──────────────────────┘

The pure parts of the pipeline (extraction, checks, the checker) know no broker, no event
store and no application service: they run unchanged in a child process.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EDGES = {"api", "cli"}
ROOT = {"bootstrap", "config"}
FORBIDDEN = {
    # package or top-level module: top-level modules it must never import
    "portfolio": EDGES
    | ROOT
    | {"pipeline", "storage", "rendering", "fastapi", "minio", "dramatiq"},
    "pipeline": EDGES | ROOT | {"storage", "rendering"},
    "storage": EDGES | {"bootstrap", "pipeline", "rendering"},
    "rendering": EDGES | ROOT | {"storage", "pipeline"},
    "api": {"cli"},
    "config": EDGES | {"bootstrap", "portfolio", "pipeline", "storage", "rendering"},
    "bootstrap": EDGES,
}
# Parts that must stay pure: module prefixes they must never import.
PURE = {
    "pipeline/extract": ("dramatiq", "eventsourcing", "portfolio.application"),
    "pipeline/checks": ("dramatiq", "eventsourcing", "portfolio.application"),
    "pipeline/checker.py": ("dramatiq", "eventsourcing", "portfolio.application"),
}


def imported_modules(path: Path) -> set[str]:
    """Every absolute module name `path` imports (relative imports stay inside their package)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def imported_roots(path: Path) -> set[str]:
    return {name.split(".")[0] for name in imported_modules(path)}


def sources(place: str) -> list[Path]:
    target = REPO / place
    if target.is_dir():
        return sorted(target.rglob("*.py"))
    return [target if target.suffix == ".py" else target.with_suffix(".py")]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_point_inward(package: str) -> None:
    offences = {
        str(path.relative_to(REPO)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in sources(package)
    }
    assert {file: bad for file, bad in offences.items() if bad} == {}


@pytest.mark.parametrize("place", sorted(PURE))
def test_pure_parts_import_no_machinery(place: str) -> None:
    offences = {
        str(path.relative_to(REPO)): sorted(
            name for name in imported_modules(path) if name.startswith(PURE[place])
        )
        for path in sources(place)
    }
    assert {file: bad for file, bad in offences.items() if bad} == {}


def test_the_checker_can_see_an_offence(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "import os\nfrom api.app import create_app\nfrom . import sibling\n"
        "from eventsourcing.application import Application\n"
    )
    assert imported_roots(module) == {"os", "api", "eventsourcing"}
    assert "eventsourcing.application.Application" in imported_modules(module)
    assert any(m.startswith(PURE["pipeline/checks"]) for m in imported_modules(module))
