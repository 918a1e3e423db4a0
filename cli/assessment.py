"""`portfolio assess …`: assignments, conflicts, annotations, scores, sign-off, moderation.

Accounts are named by login (or account id); candidates by id. Each command parses, calls one
service of the Portfolio and prints; domain errors become exit codes in `cli/errors.py`.
"""

from __future__ import annotations

import json
import mimetypes
from typing import Annotated

import typer

from cli.common import (
    VOCABULARY,
    Account,
    Actor,
    Candidate,
    ExistingFile,
    account,
    actor_name,
    open_portfolio,
    parse_id,
)
from cli.errors import exits_on_error
from portfolio.application.grids import situation_grid
from portfolio.referential import PackagedReferentials

assess_app = typer.Typer(no_args_is_help=True, help="Assessment: assign, annotate, score.")

SITUATIONS = VOCABULARY.listing(VOCABULARY.situations)
Situation = Annotated[str, typer.Option(help=f"Situation: {SITUATIONS}.")]
Code = Annotated[
    str, typer.Option(help=f"Production code: {VOCABULARY.listing(VOCABULARY.productions)}.")
]


@assess_app.command("criteria")
@exits_on_error
def criteria(
    situation: Situation,
    referential_version: Annotated[
        str | None, typer.Option(help="Referential version (default: the newest held).")
    ] = None,
) -> None:
    """The criteria (CR…) of a situation, one per line, and the bloc it evaluates."""
    referentials = PackagedReferentials()
    held = referentials.get(referential_version) if referential_version else None
    bloc, codes = situation_grid(held or referentials.current(), situation)
    typer.echo(f"bloc {bloc}")
    for code in codes:
        typer.echo(code)


@assess_app.command("assign")
@exits_on_error
def assign(
    candidate: Candidate, situation: Situation, assessor: Account, actor: Actor = None
) -> None:
    """Assign an assessor to a candidate's situation (again: same id, no twin)."""
    key = open_portfolio().assignments.assign_assessor(
        parse_id(candidate, "candidate"), situation, account(assessor), actor_name(actor)
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
    open_portfolio().assignments.declare_conflict(
        account(member), parse_id(candidate, "candidate"), kind, note, actor_name(actor)
    )
    typer.echo("conflict recorded")


@assess_app.command("assigned")
@exits_on_error
def assigned(assessor: Account) -> None:
    """List an assessor's assignments (blocked ones marked)."""
    for view in open_portfolio().assignments.assignments_of(account(assessor)):
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
    result = open_portfolio().scoring.score_criterion(
        account(assessor),
        parse_id(candidate, "candidate"),
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
    number = open_portfolio().scoring.sign_off(
        account(assessor), parse_id(candidate, "candidate"), situation
    )
    typer.echo(f"signed off (round {number})")


@assess_app.command("notes")
@exits_on_error
def notes(
    assessor: Account,
    candidate: Candidate,
    situation: Situation,
    file: ExistingFile,
) -> None:
    """Attach the assessor's own notes file (e.g. for an oral)."""
    media = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    digest = open_portfolio().scoring.attach_notes(
        account(assessor), parse_id(candidate, "candidate"), situation, file.read_bytes(), media
    )
    typer.echo(digest)


@assess_app.command("sheets")
@exits_on_error
def sheets(viewer: Account, candidate: Candidate, situation: Situation) -> None:
    """Print the sheets the viewer may read (only their own while marking is blind)."""
    for view in open_portfolio().scoring.assessment_sheets(
        account(viewer), parse_id(candidate, "candidate"), situation
    ):
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
    code: Code,
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
    key = open_portfolio().annotations.annotate(
        account(assessor),
        parse_id(candidate, "candidate"),
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
    code: Code,
    annotation: Annotated[str, typer.Option(help="Annotation id.")],
    reason: Annotated[str, typer.Option(help="Why.")] = "",
) -> None:
    """Retract one's annotation (a new event; nothing is deleted)."""
    open_portfolio().annotations.retract(
        account(assessor),
        parse_id(candidate, "candidate"),
        code,
        parse_id(annotation, "annotation"),
        reason,
    )
    typer.echo("annotation retracted")


@assess_app.command("export-annotations")
@exits_on_error
def export_annotations(
    candidate: Candidate,
    code: Code,
    include_retracted: bool = False,
) -> None:
    """Print a production's annotations as W3C Web Annotation JSON-LD."""
    document = open_portfolio().annotations.jsonld(
        parse_id(candidate, "candidate"), code, include_retracted
    )
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))


@assess_app.command("discrepancies")
@exits_on_error
def discrepancies(candidate: Candidate, situation: Situation) -> None:
    """List criteria where the signed-off assessors disagree."""
    found_all = open_portfolio().moderation.discrepancies(
        parse_id(candidate, "candidate"), situation
    )
    for found in found_all:
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
    open_portfolio().moderation.moderate(
        account(moderator), parse_id(candidate, "candidate"), situation, criterion, value, reasons
    )
    typer.echo("agreed score recorded")


def register(app: typer.Typer) -> None:
    """Attach `portfolio assess` to the root command."""
    app.add_typer(assess_app, name="assess")
