"""Job throughput: no-op messages/s per broker, and real checks/min with worker RSS.

Usage: .venv/bin/python -m bench.jobs_throughput [--messages 2000] [--documents 6]
Prints one line per figure. Needs Redis and RabbitMQ on 127.0.0.1 for their lines.
"""

from __future__ import annotations

import argparse
import io
import resource
import tempfile
import threading
import time
from pathlib import Path
from uuid import uuid4

import bootstrap
from config import Settings
from tests.jobs_support import purge_remote, sqlite_app, start_trivial_worker, trivial_feed

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
DOCUMENT = "E1_FONTAINE_Lea_MaisonVerdier.docx"


def noop_rate(kind: str, messages: int, data_dir: str) -> float:
    """Messages/s through `kind` with a job that does nothing (the machinery's own cost)."""
    tag = uuid4().hex[:8]
    settings = Settings(
        data_dir=data_dir, broker=kind, jobs_queue=f"bench-{tag}", jobs_namespace=f"bench-{tag}"
    )
    done = threading.Semaphore(0)
    app = sqlite_app(f"{data_dir}/noop-{tag}.sqlite3")
    handle = start_trivial_worker(
        app, settings, service=lambda *_: done.release(), feed=trivial_feed(), dispatch=False
    )
    try:
        started = time.perf_counter()
        for number in range(1, messages + 1):
            handle.actors.send_version(uuid4(), number)
        for _ in range(messages):
            done.acquire(timeout=60)
        return messages / (time.perf_counter() - started)
    finally:
        handle.stop()
        purge_remote(settings)


def check_rate(documents: int, data_dir: str) -> tuple[float, float]:
    """Real checks/min on the in-process set-up, and this process's peak RSS in MiB."""
    settings = Settings(data_dir=data_dir, broker="inprocess", dispatch_poll_seconds=0.05)
    app = bootstrap.build(settings)
    version = app.referentials.current().version
    session = app.sessions.open_session("RNCP38700", version, "bench", "bench")
    data = (CORPUS / DOCUMENT).read_bytes()
    handle = bootstrap.build_worker(settings, app)
    try:
        started = time.perf_counter()
        candidates = []
        for i in range(documents):
            c = app.sessions.add_candidate(
                session, f"B-{i}", "Bench", "b@example.org", "formation", "b"
            )
            app.evidence.upload(c, "E1", io.BytesIO(data), DOCUMENT, "", "bench")
            candidates.append(c)
        while not all(app.evidence.production(c, "E1").checks for c in candidates):
            time.sleep(0.1)
        elapsed = time.perf_counter() - started
    finally:
        handle.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return documents / elapsed * 60, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--documents", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        for kind in ("inprocess", "redis", "rabbitmq"):
            rate = noop_rate(kind, args.messages, data_dir)
            print(f"no-op jobs via {kind}: {rate:,.0f} messages/s ({args.messages} messages)")
        per_min, peak = check_rate(args.documents, data_dir)
        print(f"real checks ({DOCUMENT}), in-process, 2 threads: {per_min:.1f} documents/min")
        print(f"peak RSS of the service process with the worker (spaCy loaded): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
