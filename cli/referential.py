"""`portfolio referential`: show the certification referential the checker and juries use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cli.errors import exit_code_for
from portfolio.errors import ReferentialInvalid
from portfolio.referential import (
    PackagedReferentials,
    Referential,
    Situation,
    load_referential,
)

referential_app = typer.Typer(no_args_is_help=True, help="The certification referential.")


@referential_app.command("show")
def show(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the whole referential as JSON.")
    ] = False,
    file: Annotated[
        Path | None, typer.Option("--file", help="Read this YAML instead of the packaged one.")
    ] = None,
) -> None:
    """Summarise blocs, competencies and evaluation situations (or dump everything as JSON)."""
    try:
        ref = load_referential(file) if file else PackagedReferentials().current()
    except ReferentialInvalid as exc:
        typer.echo(f"invalid referential: {exc}", err=True)
        raise typer.Exit(exit_code_for(exc)) from None
    if as_json:
        typer.echo(json.dumps(ref.to_dict(), ensure_ascii=False, indent=2))
        return
    _render(ref, Console())


def _render(ref: Referential, console: Console) -> None:
    console.print(f"[bold]{ref.title}[/bold]  {ref.version}  sha256 {ref.fingerprint[:12]}")
    for bloc in ref.blocs:
        table = Table(title=f"Bloc {bloc.number} {bloc.title}", show_lines=False)
        for column in ("Activity", "Competency", "Statement", "Criterion"):
            table.add_column(column)
        for activity in bloc.activities:
            for comp in activity.competencies:
                table.add_row(activity.code, comp.code, comp.statement, comp.criterion.code)
        console.print(table)
    for situation in ref.situations:
        console.print(_situation_line(situation))
        if situation.elements:
            console.print(_elements_table(situation))


def _elements_table(situation: Situation) -> Table:
    table = Table(title=f"Required elements of {situation.id}")
    for column in ("Element", "Key", "Label", "Parts"):
        table.add_column(column)
    for element in situation.elements:
        parts = ", ".join(p.key for p in element.parts)
        table.add_row(*(Text(v) for v in (element.id, element.key, element.label_fr, parts)))
    return table


def _situation_line(situation: Situation) -> str:
    line = (
        f"[bold]{situation.id}[/bold] ({situation.kind}, bloc {situation.bloc}): "
        f"{situation.title} — {', '.join(situation.competencies)}"
    )
    if situation.internship:
        line += (
            f"; internship ≥ {situation.internship.min_working_days} {situation.internship.unit}"
        )
    if situation.jury:
        line += f"; jury: {', '.join(situation.jury)}"
    return line
