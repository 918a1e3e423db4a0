"""Liveness and readiness: /readyz says which dependency is missing, with 503."""

from __future__ import annotations

from fastapi.testclient import TestClient

import bootstrap
from api.app import create_app
from config import Settings
from tests.e2e.serving import free_port
from tests.services import require


def test_ready_on_each_deployment(backend_settings: Settings) -> None:
    with TestClient(create_app(backend_settings, bootstrap.build(backend_settings))) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        ready = client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"event_store": "ok", "blob_store": "ok", "broker": "ok"}


def test_unreachable_broker_makes_it_unready(sqlite_settings: Settings) -> None:
    settings = sqlite_settings.model_copy(
        update={"broker": "redis", "redis_url": f"redis://127.0.0.1:{free_port()}/0"}
    )
    with TestClient(create_app(settings, bootstrap.build(settings))) as client:
        assert client.get("/healthz").status_code == 200
        ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["broker"].startswith("unavailable")
    assert ready.json()["checks"]["event_store"] == "ok"


def test_real_redis_broker_is_ready(sqlite_settings: Settings) -> None:
    require("Redis", "127.0.0.1", 6379)
    settings = sqlite_settings.model_copy(update={"broker": "redis"})
    with TestClient(create_app(settings, bootstrap.build(settings))) as client:
        assert client.get("/readyz").json()["checks"]["broker"] == "ok"


def test_unreachable_event_store_makes_it_unready(sqlite_settings: Settings) -> None:
    portfolio = bootstrap.build(sqlite_settings)
    settings = sqlite_settings.model_copy(
        update={"event_store": "postgres", "postgres_port": free_port()}
    )
    with TestClient(create_app(settings, portfolio)) as client:
        ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["event_store"].startswith("unavailable")


def test_openapi_and_docs_are_served(sqlite_settings: Settings) -> None:
    with TestClient(create_app(sqlite_settings, bootstrap.build(sqlite_settings))) as client:
        spec = client.get("/api/openapi.json")
        docs = client.get("/api/docs")
    assert spec.status_code == 200 and spec.json()["openapi"].startswith("3.")
    assert "bearer" in str(spec.json()["components"]["securitySchemes"]).lower()
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_a_blob_folder_that_cannot_take_files_makes_it_unready(sqlite_settings: Settings) -> None:
    portfolio = bootstrap.build(sqlite_settings)
    blocked = sqlite_settings.data_dir / "not-a-folder"
    blocked.write_text("a file where the blob folder should be")
    settings = sqlite_settings.model_copy(update={"data_dir": blocked})
    with TestClient(create_app(settings, portfolio)) as client:
        ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["blob_store"].startswith("unavailable")
