"""Background jobs: the broker, the thin actors, the event-log dispatcher and the worker.
Nothing here touches a broker or a database at import time; `bootstrap.build_worker` wires it.

- Embedded (`PORTFOLIO_BROKER=inprocess`, the default): the service starts the worker at
  start-up (`bootstrap.start_embedded_worker`) and stops it at shutdown; jobs run on threads
  of the service process (dramatiq StubBroker + Worker).
- Redis / RabbitMQ: run `portfolio worker` (one or more processes; `--no-dispatch` on all but
  one avoids redundant messages, `--recheck` re-checks every version with this pipeline
  version). The service then starts nothing: the worker follows the event log itself.

Flow: `EvidenceUploaded` in the log -> `dispatcher.Dispatcher` (position persisted in the
event store's tracking table) -> `actors.process_version(production_id, version)` ->
`processing.ProcessVersion` (read through `Evidence`, `pipeline.run`, record in one save).
"""
