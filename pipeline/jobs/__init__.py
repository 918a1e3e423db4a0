"""Background jobs: the broker chosen by settings, the thin actors, the event-log dispatcher
and the ways to run a worker. Nothing here touches a broker or a database at import time.

- Embedded (`PORTFOLIO_BROKER=inprocess`, the default): the service calls
  `pipeline.jobs.worker.start_inprocess_worker(app, settings)` at start-up and `.stop()` at
  shutdown; jobs run on threads of the service process (dramatiq StubBroker + Worker).
- Redis / RabbitMQ: run `portfolio worker` (one or more processes; `--no-dispatch` on all but
  one avoids redundant messages, `--recheck` re-checks every version with this pipeline
  version). The service then starts nothing: the worker follows the event log itself.

Flow: `EvidenceUploaded` in the log -> `dispatcher.Dispatcher` (position persisted in the
event store's tracking table) -> `actors.process_version(production_id, version)` ->
`processing.process_version` (read through the app, sandboxed extraction, checks, record).
"""
