"""`portfolio serve`: the HTTP API under uvicorn (embedded storage unless settings say else)."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.errors import exits_on_error
from storage.settings import Settings


@exits_on_error  # an unreachable store: exit 7 and one line, not a traceback
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default PORTFOLIO_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default PORTFOLIO_PORT)")] = None,
    worker: Annotated[
        bool,
        typer.Option(help="Run the pipeline worker in this process (embedded broker only)"),
    ] = True,
) -> None:
    """Serve the API; OpenAPI at /api/openapi.json, docs at /api/docs."""
    import uvicorn

    from api.app import create_app

    settings = Settings()
    overrides = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    overrides["inprocess_worker"] = worker and settings.inprocess_worker
    settings = settings.model_copy(update=overrides)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        proxy_headers=settings.behind_tls,
        log_level="info",
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
