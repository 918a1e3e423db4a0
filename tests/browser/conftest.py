"""Browser tests: Playwright driving Debian's Chromium against the real app on loopback.

- `live`: the real app (`create_app`) served by uvicorn on a free port, SQLite and blobs in
  `tmp_path`, the in-process pipeline worker on, with a helper to seed people and sessions
  through the application services (the administrator's pages come later).
- `browser`: one headless Chromium per test session (`/usr/bin/chromium`, installed by
  `scripts/ensure-browser.sh`; missing: skipped locally, a failure under CI=true).
- `pages`: a fresh French browser context per test whose `visit`/`seen` helpers save a
  screenshot of every page under `tests/browser/screenshots/<test>/` and run axe-core on it,
  failing on any serious or critical violation; a page that was navigated to but never
  audited, a script error or a Content-Security-Policy violation fails the test at teardown.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Frame, Page, sync_playwright

from api.app import create_app
from portfolio.application.app import PortfolioApp
from portfolio.domain.account import Role
from storage.bootstrap import build_app
from storage.settings import Settings
from tests.e2e.serving import served
from tests.services import IN_CI

CHROMIUM = Path("/usr/bin/chromium")
HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE / "screenshots"
AXE = (HERE / "vendor" / "axe.min.js").read_text()
CORPUS = HERE.parents[1] / ".." / "shared" / "corpus"
# Flags from the machine notes: no sandbox as root, and no background traffic (the network
# here is closed; Chromium otherwise keeps trying Google's hosts).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# On Linux Chromium takes its own interface language (the file picker's "Choisir un fichier")
# from the environment, not from --lang: French, as a French user's browser.
CHROMIUM_ENV = {"LANGUAGE": "fr_FR:fr", "LANG": "fr_FR.UTF-8"}
BLOCKING_IMPACTS = {"serious", "critical"}
HTTP_STATUS_LOGS = ("Failed to load resource", "Response Status Error Code")  # Chromium, htmx
PASSWORD = "motdepasse-solide-2026"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (scripts/ensure-browser.sh installs Debian's chromium)"
        if IN_CI:
            pytest.fail(message + " (CI=true: a missing browser is a failure)")
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            env={**os.environ, **CHROMIUM_ENV},
        )
        yield launched
        launched.close()


@dataclass
class Live:
    """The served app and its application, to seed what the administrator's pages will do."""

    base: str
    portfolio: PortfolioApp

    def url(self, path: str) -> str:
        return self.base + path

    def session(self, **deadlines: datetime) -> UUID:
        default = {"E1": datetime.now(UTC) + timedelta(days=45)}
        return self.portfolio.open_session(
            "RNCP38789", "cdc-2024.1", "Session juin 2027", "test", deadlines or default
        )

    def candidate(self, session_id: UUID, ref: str, name: str, email: str) -> tuple[UUID, str]:
        """Enrol a candidate and invite their account; returns the id and activation path."""
        candidate_id = self.portfolio.add_candidate(session_id, ref, name, email, "formation", "t")
        invitation = self.portfolio.invite_account(email, name, Role.CANDIDATE, "t", candidate_id)
        return candidate_id, f"/activation?token={invitation.activation_token}"

    def active_candidate(self, session_id: UUID, ref: str, name: str, email: str) -> UUID:
        candidate_id, link = self.candidate(session_id, ref, name, email)
        self.portfolio.activate_account(link.partition("token=")[2], PASSWORD)
        return candidate_id


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    settings = Settings(
        environment="test",
        data_dir=tmp_path / "data",
        event_store="sqlite",
        blob_store="local",
        inprocess_worker=True,  # uploads are checked by the real pipeline, as with `make run`
    )
    portfolio = build_app(settings)
    with served(create_app(settings, portfolio), lifespan="on") as base:
        yield Live(base, portfolio)


@dataclass
class Pages:
    """One browser tab plus the audit trail of every page it showed."""

    page: Page
    live: Live
    folder: Path
    shots: int = 0
    navigated: set[str] = field(default_factory=set)
    audited: set[str] = field(default_factory=set)
    findings: list[dict] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        """Script errors and CSP violations (an HTTP error status is the tests' to assert)."""
        http_status = message.text.startswith(HTTP_STATUS_LOGS)
        if message.type == "error" and not http_status:
            self.console_errors.append(f"{self.path()}: {message.text}")

    def visit(self, path: str, label: str) -> Page:
        self.page.goto(self.live.url(path))
        self.seen(label)
        return self.page

    def after(self, action: Callable[[], object], label: str) -> Page:
        """Do `action` (a click, a key press) that loads a new page, then audit that page."""
        with self.page.expect_navigation():
            action()
        self.seen(label)
        return self.page

    def seen(self, label: str) -> None:
        """Screenshot the page as it is now and audit it with axe-core."""
        self.page.wait_for_load_state("networkidle")
        self.shots += 1
        ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_label.lower()).strip("-")
        self.page.screenshot(path=self.folder / f"{self.shots:02d}-{slug}.png", full_page=True)
        self.audit(label)

    def audit(self, label: str) -> None:
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE)
        violations = self.page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                .map(v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.map(n => n.target.join(' '))}))"""
        )
        self.audited.add(self.path())
        for violation in violations:
            self.findings.append({"page": label, "url": self.path(), **violation})
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert blocking == [], f"axe on {label} ({self.path()}): {json.dumps(blocking, indent=1)}"

    def path(self, url: str | None = None) -> str:
        return (url or self.page.url).removeprefix(self.live.base).split("#")[0]

    def record(self, frame: Frame) -> None:
        if frame == self.page.main_frame:
            self.navigated.add(self.path(frame.url))


def open_tab(browser: Browser, live: Live, name: str, **options: object) -> Pages:
    """A fresh French context and tab whose screenshots go to `screenshots/<name>/`."""
    folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", name)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    settings = {"locale": "fr-FR", "viewport": {"width": 1280, "height": 900}, **options}
    page = browser.new_context(**settings).new_page()
    tab = Pages(page, live, folder)
    page.on("framenavigated", tab.record)
    page.on("console", tab.console)
    page.on("pageerror", lambda error: tab.console_errors.append(f"{tab.path()}: {error}"))
    return tab


def close_tab(tab: Pages) -> None:
    """Write the axe findings, close the context, and fail if a page escaped the audit."""
    (tab.folder / "axe.json").write_text(json.dumps(tab.findings, indent=1, ensure_ascii=False))
    tab.page.context.close()
    unaudited = {p for p in tab.navigated - tab.audited if not p.startswith("/api/")}
    assert unaudited == set(), f"pages shown but never screenshotted and audited: {unaudited}"
    assert tab.console_errors == [], "script errors or CSP violations:\n" + "\n".join(
        tab.console_errors
    )


@pytest.fixture
def pages(browser: Browser, live: Live, request: pytest.FixtureRequest) -> Iterator[Pages]:
    tab = open_tab(browser, live, request.node.name)
    yield tab
    close_tab(tab)
