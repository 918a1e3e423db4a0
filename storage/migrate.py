"""`portfolio db migrate`: create the event store's schema as one role, let the service use another.

Least privilege (issue 11): on PostgreSQL the tables, their append-only triggers and the key
table are created and owned by the *migration role* (`PORTFOLIO_POSTGRES_MIGRATION_USER`); the
service connects as the *application role* (`PORTFOLIO_POSTGRES_USER`), which is then granted
exactly what it uses and nothing more:

- event tables (`<app>_events`): SELECT, INSERT (and USAGE of their id sequence) — no UPDATE,
  DELETE or TRUNCATE, and, not being the owner, no ALTER, DROP or DISABLE TRIGGER;
- state tables (the dispatcher's `<app>_tracking` position, `subject_keys`): SELECT, INSERT,
  UPDATE (a position moves forward, an erased subject's key is overwritten);
- the schema: USAGE only (no CREATE).

The two roles themselves are created once by an administrator with
`deploy/postgres/roles.sql`. Without a migration user the application role migrates its own
schema (the single-role set-up of development: it owns its tables, so triggers are all that
protect them). On SQLite, migrating creates the tables and triggers; there are no roles.
Running it again is harmless: everything is created only if missing, grants are re-stated.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass

from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.utils import Environment

from portfolio.errors import InvalidInput
from storage.eventstore import (
    event_store_env,
    events_table_names,
    pg_connect,
    pg_conninfo,
    protect_event_tables,
    translate_store_errors,
)
from storage.keytables import PostgresKeyTable
from storage.settings import Settings

EVENT_TABLE_GRANTS = "SELECT, INSERT"
STATE_TABLE_GRANTS = "SELECT, INSERT, UPDATE"
KEY_TABLE = "subject_keys"


@dataclass(frozen=True)
class Migration:
    """What a migration did, for the command to report."""

    owner: str  # the role that owns the schema objects ("" on SQLite)
    app_role: str  # the role granted access ("" when it is the owner, or on SQLite)
    event_tables: tuple[str, ...]
    state_tables: tuple[str, ...]


def migration_settings(settings: Settings) -> Settings:
    """The same deployment, connected as the migration role when one is configured."""
    if settings.event_store != "postgres" or not settings.postgres_migration_user:
        return settings
    return settings.model_copy(
        update={
            "postgres_user": settings.postgres_migration_user,
            "postgres_password": settings.postgres_migration_password,
        }
    )


def migrate(settings: Settings, app_names: Sequence[str]) -> Migration:
    """Create the event store's tables and triggers for `app_names`, then grant the app role."""
    owner_settings = migration_settings(settings)
    with translate_store_errors(owner_settings):
        tracking = [_create_recorders(owner_settings, name) for name in app_names]
    protect_event_tables(owner_settings, app_names)
    if settings.event_store != "postgres":
        return Migration("", "", ("stored_events",), tuple(tracking))
    PostgresKeyTable(pg_conninfo(owner_settings), settings.postgres_schema).create_table()
    events = tuple(events_table_names(app_names))
    state = (*tracking, KEY_TABLE)
    owner, app_role = owner_settings.postgres_user, settings.postgres_user
    if owner == app_role:
        return Migration(owner, "", events, state)
    with translate_store_errors(owner_settings):
        _grant(owner_settings, app_role, events, state)
    return Migration(owner, app_role, events, state)


def _create_recorders(settings: Settings, app_name: str) -> str:
    """Have eventsourcing create the application's tables (as it would at start); the
    tracking table's name is returned."""
    env = Environment(name=app_name, env=event_store_env(settings, app_name))
    factory = InfrastructureFactory.construct(env)
    try:
        factory.application_recorder()
        recorder = factory.tracking_recorder()
        return str(getattr(recorder, "tracking_table_name", "tracking"))
    finally:
        factory.close()


def _grant(settings: Settings, app_role: str, events: Sequence[str], state: Sequence[str]) -> None:
    import psycopg
    from psycopg import sql

    schema = sql.Identifier(settings.postgres_schema)
    role = sql.Identifier(app_role)

    def table(name: str) -> sql.Composed:
        return sql.SQL("{}.{}").format(schema, sql.Identifier(name))

    statements = [
        sql.SQL("GRANT USAGE ON SCHEMA {s} TO {r}").format(s=schema, r=role),
        sql.SQL("REVOKE CREATE ON SCHEMA {s} FROM {r}").format(s=schema, r=role),
        sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}").format(s=schema, r=role),
        sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {r}").format(s=schema, r=role),
    ]
    statements += [
        sql.SQL("GRANT " + EVENT_TABLE_GRANTS + " ON {t} TO {r}").format(t=table(n), r=role)
        for n in events
    ]
    statements += [
        sql.SQL("GRANT " + STATE_TABLE_GRANTS + " ON {t} TO {r}").format(t=table(n), r=role)
        for n in state
    ]
    try:
        with closing(pg_connect(settings)) as conn, conn.transaction():
            for statement in statements:
                conn.execute(statement)
            for name in events:  # the notification id's sequence: nextval on INSERT
                conn.execute(
                    sql.SQL("GRANT USAGE ON SEQUENCE {q} TO {r}").format(
                        q=sql.SQL(_serial_sequence(conn, settings.postgres_schema, name)), r=role
                    )
                )
    except psycopg.errors.UndefinedObject as exc:  # the app role does not exist
        raise InvalidInput(
            f"cannot grant access to role {app_role!r}: {str(exc).splitlines()[0]} "
            "(create both roles with deploy/postgres/roles.sql)"
        ) from exc


def _serial_sequence(conn, schema: str, table: str) -> str:
    from psycopg import sql

    qualified = sql.Identifier(schema, table).as_string(conn)
    row = conn.execute(
        "SELECT pg_get_serial_sequence(%s, 'notification_id')", (qualified,)
    ).fetchone()
    if not row or not row[0]:
        raise InvalidInput(f"table {qualified} has no notification id sequence")
    return str(row[0])  # already quoted and schema-qualified by PostgreSQL
