"""A writer for the SQLite durability drill (tests/integration/test_sqlite_durability.py).

Run as `python -m tests.durability_writer DATA_DIR ACK_FILE SEED`: several threads append
events (new aggregates, new versions, multi-aggregate batches) through eventsourcing on the
project's SQLite settings, and after each save *returns* append one line per saved event to
ACK_FILE (`<aggregate id> <version>`, unbuffered). The drill SIGKILLs it at random; every
acknowledged event must survive.
"""

from __future__ import annotations

import os
import random
import sys
import threading
from pathlib import Path

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import PersistenceError

from storage.eventstore import event_store_env
from storage.settings import Settings

THREADS = 3


class Note(Aggregate):
    @event("Written")
    def __init__(self, text: str) -> None:
        self.text = text

    @event("Edited")
    def edit(self, text: str) -> None:
        self.text = text


class Drill(Application):
    name = "Drill"


def _write(app: Drill, ack: int, seed: int) -> None:
    rng = random.Random(seed)
    mine: list[Note] = []
    while True:
        roll = rng.random()
        if roll < 0.4 or not mine:
            batch = [Note("x" * rng.randint(10, 2000)) for _ in range(rng.choice((1, 1, 3, 10)))]
        else:
            batch = rng.sample(mine, k=min(len(mine), rng.choice((1, 2))))
            for note in batch:
                note.edit("y" * rng.randint(10, 2000))
        try:
            app.save(*batch)  # returned: committed
        except PersistenceError:  # e.g. "database is locked" past the busy timeout: not acked
            mine = [n for n in mine if n not in batch]
            continue
        os.write(ack, "".join(f"{n.id} {n.version}\n" for n in batch).encode())
        mine = (mine + [n for n in batch if n not in mine])[-50:]


def main(data_dir: str, ack_path: str, seed: int) -> None:
    settings = Settings(environment="test", data_dir=Path(data_dir))
    app = Drill(env=event_store_env(settings, Drill.name))
    ack = os.open(ack_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    threads = [
        threading.Thread(target=_write, args=(app, ack, seed * 100 + i), daemon=True)
        for i in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    os.write(1, b"ready\n")
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
