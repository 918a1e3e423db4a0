"""The broker named by `settings.broker`, built at the composition root, never at import.

"inprocess" is dramatiq's `StubBroker`: an in-memory queue consumed by a worker thread inside
the service process (the embedded default, same actors and middleware as the real brokers).
"redis" and "rabbitmq" are the durable brokers a separate `portfolio worker` consumes.
"""

from __future__ import annotations

import dramatiq
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.common import dq_name

from config import Settings

# A Redis worker that stops heart-beating for this long is dead: its unacknowledged messages go
# back to the queue at the next maintenance, which runs on `settings.redis_maintenance_chance`
# commands per million (random, so the delay varies: about a minute at the default).
REDIS_HEARTBEAT_TIMEOUT_MS = 15_000


def build_broker(settings: Settings) -> dramatiq.Broker:
    """A new broker for `settings.broker`; connections open lazily on first use."""
    if settings.broker == "redis":
        return RedisBroker(
            url=settings.redis_url,
            namespace=settings.jobs_namespace,
            heartbeat_timeout=REDIS_HEARTBEAT_TIMEOUT_MS,
            maintenance_chance=settings.redis_maintenance_chance,
        )
    if settings.broker == "rabbitmq":
        # Confirmed delivery: `send` returns only once RabbitMQ holds the message, so the
        # dispatcher may then advance its persisted position.
        return RabbitmqBroker(url=settings.rabbitmq_url, confirm_delivery=True)
    return StubBroker(fail_fast_default=False)


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
