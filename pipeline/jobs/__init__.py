"""Background jobs: the broker chosen by settings, the thin actors, the event-log dispatcher
and the ways to run a worker (in the service process or as `portfolio worker`).

Nothing here touches a broker or a database at import time; `worker.start_worker` is the
composition root.
"""
