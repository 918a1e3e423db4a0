"""`portfolio user …`: the first administrator and printable activation links."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from storage.bootstrap import build_app
from storage.settings import Settings

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PORTFOLIO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PORTFOLIO_ENVIRONMENT", "test")
    return tmp_path


def test_create_admin_then_invite_prints_a_working_link(data_dir: Path) -> None:
    made = runner.invoke(
        app,
        ["user", "create-admin", "--login", "root@example.org"],
        env={"PORTFOLIO_ADMIN_PASSWORD": "root-password-1"},
    )
    assert made.exit_code == 0, made.output
    invited = runner.invoke(
        app, ["user", "invite", "--login", "ann@example.org", "--role", "auditor", "--name", "A"]
    )
    assert invited.exit_code == 0, invited.output
    link = next(line for line in invited.output.splitlines() if line.startswith("link:"))
    assert "/activation?token=" in link and "/api/" not in link  # the activation page
    token = link.split("token=")[1].strip()
    portfolio = build_app(Settings())
    assert portfolio.activation_account(token).login == "ann@example.org"
    assert portfolio.authenticate_password("root@example.org", "root-password-1").active
    listed = runner.invoke(app, ["user", "list"])
    assert "invited" in listed.output and "active" in listed.output


def test_errors_become_exit_codes(data_dir: Path) -> None:
    short = runner.invoke(
        app,
        ["user", "create-admin", "--login", "root@example.org"],
        env={"PORTFOLIO_ADMIN_PASSWORD": "short"},
    )
    assert short.exit_code == 6  # invalid input
    runner.invoke(
        app,
        ["user", "create-admin", "--login", "root@example.org"],
        env={"PORTFOLIO_ADMIN_PASSWORD": "root-password-1"},
    )
    twice = runner.invoke(
        app,
        ["user", "create-admin", "--login", "root@example.org"],
        env={"PORTFOLIO_ADMIN_PASSWORD": "root-password-1"},
    )
    assert twice.exit_code == 5  # conflict
    relink = runner.invoke(app, ["user", "activation-link", "00000000-0000-4000-8000-000000000000"])
    assert relink.exit_code == 4  # not found
    garbled = runner.invoke(app, ["user", "activation-link", "not-an-id"])
    assert garbled.exit_code == 6
