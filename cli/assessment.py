"""`portfolio assess …`: assignments, conflicts, annotations, scores, sign-off, moderation.

Accounts are named by login (or account id); candidates by id. Each command parses, calls
PortfolioApp and prints; domain errors become exit codes in `cli/errors.py`.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer

from cli.errors import exits_on_error
from cli.evidence import Actor, _actor, _app, _uuid
from portfolio.application.assessment import situation_grid
from portfolio.domain.account import account_id_for

assess_app = typer.Typer(no_args_is_help=True, help="Assessment: assign, annotate, score.")

Candidate = Annotated[str, typer.Option(help="Candidate id.")]
Situation = Annotated[str, typer.Option(help="E1, E2, E3, ORAL_NEGOTIATION or E3_ORAL.")]
Account = Annotated[str, typer.Option(help="Account login or id.")]


def account(value: str) -> UUID:
    """An account id from a login or an id."""
    try:
        return UUID(value)
    except ValueError:
        return account_id_for(value)


@assess_app.command("criteria")
@exits_on_error
def criteria(situation: Situation) -> None:
    """The criteria (CR…) of a situation, one per line, and the bloc it evaluates."""
    bloc, codes = situation_grid(situation)
    typer.echo(f"bloc {bloc}")
    for code in codes:
        typer.echo(code)


@assess_app.command("assign")
@exits_on_error
def assign(
    candidate: Candidate, situation: Situation, assessor: Account, actor: Actor = None
) -> None:
    """Assign an assessor to a candidate's situation (again: same id, no twin)."""
    key = _app().assign_assessor(
        _uuid(candidate, "candidate"), situation, account(assessor), _actor(actor)
    )
    typer.echo(key)


@assess_app.command("conflict")
@exits_on_error
def conflict(
    member: Account,
    candidate: Candidate,
    kind: Annotated[str, typer.Option(help="tutor, employer, trainer or other.")],
    note: Annotated[str, typer.Option(help="Free text.")] = "",
    actor: Actor = None,
) -> None:
    """Declare a conflict of interest: blocks assignments and jury seats for that candidate."""
    _app().declare_conflict(
        account(member), _uuid(candidate, "candidate"), kind, note, _actor(actor)
    )
    typer.echo("conflict recorded")


@assess_app.command("assigned")
@exits_on_error
def assigned(assessor: Account) -> None:
    """List an assessor's assignments (blocked ones marked)."""
    for view in _app().assignments_of(account(assessor)):
        state = "" if view.active else "  [blocked: conflict]"
        typer.echo(f"{view.candidate_id}  {view.situation}{state}")


@assess_app.command("score")
@exits_on_error
def score(
    assessor: Account,
    candidate: Candidate,
    situation: Situation,
    criterion: Annotated[str, typer.Option(help="Criterion code, e.g. CR1.1.1.")],
    value: Annotated[str, typer.Option(help="A level (acquis…) or a mark /20.")],
    rationale: Annotated[str, typer.Option(help="Written rationale.")],
    reason: Annotated[str | None, typer.Option(help="Why a previous score changes.")] = None,
    evidence_sha256: Annotated[
        str | None, typer.Option(help="Version read; default the submitted one.")
    ] = None,
) -> None:
    """Score one criterion; a change supersedes the previous score and needs --reason."""
    result = _app().score_criterion(
        account(assessor),
        _uuid(candidate, "candidate"),
        situation,
        criterion,
        value,
        rationale,
        evidence_sha256,
        reason,
    )
    typer.echo(f"{result.score_id}  {result.criterion} = {result.value}")


@assess_app.command("sign-off")
@exits_on_error
def sign_off(assessor: Account, candidate: Candidate, situation: Situation) -> None:
    """Sign one's assessment of a situation (every criterion scored)."""
    number = _app().sign_off(account(assessor), _uuid(candidate, "candidate"), situation)
    typer.echo(f"signed off (round {number})")


@assess_app.command("notes")
@exits_on_error
def notes(
    assessor: Account,
    candidate: Candidate,
    situation: Situation,
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
) -> None:
    """Attach the assessor's own notes file (e.g. for an oral)."""
    media = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    digest = _app().attach_notes(
        account(assessor), _uuid(candidate, "candidate"), situation, file.read_bytes(), media
    )
    typer.echo(digest)


