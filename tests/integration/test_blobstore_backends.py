"""The whole storage stack built from settings, on both deployments (embedded and real)."""

from __future__ import annotations

import base64
import io

import pytest
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from pydantic import SecretStr

from bootstrap import build_blob_store, build_vault
from portfolio.errors import StorageUnavailable, SubjectErased
from storage.eventstore import check_event_store, event_store_env, protect_event_tables


class Upload(Aggregate):
    @event("Received")
    def __init__(self, sha256: str, sealed_name: str) -> None:
        self.sha256 = sha256
        self.sealed_name = sealed_name


class Uploads(Application):
    pass


def test_sealed_blob_referenced_by_an_event_then_erased(backend_settings):
    store, vault = build_blob_store(backend_settings), build_vault(backend_settings)
    app = Uploads(env=event_store_env(backend_settings, "Uploads"))
    protect_event_tables(backend_settings, "Uploads")
    try:
        sealed = b"".join(vault.seal_stream("cand-1", iter([b"CV de Jeanne Dupont"])))
        blob = store.put(io.BytesIO(sealed), max_bytes=backend_settings.max_upload_bytes)
        sealed_name = base64.b64encode(vault.seal("cand-1", b"cv.pdf")).decode()
        upload = Upload(blob.sha256, sealed_name)  # bytes need a transcoding: keep text
        app.save(upload)
        stored = app.repository.get(upload.id)
        assert b"".join(vault.open_stream("cand-1", store.open(stored.sha256))).startswith(b"CV")
        name = base64.b64decode(stored.sealed_name)
        assert vault.open("cand-1", name) == b"cv.pdf"
        vault.destroy("cand-1")
        with pytest.raises(SubjectErased):
            vault.open("cand-1", base64.b64decode(app.repository.get(upload.id).sealed_name))
        assert store.exists(blob.sha256)  # the log and the blob stay; only the key is gone
    finally:
        app.close()
        getattr(vault.table, "close", lambda: None)()


def test_readiness_checks_pass(backend_settings):
    check_event_store(backend_settings)
    build_blob_store(backend_settings).check()


@pytest.mark.s3
def test_readiness_check_fails_on_a_dead_s3(s3_settings):
    from tests.conftest import free_port

    dead = s3_settings.model_copy(update={"s3_endpoint": f"127.0.0.1:{free_port()}"})
    with pytest.raises(StorageUnavailable):
        build_blob_store(dead).check()


@pytest.mark.s3
def test_readiness_check_fails_on_a_wrong_s3_secret(s3_settings):
    wrong = s3_settings.model_copy(update={"s3_secret_key": SecretStr("wrong")})
    with pytest.raises(StorageUnavailable):
        build_blob_store(wrong).check()
