"""`portfolio jury …`: deliberation, decisions per bloc and the procès-verbal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import (
    VOCABULARY,
    Account,
    Actor,
    Candidate,
    account,
    actor_name,
    open_portfolio,
    parse_id,
)
from cli.errors import exits_on_error

jury_app = typer.Typer(no_args_is_help=True, help="Deliberation jury and procès-verbal.")
pv_app = typer.Typer(no_args_is_help=True, help="Procès-verbal: generate, sign, export.")
jury_app.add_typer(pv_app, name="pv")

Session = Annotated[str, typer.Option(help="Session id.")]
Pv = Annotated[str, typer.Option("--pv", help="PV id.")]
Bloc = Annotated[int, typer.Option(help=f"Bloc {VOCABULARY.listing(VOCABULARY.blocs)}.")]


@jury_app.command("open")
@exits_on_error
def open_(
    session: Session,
    date: Annotated[str, typer.Option(help="Deliberation date, e.g. 2026-07-03.")],
    mode: Annotated[str, typer.Option(help="présentiel, distanciel or hybride.")] = "présentiel",
    actor: Actor = None,
) -> None:
    """Open the session's deliberation."""
    typer.echo(
        open_portfolio().jury.open_deliberation(
            parse_id(session, "session"), date, mode, actor_name(actor)
        )
    )


@jury_app.command("seat")
@exits_on_error
def seat(
    session: Session,
    member: Account,
    name: Annotated[str, typer.Option(help="Name as printed on the PV.")],
    capacity: Annotated[str, typer.Option(help="Capacity, e.g. professionnel du métier.")],
    external: Annotated[bool, typer.Option(help="External to certifier and centre?")] = False,
    actor: Actor = None,
) -> None:
    """Seat a jury member."""
    open_portfolio().jury.seat_member(
        parse_id(session, "session"), account(member), name, capacity, external, actor_name(actor)
    )
    typer.echo("member seated")


@jury_app.command("incident")
@exits_on_error
def incident(
    session: Session, text: Annotated[str, typer.Option(help="What happened.")], actor: Actor = None
) -> None:
    """Record an incident for the PV."""
    open_portfolio().jury.record_incident(parse_id(session, "session"), text, actor_name(actor))
    typer.echo("incident recorded")


@jury_app.command("propose")
@exits_on_error
def propose(candidate: Candidate, bloc: Bloc) -> None:
    """Show the system's proposal for a bloc and the final scores behind it."""
    view = open_portfolio().jury.propose_bloc(parse_id(candidate, "candidate"), bloc)
    for key, value in view.finals.items():
        typer.echo(f"  {key}: {value}")
    typer.echo(f"bloc {bloc}: {view.proposal}")


@jury_app.command("decide")
@exits_on_error
def decide(
    session: Session,
    candidate: Candidate,
    bloc: Bloc,
    decision: Annotated[str, typer.Option(help="validé or non validé.")],
    reasons: Annotated[str, typer.Option(help="Needed when departing from the proposal.")] = "",
    correcting: Annotated[bool, typer.Option(help="Correct a recorded decision.")] = False,
    actor: Actor = None,
) -> None:
    """Record the jury's decision for one bloc of one candidate."""
    view = open_portfolio().jury.decide_bloc(
        parse_id(session, "session"),
        parse_id(candidate, "candidate"),
        bloc,
        decision,
        reasons,
        actor_name(actor),
        correcting,
    )
    typer.echo(f"bloc {bloc}: {decision} (proposal: {view.proposal})")


@jury_app.command("acquired")
@exits_on_error
def acquired(ref: Annotated[str, typer.Option(help="The certifier's candidate number.")]) -> None:
    """Blocs a candidate number has acquired across sessions."""
    jury = open_portfolio().jury
    for bloc, where in sorted(jury.acquired_blocs(ref).items()):
        typer.echo(f"bloc {bloc}: session {where['session_id']} (PV {where['pv_id']})")
    typer.echo("title obtained" if jury.title_obtained(ref) else "title not obtained")


def _show(view) -> None:
    state = "final" if view.final else f"{len(view.signed_by)}/{len(view.signatories)} signed"
    typer.echo(f"{view.pv_id}  n°{view.number}  sha256 {view.sha256}  {state}")


@pv_app.command("generate")
@exits_on_error
def pv_generate(session: Session, actor: Actor = None) -> None:
    """Generate the session's PV (DOCX + PDF) and print its id and sha256 to sign."""
    _show(open_portfolio().jury.generate_pv(parse_id(session, "session"), actor_name(actor)))


@pv_app.command("sign")
@exits_on_error
def pv_sign(
    pv: Pv, member: Account, sha256: Annotated[str, typer.Option(help="The PV's sha256.")]
) -> None:
    """Sign the PV as one jury member (bound to its sha256)."""
    _show(open_portfolio().jury.sign_pv(parse_id(pv, "PV"), account(member), sha256))


@pv_app.command("correct")
@exits_on_error
def pv_correct(
    pv: Pv, reason: Annotated[str, typer.Option(help="Why.")], actor: Actor = None
) -> None:
    """Issue a correcting PV that references a final one."""
    _show(open_portfolio().jury.correct_pv(parse_id(pv, "PV"), reason, actor_name(actor)))


@pv_app.command("list")
@exits_on_error
def pv_list(session: Session) -> None:
    """The session's PVs, the latest last."""
    for view in open_portfolio().jury.pvs(parse_id(session, "session")):
        _show(view)


@pv_app.command("export")
@exits_on_error
def pv_export(
    pv: Pv,
    out: Annotated[Path, typer.Option(help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help="pdf or docx.")] = "pdf",
) -> None:
    """Write the stored PV document to a file."""
    out.write_bytes(open_portfolio().jury.pv_document(parse_id(pv, "PV"), fmt))
    typer.echo(f"written {out}")


@pv_app.command("verify")
@exits_on_error
def pv_verify(pv: Pv) -> None:
    """Regenerate the PV from the events; exit 1 unless it matches byte for byte."""
    docx, pdf = open_portfolio().jury.regenerate_pv(parse_id(pv, "PV"))
    typer.echo(f"PV regenerated identically ({len(docx)} + {len(pdf)} bytes)")


def register(app: typer.Typer) -> None:
    """Attach `portfolio jury` to the root command."""
    app.add_typer(jury_app, name="jury")
