"""The one settings object. Every value comes from a `PORTFOLIO_*` environment variable.

Defaults are the embedded set-up (SQLite file, local blob folder, in-process worker) so that
`portfolio serve` works on a fresh machine with nothing else running.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-insecure-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PORTFOLIO_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    data_dir: Path = Field(Path("./data"), description="Root of embedded storage")

    # Event store
    event_store: Literal["sqlite", "postgres"] = "sqlite"
    postgres_host: str = "127.0.0.1"
    postgres_port: int = 5432
    postgres_user: str = "postgres"
    postgres_password: SecretStr = SecretStr("")
    postgres_dbname: str = "postgres"
    postgres_schema: str = "public"
    postgres_connect_timeout: int = Field(
        3, ge=1, description="Seconds before an unreachable PostgreSQL is StorageUnavailable"
    )
    postgres_statement_timeout: float = Field(
        5, gt=0, description="Seconds a statement may run or wait for a lock (a hung store)"
    )
    postgres_migration_user: str = Field(
        "", description="Role that owns the schema (`portfolio db migrate`); empty: the app role"
    )
    postgres_migration_password: SecretStr = SecretStr("")

    # Blob store
    blob_store: Literal["local", "s3"] = "local"
    s3_endpoint: str = "127.0.0.1:9000"
    s3_access_key: str = "minioadmin"
    s3_secret_key: SecretStr = SecretStr("minioadmin")
    s3_bucket: str = "portfolio-evidence"
    s3_secure: bool = False
    s3_retention_days: int = Field(
        0, ge=0, description="Object-lock COMPLIANCE retention per blob; 0 = no object lock"
    )

    # Jobs
    broker: Literal["inprocess", "redis", "rabbitmq"] = "inprocess"
    redis_url: str = "redis://127.0.0.1:6379/0"
    rabbitmq_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    redis_maintenance_chance: int = Field(
        10_000,
        ge=1,
        le=1_000_000,
        description="Redis commands per million that re-queue a dead worker's unacked jobs",
    )
    jobs_queue: str = Field("pipeline", description="Queue the pipeline actors consume")
    jobs_namespace: str = Field("portfolio", description="Redis key prefix of the job queues")
    worker_threads: int = Field(2, ge=1, description="Jobs run at once per worker process")
    jobs_max_retries: int = Field(5, ge=0, description="Retries of a failing job (backoff)")
    dispatch_poll_seconds: float = Field(1.0, gt=0, description="Event-log polling interval")
    inprocess_worker: bool = Field(
        True, description="With broker=inprocess, run the pipeline worker inside `portfolio serve`"
    )

    # Limits
    max_upload_bytes: int = 50 * 1024 * 1024
    parse_timeout_seconds: float = 60.0
    parse_memory_bytes: int = 1024 * 1024 * 1024

    # HTTP
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: SecretStr = SecretStr(DEV_SECRET)
    behind_tls: bool = False
    login_failures_per_address: int = Field(
        20, ge=1, description="Failed sign-ins one client address may make per window (any login)"
    )
    login_address_window_seconds: float = Field(
        600, gt=0, description="Sliding window of the per-address sign-in limit"
    )

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "events.sqlite3"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def keys_path(self) -> Path:
        """Per-candidate keys live outside the event store so erasure can destroy them."""
        return self.data_dir / "keys.sqlite3"

    @model_validator(mode="after")
    def _refuse_placeholder_secret(self) -> Settings:
        if self.environment == "production" and self.secret_key.get_secret_value() == DEV_SECRET:
            raise ValueError("PORTFOLIO_SECRET_KEY must be set in production")
        return self
