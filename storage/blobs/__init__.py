"""Content-addressed, write-once blob stores: a local folder (embedded) and S3 (real).

Both implement `portfolio.application.ports.BlobStore`; `storage.factory.build_blob_store`
chooses one from the settings.
"""

from storage.blobs.local import LocalBlobStore
from storage.blobs.s3 import S3BlobStore

__all__ = ["LocalBlobStore", "S3BlobStore"]
