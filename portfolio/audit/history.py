"""Replaying the log for auditors: a candidate's history and their state as of a past moment.

Both read the events of the candidate's own aggregates (the candidate and each production
code of their referential), in the order they happened; the log check is `verification.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import project_aggregate

from portfolio.application.store import EventStore
from portfolio.domain import ids
from portfolio.domain.candidate import Candidate
from portfolio.domain.production import Production
from portfolio.errors import CandidateNotFound


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    event_type: str
    aggregate: str  # "candidate" or "production E1" …
    version: int
    description: str


@dataclass(frozen=True)
class Viewing:
    """Who opened which version of which production, and when (an EvidenceViewed event)."""

    at: datetime
    viewer: str
    code: str
    version: int


@dataclass(frozen=True)
class StateAsOf:
    """The candidate and their productions rebuilt from events up to `when`."""

    when: datetime
    candidate: Candidate | None
    productions: dict[str, Production]
    views: tuple[Viewing, ...] = ()


DESCRIBED = {  # event field -> how a history line shows it (never personal data)
    "code": "production {}",
    "version": "version {}",
    "size": "{} bytes",
    "media_type": "{}",
    "route": "route {}",
    "ref": "candidate number {}",
    "deadline": "deadline {}",
    "pipeline_version": "pipeline {}",
    "referential_version": "referential {}",
    "category": "category {}",
    "reason": "reason: {}",
}


def _describe(event: Any) -> str:
    """A short, personal-data-free description of one event."""
    parts = [
        template.format(getattr(event, name))
        for name, template in DESCRIBED.items()
        if hasattr(event, name)
    ]
    if hasattr(event, "sha256"):
        parts.append(f"sha256 {event.sha256[:12]}…")
    return ", ".join(parts)


def _aggregates_of(candidate_id: UUID, codes: Sequence[str]) -> list[tuple[str, UUID]]:
    productions = [(f"production {c}", ids.production_id(candidate_id, c)) for c in codes]
    return [("candidate", candidate_id), *productions]


def history(store: EventStore, candidate_id: UUID, codes: Sequence[str]) -> list[HistoryEntry]:
    """Every event of the candidate and their productions (`codes`), oldest first."""
    entries: list[tuple[datetime, int, int, HistoryEntry]] = []
    for rank, (label, aggregate_id) in enumerate(_aggregates_of(candidate_id, codes)):
        for event in store.events_of(aggregate_id):
            entry = HistoryEntry(
                at=event.timestamp,
                actor=getattr(event, "actor", ""),
                event_type=type(event).__name__,
                aggregate=label,
                version=event.originator_version,
                description=_describe(event),
            )
            entries.append((event.timestamp, rank, event.originator_version, entry))
    if not any(rank == 0 for _, rank, _, _ in entries):
        raise CandidateNotFound(f"no candidate {candidate_id}")
    return [entry for *_, entry in sorted(entries, key=lambda item: item[:3])]


def _version_at(events: list[Any], when: datetime) -> int:
    version = 0
    for event in events:
        if event.timestamp > when:
            break
        version = event.originator_version
    return version


def _viewings(label: str, events: list[Any], when: datetime) -> list[Viewing]:
    code = label.split()[-1]
    return [
        Viewing(at=e.timestamp, viewer=e.actor, code=code, version=e.version)
        for e in events
        if type(e).__name__ == "EvidenceViewed" and e.timestamp <= when
    ]


def state_as_of(
    store: EventStore, candidate_id: UUID, codes: Sequence[str], when: datetime
) -> StateAsOf:
    """Rebuild the candidate and productions as they stood at `when` (None: not yet there),
    with every read of a version recorded by then ("who saw which version").

    Each aggregate is projected from the events already read, not fetched a second time."""
    rebuilt: dict[str, Any] = {}
    views: list[Viewing] = []
    for label, aggregate_id in _aggregates_of(candidate_id, codes):
        events = store.events_of(aggregate_id)
        past = events[: _version_at(events, when)]  # versions run 1..k in order
        if past:
            rebuilt[label] = project_aggregate(None, past)
            views += _viewings(label, events, when)
    productions = {label.split()[1]: agg for label, agg in rebuilt.items() if label != "candidate"}
    return StateAsOf(
        when=when,
        candidate=rebuilt.get("candidate"),
        productions=productions,
        views=tuple(sorted(views, key=lambda v: v.at)),
    )
