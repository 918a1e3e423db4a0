"""Small loading helpers shared by the assessment and jury mixins."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from portfolio.application.base import storage_errors


def load_or_none(app: Any, aggregate_id: UUID) -> Any | None:
    """The aggregate, or None when it was never created."""
    try:
        with storage_errors():
            return app.repository.get(aggregate_id)
    except AggregateNotFoundError:
        return None
