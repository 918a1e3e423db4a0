"""The per-address sign-in window: a sliding count of failures, independent of success."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portfolio.application.throttle import WindowThrottle
from portfolio.errors import TooManyAttempts

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def test_limit_then_wait_until_the_oldest_failure_leaves_the_window() -> None:
    clock = Clock()
    throttle = WindowThrottle(clock, limit=3, window=timedelta(minutes=10))
    for minute in (0, 2, 4):
        clock.now = T0 + timedelta(minutes=minute)
        throttle.check("10.0.0.1")
        throttle.failed("10.0.0.1")
    with pytest.raises(TooManyAttempts) as locked:
        throttle.check("10.0.0.1")
    assert locked.value.retry_after == 6 * 60 + 1  # the first failure leaves at minute 10
    throttle.check("10.0.0.2")  # other addresses are untouched
    clock.now = T0 + timedelta(minutes=10)
    throttle.check("10.0.0.1")
    throttle.failed("10.0.0.1")
    with pytest.raises(TooManyAttempts) as again:
        throttle.check("10.0.0.1")
    assert again.value.retry_after == 2 * 60 + 1


def test_forgotten_addresses_take_no_memory() -> None:
    clock = Clock()
    throttle = WindowThrottle(clock, limit=2, window=timedelta(seconds=30))
    throttle.failed("10.0.0.1")
    clock.now = T0 + timedelta(seconds=31)
    throttle.check("10.0.0.1")
    assert throttle._failures == {}
