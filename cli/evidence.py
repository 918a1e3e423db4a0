"""Evidence commands: sessions, candidates, uploads, submission, history, erasure, log check.

Each command parses its arguments, calls one service of the Portfolio (built from
`PORTFOLIO_*` settings) and prints the result; errors become exit codes in `cli/errors.py`.
"""

from __future__ import annotations

import mimetypes
from datetime import datetime
from typing import Annotated

import typer

from cli.common import (
    VOCABULARY,
    Actor,
    ExistingFile,
    actor_name,
    echoing_existing_id,
    open_portfolio,
    parse_id,
)
from cli.errors import exits_on_error
from portfolio.audit.verification import Anchor
from portfolio.errors import InvalidInput

session_app = typer.Typer(no_args_is_help=True, help="Assessment sessions.")
candidate_app = typer.Typer(no_args_is_help=True, help="Candidates of a session.")

SessionArg = Annotated[str, typer.Argument(help="Session id.")]
CandidateArg = Annotated[str, typer.Argument(help="Candidate id.")]
PRODUCTIONS = VOCABULARY.listing(VOCABULARY.productions)
ProductionArg = Annotated[str, typer.Argument(help=f"Production code: {PRODUCTIONS}.")]


def _deadlines(pairs: list[str]) -> dict[str, datetime]:
    """Parse CODE=ISO-DATETIME pairs (the time zone is required)."""
    found = {}
    for pair in pairs:
        code, _, when = pair.partition("=")  # no "=": empty date, refused
        try:
            found[code] = datetime.fromisoformat(when)
        except ValueError:
            raise InvalidInput(f"deadline must be CODE=ISO-DATETIME, got {pair!r}") from None
    return found


@session_app.command("create")
@exits_on_error
def session_create(
    listing: Annotated[str, typer.Option(help="RNCP listing number, e.g. RNCP38700.")],
    referential_version: Annotated[
        str,
        typer.Option(
            help=f"Version of the referential: {VOCABULARY.listing(VOCABULARY.versions)}."
        ),
    ],
    label: Annotated[str, typer.Option(help="Session label, e.g. 2026-spring.")],
    deadline: Annotated[
        list[str] | None, typer.Option(help="Upload deadline CODE=ISO-DATETIME (repeatable).")
    ] = None,
    result_scale: Annotated[str, typer.Option(help="mark20 or levels.")] = "mark20",
    pass_mark: Annotated[float, typer.Option(help="Bloc pass mark on /20.")] = 10.0,
    compensation: Annotated[str, typer.Option(help="none or within_bloc.")] = "none",
    discrepancy_threshold: Annotated[
        float, typer.Option(help="Mark gap that calls for a third marker.")
    ] = 3.0,
    actor: Actor = None,
) -> None:
    """Open an assessment session and print its id (the same listing+label twice: exit 5)."""
    with echoing_existing_id():
        session_id = open_portfolio().sessions.open_session(
            listing,
            referential_version,
            label,
            actor_name(actor),
            _deadlines(deadline or []),
            result_scale=result_scale,
            pass_mark=pass_mark,
            compensation=compensation,
            discrepancy_threshold=discrepancy_threshold,
        )
    typer.echo(session_id)


@session_app.command("show")
@exits_on_error
def session_show(session: SessionArg) -> None:
    """Print a session's rules, deadlines and candidates."""
    view = open_portfolio().sessions.session(parse_id(session, "session"))
    typer.echo(f"{view.listing} {view.label} (referential {view.referential_version})")
    typer.echo(
        f"scale {view.result_scale}, pass mark {view.pass_mark}, "
        f"compensation {view.compensation}, discrepancy {view.discrepancy_threshold}"
    )
    for code, when in sorted(view.deadlines.items()):
        typer.echo(f"deadline {code}: {when.isoformat()}")
    typer.echo(f"{len(view.candidate_ids)} candidate(s)")


@candidate_app.command("add")
@exits_on_error
def candidate_add(
    session: SessionArg,
    ref: Annotated[str, typer.Option(help="The certifier's candidate number.")],
    name: Annotated[str, typer.Option(help="Full name (stored sealed).")],
    email: Annotated[str, typer.Option(help="E-mail address (stored sealed).")],
    route: Annotated[str, typer.Option(help="formation or VAE.")] = "formation",
    actor: Actor = None,
) -> None:
    """Enrol a candidate and print their id (the same number twice: exit 5 and the id)."""
    with echoing_existing_id():
        candidate_id = open_portfolio().sessions.add_candidate(
            parse_id(session, "session"), ref, name, email, route, actor_name(actor)
        )
    typer.echo(candidate_id)


