"""Activation tokens never reach uvicorn's access log (real HTTP, access log at INFO)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn

from api.app import create_app
from api.logs import ACCESS_LOGGER, REDACTED, RedactSecrets, redact
from portfolio.domain.account import Role
from storage.bootstrap import build_app
from storage.settings import Settings
from tests.e2e.serving import free_port


class Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def logged_server(app) -> Iterator[tuple[str, Captured]]:
    """Serve `app` the way `portfolio serve` does (app built first, access log on at INFO)."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="info", lifespan="off")
    server = uvicorn.Server(config)  # reconfigures logging; the filter must survive
    captured = Captured()
    logging.getLogger(ACCESS_LOGGER).addHandler(captured)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while not server.started and time.monotonic() < deadline and thread.is_alive():
            time.sleep(0.05)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}", captured
    finally:
        server.should_exit = True
        thread.join(15)
        logging.getLogger(ACCESS_LOGGER).removeHandler(captured)


@pytest.fixture
def live(sqlite_settings: Settings) -> Iterator[tuple[str, Captured, dict[str, str]]]:
    portfolio = build_app(sqlite_settings)
    admin = portfolio.create_administrator("root@example.org", "Root", "root-password-123")
    token = portfolio.issue_api_token(admin.id, "t", "setup").token
    with logged_server(create_app(sqlite_settings, portfolio)) as (base, captured):
        yield base, captured, {"Authorization": f"Bearer {token}"}


def test_activation_link_token_is_redacted_in_the_access_log(live) -> None:
    base, captured, admin = live
    body = {"login": "ann@example.org", "display_name": "Ann", "role": Role.ASSESSOR.value}
    invited = httpx.post(f"{base}/api/accounts", headers=admin, json=body).json()
    secret = invited["activation_token"]
    opened = httpx.get(invited["activation_url"])  # the activation page the person opens
    assert opened.status_code == 200 and "ann@example.org" in opened.text
    refused = httpx.get(f"{base}/api/activation", params={"token": secret + "x", "a": "1"})
    assert refused.status_code in (404, 422)
    time.sleep(0.2)  # the access line is written after the response
    activation_lines = [line for line in captured.lines if "/activation?" in line]
    assert len(activation_lines) == 2, captured.lines
    assert all(f"/activation?token={REDACTED}" in line for line in activation_lines)
    assert "/api/activation" in activation_lines[1] and "&a=1" in activation_lines[1]
    assert " 200" in activation_lines[0]
    assert not any(secret in line for line in captured.lines)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/activation?token=abc.def", f"/api/activation?token={REDACTED}"),
        ("/x?a=1&token=s3cr3t&b=2", f"/x?a=1&token={REDACTED}&b=2"),
        ("/x?activation_token=s&api_key=k", f"/x?activation_token={REDACTED}&api_key={REDACTED}"),
        ("/x?TOKEN=s", f"/x?TOKEN={REDACTED}"),
        ("/x?after=5&limit=3", "/x?after=5&limit=3"),
        ("/tokens/abc?label=t", "/tokens/abc?label=t"),
    ],
)
def test_redact_keeps_the_shape_and_drops_the_secret(path: str, expected: str) -> None:
    assert redact(path) == expected


def test_the_filter_rewrites_arguments_and_never_drops_a_record() -> None:
    record = logging.LogRecord(
        ACCESS_LOGGER, logging.INFO, __file__, 1, '%s - "%s %s" %d',
        ("127.0.0.1:5", "GET", "/api/activation?token=t0k3n", 200), None,
    )  # fmt: skip
    assert RedactSecrets().filter(record) is True
    assert record.getMessage() == f'127.0.0.1:5 - "GET /api/activation?token={REDACTED}" 200'


def test_installing_twice_adds_one_filter(sqlite_settings: Settings) -> None:
    portfolio = build_app(sqlite_settings)
    create_app(sqlite_settings, portfolio)
    create_app(sqlite_settings, portfolio)
    filters = logging.getLogger(ACCESS_LOGGER).filters
    assert sum(isinstance(f, RedactSecrets) for f in filters) == 1
