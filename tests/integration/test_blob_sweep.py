"""Orphan blobs: an upload that fails after storing its file leaves one; the sweep removes it.

The failure is real: the event store refuses the write (SQLite: another connection holds the
write lock; PostgreSQL: the events table is locked and the statement times out) after the
file was stored. The sweep must remove exactly that file, never one any event mentions.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from typer.testing import CliRunner

from cli.main import app as cli
from portfolio.errors import StorageUnavailable
from storage.bootstrap import build_app
from storage.eventstore import pg_conninfo
from storage.settings import Settings
from storage.sweep import sweep

LATER = timedelta(seconds=2)


@contextmanager
def writes_blocked(settings: Settings) -> Iterator[None]:
    """The event store refuses to append while this is held (reads still work)."""
    if settings.event_store == "sqlite":
        with closing(sqlite3.connect(settings.sqlite_path, isolation_level=None)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            finally:
                conn.execute("ROLLBACK")
        return
    with psycopg.connect(**pg_conninfo(settings)) as conn:
        conn.execute(f'LOCK TABLE "{settings.postgres_schema}".portfolio_events IN EXCLUSIVE MODE')
        yield
        conn.rollback()


def _pdf(text: str) -> bytes:
    return f"%PDF-1.4 {text}".encode()


def _portfolio(app):
    """Two candidates, several versions each, one of them erased later: every file referenced."""
    session = app.open_session("RNCP38700", "cdc-2024.1", "2026-juin", "test:admin")
    files = {}
    for ref in ("C-1", "C-2"):
        candidate = app.add_candidate(
            session, ref, f"Nom {ref}", f"{ref}@example.org", "formation", "t"
        )
        for code, version in (("E1", 1), ("E1", 2), ("E2", 1)):
            data = _pdf(f"{ref} {code} v{version}")
            app.upload(candidate, code, io.BytesIO(data), f"{code}.pdf", "", "candidate")
            files[(candidate, code, version)] = data
    return files


def _addresses(app) -> set[str]:
    return {entry.address for entry in app.blobs.entries()}


def test_a_failed_upload_leaves_one_orphan_and_the_sweep_removes_only_it(backend_settings):
    settings = backend_settings.model_copy(update={"postgres_statement_timeout": 1})
    app = build_app(settings)
    files = _portfolio(app)
    referenced = _addresses(app)
    first = next(iter(files))[0]

    with writes_blocked(settings), pytest.raises(StorageUnavailable):
        app.upload(first, "E1", io.BytesIO(_pdf("never recorded")), "E1.pdf", "", "candidate")
    orphans = _addresses(app) - referenced
    assert len(orphans) == 1  # the file was stored, its event was not
    assert [v.version for v in app.production(first, "E1").versions] == [1, 2]

    erased = list(files)[-1][0]
    app.erase_candidate(erased, "test:admin", "demande RGPD")  # its events still name its files

    young = sweep(app, app.blobs, timedelta(hours=24), datetime.now(UTC))
    assert (young.removed, young.recent) == ([], 1)  # an upload may still be in flight
    dry = sweep(app, app.blobs, timedelta(0), datetime.now(UTC) + LATER, dry_run=True)
    assert {e.address for e in dry.removed} == orphans
    assert _addresses(app) == referenced | orphans  # a dry run removes nothing

    report = sweep(app, app.blobs, timedelta(0), datetime.now(UTC) + LATER)
    assert {e.address for e in report.removed} == orphans
    assert report.removed_bytes > 0
    assert report.referenced == len(referenced)
    assert _addresses(app) == referenced
    for (candidate, code, version), data in files.items():
        if candidate != erased:
            assert b"".join(app.read_version(candidate, code, version, "test:auditor")) == data
    assert sweep(app, app.blobs, timedelta(0), datetime.now(UTC) + LATER).removed == []


def test_blobs_sweep_command(sqlite_settings, monkeypatch):
    app = build_app(sqlite_settings)
    _portfolio(app)
    session = app.open_session("RNCP38700", "cdc-2024.1", "2026-sept", "test:admin")
    lea = app.add_candidate(session, "C-9", "Léa", "lea@example.org", "formation", "t")
    with writes_blocked(sqlite_settings), pytest.raises(StorageUnavailable):
        app.upload(lea, "E1", io.BytesIO(_pdf("lost")), "E1.pdf", "", "candidate")
    monkeypatch.setenv("PORTFOLIO_DATA_DIR", str(sqlite_settings.data_dir))
    monkeypatch.setenv("PORTFOLIO_EVENT_STORE", "sqlite")
    monkeypatch.setenv("PORTFOLIO_BLOB_STORE", "local")

    kept = CliRunner().invoke(cli, ["blobs", "sweep"])
    assert kept.exit_code == 0, kept.output
    assert "0 unreferenced blob(s) removed" in kept.output and "1 younger than 24 h" in kept.output
    swept = CliRunner().invoke(cli, ["blobs", "sweep", "--older-than-hours", "0"])
    assert swept.exit_code == 0, swept.output
    assert "1 unreferenced blob(s) removed" in swept.output
    assert "kept 6 referenced" in swept.output