@candidate_app.command("list")
@exits_on_error
def candidate_list(session: SessionArg) -> None:
    """List a session's candidates: id, number, route, name."""
    for view in open_portfolio().sessions.list_candidates(parse_id(session, "session")):
        typer.echo(f"{view.id}  {view.ref}  {view.route}  {view.name}")


@exits_on_error
def upload(
    candidate: CandidateArg,
    production: ProductionArg,
    file: ExistingFile,
    media_type: Annotated[str | None, typer.Option(help="Declared media type.")] = None,
    actor: Actor = None,
) -> None:
    """Upload a new version of a production (refused after the deadline: exit 5)."""
    declared = media_type or mimetypes.guess_type(file.name)[0] or ""
    with file.open("rb") as stream:
        info = open_portfolio().evidence.upload(
            parse_id(candidate, "candidate"),
            production,
            stream,
            file.name,
            declared,
            actor_name(actor),
        )
    typer.echo(
        f"{info.code} version {info.version}: {info.size} bytes, {info.media_type}, "
        f"sha256 {info.sha256}"
    )


@exits_on_error
def submit(
    candidate: CandidateArg,
    production: ProductionArg,
    version: Annotated[int | None, typer.Option(help="Version to submit; default latest.")] = None,
    actor: Actor = None,
) -> None:
    """Freeze one version for assessment (only once: a second submission exits 5)."""
    info = open_portfolio().evidence.submit(
        parse_id(candidate, "candidate"), production, version, actor_name(actor)
    )
    typer.echo(f"{info.code} version {info.version} submitted (sha256 {info.sha256})")


@exits_on_error
def show_history(candidate: CandidateArg) -> None:
    """Every event of a candidate and their productions, oldest first, with time and actor."""
    for entry in open_portfolio().audit.history(parse_id(candidate, "candidate")):
        typer.echo(
            f"{entry.at.isoformat()}  {entry.actor}  {entry.event_type}  "
            f"[{entry.aggregate} v{entry.version}]  {entry.description}"
        )


@exits_on_error
def erase(
    candidate: CandidateArg,
    reason: Annotated[str, typer.Option(help="Why (e.g. the request reference).")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    actor: Actor = None,
) -> None:
    """RGPD erasure: destroy the candidate's key; grids and decisions stay (legal duty)."""
    candidate_id = parse_id(candidate, "candidate")
    if not yes:
        typer.confirm(f"Erase candidate {candidate_id} for good?", abort=True)
    open_portfolio().sessions.erase_candidate(candidate_id, actor_name(actor), reason)
    typer.echo(f"candidate {candidate_id} erased")


@exits_on_error
def verify(
    anchor: Annotated[
        str | None, typer.Option(help="POSITION:DIGEST printed by an earlier verify.")
    ] = None,
) -> None:
    """Replay the whole event log: no gaps, contiguous versions, digest (exit 1 if broken)."""
    result = open_portfolio().audit.verify(_anchor(anchor) if anchor else None)
    typer.echo(f"{result.count} events, {result.aggregates} aggregates, log intact")
    if result.gaps:  # PostgreSQL: ids consumed by retried conflicting writes
        typer.echo(f"{len(result.gaps)} id gap(s) from rolled-back writes: {result.gaps[:5]}")
    typer.echo(f"anchor {result.last_id}:{result.digest}")


def _anchor(text: str) -> Anchor:
    position, _, digest = text.partition(":")
    if not position.isdigit() or len(digest) != 64:
        raise InvalidInput(f"anchor must be POSITION:DIGEST, got {text!r}")
    return Anchor(position=int(position), digest=digest)


def register(app: typer.Typer) -> None:
    """Attach the evidence commands to the root `portfolio` command."""
    app.add_typer(session_app, name="session")
    app.add_typer(candidate_app, name="candidate")
    app.command("upload")(upload)
    app.command("submit")(submit)
    app.command("history")(show_history)
    app.command("erase")(erase)
    app.command("verify")(verify)
