"""Readiness probes: can this process reach what it needs to serve requests?"""

from __future__ import annotations

import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from portfolio.application.app import PortfolioApp
from storage.eventstore import check_event_store
from storage.factory import check_blob_store
from config import Settings

PROBE_TIMEOUT = 2.0


def _event_store(app: PortfolioApp, settings: Settings) -> None:
    check_event_store(settings)


def _blob_store(app: PortfolioApp, settings: Settings) -> None:
    check_blob_store(settings)  # writable folder / reachable bucket, not just "answers"


def _broker(app: PortfolioApp, settings: Settings) -> None:
    if settings.broker == "inprocess":
        return
    url = settings.redis_url if settings.broker == "redis" else settings.rabbitmq_url
    parts = urlsplit(url)
    default = 6379 if settings.broker == "redis" else 5672
    with socket.create_connection((parts.hostname, parts.port or default), PROBE_TIMEOUT):
        return


PROBES: dict[str, Callable[[PortfolioApp, Settings], None]] = {
    "event_store": _event_store,
    "blob_store": _blob_store,
    "broker": _broker,
}


def probe_all(app: PortfolioApp, settings: Settings) -> dict[str, str]:
    """ "ok" or the failure's class name per dependency; never raises."""
    results = {}
    for name, probe in PROBES.items():
        try:
            probe(app, settings)
            results[name] = "ok"
        except Exception as error:  # noqa: BLE001 - any failure means "not ready"
            results[name] = f"unavailable: {type(error).__name__}"
    return results
