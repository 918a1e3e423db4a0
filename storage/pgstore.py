"""eventsourcing's PostgreSQL persistence, made to fail fast and to run with least privilege.

`event_store_env` names this module as `PERSISTENCE_MODULE`; eventsourcing then builds the
one factory class defined here. It differs from `eventsourcing.postgres` in three ways:

- **Timeouts on every connection**: libpq's `connect_timeout` (a black-holed address), the
  server's `statement_timeout` and `lock_timeout` (a hung or locked store), `tcp_user_timeout`
  and keepalives (a connection whose peer vanished).
- **No ten-fold retry of an outage**: eventsourcing retries every read and write up to ten
  times on `OperationalError`, so each request to an unreachable store waited ten pool
  timeouts (~52 s) before its 503. Here, failing to obtain a connection at all, or a statement
  cancelled by a timeout, raises `StorageUnavailable` at once; a connection broken mid-query
  (a restarted server) is still retried as before.
- **A schema owned by someone else is left alone**: where the events table exists and belongs to
  another role (the migration role of `portfolio db migrate`), or where this role may not create
  tables, nothing is created at start-up (`CREATE_TABLE` is turned off).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError
from eventsourcing.postgres import PostgresDatastore, PostgresFactory

from portfolio.errors import StorageUnavailable

STATEMENT_TIMEOUT = "POSTGRES_STATEMENT_TIMEOUT"  # seconds (float); our own key


def libpq_timeouts(connect_timeout: float, statement_timeout: float) -> dict[str, Any]:
    """libpq parameters that bound every wait on the server (shared with the key table)."""
    statement_ms = max(1, round(statement_timeout * 1000))
    return {
        "connect_timeout": max(2, round(connect_timeout)),  # libpq's minimum is 2 s
        "options": f"-c statement_timeout={statement_ms} -c lock_timeout={statement_ms}",
        "tcp_user_timeout": max(1000, round(connect_timeout * 1000)),
        "keepalives": 1,
        "keepalives_idle": max(1, round(connect_timeout)),
        "keepalives_interval": 1,
        "keepalives_count": 3,
    }


class FailFastDatastore(PostgresDatastore):
    """A datastore whose outages surface as `StorageUnavailable` instead of being retried."""

    @contextmanager
    def get_connection(self) -> Iterator[Any]:
        acquired = False
        try:
            with super().get_connection() as conn:
                acquired = True
                yield conn
        except (OperationalError, InterfaceError) as exc:
            if acquired and not _timed_out(exc):
                raise  # a broken connection: eventsourcing's retry takes a fresh one
            reason = "no answer in time" if acquired else "no connection in time"
            raise StorageUnavailable(
                f"event store {self._where()} unavailable: {reason} ({_first_line(exc)})"
            ) from exc

    def _where(self) -> str:
        kw = self.pool.kwargs or {}
        return (
            f"postgresql://{kw.get('user')}@{kw.get('host')}:{kw.get('port')}/{kw.get('dbname')} "
            f"(schema {self.schema})"
        )


def _timed_out(exc: Exception) -> bool:
    from psycopg import errors

    return isinstance(exc.__cause__, errors.QueryCanceled | errors.LockNotAvailable)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class FailFastPostgresFactory(PostgresFactory):
    """`PostgresFactory` with timeouts, fail-fast outages and a hands-off managed schema."""

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        # Same fields, one method more: swap the class rather than re-parse the environment.
        self.datastore.__class__ = FailFastDatastore
        connect = float(self.env.get(self.POSTGRES_CONNECT_TIMEOUT) or 5)
        statement = float(self.env.get(STATEMENT_TIMEOUT) or 0)
        if statement > 0:
            pool = self.datastore.pool
            pool.kwargs = {**(pool.kwargs or {}), **libpq_timeouts(connect, statement)}
        self._may_create: bool | None = None

    def env_create_table(self) -> bool:
        if not super().env_create_table():
            return False
        if self._may_create is None:
            self._may_create = self._owns_or_may_create_events_table()
        return self._may_create

    def _owns_or_may_create_events_table(self) -> bool:
        """True where this role owns the events table, or may create it when it is missing."""
        schema = self.datastore.schema
        table = f"{self.env.name.lower() or 'stored'}_events"
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                "SELECT (SELECT tableowner = current_user FROM pg_tables "
                "        WHERE schemaname = %(s)s AND tablename = %(t)s) AS owned, "
                "       has_schema_privilege(current_user, %(s)s, 'CREATE') AS may_create",
                {"s": schema, "t": table},
            )
            row = curs.fetchone()
        assert row is not None
        return bool(row["owned"]) if row["owned"] is not None else bool(row["may_create"])
