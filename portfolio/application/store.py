"""The one event store every service shares: an eventsourcing `Application` used as a thin store.

One application means one ordered notification log (what the dispatcher and the auditors
follow) and atomic saves of several aggregates. Services never see the library: they load
with translated errors, save, retry a command when a concurrent writer took the same version,
and read the log through the methods here. Always construct it with `env=` (see
`storage.eventstore.event_store_env`): environment variables otherwise leak into the choice of
store.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate, DomainEvent
from eventsourcing.persistence import (
    IntegrityError,
    InterfaceError,
    JSONTranscoder,
    Notification,
    OperationalError,
    TrackingRecorder,
    Transcoding,
)

from portfolio.errors import AlreadyExists, Conflict, NotFound, StorageUnavailable

T = TypeVar("T")
A = TypeVar("A", bound=Aggregate)
RETRIES = 8  # concurrent writers of one aggregate are rare; eight tries is plenty


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn the event store's connection failures into StorageUnavailable."""
    try:
        yield
    except (OperationalError, InterfaceError) as error:
        raise StorageUnavailable(f"event store unavailable: {error}") from None


class BytesAsBase64(Transcoding):
    """Lets events carry sealed (ciphertext) bytes through the JSON transcoder."""

    type = bytes
    name = "bytes_b64"

    def encode(self, obj: bytes) -> str:
        return base64.b64encode(obj).decode("ascii")

    def decode(self, data: str) -> bytes:
        return base64.b64decode(data)


class _PortfolioLog(Application[UUID]):
    """The library's application: its name gives the tables (`portfolio_events`) and the
    prefix of its settings (`PORTFOLIO_…`)."""

    name = "portfolio"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(BytesAsBase64())


class EventStore:
    """Load, save and retry aggregates; read the notification log."""

    name = _PortfolioLog.name

    def __init__(self, env: dict[str, str]) -> None:
        self._app = _PortfolioLog(env=env)

    # -- loading ---------------------------------------------------------------------------
    def get(self, aggregate_id: UUID, expected: type[A], missing: type[NotFound]) -> A:
        """The aggregate of the expected class, or `missing` (also for another class)."""
        found = self.get_or_none(aggregate_id, expected)
        if found is None:
            raise missing(f"no {expected.__name__} {aggregate_id}")
        return found

    def get_or_none(self, aggregate_id: UUID, expected: type[A]) -> A | None:
        """The aggregate, or None when it was never created (or is of another class)."""
        try:
            with storage_errors():
                aggregate: object = self._app.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        return aggregate if isinstance(aggregate, expected) else None

    def exists(self, aggregate_id: UUID) -> bool:
        return self.get_or_none(aggregate_id, Aggregate) is not None

    def events_of(self, aggregate_id: UUID) -> list[DomainEvent]:
        """Every stored event of one aggregate, oldest first (empty when it never existed)."""
        with storage_errors():
            return cast(list[DomainEvent], list(self._app.events.get(aggregate_id)))

    # -- saving ----------------------------------------------------------------------------
    def save(self, *aggregates: Aggregate) -> None:
        """Record the pending events of every aggregate given, in one transaction."""
        with storage_errors():
            self._app.save(*aggregates)

    def create(self, kind: str, aggregate: Aggregate, *others: Aggregate) -> None:
        """Save a new aggregate (with others it changes); AlreadyExists when its id is taken."""
        if self.exists(aggregate.id):
            raise AlreadyExists(kind, aggregate.id)
        try:
            self.save(aggregate, *others)
        except IntegrityError:
            if self.exists(aggregate.id):
                raise AlreadyExists(kind, aggregate.id) from None
            raise

    def retrying(self, command: Callable[[], T]) -> T:
        """Run load-decide-save again when a concurrent writer took the same version."""
        for _ in range(RETRIES):
            try:
                return command()
            except IntegrityError:
                continue
        raise Conflict("too many concurrent updates; try again")

    def changing(self, load: Callable[[], A], change: Callable[[A], T]) -> T:
        """Load one aggregate, apply `change`, save it and return what `change` returned;
        all of it again when a concurrent writer took the same version."""

        def command() -> T:
            aggregate = load()
            result = change(aggregate)
            self.save(aggregate)
            return result

        return self.retrying(command)

    # -- the log ---------------------------------------------------------------------------
    def notifications(
        self,
        start: int | None,
        limit: int,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> Sequence[Notification]:
        """Up to `limit` stored events in log order from position `start` (None: the first)."""
        with storage_errors():
            return self._app.recorder.select_notifications(
                start=start, limit=limit, topics=topics, inclusive_of_start=inclusive_of_start
            )

    def plain_state(self, notification: Notification) -> bytes:
        """A stored event's state as written by the transcoder: decrypted and decompressed
        (what a scan for references reads; personal data stays sealed by the vault)."""
        state = notification.state
        mapper = self._app.mapper
        if mapper.cipher:
            state = mapper.cipher.decrypt(state)
        if mapper.compressor:
            state = mapper.compressor.decompress(state)
        return state

    def domain_event(self, notification: Notification) -> Any:
        """The domain event a notification stores (SubjectErased when its key is gone)."""
        return self._app.mapper.to_domain_event(notification)

    def tracking_recorder(self) -> TrackingRecorder:
        """Tracking records kept beside the events (the dispatcher's position)."""
        return self._app.factory.tracking_recorder()

    @property
    def numbers_without_gaps(self) -> bool:
        """SQLite and POPO number notifications without gaps; PostgreSQL sequences may skip
        values consumed by rolled-back writes."""
        return not type(self._app.recorder).__module__.startswith("eventsourcing.postgres")

    def close(self) -> None:
        """Release the store's connections."""
        self._app.close()
