"""One contract test class per port, subclassed per backend.

Each port's in-memory twin (what the unit tests use) runs the same class as the real adapters,
so the twin cannot drift from the contract: `BlobStoreContract` (memory, local folder, S3),
`VaultContract` (key tables in memory, SQLite, PostgreSQL), `EventStoreContract` (POPO, SQLite,
PostgreSQL), `ReferentialsContract` (packaged files, referentials held in memory).
"""
