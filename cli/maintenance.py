"""Operator commands on the stores: `portfolio db migrate|check`, `portfolio blobs sweep`.

They read the same `PORTFOLIO_*` settings as the service; `db migrate` additionally uses the
migration role (`PORTFOLIO_POSTGRES_MIGRATION_USER` / `_PASSWORD`) when one is configured.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer

from cli.errors import exits_on_error
from storage.settings import Settings

db_app = typer.Typer(no_args_is_help=True, help="The event store's schema and roles.")
blobs_app = typer.Typer(no_args_is_help=True, help="The blob store (evidence files).")


@db_app.command("migrate")
@exits_on_error
def db_migrate() -> None:
    """Create the event store's tables, triggers and key table; grant the application role."""
    from portfolio.application.app import PortfolioApp
    from storage.migrate import migrate

    settings = Settings()
    done = migrate(settings, [PortfolioApp.name])
    tables = ", ".join((*done.event_tables, *done.state_tables))
    if settings.event_store != "postgres":
        typer.echo(f"SQLite event store {settings.sqlite_path} ready (tables: {tables}).")
    elif done.app_role:
        typer.echo(
            f"Schema {settings.postgres_schema} owned by {done.owner}; {done.app_role} may read "
            f"and append events, never change them (tables: {tables})."
        )
    else:
        typer.echo(
            f"Schema {settings.postgres_schema} owned by {done.owner}, which the service also "
            "uses: set PORTFOLIO_POSTGRES_MIGRATION_USER for a least-privilege set-up "
            f"(tables: {tables})."
        )


@db_app.command("check")
@exits_on_error
def db_check() -> None:
    """Exit 0 if the event store answers, 7 otherwise (container health checks)."""
    from storage.eventstore import check_event_store

    check_event_store(Settings())
    typer.echo("event store reachable")


@blobs_app.command("sweep")
@exits_on_error
def blobs_sweep(
    older_than_hours: Annotated[
        float, typer.Option(min=0, help="Keep blobs younger than this (uploads in flight).")
    ] = 24.0,
    dry_run: Annotated[bool, typer.Option(help="Only list what would be removed.")] = False,
) -> None:
    """Remove the files no event mentions (left by failed uploads); referenced ones never."""
    from cli.common import portfolio_app
    from storage.sweep import sweep

    app = portfolio_app()
    report = sweep(
        app, app.blobs, timedelta(hours=older_than_hours), datetime.now(UTC), dry_run=dry_run
    )
    for entry in report.removed:
        typer.echo(f"{'would remove' if dry_run else 'removed'} {entry.address} ({entry.size} B)")
    for entry in report.refused:
        typer.echo(f"kept {entry.address}: the store refused to delete it (object lock?)")
    if report.removed and getattr(app.blobs, "retention_days", 0):
        typer.echo("object lock: removed blobs are hidden; their bytes stay until retention ends")
    verb = "to remove" if dry_run else "removed"
    typer.echo(
        f"{len(report.removed)} unreferenced blob(s) {verb} ({report.removed_bytes} B); kept "
        f"{report.referenced} referenced, {report.recent} younger than {older_than_hours:g} h, "
        f"{len(report.refused)} refused."
    )


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
    app.add_typer(blobs_app, name="blobs")