@assess_app.command("sheets")
@exits_on_error
def sheets(viewer: Account, candidate: Candidate, situation: Situation) -> None:
    """Print the sheets the viewer may read (only their own while marking is blind)."""
    for view in _app().assessment_sheets(account(viewer), _uuid(candidate, "candidate"), situation):
        state = f"signed off (round {view.sign_offs})" if view.signed_off else "open"
        typer.echo(f"assessor {view.assessor_id}: {state}")
        for code in view.criteria:
            current = view.current.get(code)
            typer.echo(f"  {code}: {current.value if current else '-'}")


@assess_app.command("annotate")
@exits_on_error
def annotate(
    assessor: Account,
    candidate: Candidate,
    code: Annotated[str, typer.Option(help="Production code: E1, E2 or E3.")],
    section: Annotated[str, typer.Option(help="Section id of the extracted text, e.g. s2.1.")],
    start: Annotated[int, typer.Option(help="Start offset in the section text.")],
    end: Annotated[int, typer.Option(help="End offset (exclusive).")],
    comment: Annotated[str, typer.Option(help="The assessor's comment.")],
    exact: Annotated[str | None, typer.Option(help="The quoted passage.")] = None,
    prefix: Annotated[str, typer.Option(help="Text just before the quote.")] = "",
    suffix: Annotated[str, typer.Option(help="Text just after the quote.")] = "",
    criterion: Annotated[str | None, typer.Option(help="Criterion supported.")] = None,
) -> None:
    """Annotate a passage of the submitted version."""
    key = _app().annotate(
        account(assessor),
        _uuid(candidate, "candidate"),
        code,
        section,
        start,
        end,
        comment,
        criterion,
        exact,
        prefix,
        suffix,
    )
    typer.echo(key)


@assess_app.command("retract")
@exits_on_error
def retract(
    assessor: Account,
    candidate: Candidate,
    code: Annotated[str, typer.Option(help="Production code.")],
    annotation: Annotated[str, typer.Option(help="Annotation id.")],
    reason: Annotated[str, typer.Option(help="Why.")] = "",
) -> None:
    """Retract one's annotation (a new event; nothing is deleted)."""
    _app().retract_annotation(
        account(assessor),
        _uuid(candidate, "candidate"),
        code,
        _uuid(annotation, "annotation"),
        reason,
    )
    typer.echo("annotation retracted")


@assess_app.command("export-annotations")
@exits_on_error
def export_annotations(
    candidate: Candidate,
    code: Annotated[str, typer.Option(help="Production code.")],
    include_retracted: bool = False,
) -> None:
    """Print a production's annotations as W3C Web Annotation JSON-LD."""
    document = _app().annotations_jsonld(_uuid(candidate, "candidate"), code, include_retracted)
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))


@assess_app.command("discrepancies")
@exits_on_error
def discrepancies(candidate: Candidate, situation: Situation) -> None:
    """List criteria where the signed-off assessors disagree."""
    for found in _app().discrepancies(_uuid(candidate, "candidate"), situation):
        values = ", ".join(f"{k}={v}" for k, v in found.values.items())
        typer.echo(f"{found.criterion}: {values}  agreed: {found.agreed or '-'}")


@assess_app.command("moderate")
@exits_on_error
def moderate(
    moderator: Account,
    candidate: Candidate,
    situation: Situation,
    criterion: Annotated[str, typer.Option(help="Criterion code.")],
    value: Annotated[str, typer.Option(help="Agreed level or mark.")],
    reasons: Annotated[str, typer.Option(help="The moderator's reasons.")],
) -> None:
    """Record the agreed score of a discrepant criterion."""
    _app().moderate(
        account(moderator), _uuid(candidate, "candidate"), situation, criterion, value, reasons
    )
    typer.echo("agreed score recorded")


def register(app: typer.Typer) -> None:
    """Attach `portfolio assess` to the root command."""
    app.add_typer(assess_app, name="assess")
