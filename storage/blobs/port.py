"""The port the adapters implement, re-exported so `storage` code imports it from one place."""

from portfolio.application.ports import BlobStore, StoredBlob

__all__ = ["BlobStore", "StoredBlob"]
