"""Settings -> eventsourcing environment, append-only protection, and a readiness check.

eventsourcing reads its configuration with the precedence class `env` < `os.environ` < the
`env=` argument (and an application-name prefixed key beats a plain one). Build every
application with `env=event_store_env(settings, app_name)` so nothing leaks from the process
environment into the store a test or the server opens.
"""

from __future__ import annotations

import math
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager

from portfolio.errors import StorageUnavailable
from storage.pgstore import STATEMENT_TIMEOUT, libpq_timeouts
from storage.settings import Settings

PG_FACTORY_TOPIC = "storage.pgstore:FailFastPostgresFactory"  # timeouts, fail fast (see there)
SQLITE_EVENTS_TABLE = "stored_events"  # eventsourcing.sqlite uses one name for every app
GUARD_FUNCTION = "refuse_stored_event_change"


def event_store_env(settings: Settings, app_name: str | None = None) -> dict[str, str]:
    """The eventsourcing 9.5 settings for this deployment, ready for `Application(env=...)`.

    With `app_name`, each key is also given with the application's prefix, so that a stray
    `<APP>_POSTGRES_…` variable in the process environment cannot override it.
    """
    env = _postgres_env(settings) if settings.event_store == "postgres" else _sqlite_env(settings)
    if app_name:
        env |= {f"{app_name.upper()}_{key}": value for key, value in env.items()}
    return env


def _sqlite_env(settings: Settings) -> dict[str, str]:
    settings.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(settings.sqlite_path),
        "CREATE_TABLE": "y",
    }


def _postgres_env(settings: Settings) -> dict[str, str]:
    return {
        "PERSISTENCE_MODULE": PG_FACTORY_TOPIC,
        "POSTGRES_DBNAME": settings.postgres_dbname,
        "POSTGRES_HOST": settings.postgres_host,
        "POSTGRES_PORT": str(settings.postgres_port),
        "POSTGRES_USER": settings.postgres_user,
        "POSTGRES_PASSWORD": settings.postgres_password.get_secret_value(),
        "POSTGRES_SCHEMA": settings.postgres_schema,
        "POSTGRES_CONNECT_TIMEOUT": str(settings.postgres_connect_timeout),
        STATEMENT_TIMEOUT: str(settings.postgres_statement_timeout),
        "POSTGRES_LOCK_TIMEOUT": str(math.ceil(settings.postgres_statement_timeout)),
        "POSTGRES_PRE_PING": "y",  # a restarted server must not break the next request
        "POSTGRES_ENABLE_DB_FUNCTIONS": "y",  # ~2x faster single appends (STACK.md)
        "CREATE_TABLE": "y",
    }


def events_table_names(names: str | Iterable[str]) -> list[str]:
    """Table names for application names ("Portfolio" -> "portfolio_events") or table names."""
    names = [names] if isinstance(names, str) else list(names)
    return [n if n.endswith(("_events", "_snapshots")) else f"{n.lower()}_events" for n in names]


@contextmanager
def translate_store_errors(settings: Settings) -> Iterator[None]:
    """Turn "cannot reach the database" into `StorageUnavailable`; let other errors pass."""
    try:
        yield
    except Exception as exc:
        if not _is_unreachable(exc):
            raise
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[
            0
        ]  # one line, not libpq's three
        raise StorageUnavailable(
            f"event store {_describe(settings)} unavailable: {reason}"
        ) from exc


def _is_unreachable(exc: Exception) -> bool:
    from eventsourcing.persistence import InterfaceError, OperationalError

    kinds: tuple[type[Exception], ...] = (
        OperationalError,
        InterfaceError,
        sqlite3.OperationalError,
        OSError,
    )
    psycopg = sys.modules.get("psycopg")  # not imported: none of its errors can occur
    if psycopg is not None:
        kinds += (psycopg.OperationalError, psycopg.InterfaceError)
    return isinstance(exc, kinds)


def _describe(settings: Settings) -> str:
    if settings.event_store == "postgres":
        return (
            f"postgresql://{settings.postgres_user}@{settings.postgres_host}:"
            f"{settings.postgres_port}/{settings.postgres_dbname} "
            f"(schema {settings.postgres_schema})"
        )
    return f"sqlite {settings.sqlite_path}"


