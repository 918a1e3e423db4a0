"""Content-addressed, write-once blob stores: a local folder (embedded), S3 (real), and the
in-memory twin; all three pass the same contract tests. `bootstrap` chooses one from the settings.
"""

from storage.blobs.local import LocalBlobStore
from storage.blobs.memory import MemoryBlobStore
from storage.blobs.s3 import S3BlobStore

__all__ = ["LocalBlobStore", "MemoryBlobStore", "S3BlobStore"]
