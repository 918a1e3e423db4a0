"""`portfolio blobs sweep`: remove the files that no event references (failed uploads' orphans).

Why a sweep rather than saving the event first: a version's event must never exist without its
file, so an upload stores the file, then saves the event. When the save fails (the event store
went away, a timeout) or the process dies in between, the file stays behind with nothing
pointing to it — a 38 MB orphan in the outage drill. Reversing the order would trade that
harmless leak for versions whose bytes are missing. So files stay first, and this sweep
collects what was left, on the content-addressed store's own terms:

- **Referenced means mentioned anywhere.** Every stored event of the log is read (decrypted and
  decompressed as the application would) and every 64-hex-digit string in it counts as a
  reference, whatever the field: a version's `blob_address`, an assessor's notes, a PV's DOCX
  and PDF, and any field added later. Over-keeping costs bytes; under-keeping would lose
  evidence. A blob referenced by any version of any candidate, old or erased, is kept.
- **Young blobs are kept.** An upload in flight has stored its file but not yet its event; a
  blob (or a crashed put's spool file) younger than the grace period is never touched. Putting
  bytes that already exist makes their blob young again (local store).
- **Blobs are listed before the log is read**, so an event saved meanwhile is seen.

With object lock (S3 COMPLIANCE retention, `PORTFOLIO_S3_RETENTION_DAYS`) a removal only
hides the object behind a delete marker: the server keeps its bytes until the retention ends
(measured on SeaweedFS). A store that refuses a removal has the blob reported as refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from portfolio.errors import StorageUnavailable
from storage.blobs.streams import BlobEntry

ADDRESS = re.compile(rb"[0-9a-f]{64}")
PAGE = 1000


class SweepableStore(Protocol):
    def entries(self) -> Iterator[BlobEntry]: ...

    def remove(self, address: str) -> None: ...


@dataclass
class SweepReport:
    referenced: int = 0  # blobs an event mentions: kept
    recent: int = 0  # unreferenced but younger than the grace period: kept
    removed: list[BlobEntry] = field(default_factory=list)  # (or, in a dry run, to remove)
    refused: list[BlobEntry] = field(default_factory=list)  # the store would not delete them

    @property
    def removed_bytes(self) -> int:
        return sum(entry.size for entry in self.removed)


def referenced_addresses(app: Any) -> set[str]:
    """Every 64-hex string in every stored event of `app`'s log (an eventsourcing Application)."""
    mapper, recorder = app.mapper, app.recorder
    found: set[str] = set()
    start = 1
    while page := recorder.select_notifications(start=start, limit=PAGE):
        for stored in page:
            state = stored.state
            if mapper.cipher:
                state = mapper.cipher.decrypt(state)
            if mapper.compressor:
                state = mapper.compressor.decompress(state)
            found.update(match.decode() for match in ADDRESS.findall(state))
        start = page[-1].id + 1
    return found


def sweep(
    app: Any, blobs: SweepableStore, older_than: timedelta, now: datetime, dry_run: bool = False
) -> SweepReport:
    """Remove the blobs of `blobs` that no event of `app` mentions and that are old enough."""
    entries = list(blobs.entries())  # first: an event saved while the log is read is seen
    referenced = referenced_addresses(app)
    report = SweepReport()
    for entry in entries:
        if entry.address in referenced:
            report.referenced += 1
        elif now - entry.modified < older_than:
            report.recent += 1
        elif dry_run:
            report.removed.append(entry)
        else:
            try:
                blobs.remove(entry.address)
                report.removed.append(entry)
            except StorageUnavailable:  # e.g. object lock: the server keeps it until expiry
                report.refused.append(entry)
    return report
