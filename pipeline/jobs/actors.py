"""The pipeline's actors: parse the message, call one application service, nothing else.

Actors are declared on an explicit broker by `declare_actors` (no global broker, no I/O at
import). Messages carry ids, never file bytes; the service behind an actor must be safe to run
twice because delivery is at-least-once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

import dramatiq

from portfolio.errors import BlobCorrupted, Conflict, InvalidInput, NotFound, SubjectErased

PROCESS_VERSION = "process_version"
TIME_LIMIT_MS = 15 * 60 * 1000  # a stuck job is interrupted; the sandbox has its own limits
# Errors a retry cannot fix: the message is dropped (and logged) instead of retried. Anything
# else (StorageUnavailable, a bug) is retried with backoff, then dead-lettered.
PERMANENT_ERRORS = (InvalidInput, NotFound, SubjectErased, Conflict, BlobCorrupted)

VersionService = Callable[[UUID, int], object]


@dataclass(frozen=True)
class PipelineActors:
    """The actors declared on one broker; `send_version` is what the dispatcher calls."""

    process_version: dramatiq.Actor

    def send_version(self, production_id: UUID | str, version: int) -> None:
        self.process_version.send(str(production_id), int(version))


def parse_job(production_id: str, version: int) -> tuple[UUID, int]:
    """Validate a message's arguments; a malformed message is a permanent error."""
    try:
        parsed = UUID(str(production_id))
    except ValueError:
        raise InvalidInput(f"not a production id: {production_id!r}") from None
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidInput(f"not a version number: {version!r}")
    return parsed, version


def declare_actors(
    broker: dramatiq.Broker, queue_name: str, service: VersionService, max_retries: int = 5
) -> PipelineActors:
    """Declare the pipeline actors on `broker`, each delegating to `service`."""

    def process_version(production_id: str, version: int) -> None:
        service(*parse_job(production_id, version))

    declare = dramatiq.actor(
        broker=broker,
        actor_name=PROCESS_VERSION,
        queue_name=queue_name,
        max_retries=max_retries,
        min_backoff=1_000,
        max_backoff=5 * 60_000,
        time_limit=TIME_LIMIT_MS,
        throws=PERMANENT_ERRORS,
    )
    return PipelineActors(process_version=declare(process_version))
