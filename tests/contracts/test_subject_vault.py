"""The SubjectVault contract on every key table: in memory (the twin), SQLite (embedded),
PostgreSQL (real)."""

from __future__ import annotations

import hashlib
import os
import threading
import time
import tracemalloc

import pytest
from pydantic import SecretStr

from bootstrap import build_key_table, build_vault
from portfolio.errors import InvalidInput, SealedDataCorrupted, StorageUnavailable, SubjectErased
from storage.keytables import MemoryKeyTable
from storage.vault import HEADER_SIZE, SEGMENT_SIZE, TAG_SIZE, KeyVault

SIZES = [0, 1, SEGMENT_SIZE - 1, SEGMENT_SIZE, SEGMENT_SIZE + 1, 3 * SEGMENT_SIZE + 5]


def rechunk(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)] or [b""]


def seal_all(vault, subject: str, data: bytes, chunk: int = 7000) -> bytes:
    return b"".join(vault.seal_stream(subject, iter(rechunk(data, chunk))))


def open_all(vault, subject: str, sealed: bytes, chunk: int = 4096) -> bytes:
    return b"".join(vault.open_stream(subject, iter(rechunk(sealed, chunk))))


class VaultContract:
    """Subclasses provide `new_vault`: a factory of vaults over one and the same key table."""

    @pytest.fixture
    def vault(self, new_vault):
        vault = new_vault()
        yield vault
        getattr(vault.table, "close", lambda: None)()

    def test_seal_and_open(self, vault):
        sealed = vault.seal("cand-1", b"Jeanne Dupont, 12 rue X")
        assert b"Jeanne" not in sealed
        assert vault.open("cand-1", sealed) == b"Jeanne Dupont, 12 rue X"
        assert vault.seal("cand-1", b"same") != vault.seal("cand-1", b"same")  # random nonce

    def test_keys_survive_a_new_vault(self, vault, new_vault):
        sealed = vault.seal("cand-1", b"kept")
        again = new_vault()
        try:
            assert again.open("cand-1", sealed) == b"kept"
        finally:
            getattr(again.table, "close", lambda: None)()

    def test_value_sealed_for_another_subject_does_not_open(self, vault):
        vault.seal("cand-2", b"warm up cand-2's key")
        sealed = vault.seal("cand-1", b"private")
        with pytest.raises(SealedDataCorrupted):
            vault.open("cand-2", sealed)

    def test_unknown_subject_cannot_open(self, vault):
        sealed = vault.seal("cand-1", b"private")
        with pytest.raises(SealedDataCorrupted):
            vault.open("nobody", sealed)

    @pytest.mark.parametrize("position", [0, 1, 13, -1])
    def test_tampered_value_is_refused(self, vault, position):
        sealed = bytearray(vault.seal("cand-1", b"private data"))
        sealed[position] ^= 0x01
        with pytest.raises(SealedDataCorrupted):
            vault.open("cand-1", bytes(sealed))

    def test_short_value_is_refused(self, vault):
        vault.seal("cand-1", b"x")
        with pytest.raises(SealedDataCorrupted):
            vault.open("cand-1", b"\x01short")

    @pytest.mark.parametrize("size", SIZES)
    def test_stream_roundtrip(self, vault, size):
        data = os.urandom(size)
        sealed = seal_all(vault, "cand-1", data)
        segments = max(1, -(-size // SEGMENT_SIZE))
        assert len(sealed) == HEADER_SIZE + size + segments * TAG_SIZE
        assert open_all(vault, "cand-1", sealed) == data

    @pytest.mark.parametrize(
        "cut",
        [
            lambda s: s[:-1],  # last byte gone
            lambda s: s[: HEADER_SIZE + SEGMENT_SIZE + TAG_SIZE],  # whole last segment gone
            lambda s: s[:HEADER_SIZE],  # header only
            lambda s: s[: HEADER_SIZE - 1],  # not even a header
            lambda s: s + b"\x00" * 20,  # appended bytes
        ],
        ids=["byte", "segment", "header-only", "no-header", "appended"],
    )
    def test_truncated_or_extended_stream_is_refused(self, vault, cut):
        sealed = seal_all(vault, "cand-1", os.urandom(2 * SEGMENT_SIZE + 10))
        with pytest.raises(SealedDataCorrupted):
            open_all(vault, "cand-1", cut(sealed))

    def test_reordered_segments_are_refused(self, vault):
        sealed = seal_all(vault, "cand-1", os.urandom(3 * SEGMENT_SIZE + 10))
        step = SEGMENT_SIZE + TAG_SIZE
        header, body = sealed[:HEADER_SIZE], sealed[HEADER_SIZE:]
        swapped = header + body[step : 2 * step] + body[:step] + body[2 * step :]
        with pytest.raises(SealedDataCorrupted, match="segment 0"):
            open_all(vault, "cand-1", swapped)

    def test_stream_of_another_subject_is_refused(self, vault):
        vault.seal("cand-2", b"key")
        sealed = seal_all(vault, "cand-1", b"file bytes")
        with pytest.raises(SealedDataCorrupted):
            open_all(vault, "cand-2", sealed)

    def test_destroy_erases_the_subject_only(self, vault):
        value = vault.seal("cand-1", b"private")
        stream = seal_all(vault, "cand-1", b"file")
        kept = vault.seal("cand-2", b"other")
        assert not vault.is_destroyed("cand-1")
        vault.destroy("cand-1")
        vault.destroy("cand-1")  # idempotent
        assert vault.is_destroyed("cand-1")
        with pytest.raises(SubjectErased):
            vault.open("cand-1", value)
        with pytest.raises(SubjectErased):
            vault.open_stream("cand-1", iter([stream]))
        with pytest.raises(SubjectErased):
            vault.seal("cand-1", b"new data after erasure")
        with pytest.raises(SubjectErased):
            vault.seal_stream("cand-1", iter([b"x"]))
        assert vault.table.lookup("cand-1") == (None, True)
        assert vault.open("cand-2", kept) == b"other"

    def test_destroying_an_unknown_subject_leaves_a_tombstone(self, vault):
        vault.destroy("never-seen")
        assert vault.is_destroyed("never-seen")
        with pytest.raises(SubjectErased):
            vault.seal("never-seen", b"x")

    def test_concurrent_first_seals_agree_on_one_key(self, vault):
        sealed: list[bytes] = []

        def seal() -> None:
            sealed.append(vault.seal("cand-new", b"race"))

        threads = [threading.Thread(target=seal) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(sealed) == 8
        assert all(vault.open("cand-new", value) == b"race" for value in sealed)

    @pytest.mark.parametrize("subject", ["", None, 42])
    def test_subject_must_be_a_string(self, vault, subject):
        with pytest.raises(InvalidInput):
            vault.seal(subject, b"x")


class TestMemoryVault(VaultContract):
    """The unit tests' twin: the real vault over keys kept in a dict."""

    @pytest.fixture
    def new_vault(self):
        table = MemoryKeyTable()
        return lambda: KeyVault(table)


class TestSqliteVault(VaultContract):
    @pytest.fixture
    def settings(self, sqlite_settings):
        return sqlite_settings

    @pytest.fixture
    def new_vault(self, settings):
        return lambda: build_vault(settings)

    def test_keys_live_in_their_own_file_and_are_wiped(self, vault, settings):
        vault.seal("cand-1", b"x")
        key, _ = vault.table.lookup("cand-1")
        assert settings.keys_path.exists() and settings.keys_path != settings.sqlite_path
        assert key in settings.keys_path.read_bytes()
        vault.destroy("cand-1")
        assert key not in settings.keys_path.read_bytes()  # secure_delete overwrote it

    def test_unwritable_key_file_is_storage_unavailable(self, tmp_path, sqlite_settings):
        (tmp_path / "blocker").write_bytes(b"")
        broken = sqlite_settings.model_copy(update={"data_dir": tmp_path / "blocker"})
        with pytest.raises(StorageUnavailable):
            build_vault(broken).seal("cand-1", b"x")


@pytest.mark.postgres
class TestPostgresVault(VaultContract):
    @pytest.fixture
    def settings(self, pg_env):
        return pg_env

    @pytest.fixture
    def new_vault(self, settings):
        return lambda: build_vault(settings)

    def test_keys_table_is_in_the_schema(self, vault, settings):
        import psycopg

        vault.seal("cand-1", b"x")
        with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres") as conn:
            count = conn.execute(
                f'SELECT count(*) FROM "{settings.postgres_schema}".subject_keys'
            ).fetchone()[0]
        assert count == 1

    def test_many_vaults_share_one_small_pool(self, settings):
        from storage.pgpool import shared_pool

        vaults = [build_vault(settings) for _ in range(30)]  # as 30 bootstrap.build() calls would
        for n, vault in enumerate(vaults):
            assert vault.open(f"c{n}", vault.seal(f"c{n}", b"x")) == b"x"
        pool = shared_pool(vaults[0].table.conninfo)
        assert pool.get_stats()["pool_size"] <= pool.max_size <= 4

    def test_unreachable_database_is_storage_unavailable(self, settings):
        broken = settings.model_copy(
            update={
                "postgres_port": 1,
                "postgres_password": SecretStr(""),
                "postgres_connect_timeout": 1,
            }
        )
        table = build_key_table(broken)
        try:
            with pytest.raises(StorageUnavailable, match="schema"):
                KeyVault(table).seal("cand-1", b"x")
            with pytest.raises(StorageUnavailable):
                table.lookup("cand-1")
        finally:
            table.close()


def _measured(work):
    """(seconds, peak traced bytes) of running `work()`."""
    tracemalloc.start()
    try:
        started = time.perf_counter()
        work()
        return time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_50_mb_stream_is_sealed_and_opened_in_small_memory(sqlite_settings, tmp_path):
    vault, size, chunk = build_vault(sqlite_settings), 50 * 1024 * 1024, 256 * 1024
    block, sealed_path, plain = os.urandom(chunk), tmp_path / "sealed.bin", hashlib.sha256()

    def seal() -> None:
        with sealed_path.open("wb") as out:
            for piece in vault.seal_stream("cand-1", (block for _ in range(size // chunk))):
                out.write(piece)

    def open_() -> None:
        with sealed_path.open("rb") as sealed:
            for piece in vault.open_stream("cand-1", iter(lambda: sealed.read(chunk), b"")):
                plain.update(piece)

    seal_seconds, seal_peak = _measured(seal)
    open_seconds, open_peak = _measured(open_)
    print(
        f"\nvault 50 MB: seal {seal_seconds:.2f}s peak {seal_peak / 2**20:.1f} MB;"
        f" open {open_seconds:.2f}s peak {open_peak / 2**20:.1f} MB"
    )
    assert sealed_path.stat().st_size == HEADER_SIZE + size + (size // SEGMENT_SIZE) * TAG_SIZE
    assert plain.hexdigest() == hashlib.sha256(block * (size // chunk)).hexdigest()
    assert seal_peak < 8 * 1024 * 1024 and open_peak < 8 * 1024 * 1024
