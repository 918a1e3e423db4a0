"""Readiness: can this process reach what it needs to serve requests? (`bootstrap.readiness`)"""

from __future__ import annotations

from collections.abc import Callable, Mapping


def probe_all(probes: Mapping[str, Callable[[], None]]) -> dict[str, str]:
    """ "ok" or the failure's class name per dependency; never raises."""
    results = {}
    for name, probe in probes.items():
        try:
            probe()
            results[name] = "ok"
        except Exception as error:  # noqa: BLE001 - any failure means "not ready"
            results[name] = f"unavailable: {type(error).__name__}"
    return results
