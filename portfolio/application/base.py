"""What every command mixin of PortfolioApp shares: loading with translated errors, retries.

Mixins (EvidenceCommands, AccountCommands, AssessmentCommands…) subclass `PortfolioBase` and
are combined with eventsourcing's `Application` in `app.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError, InterfaceError, OperationalError

from portfolio.application.ports import BlobStore, SubjectVault
from portfolio.domain.candidate import Candidate
from portfolio.domain.session import AssessmentSession
from portfolio.errors import (
    CandidateNotFound,
    Conflict,
    NotFound,
    SessionNotFound,
    StorageUnavailable,
)

T = TypeVar("T")
A = TypeVar("A")
RETRIES = 8


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn the event store's connection failures into StorageUnavailable."""
    try:
        yield
    except (OperationalError, InterfaceError) as error:
        raise StorageUnavailable(f"event store unavailable: {error}") from None


def load_or_none(app: Any, aggregate_id: UUID) -> Any | None:
    """The aggregate, or None when it was never created."""
    try:
        with storage_errors():
            return app.repository.get(aggregate_id)
    except AggregateNotFoundError:
        return None


class PortfolioBase:
    """Attributes and helpers the mixins rely on; `PortfolioApp.__init__` sets them."""

    blobs: BlobStore
    vault: SubjectVault
    clock: Callable[[], datetime]
    max_upload_bytes: int
    repository: Any
    save: Callable[..., Any]

    def _load(self, aggregate_id: UUID, expected: type[T], missing: type[NotFound]) -> T:
        """Load an aggregate of the expected class or raise `missing`."""
        try:
            with storage_errors():
                aggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise missing(f"no {expected.__name__} {aggregate_id}") from None
        if not isinstance(aggregate, expected):
            raise missing(f"no {expected.__name__} {aggregate_id}")
        return aggregate

    def _session_agg(self, session_id: UUID) -> AssessmentSession:
        return self._load(session_id, AssessmentSession, SessionNotFound)

    def _candidate_agg(self, candidate_id: UUID) -> Candidate:
        return self._load(candidate_id, Candidate, CandidateNotFound)

    def _exists(self, aggregate_id: UUID) -> bool:
        return load_or_none(self, aggregate_id) is not None

    def _save(self, *aggregates: Any) -> None:
        with storage_errors():
            self.save(*aggregates)

    def _retrying(self, command: Callable[[], T]) -> T:
        """Run load-decide-save again when a concurrent writer took the same version."""
        for _ in range(RETRIES):
            try:
                return command()
            except IntegrityError:
                continue
        raise Conflict("too many concurrent updates; try again")

    def _changing(self, load: Callable[[], A], change: Callable[[A], T]) -> T:
        """Load one aggregate, apply `change`, save it and return what `change` returned;
        all of it again when a concurrent writer took the same version."""

        def command() -> T:
            aggregate = load()
            result = change(aggregate)
            self._save(aggregate)
            return result

        return self._retrying(command)
