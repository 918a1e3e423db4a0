"""`portfolio check FILE`: check one production file without any database.

Exit codes: 0 accepted and complete (every element present, no verification failed;
undetermined does not fail), 1 accepted with gaps, 3 rejected, 2 usage error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cli.common import VOCABULARY
from portfolio.referential import PackagedReferentials

STATUS_FR = {"present": "présent", "partial": "partiel", "absent": "absent"}
STATUS_STYLE = {"present": "green", "partial": "yellow", "absent": "red"}
VERDICT_FR = {"pass": "conforme", "fail": "erroné", "undetermined": "indéterminé"}
VERDICT_STYLE = {"pass": "green", "fail": "red", "undetermined": "dim"}
CHECK_FR = {
    "break_even": "Seuil de rentabilité",
    "point_mort": "Point mort",
    "spreadsheet_formulas": "Calculs automatisés (tableur)",
    "reporting_languages": "Reporting en français et en anglais",
    "internship_working_days": "Jours ouvrés de la période en entreprise",
    "internship_minimum_days": "Durée minimale de la période en entreprise",
    "nps": "Net Promoter Score",
    "csat": "Satisfaction client (CSAT)",
}


def exit_code(report: dict) -> int:
    """0 complete, 1 gaps, 3 rejected (see the module docstring)."""
    if report["status"] == "rejected":
        return 3
    gaps = any(e["status"] != "present" for e in report["elements"])
    failed = any(c["status"] == "fail" for c in report["checks"])
    return 1 if gaps or failed or report["production"] is None else 0


def check(
    file: Annotated[Path, typer.Argument(help="DOCX, PDF or XLSX production to check.")],
    production: Annotated[
        str | None,
        typer.Option(
            "--production",
            "-p",
            help=f"{VOCABULARY.listing(VOCABULARY.productions)} (guessed if omitted).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Check a written production: required elements and verifiable figures."""
    import bootstrap
    from config import Settings

    referential = PackagedReferentials().current()
    if not file.is_file():
        raise typer.BadParameter(f"no such file: {file}", param_hint="FILE")
    if production is not None and production.upper() not in referential.productions:
        allowed = ", ".join(referential.productions)
        raise typer.BadParameter(
            f"{production!r} is not one of {allowed}", param_hint="--production"
        )
    pipeline = bootstrap.build_pipeline(Settings())
    status = Console(stderr=True)
    with status.status(f"Lecture et vérification de {file.name}…", spinner="dots"):
        data = file.read_bytes()
        chosen = production.upper() if production else None
        report = pipeline.run(data, str(file), referential, chosen).report
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False))
    else:
        render(report, Console())
    raise typer.Exit(exit_code(report))


def render(report: dict, console: Console) -> None:
    """The readable French report."""
    console.rule(f"[bold]{Path(report['file']).name}")
    if report["status"] == "rejected":
        rejection = report["rejection"]
        console.print(
            f"[bold red]Document refusé[/] ({rejection['category']}) : {rejection['message']}"
        )
        return
    languages = ", ".join(report["languages"]) or "?"
    console.print(
        f"Format {report['format']} · épreuve {report['production'] or 'non reconnue'} · "
        f"{report['word_count']} mots · langues {languages} · "
        f"référentiel {report['referential_version']}"
    )
    console.print(_elements_table(report["elements"]))
    if report["checks"]:
        console.print(_checks_table(report["checks"]))
    verdict = {0: "[green]Complet", 1: "[yellow]Incomplet ou erroné"}[exit_code(report)]
    console.print(f"Bilan : {verdict}")


def _elements_table(elements: list[dict]) -> Table:
    table = Table(title="Éléments attendus", show_lines=False)
    for column in ("Compétence", "Élément", "Statut", "Où", "Motif"):
        table.add_column(column)
    for e in elements:
        where = ""
        if e["evidence"]:
            ev = e["evidence"][0]
            where = ev["heading"] + (f" (p. {ev['page']})" if ev["page"] else "")
        style = STATUS_STYLE[e["status"]]
        table.add_row(
            e["competency"], e["label"], f"[{style}]{STATUS_FR[e['status']]}", where, e["reason"]
        )
    return table


def _checks_table(checks: list[dict]) -> Table:
    table = Table(title="Vérifications")
    for column in ("Vérification", "Résultat", "Énoncé", "Attendu", "Détail"):
        table.add_column(column)
    for c in checks:
        style = VERDICT_STYLE[c["status"]]
        table.add_row(
            CHECK_FR.get(c["id"], c["id"]),
            f"[{style}]{VERDICT_FR[c['status']]}",
            _fmt(c["stated"]),
            _fmt(c["expected"]),
            c["message"],
        )
    return table


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return (
        f"{value:,.2f}".replace(",", " ").rstrip("0").rstrip(".")
        if isinstance(value, float)
        else str(value)
    )


def register(app: typer.Typer) -> None:
    """Add `portfolio check` to the root app."""
    app.command("check")(check)
