"""The page routers and the static files, installed on the app by `create_app`."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from api.pages import accounts, candidate, home

STATIC: Final = Path(__file__).resolve().parent.parent / "static"
PAGE_ROUTERS: tuple[APIRouter, ...] = (home.router, accounts.router, candidate.router)


def install(app: FastAPI) -> None:
    """Mount the static files and the page routers (none of them is in the OpenAPI schema)."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in PAGE_ROUTERS:
        app.include_router(router)
