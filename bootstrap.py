"""The composition root: settings in, every adapter built once, the services wired, a Portfolio out.

The API (`api.app.create_app`), the CLI and the worker call only this module, so the embedded
set-up (SQLite, local folder, key file, in-process broker) and the real one (PostgreSQL, S3,
Redis or RabbitMQ) run the same code path. Nothing here runs at import time.

    build(settings)                   -> Portfolio (owns what it opened; `close()` releases it)
    compose(adapters)                 -> Portfolio over given adapters (tests: in-memory twins)
    build_pipeline(settings)          -> the document pipeline alone (`portfolio check`: no store)
    build_worker(settings, portfolio) -> a started worker and dispatcher (`WorkerHandle.stop()`)
    readiness(settings)               -> the probes behind /readyz
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import dramatiq
from minio import Minio

from config import Settings
from pipeline.jobs.actors import VersionService
from pipeline.jobs.broker import build_broker as make_broker
from pipeline.jobs.broker import probe_broker
from pipeline.jobs.dispatcher import JobFeed
from pipeline.jobs.processing import ProcessVersion, upload_feed
from pipeline.jobs.worker import WorkerHandle, WorkerOptions, start_worker
from pipeline.run import DocumentPipeline, Limits
from pipeline.sniff import media_type
from portfolio.application.accounts import Accounts
from portfolio.application.annotations import Annotations
from portfolio.application.assignments import Assignments
from portfolio.application.audit import Audit
from portfolio.application.evidence import Evidence
from portfolio.application.grids import Grids
from portfolio.application.jury import Jury
from portfolio.application.moderation import Moderations
from portfolio.application.passwords import Argon2Hasher
from portfolio.application.ports import (
    BlobStore,
    Clock,
    PasswordHasher,
    PVRenderer,
    SectionTexts,
    SubjectVault,
    utc_now,
)
from portfolio.application.referentials import SessionReferentials
from portfolio.application.scoring import Scoring
from portfolio.application.sessions import Sessions
from portfolio.application.store import EventStore
from portfolio.application.throttle import LoginThrottle
from portfolio.referential import PackagedReferentials, Referentials
from rendering import render_pv
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
from storage.vault import KeyVault


@dataclass(frozen=True)
class Adapters:
    """Everything the services are built from: the outside world behind its ports."""

    store: EventStore
    blobs: BlobStore
    vault: SubjectVault
    clock: Clock
    hasher: PasswordHasher
    referentials: Referentials
    pipeline: DocumentPipeline
    pv_renderer: PVRenderer = render_pv
    section_texts: SectionTexts | None = None  # anchors annotations in the extracted text
    max_upload_bytes: int = 50 * 1024 * 1024


@dataclass
class Portfolio:
    """The services the edges use (`portfolio.evidence.upload(…)`), over one event store."""

    sessions: Sessions
    evidence: Evidence
    accounts: Accounts
    assignments: Assignments
    scoring: Scoring
    moderation: Moderations
    annotations: Annotations
    jury: Jury
    audit: Audit
    referentials: Referentials  # every version held; a session's is `session_referentials`
    session_referentials: SessionReferentials
    pipeline: DocumentPipeline  # `run` under this deployment's limits (pre-check, worker)
    adapters: Adapters
    _closed: bool = field(default=False, repr=False)

    def close(self) -> None:
        """Release what `build` opened (the event store's connections); idempotent."""
        if not self._closed:
            self._closed = True
            self.adapters.store.close()


def compose(adapters: Adapters) -> Portfolio:
    """Wire every service over `adapters`; each gets what it needs in its constructor."""
    a = adapters
    referentials = SessionReferentials(a.store, a.referentials)
    sessions = Sessions(a.store, a.vault, a.clock, referentials)
    evidence = Evidence(
        a.store, a.blobs, a.vault, a.clock, referentials, media_type, a.max_upload_bytes
    )
    accounts = Accounts(a.store, a.clock, a.hasher, sessions, LoginThrottle(a.clock))
    assignments = Assignments(a.store, a.clock, referentials)
    grids = Grids(a.store, assignments)
    scoring = Scoring(
        a.store, a.clock, a.blobs, a.vault, a.max_upload_bytes, referentials, assignments, grids
    )
    moderation = Moderations(a.store, a.clock, referentials, assignments, grids)
    annotations = Annotations(
        a.store, a.clock, referentials, assignments, grids, evidence, a.section_texts
    )
    jury = Jury(a.store, a.clock, a.blobs, referentials, assignments, moderation, a.pv_renderer)
    return Portfolio(
        sessions=sessions,
        evidence=evidence,
        accounts=accounts,
        assignments=assignments,
        scoring=scoring,
        moderation=moderation,
        annotations=annotations,
        jury=jury,
        audit=Audit(a.store, a.vault, referentials),
        referentials=a.referentials,
        session_referentials=referentials,
        pipeline=a.pipeline,
        adapters=a,
    )


def build(
    settings: Settings, *, clock: Clock = utc_now, hasher: PasswordHasher | None = None
) -> Portfolio:
    """Open (creating if needed) the event store, blob store and key vault of `settings`."""
    pipeline = build_pipeline(settings)
    with translate_store_errors(settings):
        adapters = Adapters(
            store=EventStore(event_store_env(settings, EventStore.name)),
            blobs=build_blob_store(settings),
            vault=build_vault(settings),
            clock=clock,
            hasher=hasher or Argon2Hasher(),
            referentials=PackagedReferentials(),
            pipeline=pipeline,
            section_texts=pipeline.section_texts,
            max_upload_bytes=settings.max_upload_bytes,
        )
    protect_event_tables(settings, [EventStore.name])
    return compose(adapters)


def build_pipeline(settings: Settings) -> DocumentPipeline:
    """The document pipeline under the settings' limits (needs no store: `portfolio check`)."""
    return DocumentPipeline(
        Limits(
            max_bytes=settings.max_upload_bytes,
            timeout_s=settings.parse_timeout_seconds,
            memory_bytes=settings.parse_memory_bytes,
        )
    )


# -- storage adapters ----------------------------------------------------------------------
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


def build_key_table(settings: Settings) -> KeyTable:
    """Keys beside the event store, never inside it: a SQLite file, or a PostgreSQL table."""
    if settings.event_store == "sqlite":
        return SqliteKeyTable(settings.keys_path)
    return PostgresKeyTable(pg_conninfo(settings), settings.postgres_schema)


def build_vault(settings: Settings) -> SubjectVault:
    """The per-subject key vault (crypto-shredding) for this deployment."""
    return KeyVault(build_key_table(settings))


# -- jobs ----------------------------------------------------------------------------------
def build_broker(settings: Settings) -> dramatiq.Broker:
    """A new broker for `settings.broker`; connections open lazily on first use."""
    url = {"redis": settings.redis_url, "rabbitmq": settings.rabbitmq_url}.get(settings.broker, "")
    return make_broker(
        settings.broker,
        url,
        namespace=settings.jobs_namespace,
        maintenance_chance=settings.redis_maintenance_chance,
    )


def worker_options(settings: Settings) -> WorkerOptions:
    return WorkerOptions(
        queue=settings.jobs_queue,
        threads=settings.worker_threads,
        max_retries=settings.jobs_max_retries,
        poll_seconds=settings.dispatch_poll_seconds,
    )


def build_worker(
    settings: Settings,
    portfolio: Portfolio,
    *,
    dispatch: bool = True,
    embedded: bool = False,
    broker: dramatiq.Broker | None = None,
    service: VersionService | None = None,
    feed: JobFeed | None = None,
) -> WorkerHandle:
    """Start the pipeline worker (and, unless `dispatch` is off, the dispatcher) for
    `portfolio`. `embedded` runs it inside the calling service: only on the in-process broker.
    `service` and `feed` default to the real pipeline (tests give trivial ones)."""
    if embedded and settings.broker != "inprocess":
        raise ValueError(f"settings.broker is {settings.broker!r}: run `portfolio worker`")
    service = service or ProcessVersion(
        portfolio.evidence, portfolio.session_referentials, portfolio.pipeline
    )
    return start_worker(
        portfolio.adapters.store,
        broker or build_broker(settings),
        service,
        feed or upload_feed(),
        worker_options(settings),
        dispatch=dispatch,
    )


def start_embedded_worker(settings: Settings, portfolio: Portfolio) -> WorkerHandle | None:
    """The embedded default: uploads are checked inside the service process (with Redis or
    RabbitMQ, `portfolio worker` runs them)."""
    if settings.broker != "inprocess" or not settings.inprocess_worker:
        return None
    return build_worker(settings, portfolio, embedded=True)


# -- readiness -----------------------------------------------------------------------------
def readiness(settings: Settings) -> dict[str, Callable[[], None]]:
    """One probe per dependency of `settings`; each raises when the dependency cannot serve."""
    url = {"redis": settings.redis_url, "rabbitmq": settings.rabbitmq_url}.get(settings.broker, "")
    return {
        "event_store": lambda: check_event_store(settings),
        "blob_store": lambda: build_blob_store(settings).check(),  # writable / reachable
        "broker": lambda: probe_broker(settings.broker, url),
    }
