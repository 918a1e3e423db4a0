"""Under CI=true an unreachable service fails its tests; locally it skips them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import free_port

REPO = Path(__file__).resolve().parents[2]


def _run_probe(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    probe = tmp_path / "test_probe.py"
    probe.write_text(
        textwrap.dedent(
            f"""
            from tests.services import require

            def test_needs_a_dead_service():
                require("PostgreSQL", "127.0.0.1", {free_port()})
            """
        )
    )
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(probe)],
        cwd=REPO,
        env={"CI": ci, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_unreachable_service_fails_under_ci(tmp_path: Path) -> None:
    result = _run_probe(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    assert "1 failed" in result.stdout
    assert "CI=true: a missing service is a failure" in result.stdout


def test_an_unreachable_service_skips_locally(tmp_path: Path) -> None:
    result = _run_probe(tmp_path, "")
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
