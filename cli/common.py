"""What every command group shares: the Portfolio built from `PORTFOLIO_*`, ids and the actor.

Kept in one module so that the evidence, assessment, jury and user commands parse an id, name
an account or default the actor the same way (and report a bad id with the same exit code).
The codes named in help texts come from the packaged referentials (`VOCABULARY`).
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer

import bootstrap
from config import Settings
from portfolio.domain.account import account_id_for
from portfolio.errors import AlreadyExists, InvalidInput
from portfolio.referential import PackagedReferentials, Vocabulary

VOCABULARY = Vocabulary.of(PackagedReferentials())

Actor = Annotated[
    str | None, typer.Option(help="Who acts (recorded in every event); default cli:<login>.")
]
Candidate = Annotated[str, typer.Option(help="Candidate id.")]
Account = Annotated[str, typer.Option(help="Account login or id.")]
ExistingFile = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)]


def open_portfolio(settings: Settings | None = None) -> bootstrap.Portfolio:
    """The services wired from `settings` (default: read from the environment)."""
    return bootstrap.build(settings or Settings())


def actor_name(actor: str | None) -> str:
    """The given actor, or `cli:<login>` of whoever runs the command."""
    return actor or f"cli:{getpass.getuser()}"


def parse_id(value: str, what: str) -> UUID:
    """A UUID, or InvalidInput naming `what` was expected."""
    try:
        return UUID(value)
    except ValueError:
        raise InvalidInput(f"{what} must be an id (UUID), got {value!r}") from None


def account(value: str) -> UUID:
    """An account id from a login or an id."""
    try:
        return UUID(value)
    except ValueError:
        return account_id_for(value)


@contextmanager
def echoing_existing_id() -> Iterator[None]:
    """On AlreadyExists, print the existing id (so scripts can carry on) before failing."""
    try:
        yield
    except AlreadyExists as error:
        typer.echo(error.existing_id)
        raise
