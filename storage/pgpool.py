"""One small psycopg connection pool per PostgreSQL server, shared by every key table.

The composition root builds a new vault per app instance (tests build hundreds); a pool per
instance would leak connections until the server refuses clients. Pools are keyed by the
connection parameters (the schema is in the SQL, not the connection), opened on first use,
dropped when the server cannot be reached, and closed at interpreter exit.
"""

from __future__ import annotations

import atexit
import threading
from typing import Any

_POOLS: dict[tuple, Any] = {}  # conninfo key -> psycopg_pool.ConnectionPool
_LOCK = threading.Lock()


def _key(conninfo: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in conninfo.items()))


def shared_pool(conninfo: dict, max_size: int = 4):
    """The open `psycopg_pool.ConnectionPool` for these parameters (autocommit connections)."""
    from psycopg_pool import ConnectionPool

    with _LOCK:
        pool = _POOLS.get(_key(conninfo))
        if pool is None:
            pool = ConnectionPool(
                kwargs={**conninfo, "autocommit": True},
                min_size=1,
                max_size=max_size,
                timeout=float(conninfo.get("connect_timeout", 5)),
                check=ConnectionPool.check_connection,  # survive a server restart
                open=True,
            )
            _POOLS[_key(conninfo)] = pool
        return pool


def discard_pool(conninfo: dict) -> None:
    """Forget (and close) the pool of an unreachable server so it stops reconnecting."""
    with _LOCK:
        pool = _POOLS.pop(_key(conninfo), None)
    if pool is not None:
        pool.close(timeout=1)


def close_pools() -> None:
    with _LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.close(timeout=1)


atexit.register(close_pools)  # once per process, however often pools come and go
