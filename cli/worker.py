"""`portfolio worker`: run the pipeline jobs until SIGINT or SIGTERM.

With `PORTFOLIO_BROKER=redis` or `rabbitmq` this is the separate worker process; several can
run at once (jobs are idempotent). Each also follows the event log and enqueues new uploads
unless `--no-dispatch` is given. With the default `inprocess` broker the service already runs
the jobs itself; this command then processes alone, in its own process.
"""

from __future__ import annotations

import logging
import signal
import threading
from typing import Annotated

import typer

import bootstrap
from cli.errors import exits_on_error
from config import Settings
from pipeline.jobs.dispatcher import recheck
from pipeline.jobs.processing import upload_feed

log = logging.getLogger("portfolio.worker")


def register(app: typer.Typer) -> None:
    app.command("worker")(worker)


@exits_on_error
def worker(
    threads: Annotated[
        int | None, typer.Option(min=1, help="Jobs at once (default PORTFOLIO_WORKER_THREADS).")
    ] = None,
    dispatch: Annotated[
        bool, typer.Option(help="Also follow the event log and enqueue new uploads.")
    ] = True,
    recheck_all: Annotated[
        bool,
        typer.Option(
            "--recheck", help="First enqueue every uploaded version for this pipeline version."
        ),
    ] = False,
) -> None:
    """Process uploaded versions (extract, check, record) until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("pika").setLevel(logging.WARNING)  # connection chatter at INFO
    settings = Settings()
    if threads is not None:
        settings = settings.model_copy(update={"worker_threads": threads})
    portfolio = bootstrap.build(settings)
    _warm_up()
    handle = bootstrap.build_worker(settings, portfolio, dispatch=dispatch)
    if recheck_all:
        store = portfolio.adapters.store
        sent = recheck(store, handle.actors.send_version, upload_feed())
        log.info("re-check: %d version(s) enqueued", sent)
    log.info("worker ready: broker=%s queue=%s", settings.broker, settings.jobs_queue)
    _wait_for_signal()
    handle.stop()
    portfolio.close()
    log.info("worker stopped")


def _warm_up() -> None:
    """Load the spaCy model before the first job, once for the whole process."""
    from pipeline.nlp import get_nlp

    get_nlp()


def _wait_for_signal() -> None:
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    while not stop.wait(1.0):
        pass
