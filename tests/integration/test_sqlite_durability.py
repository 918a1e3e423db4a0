"""Durability drill: SQLite in WAL mode, concurrent writers and checkpoints, SIGKILL >= 100 times.

Two writer processes (three threads each, single and batched saves) append through
eventsourcing on the project's SQLite settings while a third process checkpoints the WAL from
its own connection in every mode (PASSIVE, FULL, RESTART, TRUNCATE). One writer is killed
with SIGKILL at a random moment, again and again, and restarted. Every event whose save had
returned (acknowledged in a file after the save) must still be there afterwards; the log must
verify (contiguous ids and versions) and keep the digests taken along the way; SQLite's own
integrity check must pass.

The reported loss (a bulk load ending in `disk I/O error` during a checkpoint from a second
connection, ~250 committed tail events gone) was not reproduced here: SIGKILL at any point,
concurrent writers and checkpoints in every mode lose nothing. What does reproduce that class
of loss is a process that opens and closes the database's `-shm` file itself while SQLite has
it open (a copy or backup of the data folder from inside the service): closing any descriptor
drops every POSIX lock the process holds on that file, and the WAL's coordination with it
("database disk image is malformed" within 40 s). Nothing in the project does that. The linked
SQLite (Debian 12: 3.40.1) also predates the fix of SQLite's documented WAL-reset race
(3.51.3), whose effect is this one: a checkpoint that skips committed frames.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path

import pytest

from portfolio.audit.history import verify_log
from storage.eventstore import event_store_env
from storage.settings import Settings
from tests.durability_writer import Drill

KILLS = 100
ROOT = Path(__file__).resolve().parents[2]

CHECKPOINTER = """
import random, sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], timeout=5, isolation_level=None)
rng = random.Random(int(sys.argv[2]))
while True:
    mode = rng.choice(["PASSIVE", "FULL", "RESTART", "TRUNCATE"])
    try:
        conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()
        conn.execute("SELECT count(*) FROM stored_events").fetchone()
    except sqlite3.OperationalError:
        pass  # busy: a checkpoint may lose the race, that is allowed
    time.sleep(rng.uniform(0, 0.02))
"""

pytestmark = pytest.mark.slow


def _acknowledged(ack_files: list[Path]) -> set[tuple[str, int]]:
    acked = set()
    for path in ack_files:
        for line in path.read_text().splitlines():
            parts = line.split()
            if len(parts) == 2:  # a line cut by the kill was never fully acknowledged
                acked.add((parts[0], int(parts[1])))
    return acked


def _stored(db: Path) -> set[tuple[str, int]]:
    with closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT originator_id, originator_version FROM stored_events")
        return {(str(uuid.UUID(o)), v) for o, v in rows}


def _open(data_dir: Path) -> Drill:
    settings = Settings(environment="test", data_dir=data_dir)
    return Drill(env=event_store_env(settings, Drill.name))


def test_acknowledged_events_survive_sigkill_under_concurrent_writers_and_checkpoints(tmp_path):
    rng = random.Random(20261128)
    db = tmp_path / "events.sqlite3"
    _open(tmp_path).close()  # tables first, so every process starts on the same schema
    checkpointer = subprocess.Popen([sys.executable, "-c", CHECKPOINTER, str(db), "7"])
    writers: dict[int, subprocess.Popen] = {}
    ack_files: list[Path] = []
    anchors = []

    def start(slot: int, generation: int) -> None:
        ack = tmp_path / f"ack-{slot}-{generation}.txt"
        ack_files.append(ack)
        writers[slot] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.durability_writer",
                str(tmp_path),
                str(ack),
                str(generation),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
        )
        assert writers[slot].stdout.readline() == b"ready\n"

    try:
        start(0, 0)
        start(1, 1)
        for kill in range(KILLS):
            slot = rng.randrange(2)
            os.kill(writers[slot].pid, signal.SIGKILL)  # at a random point of its work
            writers[slot].wait()
            if kill % 25 == 24:  # the history so far must never change afterwards
                anchors.append(verify_log(_open(tmp_path)).anchor)
            start(slot, 2 + kill)
            time.sleep(rng.uniform(0.02, 0.25))
    finally:
        for proc in [*writers.values(), checkpointer]:
            proc.kill()
            proc.wait()

    acked = _acknowledged(ack_files)
    stored = _stored(db)
    assert len(acked) > 1000, "the drill wrote too little to mean anything"
    missing = acked - stored
    assert not missing, f"{len(missing)} acknowledged events lost, e.g. {sorted(missing)[:3]}"
    print(f"drill: {KILLS} kills, {len(acked)} events acknowledged, {len(stored)} stored")
    app = _open(tmp_path)
    final = verify_log(app)  # contiguous ids and versions, whatever was cut mid-transaction
    assert final.count == len(stored)
    for anchor in anchors:
        verify_log(app, anchor=anchor)
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
