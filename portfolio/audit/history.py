"""Replaying the log for auditors: a candidate's history, past states, and a log check.

`verify_log` proves that the event log, as read now, is complete and internally consistent:
notification ids run 1..n without gaps, every aggregate's versions run 1..k without gaps, and
the hash chain over every stored record gives one digest.

On PostgreSQL a conflicting insert (optimistic concurrency, retried by the application) still
consumes a sequence value, so id gaps are normal there: they are reported (`gaps`), not
failed. A deleted event would still break its aggregate's version run (unless it was the
aggregate's last) or the anchor digest, and the append-only triggers of `storage.eventstore`
refuse deletions in the first place.

Compared with a digest recorded earlier and kept elsewhere (an `Anchor`), it proves no
recorded event up to that point was altered, removed or reordered since. It does NOT prove,
on its own, that nobody with write access to the database rewrote the whole log and
recomputed the chain: only an anchor kept outside the database's reach (printed in a PV, sent
to the certifier) does that. Nor does it say anything about blobs; their hashes are in the
events and each read verifies them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import project_aggregate

from portfolio.domain import ids
from portfolio.domain.candidate import Candidate
from portfolio.domain.production import PRODUCTION_CODES, Production
from portfolio.errors import CandidateNotFound, LogIntegrityError

PAGE = 5000
GENESIS = bytes(32)


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


@dataclass(frozen=True)
class Anchor:
    """A digest published earlier: the chain value after notification `position`."""

    position: int
    digest: str


@dataclass(frozen=True)
class LogVerification:
    count: int
    last_id: int
    digest: str
    aggregates: int
    gaps: tuple[tuple[int, int], ...] = ()  # missing id ranges (first, last), PostgreSQL only

    @property
    def anchor(self) -> Anchor:
        return Anchor(position=self.last_id, digest=self.digest)


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


def _aggregates_of(candidate_id: UUID) -> list[tuple[str, UUID]]:
    productions = [
        (f"production {c}", ids.production_id(candidate_id, c)) for c in PRODUCTION_CODES
    ]
    return [("candidate", candidate_id), *productions]


def _events(app: Any, aggregate_id: UUID) -> list[Any]:
    return list(app.events.get(aggregate_id))


def history(app: Any, candidate_id: UUID) -> list[HistoryEntry]:
    """Every event of the candidate and their productions, oldest first."""
    entries: list[tuple[datetime, int, int, HistoryEntry]] = []
    for rank, (label, aggregate_id) in enumerate(_aggregates_of(candidate_id)):
        for event in _events(app, aggregate_id):
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


def state_as_of(app: Any, candidate_id: UUID, when: datetime) -> StateAsOf:
    """Rebuild the candidate and productions as they stood at `when` (None: not yet there),
    with every read of a version recorded by then ("who saw which version").

    Each aggregate is projected from the events already read, not fetched a second time."""
    rebuilt: dict[str, Any] = {}
    views: list[Viewing] = []
    for label, aggregate_id in _aggregates_of(candidate_id):
        events = _events(app, aggregate_id)
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


def _link(previous: bytes, record: Any) -> bytes:
    """Next chain value: hash of the previous one and every stored field, length-prefixed."""
    digest = hashlib.sha256(previous)
    for part in (
        str(record.id).encode(),
        str(record.originator_id).encode(),
        str(record.originator_version).encode(),
        record.topic.encode(),
        bytes(record.state),
    ):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.digest()


class _Checker:
    """Walks notifications in order, checking ids, versions and an optional anchor."""

    def __init__(self, anchor: Anchor | None, strict_ids: bool) -> None:
        self.anchor, self.chain, self.last_id, self.count = anchor, GENESIS, 0, 0
        self.strict_ids = strict_ids
        self.versions: dict[str, int] = {}
        self.gaps: list[tuple[int, int]] = []

    def feed(self, record: Any) -> None:
        if record.id <= self.last_id:
            raise LogIntegrityError(f"notification id {record.id} after {self.last_id}")
        if record.id != self.last_id + 1:
            if self.strict_ids:
                raise LogIntegrityError(f"notification ids jump from {self.last_id} to {record.id}")
            self.gaps.append((self.last_id + 1, record.id - 1))
        key = str(record.originator_id)
        expected = self.versions.get(key, 0) + 1
        if record.originator_version != expected:
            raise LogIntegrityError(
                f"aggregate {key}: version {record.originator_version} where {expected} was due"
            )
        self.versions[key] = expected
        self.chain = _link(self.chain, record)
        self.last_id, self.count = record.id, self.count + 1
        if self.anchor and record.id == self.anchor.position:
            self._check_anchor()

    def _check_anchor(self) -> None:
        assert self.anchor is not None
        if self.chain.hex() != self.anchor.digest:
            raise LogIntegrityError(f"log differs from the anchor at {self.anchor.position}")

    def finish(self) -> LogVerification:
        if self.anchor and self.anchor.position > self.last_id:
            raise LogIntegrityError(f"log ends at {self.last_id}, before the anchor")
        return LogVerification(
            count=self.count,
            last_id=self.last_id,
            digest=self.chain.hex(),
            aggregates=len(self.versions),
            gaps=tuple(self.gaps),
        )


def ids_are_gap_free(app: Any) -> bool:
    """SQLite and POPO number notifications without gaps; PostgreSQL sequences may skip."""
    return not type(app.recorder).__module__.startswith("eventsourcing.postgres")


def verify_log(
    app: Any, anchor: Anchor | None = None, strict_ids: bool | None = None
) -> LogVerification:
    """Replay every stored event in bulk; raise LogIntegrityError on any inconsistency.

    `strict_ids` (default: whether the backend numbers without gaps) makes an id gap fatal.
    """
    strict = ids_are_gap_free(app) if strict_ids is None else strict_ids
    checker, start = _Checker(anchor, strict), 1
    while True:
        page = app.recorder.select_notifications(start=start, limit=PAGE)
        for record in page:
            checker.feed(record)
        if len(page) < PAGE:
            return checker.finish()
        start = page[-1].id + 1
