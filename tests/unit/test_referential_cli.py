"""`portfolio referential show` through the real root app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
from portfolio.referential import load_referential

runner = CliRunner()


def test_show_json_is_the_whole_referential() -> None:
    result = runner.invoke(app, ["referential", "show", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ref = load_referential()
    assert data["version"] == ref.version
    assert data["fingerprint"] == ref.fingerprint
    codes = [c["code"] for b in data["blocs"] for a in b["activities"] for c in a["competencies"]]
    assert codes == [c.code for c in ref.competencies]
    e2 = next(s for s in data["situations"] if s["id"] == "E2")
    assert "C2.1.4.1" not in e2["competencies"]
    assert [e["id"] for e in e2["elements"]] == [e.id for e in ref.elements_for("E2")]


def test_show_summary_names_blocs_competencies_and_elements() -> None:
    result = runner.invoke(app, ["referential", "show"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    ref = load_referential()
    assert ref.version in result.stdout
    for bloc in ref.blocs:
        assert f"Bloc {bloc.number}" in result.stdout
    for comp in ref.competencies:
        assert comp.code in result.stdout
    assert "e1.swot" in result.stdout
    assert "swot_matrix" in result.stdout  # parts printed literally, not eaten as markup
    assert "65 jours ouvrés" in result.stdout


def test_show_refuses_an_invalid_file_with_exit_6(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("version: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["referential", "show", "--file", str(path)])
    assert result.exit_code == 6
    assert "invalid referential" in result.stderr
