"""Verifying the event log: complete, internally consistent, and unchanged since an anchor.

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
from typing import Any

from portfolio.application.store import EventStore
from portfolio.errors import LogIntegrityError

PAGE = 5000
GENESIS = bytes(32)


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


def verify_log(
    store: EventStore, anchor: Anchor | None = None, strict_ids: bool | None = None
) -> LogVerification:
    """Replay every stored event in bulk; raise LogIntegrityError on any inconsistency.

    `strict_ids` (default: whether the backend numbers without gaps) makes an id gap fatal.
    """
    strict = store.numbers_without_gaps if strict_ids is None else strict_ids
    checker, start = _Checker(anchor, strict), 1
    while True:
        page = store.notifications(start=start, limit=PAGE)
        for record in page:
            checker.feed(record)
        if len(page) < PAGE:
            return checker.finish()
        start = page[-1].id + 1
