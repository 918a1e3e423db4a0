"""Blobs in an S3 bucket (SeaweedFS, MinIO, AWS), keyed by the SHA-256 of their bytes.

Why spool first: the key is the hash, known only after reading the whole stream. The stream is
copied to an anonymous temp file while hashing (one chunk in memory), then, unless the key
already exists, uploaded from that file in 5 MiB multipart parts, one part at a time. The
alternative (upload to a temp key, then server-side copy) would leave orphan objects behind on
crashes and costs a second full write on the server.

With `retention_days > 0` the bucket is created with object lock and every blob gets a
COMPLIANCE retention: nobody, not even the account owner, can delete that version before it
expires. (A later PUT on the same key still makes a newer version; reads detect it by hash.)
Single-part uploads also send their SHA-256 so the server refuses bytes damaged in transit;
SeaweedFS rejects that header on multipart uploads, where the read-side check remains.
"""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import BinaryIO

import urllib3
from minio import Minio
from minio.error import MinioException, S3Error
from minio.retention import COMPLIANCE, Retention

from portfolio.application.ports import StoredBlob
from portfolio.errors import BlobNotFound, StorageUnavailable
from storage.blobs.streams import CHUNK_SIZE, BlobEntry, check_address, spool, verified

PART_SIZE = 5 * 1024 * 1024  # the S3 minimum; bounds the memory of an upload
MISSING = {"NoSuchKey", "NoSuchBucket", "NoSuchObject", "ResourceNotFound"}


def make_http_client(connect_timeout: float = 3.0, read_timeout: float = 60.0):
    """Fail fast when the server is down (minio's default retries for a long while)."""
    retries = urllib3.Retry(total=2, backoff_factor=0.2, status_forcelist=(502, 503, 504))
    timeout = urllib3.Timeout(connect=connect_timeout, read=read_timeout)
    return urllib3.PoolManager(timeout=timeout, retries=retries, maxsize=10)


class S3BlobStore:
    """The real-deployment blob store; same contract as `LocalBlobStore`."""

    def __init__(
        self,
        client: Minio,
        bucket: str,
        spool_dir: str | None = None,
        retention_days: int = 0,
    ) -> None:
        self.client = client
        self.bucket = bucket
        self.spool_dir = spool_dir
        self.retention_days = retention_days
        self._bucket_ready = False

    def put(self, stream: BinaryIO, max_bytes: int | None = None) -> StoredBlob:
        with tempfile.TemporaryFile(dir=self.spool_dir) as temp:
            blob = spool(stream, temp, max_bytes)
            with self._translate(blob.sha256):
                self._ensure_bucket()
                if not self._stat(blob.sha256):
                    temp.seek(0)
                    self._upload(temp, blob)
        return blob

    def _upload(self, temp: BinaryIO, blob: StoredBlob) -> None:
        self.client.put_object(
            bucket_name=self.bucket,
            object_name=blob.sha256,
            data=temp,
            length=blob.size,
            part_size=PART_SIZE,
            num_parallel_uploads=1,  # parallel parts would queue the file in memory
            metadata=self._metadata(blob),
            retention=self._retention(),
        )

    @staticmethod
    def _metadata(blob: StoredBlob) -> dict[str, str]:
        metadata = {"x-amz-meta-sha256": blob.sha256}
        if blob.size <= PART_SIZE:  # one PUT: let the server verify the bytes it receives
            checksum = base64.b64encode(bytes.fromhex(blob.sha256)).decode()
            metadata |= {
                "x-amz-sdk-checksum-algorithm": "SHA256",
                "x-amz-checksum-sha256": checksum,
            }
        return metadata

    def _retention(self) -> Retention | None:
        if not self.retention_days:
            return None
        until = datetime.now(UTC) + timedelta(days=self.retention_days)
        return Retention(COMPLIANCE, until.replace(microsecond=0))

    def _ensure_bucket(self) -> None:
        if self._bucket_ready:
            return
        if not self.client.bucket_exists(bucket_name=self.bucket):
            try:
                self.client.make_bucket(
                    bucket_name=self.bucket, object_lock=self.retention_days > 0
                )
            except S3Error as exc:
                if exc.code not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                    raise
        self._bucket_ready = True

    def _stat(self, sha256: str) -> bool:
        try:
            self.client.stat_object(bucket_name=self.bucket, object_name=sha256)
        except S3Error as exc:
            if exc.code in MISSING:
                return False
            raise
        return True

    def open(self, sha256: str) -> Iterator[bytes]:
        check_address(sha256)
        with self._translate(sha256):
            response = self.client.get_object(bucket_name=self.bucket, object_name=sha256)

        def close() -> None:
            response.close()
            response.release_conn()

        return verified(self._chunks(response, sha256), sha256, close=close)

    def _chunks(self, response, sha256: str) -> Iterator[bytes]:
        with self._translate(sha256):
            yield from response.stream(CHUNK_SIZE)

    def exists(self, sha256: str) -> bool:
        try:
            check_address(sha256)
        except BlobNotFound:
            return False
        with self._translate(sha256):
            return self._stat(sha256)

    def entries(self) -> Iterator[BlobEntry]:
        """Every object of the bucket (for the sweep); none if the bucket does not exist yet."""
        with self._translate("-"):
            if not self.client.bucket_exists(bucket_name=self.bucket):
                return
            for item in self.client.list_objects(bucket_name=self.bucket, recursive=True):
                if item.object_name and item.last_modified is not None:
                    yield BlobEntry(item.object_name, item.size or 0, item.last_modified)

    def remove(self, address: str) -> None:
        """Delete one object (under object lock: hide it; its bytes stay until retention ends)."""
        with self._translate(address):
            self.client.remove_object(bucket_name=self.bucket, object_name=address)

    def check(self) -> None:
        """Raise `StorageUnavailable` unless the bucket can be reached (readiness probe)."""
        with self._translate("-"):
            self._ensure_bucket()

    @contextmanager
    def _translate(self, sha256: str) -> Iterator[None]:
        """S3 "no such key/bucket" -> BlobNotFound; any other S3 or network error -> unavailable."""
        try:
            yield
        except S3Error as exc:
            if exc.code in MISSING:
                raise BlobNotFound(f"no blob {sha256}") from None
            raise StorageUnavailable(f"S3 bucket {self.bucket}: {exc.code}: {exc}") from exc
        except (MinioException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise StorageUnavailable(f"S3 bucket {self.bucket} unreachable: {exc}") from exc
