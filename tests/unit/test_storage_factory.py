"""Settings -> adapters and eventsourcing environment, without touching any service."""

from __future__ import annotations

import pytest

from storage.blobs import LocalBlobStore, S3BlobStore
from storage.eventstore import event_store_env, events_table_names
from storage.factory import build_blob_store, build_key_table, build_vault
from storage.keytables import PostgresKeyTable, SqliteKeyTable
from storage.settings import Settings


@pytest.fixture
def embedded(tmp_path) -> Settings:
    return Settings(environment="test", data_dir=tmp_path / "data")


@pytest.fixture
def real(tmp_path) -> Settings:
    return Settings(
        environment="test",
        data_dir=tmp_path,
        event_store="postgres",
        postgres_host="db.internal",
        postgres_port=6543,
        postgres_password="pw",
        postgres_schema="portfolio",
        blob_store="s3",
        s3_endpoint="s3.internal:9000",
        s3_bucket="evidence",
        s3_retention_days=30,
    )


def test_sqlite_env_points_at_the_data_dir(embedded):
    env = event_store_env(embedded)
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite"
    assert env["SQLITE_DBNAME"] == str(embedded.data_dir / "events.sqlite3")
    assert embedded.data_dir.is_dir()  # created so SQLite can open the file


def test_postgres_env_carries_every_connection_setting(real):
    env = event_store_env(real)
    assert env["PERSISTENCE_MODULE"] == "storage.pgstore:FailFastPostgresFactory"  # timeouts
    assert (env["POSTGRES_CONNECT_TIMEOUT"], env["POSTGRES_STATEMENT_TIMEOUT"]) == ("3", "5.0")
    assert (env["POSTGRES_HOST"], env["POSTGRES_PORT"]) == ("db.internal", "6543")
    assert (env["POSTGRES_PASSWORD"], env["POSTGRES_SCHEMA"]) == ("pw", "portfolio")
    assert env["CREATE_TABLE"] == "y"


def test_app_name_prefixes_every_key(real):
    env = event_store_env(real, "Portfolio")
    assert env["PORTFOLIO_POSTGRES_SCHEMA"] == "portfolio"
    assert env["PORTFOLIO_PERSISTENCE_MODULE"] == env["PERSISTENCE_MODULE"]


def test_events_table_names():
    assert events_table_names("Portfolio") == ["portfolio_events"]
    assert events_table_names(["Jobs", "x_snapshots"]) == ["jobs_events", "x_snapshots"]


def test_embedded_adapters(embedded):
    store = build_blob_store(embedded)
    assert isinstance(store, LocalBlobStore)
    assert store.root == embedded.data_dir / "blobs"
    table = build_key_table(embedded)
    assert isinstance(table, SqliteKeyTable) and table.path == embedded.keys_path


def test_real_adapters_connect_lazily(real):
    store = build_blob_store(real)  # no server at s3.internal: nothing may connect yet
    assert isinstance(store, S3BlobStore)
    assert (store.bucket, store.retention_days) == ("evidence", 30)
    vault = build_vault(real)
    assert isinstance(vault.table, PostgresKeyTable)
    assert vault.table.schema == "portfolio" and vault.table.conninfo["port"] == 6543


def test_retention_days_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORTFOLIO_S3_RETENTION_DAYS", "7")
    assert Settings().s3_retention_days == 7
    monkeypatch.setenv("PORTFOLIO_S3_RETENTION_DAYS", "-1")
    with pytest.raises(ValueError):
        Settings()
