"""The one place where domain errors become exit codes (table in `cli/main.py`'s docstring).

Every command is wrapped with `@exits_on_error`: a `PortfolioError` prints one line on stderr
and exits with its code; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from pipeline.rejections import DocumentRejected
from portfolio import errors

P = ParamSpec("P")
R = TypeVar("R")

# Most specific first: the first matching class decides.
EXIT_CODES: tuple[tuple[type[errors.PortfolioError], int], ...] = (
    (DocumentRejected, 3),
    (errors.LogIntegrityError, 1),
    (errors.BlobCorrupted, 1),
    (errors.SealedDataCorrupted, 1),
    (errors.PVRegenerationMismatch, 1),
    (errors.SubjectErased, 4),
    (errors.NotFound, 4),
    (errors.Conflict, 5),
    (errors.InvalidInput, 6),
    (errors.ReferentialInvalid, 6),
    (errors.StorageUnavailable, 7),
    (errors.Forbidden, 8),
    (errors.Unauthenticated, 8),
    (errors.TooManyAttempts, 8),
)
FALLBACK = 1


def exit_code_for(error: errors.PortfolioError) -> int:
    for kind, code in EXIT_CODES:
        if isinstance(error, kind):
            return code
    return FALLBACK


def exits_on_error(command: Callable[P, R]) -> Callable[P, R]:
    """Run a CLI command, turning domain errors into a message and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except errors.PortfolioError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(exit_code_for(error)) from None

    return wrapper
