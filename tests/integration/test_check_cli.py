"""`portfolio check`: exit codes, the one-object JSON contract, the French report."""

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cli.check import exit_code, register

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
KEYS = {"file", "sha256", "format", "production", "status", "rejection", "sections", "elements",
        "competencies", "checks", "pipeline_version", "referential_version", "word_count",
        "languages"}  # fmt: skip


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """The command under test, registered as cli/main.py does."""

    register(app)
    return app


def _run(app, *args: str):
    return CliRunner().invoke(app, ["check", *args])


def test_complete_e3_exits_0_with_one_json_object(app):
    result = _run(app, str(CORPUS / "E3_ROUSSEAU_Camille_BSA.docx"), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) >= KEYS
    assert report["production"] == "E3" and report["format"] == "docx"
    assert {c["status"] for c in report["checks"]} == {"pass"}
    section = report["sections"][0]
    assert set(section) == {"id", "heading", "level", "page_start", "page_end"}
    evidence = report["elements"][0]["evidence"][0]
    assert set(evidence) == {"section", "heading", "page", "quote"}


def test_gaps_exit_1_and_the_readable_report_is_french(app):
    result = _run(app, str(CORPUS / "E3 HADDAD Yanis - rapport de stage.docx"), "-p", "e3")
    assert result.exit_code == 1
    assert "Éléments attendus" in result.stdout and "erroné" in result.stdout


def test_rejected_file_exits_3(app):
    result = _run(app, str(CORPUS / "E2_PETIT_Marion_etude_de_cas.docx"), "--json")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert report["status"] == "rejected" and report["rejection"]["category"] == "empty"
    assert report["format"] is None


def test_usage_errors_exit_2(app, tmp_path):
    assert _run(app, str(tmp_path / "missing.docx")).exit_code == 2
    existing = CORPUS / "E3_ROUSSEAU_Camille_BSA.docx"
    assert _run(app, str(existing), "--production", "E9").exit_code == 2


def test_exit_code_rules():
    base = {"status": "accepted", "production": "E1", "elements": [], "checks": []}
    assert exit_code(base) == 0
    assert exit_code({**base, "checks": [{"status": "undetermined"}]}) == 0
    assert exit_code({**base, "checks": [{"status": "fail"}]}) == 1
    assert exit_code({**base, "elements": [{"status": "partial"}]}) == 1
    assert exit_code({**base, "production": None}) == 1
    assert exit_code({**base, "status": "rejected"}) == 3
