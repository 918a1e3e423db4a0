"""Operator commands on the stores themselves: `portfolio db migrate`.

They read the same `PORTFOLIO_*` settings as the service; `db migrate` additionally uses the
migration role (`PORTFOLIO_POSTGRES_MIGRATION_USER` / `_PASSWORD`) when one is configured.
"""

from __future__ import annotations

import typer

from cli.errors import exits_on_error
from storage.settings import Settings

db_app = typer.Typer(no_args_is_help=True, help="The event store's schema and roles.")


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


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
