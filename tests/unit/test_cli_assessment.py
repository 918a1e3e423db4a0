"""The README's assessment and jury steps through typer's CliRunner on a temporary data dir."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()
SITUATIONS = ("E1", "E2", "ORAL_NEGOTIATION", "E3", "E3_ORAL")
PDF = b"%PDF-1.7\n" + b"E1 text " * 40


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PORTFOLIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PORTFOLIO_ENVIRONMENT", "test")
    monkeypatch.setenv("PORTFOLIO_EVENT_STORE", "sqlite")
    monkeypatch.setenv("PORTFOLIO_BLOB_STORE", "local")
    return tmp_path / "data"


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (result.output, result.exception)
    return result.stdout.strip()


def _candidate(tmp_path: Path) -> tuple[str, str]:
    session = run(
        "session",
        "create",
        "--listing",
        "RNCP38700",
        "--referential-version",
        "cdc-2024.1",
        "--label",
        "2026-juin",
        "--result-scale",
        "levels",
    )
    cand = run(
        "candidate",
        "add",
        session,
        "--ref",
        "C-001",
        "--name",
        "Alice Martin",
        "--email",
        "alice@example.org",
    )
    evidence = tmp_path / "e.pdf"
    evidence.write_bytes(PDF)
    for code in ("E1", "E2", "E3"):
        run("upload", cand, code, str(evidence), "--media-type", "application/pdf")
        run("submit", cand, code)
    return session, cand


def _score_everything(cand: str, assessor: str) -> None:
    for situation in SITUATIONS:
        run(
            "assess",
            "assign",
            "--candidate",
            cand,
            "--situation",
            situation,
            "--assessor",
            assessor,
        )
        for criterion in run("assess", "criteria", "--situation", situation).split()[2:]:
            run(
                "assess",
                "score",
                "--assessor",
                assessor,
                "--candidate",
                cand,
                "--situation",
                situation,
                "--criterion",
                criterion,
                "--value",
                "acquis",
                "--rationale",
                "ok",
            )
        run(
            "assess",
            "sign-off",
            "--assessor",
            assessor,
            "--candidate",
            cand,
            "--situation",
            situation,
        )


def test_cli_walks_assessment_jury_and_pv(tmp_path: Path) -> None:
    session, cand = _candidate(tmp_path)
    assessor = "eva@example.org"
    _score_everything(cand, assessor)
    run(
        "assess",
        "sign-off",
        "--assessor",
        assessor,
        "--candidate",
        cand,
        "--situation",
        "E1",
        code=5,
    )  # second sign-off
    run(
        "assess",
        "score",
        "--assessor",
        assessor,
        "--candidate",
        cand,
        "--situation",
        "E1",
        "--criterion",
        "CR9.9.9",
        "--value",
        "acquis",
        "--rationale",
        "x",
        code=6,
    )
    run("jury", "open", "--session", session, "--date", "2026-07-03")
    run(
        "jury",
        "decide",
        "--session",
        session,
        "--candidate",
        cand,
        "--bloc",
        "1",
        "--decision",
        "validé",
        code=5,
    )  # no jury seated yet
    run(
        "jury",
        "seat",
        "--session",
        session,
        "--member",
        "pres@example.org",
        "--name",
        "Claire Durand",
        "--capacity",
        "présidente",
        "--external",
    )
    run(
        "jury",
        "seat",
        "--session",
        session,
        "--member",
        "cert@example.org",
        "--name",
        "Marc Leroy",
        "--capacity",
        "représentant du certificateur",
    )
    assert run("jury", "propose", "--candidate", cand, "--bloc", "3").endswith("validé")
    for bloc in ("1", "2", "3"):
        run(
            "jury",
            "decide",
            "--session",
            session,
            "--candidate",
            cand,
            "--bloc",
            bloc,
            "--decision",
            "validé",
        )
    words = run("jury", "pv", "generate", "--session", session).split()
    pv, sha = words[0], words[3]
    run(
        "jury",
        "pv",
        "sign",
        "--pv",
        pv,
        "--member",
        "pres@example.org",
        "--sha256",
        "0" * 64,
        code=5,
    )
    for member in ("pres@example.org", "cert@example.org"):
        last = run("jury", "pv", "sign", "--pv", pv, "--member", member, "--sha256", sha)
    assert last.endswith("final")
    out = tmp_path / "pv.pdf"
    run("jury", "pv", "export", "--pv", pv, "--format", "pdf", "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    assert "identically" in run("jury", "pv", "verify", "--pv", pv)
    assert run("jury", "acquired", "--ref", "C-001").endswith("title obtained")
