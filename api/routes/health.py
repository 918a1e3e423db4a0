"""Liveness and readiness probes (no authentication: they reveal nothing but up or down)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.readiness import probe_all

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="Event store, blob store and broker are reachable",
    responses={503: {"description": "A dependency is unreachable"}},
)
def readyz(request: Request) -> JSONResponse:
    checks = probe_all(request.app.state.probes)
    ready = all(state == "ok" for state in checks.values())
    body = {"status": "ready" if ready else "unavailable", "checks": checks}
    return JSONResponse(body, status_code=200 if ready else 503)