def check_event_store(settings: Settings) -> None:
    """Raise `StorageUnavailable` unless the event store answers a trivial query (/readyz)."""
    with translate_store_errors(settings):
        if settings.event_store == "postgres":
            with pg_connect(settings) as conn:
                conn.execute("SELECT 1")
        else:
            settings.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(settings.sqlite_path, timeout=5)) as conn:
                conn.execute("SELECT 1")


def pg_conninfo(settings: Settings) -> dict[str, object]:
    """psycopg connection parameters of the event store's server (the key table shares them)."""
    return {
        "host": settings.postgres_host,
        "port": settings.postgres_port,
        "user": settings.postgres_user,
        "password": settings.postgres_password.get_secret_value() or None,
        "dbname": settings.postgres_dbname,
        **libpq_timeouts(settings.postgres_connect_timeout, settings.postgres_statement_timeout),
    }


def pg_connect(settings: Settings):
    import psycopg

    return psycopg.connect(**pg_conninfo(settings), autocommit=True)


def protect_event_tables(settings: Settings, names: str | Iterable[str] = ()) -> list[str]:
    """Install triggers so stored events can never be updated, deleted or truncated.

    `names` are application names or table names (PostgreSQL creates `<app>_events` per
    application; SQLite always uses `stored_events`, which is protected whatever is passed).
    Idempotent; call it after the application has created its tables. Returns the tables.

    On PostgreSQL, tables owned by another role (the migration role) cannot be given triggers
    by this one: there the triggers must already be in place, or `StorageUnavailable` says to
    run `portfolio db migrate`; the service never runs on an unprotected log.
    """
    with translate_store_errors(settings):
        if settings.event_store == "postgres":
            tables = events_table_names(names)
            schema = settings.postgres_schema
            with pg_connect(settings) as conn, conn.transaction():
                if _owned_by_current_user(conn, schema, tables):
                    _install_pg_guards(conn, schema, tables)
                else:
                    _require_pg_guards(conn, schema, tables)
            return tables
        _install_sqlite_guards(settings)
        return [SQLITE_EVENTS_TABLE]


def _install_pg_guards(conn, schema: str, tables: list[str]) -> None:
    from psycopg import sql

    function = sql.Identifier(schema, GUARD_FUNCTION)
    conn.execute(
        sql.SQL(
            "CREATE OR REPLACE FUNCTION {f}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'stored events are append-only: % on % refused', "
            "TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$"
        ).format(f=function)
    )
    for table in tables:
        target = sql.Identifier(schema, table)
        for suffix, timing in (("row", "UPDATE OR DELETE"), ("truncate", "TRUNCATE")):
            level = "ROW" if suffix == "row" else "STATEMENT"
            conn.execute(
                sql.SQL(
                    "CREATE OR REPLACE TRIGGER {name} BEFORE " + timing + " ON {t} "
                    "FOR EACH " + level + " EXECUTE FUNCTION {f}()"
                ).format(name=sql.Identifier(f"{table}_append_only_{suffix}"), t=target, f=function)
            )


def _owned_by_current_user(conn, schema: str, tables: list[str]) -> bool:
    owned = conn.execute(
        "SELECT count(*) FROM pg_tables WHERE schemaname = %s AND tablename = ANY(%s) "
        "AND tableowner = current_user",
        (schema, tables),
    ).fetchone()[0]
    return owned == len(tables)


def guard_trigger_names(table: str) -> list[str]:
    return [f"{table}_append_only_row", f"{table}_append_only_truncate"]


def _require_pg_guards(conn, schema: str, tables: list[str]) -> None:
    for table in tables:
        found = {
            name
            for (name,) in conn.execute(
                "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = %s AND c.relname = %s AND t.tgenabled <> 'D'",
                (schema, table),
            )
        }
        if not set(guard_trigger_names(table)) <= found:
            raise StorageUnavailable(
                f"table {schema}.{table} is missing or not protected against changes, and "
                f"role {conn.info.user} may not fix it: run `portfolio db migrate` "
                "with the migration role"
            )


def _install_sqlite_guards(settings: Settings) -> None:
    with closing(sqlite3.connect(settings.sqlite_path, timeout=5)) as conn, conn:
        for action in ("UPDATE", "DELETE"):
            conn.execute(
                f"CREATE TRIGGER IF NOT EXISTS {SQLITE_EVENTS_TABLE}_no_{action.lower()} "
                f"BEFORE {action} ON {SQLITE_EVENTS_TABLE} BEGIN "
                f"SELECT RAISE(ABORT, 'stored events are append-only: {action} refused'); END"
            )
