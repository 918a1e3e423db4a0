"""Adapters from settings: the composition root calls these and nothing else in `storage`."""

from __future__ import annotations

from minio import Minio

from portfolio.application.ports import SubjectVault
from storage.blobs import LocalBlobStore, S3BlobStore
from storage.blobs.s3 import make_http_client
from storage.eventstore import (
    check_event_store,
    event_store_env,
    pg_conninfo,
    protect_event_tables,
    translate_store_errors,
)
from storage.keytables import KeyTable, PostgresKeyTable, SqliteKeyTable
from config import Settings
from storage.vault import KeyVault

__all__ = [
    "build_blob_store",
    "check_blob_store",
    "build_key_table",
    "build_vault",
    "check_event_store",
    "event_store_env",
    "protect_event_tables",
    "translate_store_errors",
]


def build_blob_store(settings: Settings) -> LocalBlobStore | S3BlobStore:
    """Local folder `data_dir/blobs` (embedded) or the S3 bucket (real); nothing connects yet."""
    if settings.blob_store == "local":
        return LocalBlobStore(settings.blob_dir)
    client = Minio(
        endpoint=settings.s3_endpoint,
        access_key=settings.s3_access_key,
        secret_key=settings.s3_secret_key.get_secret_value(),
        secure=settings.s3_secure,
        http_client=make_http_client(),
    )
    return S3BlobStore(client, settings.s3_bucket, retention_days=settings.s3_retention_days)


def check_blob_store(settings: Settings) -> None:
    """Raise `StorageUnavailable` unless the configured blob store answers (/readyz)."""
    build_blob_store(settings).check()


def build_key_table(settings: Settings) -> KeyTable:
    """Keys beside the event store, never inside it: a SQLite file, or a PostgreSQL table."""
    if settings.event_store == "sqlite":
        return SqliteKeyTable(settings.keys_path)
    return PostgresKeyTable(pg_conninfo(settings), settings.postgres_schema)


def build_vault(settings: Settings) -> SubjectVault:
    """The per-subject key vault (crypto-shredding) for this deployment."""
    return KeyVault(build_key_table(settings))
