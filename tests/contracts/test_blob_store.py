"""One contract for every BlobStore adapter: the in-memory twin, the local folder, a real S3."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import time
import tracemalloc
from pathlib import Path

import pytest
from minio import Minio
from minio.error import S3Error

from portfolio.application.ports import StoredBlob
from portfolio.errors import BlobCorrupted, BlobNotFound, BlobTooLarge, StorageUnavailable
from storage.blobs import LocalBlobStore, MemoryBlobStore, S3BlobStore
from storage.blobs.s3 import make_http_client
from tests.conftest import S3Server, free_port

MB = 1024 * 1024


class RandomStream(io.RawIOBase):
    """`size` pseudo-random bytes produced on demand; hashes what it hands out."""

    def __init__(self, size: int) -> None:
        self.left, self.digest = size, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        chunk = os.urandom(n)
        self.left -= n
        self.digest.update(chunk)
        return chunk


def read_all(store, sha256: str) -> bytes:
    return b"".join(store.open(sha256))


class BlobStoreContract:
    """Subclasses provide the `store` and `unreachable` fixtures and `tamper`/`stored_count`."""

    rewrite_visible_after = 1.1  # seconds before a rewrite would show in `fingerprint`

    def tamper(self, store, sha256: str, data: bytes) -> None:
        raise NotImplementedError

    def stored_count(self, store) -> int:
        raise NotImplementedError

    def fingerprint(self, store, sha256: str) -> object:
        raise NotImplementedError

    def test_roundtrip(self, store):
        data = b"evidence " * 1000
        blob = store.put(io.BytesIO(data))
        assert blob.sha256 == hashlib.sha256(data).hexdigest()
        assert blob.size == len(data)
        assert store.exists(blob.sha256)
        assert read_all(store, blob.sha256) == data

    def test_empty_blob(self, store):
        blob = store.put(io.BytesIO(b""))
        assert blob.size == 0
        assert read_all(store, blob.sha256) == b""

    def test_putting_the_same_bytes_twice_is_a_noop(self, store):
        first = store.put(io.BytesIO(b"same bytes"))
        before = self.fingerprint(store, first.sha256)
        time.sleep(self.rewrite_visible_after)  # a rewrite would change the modification time
        assert store.put(io.BytesIO(b"same bytes")) == first
        assert self.fingerprint(store, first.sha256) == before
        assert self.stored_count(store) == 1

    def test_tampered_blob_is_detected_at_the_end_of_the_stream(self, store):
        blob = store.put(io.BytesIO(b"original content"))
        self.tamper(store, blob.sha256, b"forged content!!")
        chunks = store.open(blob.sha256)
        with pytest.raises(BlobCorrupted):
            list(chunks)

    def test_put_does_not_overwrite_a_tampered_blob_silently(self, store):
        blob = store.put(io.BytesIO(b"original content"))
        self.tamper(store, blob.sha256, b"forged content!!")
        store.put(io.BytesIO(b"original content"))
        with pytest.raises(BlobCorrupted):
            read_all(store, blob.sha256)

    def test_too_large_leaves_nothing_behind(self, store):
        with pytest.raises(BlobTooLarge):
            store.put(io.BytesIO(b"x" * (3 * MB + 1)), max_bytes=3 * MB)
        assert self.stored_count(store) == 0
        assert store.put(io.BytesIO(b"x" * 3 * MB), max_bytes=3 * MB).size == 3 * MB

    def test_missing_blob(self, store):
        missing = hashlib.sha256(b"never stored").hexdigest()
        assert not store.exists(missing)
        with pytest.raises(BlobNotFound):
            store.open(missing)

    @pytest.mark.parametrize("address", ["../../etc/passwd", "ABC", "0" * 63, "g" * 64, ""])
    def test_malformed_address_is_not_found(self, store, address):
        assert not store.exists(address)
        with pytest.raises(BlobNotFound):
            store.open(address)

    def test_unreachable_backend_is_storage_unavailable(self, unreachable):
        with pytest.raises(StorageUnavailable):
            unreachable.put(io.BytesIO(b"data"))
        with pytest.raises(StorageUnavailable):
            unreachable.check()

    def test_check_passes_on_a_working_store(self, store):
        store.check()

    def test_entries_list_the_stored_blobs_and_remove_deletes_one(self, store):
        first, second = store.put(io.BytesIO(b"first")), store.put(io.BytesIO(b"second"))
        entries = list(store.entries())
        assert {e.address: e.size for e in entries} == {first.sha256: 5, second.sha256: 6}
        assert all(e.modified.tzinfo is not None for e in entries)
        store.remove(first.sha256)
        assert not store.exists(first.sha256)
        assert [e.address for e in store.entries()] == [second.sha256]

    @pytest.mark.slow
    def test_streams_50_mb_in_small_memory(self, store, request):
        size = 50 * MB
        source = RandomStream(size)
        tracemalloc.start()
        try:
            started = time.perf_counter()
            blob = store.put(source, max_bytes=size)
            put_seconds, (_, put_peak) = (
                time.perf_counter() - started,
                tracemalloc.get_traced_memory(),
            )
            tracemalloc.reset_peak()
            started, digest, total = time.perf_counter(), hashlib.sha256(), 0
            for chunk in store.open(blob.sha256):
                digest.update(chunk)
                total += len(chunk)
            read_seconds, (_, read_peak) = (
                time.perf_counter() - started,
                tracemalloc.get_traced_memory(),
            )
        finally:
            tracemalloc.stop()
        assert blob.sha256 == source.digest.hexdigest() == digest.hexdigest()
        assert total == size
        print(
            f"\n{request.node.name}: 50 MB put {put_seconds:.2f}s peak {put_peak / MB:.1f} MB;"
            f" read {read_seconds:.2f}s peak {read_peak / MB:.1f} MB"
        )
        assert put_peak < 20 * MB
        assert read_peak < 20 * MB


class TestMemoryBlobStore(BlobStoreContract):
    """The unit tests' twin. It is never unreachable and holds blobs in memory by design, so
    those two tests are replaced by what the twin promises instead."""

    rewrite_visible_after = 0.0  # `fingerprint` is the stored object itself

    @pytest.fixture
    def store(self) -> MemoryBlobStore:
        return MemoryBlobStore(chunk_size=64 * 1024)

    def tamper(self, store, sha256, data):
        store.blobs[sha256] = data

    def stored_count(self, store):
        return len(store.blobs)

    def fingerprint(self, store, sha256):
        return id(store.blobs[sha256])

    def test_unreachable_backend_is_storage_unavailable(self, store):
        store.check()  # always ready: nothing to reach

    def test_streams_50_mb_in_small_memory(self, store):
        data = os.urandom(3 * MB)  # reads come back in chunks, verified at the end
        blob = store.put(io.BytesIO(data))
        chunks = list(store.open(blob.sha256))
        assert len(chunks) == 48 and b"".join(chunks) == data


class TestLocalBlobStore(BlobStoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path) -> LocalBlobStore:
        return LocalBlobStore(tmp_path / "blobs")

    @pytest.fixture
    def unreachable(self, tmp_path: Path) -> LocalBlobStore:
        blocker = tmp_path / "not-a-folder"
        blocker.write_bytes(b"")
        return LocalBlobStore(blocker)

    def tamper(self, store, sha256, data):
        path = store.path_for(sha256)
        path.chmod(0o644)
        path.write_bytes(data)

    def stored_count(self, store):
        return sum(1 for p in store.root.rglob("*") if p.is_file())

    def fingerprint(self, store, sha256):
        info = store.path_for(sha256).stat()
        return info.st_ino, info.st_mtime_ns

    def test_layout_and_read_only_files(self, store):
        blob = store.put(io.BytesIO(b"layout"))
        path = store.root / blob.sha256[:2] / blob.sha256[2:4] / blob.sha256
        assert path.read_bytes() == b"layout"
        assert stat.S_IMODE(path.stat().st_mode) & 0o222 == 0


@pytest.mark.s3
class TestS3BlobStore(BlobStoreContract):
    @pytest.fixture
    def client(self, s3_server: S3Server) -> Minio:
        return Minio(
            endpoint=s3_server.endpoint,
            access_key=s3_server.access_key,
            secret_key=s3_server.secret_key,
            secure=False,
        )

    @pytest.fixture
    def store(self, client: Minio, s3_bucket: str) -> S3BlobStore:
        return S3BlobStore(client, s3_bucket)

    @pytest.fixture
    def unreachable(self) -> S3BlobStore:
        client = Minio(
            endpoint=f"127.0.0.1:{free_port()}",
            access_key="k",
            secret_key="s",
            secure=False,
            http_client=make_http_client(connect_timeout=0.5),
        )
        return S3BlobStore(client, "nowhere")

    def tamper(self, store, sha256, data):
        store.client.put_object(
            bucket_name=store.bucket, object_name=sha256, data=io.BytesIO(data), length=len(data)
        )

    def stored_count(self, store):
        if not store.client.bucket_exists(bucket_name=store.bucket):
            return 0
        return sum(1 for _ in store.client.list_objects(bucket_name=store.bucket, recursive=True))

    def fingerprint(self, store, sha256):
        info = store.client.stat_object(bucket_name=store.bucket, object_name=sha256)
        return info.etag, info.last_modified

    def test_wrong_secret_is_storage_unavailable(self, s3_server: S3Server, s3_bucket: str):
        client = Minio(
            endpoint=s3_server.endpoint,
            access_key=s3_server.access_key,
            secret_key="wrong",
            secure=False,
        )
        with pytest.raises(StorageUnavailable, match="SignatureDoesNotMatch|AccessDenied"):
            S3BlobStore(client, s3_bucket).put(io.BytesIO(b"data"))

    def test_unreachable_read_is_storage_unavailable(self, unreachable):
        with pytest.raises(StorageUnavailable):
            unreachable.open(hashlib.sha256(b"x").hexdigest())
        with pytest.raises(StorageUnavailable):
            unreachable.exists(hashlib.sha256(b"x").hexdigest())

    def test_server_refuses_bytes_that_do_not_match_their_address(self, store):
        forged = StoredBlob(sha256=hashlib.sha256(b"abd").hexdigest(), size=3)
        store._ensure_bucket()
        with pytest.raises(S3Error, match="BadDigest"):
            store._upload(io.BytesIO(b"abc"), forged)  # damaged in transit, say
        assert not store.exists(forged.sha256)

    def test_address_is_recorded_in_metadata(self, store):
        blob = store.put(io.BytesIO(b"meta"))
        info = store.client.stat_object(bucket_name=store.bucket, object_name=blob.sha256)
        assert info.metadata["X-Amz-Meta-Sha256"] == blob.sha256


@pytest.mark.s3
class TestS3BlobStoreWithObjectLock(TestS3BlobStore):
    """The same contract on a bucket with object lock and COMPLIANCE retention."""

    @pytest.fixture
    def store(self, client: Minio, s3_bucket: str) -> S3BlobStore:
        return S3BlobStore(client, s3_bucket, retention_days=1)

    def test_stored_version_cannot_be_deleted(self, store):
        blob = store.put(io.BytesIO(b"kept for the jury"))
        info = store.client.stat_object(bucket_name=store.bucket, object_name=blob.sha256)
        assert info.version_id
        with pytest.raises(S3Error):
            store.client.remove_object(
                bucket_name=store.bucket, object_name=blob.sha256, version_id=info.version_id
            )
        assert read_all(store, blob.sha256) == b"kept for the jury"
