"""Consistency rules a referential must satisfy before anyone grades against it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from portfolio.errors import ReferentialInvalid
from portfolio.referential.model import Referential, Situation

KINDS = frozenset({"written", "oral", "oral_defence"})


def validate(ref: Referential) -> None:
    """Raise ReferentialInvalid naming the first rule the referential breaks."""
    _unique("bloc number", (b.number for b in ref.blocs))
    _unique("activity code", (a.code for b in ref.blocs for a in b.activities))
    _unique("competency code", (c.code for b in ref.blocs for c in b.competencies))
    _unique("situation id", (s.id for s in ref.situations))
    _unique(
        "situation id or alias", (n.upper() for s in ref.situations for n in (s.id, *s.aliases))
    )
    _unique("element id", (e.id for s in ref.situations for e in s.elements))
    _check_codes(ref)
    for situation in ref.situations:
        _check_situation(ref, situation)
    _check_every_competency_evaluated(ref)


def _unique(what: str, values: Iterable[object]) -> None:
    duplicates = sorted(str(v) for v, n in Counter(values).items() if n > 1)
    if duplicates:
        raise ReferentialInvalid(f"duplicate {what}: {', '.join(duplicates)}")


def _check_codes(ref: Referential) -> None:
    for bloc in ref.blocs:
        for activity in bloc.activities:
            if not activity.code.startswith(f"A{bloc.number}."):
                raise ReferentialInvalid(f"activity {activity.code} is not in bloc {bloc.number}")
            for comp in activity.competencies:
                if not comp.code.startswith(f"C{activity.code[1:]}."):
                    raise ReferentialInvalid(f"{comp.code} does not belong to {activity.code}")
                if comp.criterion.code != "CR" + comp.code[1:]:
                    raise ReferentialInvalid(
                        f"{comp.code} has criterion {comp.criterion.code}, not CR{comp.code[1:]}"
                    )


def _check_situation(ref: Referential, situation: Situation) -> None:
    where = f"situation {situation.id}"
    if situation.kind not in KINDS:
        raise ReferentialInvalid(f"{where}: unknown kind {situation.kind!r}")
    blocs = {b.number: b for b in ref.blocs}
    if situation.bloc not in blocs:
        raise ReferentialInvalid(f"{where}: unknown bloc {situation.bloc}")
    bloc = blocs[situation.bloc]
    own = {c.code for c in bloc.competencies}
    _unique(f"competency in {where}", situation.competencies)
    unknown = [c for c in situation.competencies if c not in own]
    if unknown:
        raise ReferentialInvalid(f"{where}: {unknown} not competencies of bloc {bloc.number}")
    if situation.defends is not None and situation.defends not in {s.id for s in ref.situations}:
        raise ReferentialInvalid(f"{where}: defends unknown situation {situation.defends!r}")
    _check_elements(situation)


def _check_elements(situation: Situation) -> None:
    where = f"situation {situation.id}"
    prefix = f"{(situation.production or situation.id).lower()}."
    for element in situation.elements:
        if not element.id.startswith(prefix):
            raise ReferentialInvalid(f"{where}: element id {element.id!r} must start {prefix!r}")
        if element.competency is not None and element.competency not in situation.competencies:
            raise ReferentialInvalid(
                f"{where}: element {element.id} names unknown competency {element.competency!r}"
            )
        _unique(f"part key in element {element.id}", (p.key for p in element.parts))
    if situation.production:
        covered = {e.competency for e in situation.elements}
        missing = [c for c in situation.competencies if c not in covered]
        if missing:
            raise ReferentialInvalid(f"{where}: no required element for {missing}")


def _check_every_competency_evaluated(ref: Referential) -> None:
    evaluated = {c for s in ref.situations for c in s.competencies}
    missing = [c.code for c in ref.competencies if c.code not in evaluated]
    if missing:
        raise ReferentialInvalid(f"competencies evaluated by no situation: {missing}")
