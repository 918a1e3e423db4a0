"""Where per-subject keys live: a table `subject_keys(subject, key, destroyed_at)`.

Embedded: a SQLite file beside (not inside) the event store. Real deployment: a table in the
PostgreSQL schema. Both answer the same four questions, so the vault runs one code path. A
destroyed subject keeps its row with `key` NULL: the tombstone that stops a later seal from
silently creating a fresh key.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from contextlib import closing
from pathlib import Path
from typing import Protocol

from portfolio.errors import StorageUnavailable
from storage.pgpool import discard_pool, shared_pool


class KeyTable(Protocol):
    """Storage of subject keys; `insert_if_absent` must be safe under concurrency."""

    def insert_if_absent(self, subject: str, key: bytes) -> None: ...

    def lookup(self, subject: str) -> tuple[bytes | None, bool] | None:
        """(key or None, destroyed) for a known subject; None for an unknown one."""

    def destroy(self, subject: str) -> None: ...


class SqliteKeyTable:
    """Keys in a SQLite file; `secure_delete` overwrites destroyed keys on disk."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            conn.execute("PRAGMA secure_delete = ON")
            if not self._ready:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS subject_keys (subject TEXT PRIMARY KEY, "
                    "key BLOB, destroyed_at TEXT)"
                )
                self._ready = True
            return conn
        except (sqlite3.Error, OSError) as exc:
            raise StorageUnavailable(f"key table {self.path} unavailable: {exc}") from exc

    def insert_if_absent(self, subject: str, key: bytes) -> None:
        with closing(self._connect()) as conn:
            conn.execute(
                "INSERT INTO subject_keys (subject, key) VALUES (?, ?) "
                "ON CONFLICT (subject) DO NOTHING",
                (subject, key),
            )

    def lookup(self, subject: str) -> tuple[bytes | None, bool] | None:
        with closing(self._connect()) as conn:
            row = conn.execute(
                "SELECT key, destroyed_at IS NOT NULL FROM subject_keys WHERE subject = ?",
                (subject,),
            ).fetchone()
        return None if row is None else (row[0], bool(row[1]))

    def destroy(self, subject: str) -> None:
        with closing(self._connect()) as conn:
            conn.execute(
                "INSERT INTO subject_keys (subject, key, destroyed_at) "
                "VALUES (?, NULL, datetime('now')) ON CONFLICT (subject) DO UPDATE SET "
                "key = NULL, destroyed_at = coalesce(destroyed_at, excluded.destroyed_at)",
                (subject,),
            )


class PostgresKeyTable:
    """Keys in `<schema>.subject_keys`, through the shared pool of that server."""

    def __init__(self, conninfo: dict, schema: str) -> None:
        self.conninfo, self.schema = conninfo, schema
        self._ready = False
        self._lock = threading.Lock()

    def _table(self):
        from psycopg import sql

        return sql.Identifier(self.schema, "subject_keys")

    def _execute(self, query, params: tuple = ()) -> list[tuple]:
        import psycopg

        try:
            with shared_pool(self.conninfo).connection() as conn:
                self._create_table(conn)
                return conn.execute(query, params).fetchall()
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:  # incl. PoolTimeout
            discard_pool(self.conninfo)
            raise StorageUnavailable(f"key table in schema {self.schema}: {exc}") from exc

    def create_table(self) -> None:
        """Create the table now (`portfolio db migrate` runs this as the schema's owner)."""
        self._execute("SELECT 1")  # every statement creates the table first if it is missing

    def _create_table(self, conn) -> None:
        """Once per table object; a concurrent creator (thread or process) may win the race.

        An existing table is left alone: under a least-privilege role (no CREATE on the
        schema) even `CREATE TABLE IF NOT EXISTS` is refused.
        """
        from psycopg import errors, sql

        with self._lock:
            if self._ready:
                return
            found = conn.execute(
                "SELECT to_regclass(%s) IS NOT NULL", (self._table().as_string(conn),)
            ).fetchone()
            if found and found[0]:
                self._ready = True
                return
            create = sql.SQL(
                "CREATE TABLE IF NOT EXISTS {t} (subject text PRIMARY KEY, key bytea, "
                "destroyed_at timestamptz)"
            ).format(t=self._table())
            # PostgreSQL's IF NOT EXISTS is not race-free: if another creator won, fine.
            with contextlib.suppress(errors.UniqueViolation, errors.DuplicateTable):
                conn.execute(create)
            self._ready = True

    def insert_if_absent(self, subject: str, key: bytes) -> None:
        from psycopg import sql

        self._execute(
            sql.SQL(
                "INSERT INTO {t} (subject, key) VALUES (%s, %s) "
                "ON CONFLICT (subject) DO NOTHING RETURNING 1"
            ).format(t=self._table()),
            (subject, key),
        )

    def lookup(self, subject: str) -> tuple[bytes | None, bool] | None:
        from psycopg import sql

        rows = self._execute(
            sql.SQL("SELECT key, destroyed_at IS NOT NULL FROM {t} WHERE subject = %s").format(
                t=self._table()
            ),
            (subject,),
        )
        return None if not rows else (None if rows[0][0] is None else bytes(rows[0][0]), rows[0][1])

    def destroy(self, subject: str) -> None:
        from psycopg import sql

        self._execute(
            sql.SQL(
                "INSERT INTO {t} (subject, key, destroyed_at) VALUES (%s, NULL, now()) "
                "ON CONFLICT (subject) DO UPDATE SET key = NULL, "
                "destroyed_at = coalesce({t}.destroyed_at, excluded.destroyed_at) RETURNING 1"
            ).format(t=self._table()),
            (subject,),
        )

    def close(self) -> None:
        """Nothing to release per table: the pool is shared (see `storage.pgpool`)."""
