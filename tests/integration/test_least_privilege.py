"""Least privilege on PostgreSQL: the service's role can read and append history, nothing else.

The roles come from the real `deploy/postgres/roles.sql` (run with psql, as an administrator
would), the schema from `portfolio db migrate`; each test gets its own pair of roles.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

from cli.main import app as cli
from pipeline.jobs.position import DispatchPosition
from portfolio.application.app import PortfolioApp
from portfolio.errors import InvalidInput, StorageUnavailable
from storage.bootstrap import build_app
from storage.eventstore import guard_trigger_names
from storage.migrate import migrate
from storage.settings import Settings
from tests.conftest import PG_HOST, PG_PORT
from tests.services import require

ROLES_SQL = Path(__file__).resolve().parents[2] / "deploy" / "postgres" / "roles.sql"
EVENTS = "portfolio_events"

pytestmark = pytest.mark.postgres


def _admin():
    return psycopg.connect(host=PG_HOST, port=PG_PORT, user="postgres", dbname="postgres")


def _as(role: str):
    return psycopg.connect(
        host=PG_HOST, port=PG_PORT, user=role, dbname="postgres", autocommit=True
    )


@pytest.fixture
def roles(tmp_path: Path) -> Iterator[Settings]:
    """Two fresh roles and their schema made by roles.sql; Settings as the application role."""
    require("PostgreSQL", PG_HOST, PG_PORT)
    psql = shutil.which("psql")
    assert psql, "psql (postgresql-client) is needed to run deploy/postgres/roles.sql"
    tag = uuid.uuid4().hex[:12]
    migrator, app_user, schema = f"mig_{tag}", f"app_{tag}", f"lp_{tag}"
    variables = {
        "migrator": migrator,
        "migrator_password": "",
        "app_user": app_user,
        "app_password": "",
        "schema": schema,
    }
    command = [psql, "-h", PG_HOST, "-p", str(PG_PORT), "-U", "postgres", "-d", "postgres", "-q"]
    for name, value in variables.items():
        command += ["-v", f"{name}={value}"]
    done = subprocess.run([*command, "-f", str(ROLES_SQL)], capture_output=True, text=True)
    try:
        assert done.returncode == 0, done.stderr
        yield Settings(
            environment="test",
            data_dir=tmp_path,
            event_store="postgres",
            inprocess_worker=False,
            postgres_host=PG_HOST,
            postgres_port=PG_PORT,
            postgres_user=app_user,
            postgres_dbname="postgres",
            postgres_schema=schema,
            postgres_migration_user=migrator,
        )
    finally:
        with _admin() as conn:
            conn.autocommit = True
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            for role in (app_user, migrator):
                conn.execute(f'DROP OWNED BY "{role}" CASCADE')
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def _enrol_and_upload(app: PortfolioApp):
    session = app.open_session("RNCP38700", "cdc-2024.1", "2026-juin", "test:admin")
    candidate = app.add_candidate(session, "C-1", "Léa F", "lea@example.org", "formation", "t")
    app.upload(candidate, "E1", io.BytesIO(b"%PDF-1.4 evidence"), "e1.pdf", "", "candidate")
    return candidate


def test_the_application_role_runs_the_service_after_migration(roles):
    migration = migrate(roles, [PortfolioApp.name])
    assert migration.owner == roles.postgres_migration_user
    assert migration.app_role == roles.postgres_user
    migrate(roles, [PortfolioApp.name])  # a second run changes nothing and does not fail

    app = build_app(roles)  # connects as the application role only
    candidate = _enrol_and_upload(app)
    again = build_app(roles)
    assert [v.version for v in again.production(candidate, "E1").versions] == [1]
    position = DispatchPosition(again)  # the tracking row: INSERT then UPDATE
    position.advance(2)
    position.advance(3)
    assert position.get() == 3
    again.erase_candidate(candidate, "test:admin", "demande RGPD")  # subject key overwritten

    with _as(roles.postgres_user) as conn:
        owner = conn.execute(
            "SELECT tableowner FROM pg_tables WHERE schemaname = %s AND tablename = %s",
            (roles.postgres_schema, EVENTS),
        ).fetchone()
        assert owner == (roles.postgres_migration_user,)
        assert (
            conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]
            is False
        )


HISTORY_CHANGES = [
    "UPDATE {t} SET topic = 'forged'",
    "DELETE FROM {t}",
    "TRUNCATE {t}",
    "ALTER TABLE {t} DISABLE TRIGGER ALL",
    "ALTER TABLE {t} DISABLE TRIGGER " + guard_trigger_names(EVENTS)[0],
    "ALTER TABLE {t} ADD COLUMN note text",
    "DROP TRIGGER " + guard_trigger_names(EVENTS)[0] + " ON {t}",
    "DROP TABLE {t}",
    "ALTER TABLE {t} OWNER TO CURRENT_USER",
    "CREATE TABLE {s}.shadow (x int)",
]


@pytest.mark.parametrize("statement", HISTORY_CHANGES)
def test_the_application_role_cannot_alter_history(roles, statement):
    migrate(roles, [PortfolioApp.name])
    _enrol_and_upload(build_app(roles))
    schema = roles.postgres_schema
    table = f'"{schema}".{EVENTS}'
    with _as(roles.postgres_user) as conn:
        before = conn.execute(f"SELECT count(*), max(notification_id) FROM {table}").fetchone()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement.format(t=table, s=f'"{schema}"'))
        assert (
            conn.execute(f"SELECT count(*), max(notification_id) FROM {table}").fetchone() == before
        )
        triggers = conn.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND tgenabled <> 'D'",
            (f"{schema}.{EVENTS}",),
        ).fetchall()
    assert {name for (name,) in triggers} >= set(guard_trigger_names(EVENTS))
    assert before[0] > 0


def test_without_migration_the_service_refuses_to_start_and_says_what_to_run(roles):
    with pytest.raises(StorageUnavailable, match="portfolio db migrate"):
        build_app(roles)


def test_the_service_refuses_a_log_whose_triggers_were_dropped(roles):
    migrate(roles, [PortfolioApp.name])
    with _as(roles.postgres_migration_user) as conn:
        conn.execute(
            f'DROP TRIGGER {guard_trigger_names(EVENTS)[0]} ON "{roles.postgres_schema}".{EVENTS}'
        )
    with pytest.raises(StorageUnavailable, match="not protected"):
        build_app(roles)


def test_db_migrate_command_reports_the_roles(roles, monkeypatch):
    env = {
        "PORTFOLIO_EVENT_STORE": "postgres",
        "PORTFOLIO_POSTGRES_HOST": PG_HOST,
        "PORTFOLIO_POSTGRES_PORT": str(PG_PORT),
        "PORTFOLIO_POSTGRES_USER": roles.postgres_user,
        "PORTFOLIO_POSTGRES_DBNAME": "postgres",
        "PORTFOLIO_POSTGRES_SCHEMA": roles.postgres_schema,
        "PORTFOLIO_POSTGRES_MIGRATION_USER": roles.postgres_migration_user,
        "PORTFOLIO_DATA_DIR": str(roles.data_dir),
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(cli, ["db", "migrate"])
    assert result.exit_code == 0, result.output
    assert roles.postgres_migration_user in result.output
    assert roles.postgres_user in result.output
    build_app(roles)  # migrated: the application role starts


def test_db_migrate_names_a_missing_application_role(roles):
    missing = roles.model_copy(update={"postgres_user": f"nobody_{uuid.uuid4().hex[:8]}"})
    with pytest.raises(InvalidInput, match="roles.sql"):
        migrate(missing, [PortfolioApp.name])
