"""The broker a deployment names, built at the composition root (`bootstrap.py`), never at import.

"inprocess" is dramatiq's `StubBroker`: an in-memory queue consumed by a worker thread inside
the service process (the embedded default, same actors and middleware as the real brokers).
"redis" and "rabbitmq" are the durable brokers a separate `portfolio worker` consumes.
"""

from __future__ import annotations

import socket
from typing import Literal
from urllib.parse import urlsplit

import dramatiq
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.common import dq_name

BrokerKind = Literal["inprocess", "redis", "rabbitmq"]
DEFAULT_PORTS = {"redis": 6379, "rabbitmq": 5672}
PROBE_TIMEOUT_S = 2.0

# A Redis worker that stops heart-beating for this long is dead: its unacknowledged messages go
# back to the queue at the next maintenance, which runs on `maintenance_chance` commands per
# million (random, so the delay varies: about a minute at the default).
REDIS_HEARTBEAT_TIMEOUT_MS = 15_000


def build_broker(
    kind: BrokerKind,
    url: str = "",
    *,
    namespace: str = "portfolio",
    maintenance_chance: int = 10_000,
) -> dramatiq.Broker:
    """A new broker of `kind` at `url`; connections open lazily on first use."""
    if kind == "redis":
        return RedisBroker(
            url=url,
            namespace=namespace,
            heartbeat_timeout=REDIS_HEARTBEAT_TIMEOUT_MS,
            maintenance_chance=maintenance_chance,
        )
    if kind == "rabbitmq":
        # Confirmed delivery: `send` returns only once RabbitMQ holds the message, so the
        # dispatcher may then advance its persisted position.
        return RabbitmqBroker(url=url, confirm_delivery=True)
    return StubBroker(fail_fast_default=False)


def probe_broker(kind: BrokerKind, url: str) -> None:
    """Raise OSError unless a remote broker accepts a connection (readiness)."""
    if kind == "inprocess":
        return
    parts = urlsplit(url)
    address = (parts.hostname or "127.0.0.1", parts.port or DEFAULT_PORTS[kind])
    with socket.create_connection(address, PROBE_TIMEOUT_S):
        return


def is_durable(broker: dramatiq.Broker) -> bool:
    """True when an enqueued message survives this process (the broker is another server)."""
    return not isinstance(broker, StubBroker)


def is_idle(broker: dramatiq.Broker, queue_name: str) -> bool:
    """True when an in-memory queue holds no unfinished message (delayed retries included).

    Only meaningful for the in-process broker; a durable broker is never asked.
    """
    if not isinstance(broker, StubBroker):
        raise TypeError("is_idle only answers for the in-process StubBroker")
    names = (queue_name, dq_name(queue_name))
    return all(broker.queues[n].unfinished_tasks == 0 for n in names if n in broker.queues)
