"""The event-store environment on SQLite and PostgreSQL, and append-only protection."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import psycopg
import pytest
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import PersistenceError
from pydantic import SecretStr

from config import Settings
from portfolio.errors import StorageUnavailable
from storage.eventstore import (
    check_event_store,
    event_store_env,
    pg_conninfo,
    protect_event_tables,
    translate_store_errors,
)


class Note(Aggregate):
    @event("Created")
    def __init__(self, text: str) -> None:
        self.text = text

    @event("Edited")
    def edit(self, text: str) -> None:
        self.text = text


class Notebook(Application):
    def write(self, text: str):
        note = Note(text)
        self.save(note)
        return note.id

    def edit(self, note_id, text: str) -> None:
        note = self.repository.get(note_id)
        note.edit(text)
        self.save(note)


def _build(settings: Settings) -> Notebook:
    with translate_store_errors(settings):
        return Notebook(env=event_store_env(settings, "Notebook"))


def _pg(settings: Settings):
    return psycopg.connect(**pg_conninfo(settings), autocommit=True)


def test_env_ignores_process_environment(sqlite_settings, monkeypatch, tmp_path):
    monkeypatch.setenv("PERSISTENCE_MODULE", "eventsourcing.postgres")
    monkeypatch.setenv("NOTEBOOK_SQLITE_DBNAME", str(tmp_path / "elsewhere.db"))
    app = _build(sqlite_settings)
    app.write("hello")
    assert sqlite_settings.sqlite_path.exists()
    assert not (tmp_path / "elsewhere.db").exists()


def test_sqlite_roundtrip_and_protection(sqlite_settings):
    app = _build(sqlite_settings)
    note_id = app.write("first")
    assert protect_event_tables(sqlite_settings, "Notebook") == ["stored_events"]
    app.edit(note_id, "second")  # appending still works once protected
    assert app.repository.get(note_id).text == "second"
    with closing(sqlite3.connect(sqlite_settings.sqlite_path)) as conn:
        for statement in ("UPDATE stored_events SET topic = 'x'", "DELETE FROM stored_events"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(statement)
        assert conn.execute("SELECT count(*) FROM stored_events").fetchone()[0] == 2


@pytest.mark.postgres
def test_postgres_roundtrip_and_protection(pg_env):
    app = _build(pg_env)
    note_id = app.write("first")
    tables = protect_event_tables(pg_env, "Notebook")
    protect_event_tables(pg_env, "Notebook")  # idempotent
    assert tables == ["notebook_events"]
    app.edit(note_id, "second")
    assert app.repository.get(note_id, version=1).text == "first"
    assert app.repository.get(note_id).text == "second"
    table = f'"{pg_env.postgres_schema}".notebook_events'
    with _pg(pg_env) as conn:
        for statement in (
            f"UPDATE {table} SET topic = 'x'",
            f"DELETE FROM {table}",
            f"TRUNCATE {table}",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                conn.execute(statement)
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 2


@pytest.mark.postgres
def test_postgres_events_land_in_the_configured_schema(pg_env):
    _build(pg_env).write("x")
    with _pg(pg_env) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (pg_env.postgres_schema,),
        ).fetchall()
    assert ("notebook_events",) in rows


@pytest.mark.postgres
def test_check_event_store_passes_on_reachable_stores(pg_env, sqlite_settings):
    check_event_store(pg_env)
    check_event_store(sqlite_settings)


def _unreachable(pg_env: Settings) -> Settings:
    return pg_env.model_copy(
        update={
            "postgres_port": 1,
            "postgres_password": SecretStr(""),
            "postgres_connect_timeout": 1,
        }
    )


@pytest.mark.postgres
def test_wrong_port_is_storage_unavailable(pg_env):
    broken = _unreachable(pg_env)
    with pytest.raises(StorageUnavailable, match="127.0.0.1:1"):
        check_event_store(broken)
    with pytest.raises(StorageUnavailable, match="unavailable"):
        _build(broken).write("never stored")
    with pytest.raises(StorageUnavailable):
        protect_event_tables(broken, "Notebook")


def test_other_persistence_errors_are_not_disguised(sqlite_settings):
    with pytest.raises(PersistenceError), translate_store_errors(sqlite_settings):
        raise PersistenceError("not a connection problem")
