"""The evidence commands through typer's CliRunner on a temporary data dir."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.errors import exit_code_for
from cli.main import app
from portfolio import errors

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PORTFOLIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PORTFOLIO_ENVIRONMENT", "test")
    monkeypatch.setenv("PORTFOLIO_EVENT_STORE", "sqlite")
    monkeypatch.setenv("PORTFOLIO_BLOB_STORE", "local")
    return tmp_path / "data"


def run(*args: str, code: int = 0, stdin: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == code, (result.output, result.exception)
    return result.stdout.strip()


def enrol(*deadline: str) -> tuple[str, str]:
    extra = [f"--deadline={d}" for d in deadline]
    session = run(
        "session",
        "create",
        "--listing",
        "RNCP38700",
        "--referential-version",
        "cdc-2024.1",
        "--label",
        "2026",
        *extra,
    )
    candidate = run(
        "candidate",
        "add",
        session,
        "--ref",
        "C-1",
        "--name",
        "Jeanne Dupont",
        "--email",
        "jeanne@example.org",
        "--route",
        "VAE",
        "--actor",
        "cli:admin",
    )
    return session, candidate


def a_file(tmp_path: Path, content: bytes = b"%PDF-1.7 rapport") -> str:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(content)
    return str(path)


def test_session_candidate_upload_submit_history(data_dir, tmp_path):
    session, candidate = enrol()
    assert "E1 version 1" in run("upload", candidate, "E1", a_file(tmp_path))
    assert "E1 version 2" in run("upload", candidate, "e1", a_file(tmp_path, b"%PDF v2"))
    assert "version 1 submitted" in run("submit", candidate, "E1", "--version", "1")
    lines = run("history", candidate).splitlines()
    assert [line.split("  ")[2] for line in lines] == [
        "CandidateEnrolled",
        "ProductionStarted",
        "EvidenceUploaded",
        "EvidenceUploaded",
        "ProductionSubmitted",
    ]
    assert lines[0].split("  ")[1] == "cli:admin"
    assert "Jeanne Dupont" in run("candidate", "list", session)
    assert (data_dir / "events.sqlite3").exists()


def test_conflicts_exit_5_and_print_the_existing_id(data_dir, tmp_path):
    session, candidate = enrol()
    again = runner.invoke(
        app,
        ["candidate", "add", session, "--ref", "C-1", "--name", "X", "--email", "x@example.org"],
    )
    assert again.exit_code == 5 and again.stdout.strip() == candidate
    run("upload", candidate, "E2", a_file(tmp_path))
    run("submit", candidate, "E2")
    run("submit", candidate, "E2", code=5)


def test_deadline_passed_exits_5(data_dir, tmp_path):
    _, candidate = enrol("E1=2020-01-01T00:00:00+00:00")
    run("upload", candidate, "E1", a_file(tmp_path), code=5)
    run("upload", candidate, "E2", a_file(tmp_path))


def test_bad_input_exits_6_and_unknown_ids_exit_4(data_dir, tmp_path):
    _, candidate = enrol()
    run("upload", candidate, "E9", a_file(tmp_path), code=6)
    run("upload", "not-a-uuid", "E1", a_file(tmp_path), code=6)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    run("upload", candidate, "E1", str(empty), code=6)
    run("history", "00000000-0000-0000-0000-000000000000", code=4)
    run(
        "session",
        "create",
        "--listing",
        "L",
        "--referential-version",
        "cdc-2024.1",
        "--label",
        "x",
        "--deadline",
        "E1=tomorrow",
        code=6,
    )


def test_an_unknown_referential_version_exits_6_naming_the_valid_ones(data_dir):
    args = ["session", "create", "--listing", "L", "--referential-version", "2024-06"]
    result = runner.invoke(app, [*args, "--label", "x"])
    assert result.exit_code == 6
    assert "unknown referential version '2024-06'" in result.stderr
    assert "cdc-2024.1" in result.stderr


@pytest.mark.parametrize("pair", ["E1", "2026-06-01T12:00:00+00:00", "E1=2026-06-01"])
def test_deadline_without_code_date_or_zone_is_invalid_input(data_dir, pair):
    args = ["session", "create", "--listing", "L", "--referential-version", "cdc-2024.1"]
    args += ["--label", "x"]
    run(*args, "--deadline", pair, code=6)


def test_erase_then_verify(data_dir, tmp_path):
    session, candidate = enrol()
    run("upload", candidate, "E1", a_file(tmp_path))
    anchor = run("verify").splitlines()[-1].split()[-1]
    run("erase", candidate, "--reason", "art. 17", stdin="n\n", code=1)  # declined: aborted
    assert "Jeanne" in run("candidate", "list", session)
    run("erase", candidate, "--reason", "art. 17", "--yes")
    assert "[effacé]" in run("candidate", "list", session)
    assert run("history", candidate).splitlines()[-1].split("  ")[2] == "CandidateErased"
    assert "log intact" in run("verify", "--anchor", anchor)
    position = anchor.split(":")[0]
    run("verify", "--anchor", f"{position}:{'0' * 64}", code=1)
    run("erase", candidate, "--reason", "again", "--yes", code=5)


def test_help_names_every_command():
    output = run("--help")
    for command in ("session", "candidate", "upload", "submit", "history", "erase", "verify"):
        assert command in output


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (errors.CandidateNotFound("x"), 4),
        (errors.DeadlinePassed("x"), 5),
        (errors.BlobTooLarge("x"), 6),
        (errors.StorageUnavailable("x"), 7),
        (errors.Forbidden("x"), 8),
        (errors.LogIntegrityError("x"), 1),
        (errors.SubjectErased("x"), 4),
    ],
)
def test_exit_code_table(error, code):
    assert exit_code_for(error) == code
