"""The certification referential as typed, immutable values.

Decisions record the referential `version` and `fingerprint` they were made under, so the
model is frozen: a changed referential is a new file with a new fingerprint, never a mutation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any

from portfolio.errors import NotFound, UnknownProductionCode, UnknownSituation


@dataclass(frozen=True)
class Criterion:
    """The evaluation criterion (CR…) attached to one competency."""

    code: str
    text: str
    competency: str


@dataclass(frozen=True)
class Competency:
    """A competency (C…) with its verbatim statement, its criterion and where it sits."""

    code: str
    statement: str
    criterion: Criterion
    activity: str
    bloc: int


@dataclass(frozen=True)
class Activity:
    """An activity (A…) of the activities referential and the competencies it gives rise to."""

    code: str
    title: str
    competencies: tuple[Competency, ...]


@dataclass(frozen=True)
class Bloc:
    """A bloc of competencies: the unit a jury validates, acquired for good once validated."""

    number: int
    title: str
    code: str | None
    activities: tuple[Activity, ...]

    @property
    def competencies(self) -> tuple[Competency, ...]:
        """Every competency of the bloc, in referential order."""
        return tuple(c for a in self.activities for c in a.competencies)


@dataclass(frozen=True)
class ElementPart:
    """A part a criterion asks for inside a required element (key = manifest sub_element key)."""

    key: str
    label_fr: str
    label_en: str
    headings_fr: tuple[str, ...]
    headings_en: tuple[str, ...]
    keywords: tuple[str, ...]
    # Phrases that state the part is NOT done ("saisi à la main" for automated calculations):
    # found in the element's section, they outweigh any heading or keyword.
    absent_if: tuple[str, ...] = ()


@dataclass(frozen=True)
class RequiredElement:
    """Something a written production must contain, with hints a checker can match on."""

    id: str
    production: str
    competency: str | None
    label_fr: str
    label_en: str
    headings_fr: tuple[str, ...]
    headings_en: tuple[str, ...]
    keywords: tuple[str, ...]
    parts: tuple[ElementPart, ...]

    @property
    def key(self) -> str:
        """The corpus manifest's key: the competency code, else e.g. `E2.context`."""
        return self.competency or f"{self.production}.{self.id.split('.', 1)[1]}"

    def part(self, key: str) -> ElementPart:
        """The part with this key; NotFound otherwise."""
        for part in self.parts:
            if part.key == key:
                return part
        raise NotFound(f"element {self.id!r} has no part {key!r}")


@dataclass(frozen=True)
class Internship:
    """The real work placement a production requires (E3: 65 jours ouvrés at least)."""

    min_working_days: int
    unit: str
    service: str


@dataclass(frozen=True)
class Situation:
    """An evaluation situation: a written production, an oral, or the defence of a production."""

    id: str
    title: str
    kind: str
    bloc: int
    production: str | None
    competencies: tuple[str, ...]
    modality: tuple[str, ...]
    elements: tuple[RequiredElement, ...]
    internship: Internship | None = None
    jury: tuple[str, ...] = ()
    defends: str | None = None
    aliases: tuple[str, ...] = ()  # other names people use for it (an old code, a spelling)

    @property
    def written(self) -> bool:
        """A written production the candidate uploads (E1, E2, E3), not an oral."""
        return self.production is not None


@dataclass(frozen=True)
class Referential:
    """The whole referential, with the lookups checkers and juries need."""

    version: str
    title: str
    source_title: str
    rncp_listing: str | None
    blocs: tuple[Bloc, ...]
    situations: tuple[Situation, ...]
    fingerprint: str

    @cached_property
    def _competencies(self) -> dict[str, Competency]:
        return {c.code: c for b in self.blocs for c in b.competencies}

    @cached_property
    def _situations(self) -> dict[str, Situation]:
        return {s.id: s for s in self.situations}

    @property
    def competencies(self) -> tuple[Competency, ...]:
        """Every competency, in referential order."""
        return tuple(self._competencies.values())

    @property
    def productions(self) -> tuple[str, ...]:
        """Ids of the written productions (E1, E2, E3)."""
        return tuple(s.production for s in self.situations if s.production)

    @property
    def bloc_numbers(self) -> tuple[int, ...]:
        """The blocs a candidate must acquire for the title, in order."""
        return tuple(b.number for b in self.blocs)

    @cached_property
    def _situation_names(self) -> dict[str, str]:
        names = {s.id.upper(): s.id for s in self.situations}
        names |= {alias.upper(): s.id for s in self.situations for alias in s.aliases}
        return names

    def situation_id(self, code: str) -> str:
        """The canonical id of a situation named by its id or an alias, in any case."""
        found = self._situation_names.get(code.strip().upper())
        if found is None:
            known = ", ".join(s.id for s in self.situations)
            raise UnknownSituation(f"unknown situation {code!r}; expected one of {known}")
        return found

    def production_code(self, code: str) -> str:
        """The canonical code of a written production (" e3 " -> "E3"), in any case."""
        canonical = code.strip().upper()
        if canonical not in self.productions:
            known = ", ".join(self.productions)
            raise UnknownProductionCode(f"unknown production {code!r}; expected one of {known}")
        return canonical

    def criteria_of(self, situation: str) -> tuple[str, ...]:
        """The criteria (CR…) an assessor scores in one situation, in referential order."""
        return tuple(c.criterion.code for c in self.competencies_for(self.situation_id(situation)))

    def competency(self, code: str) -> Competency:
        """The competency with this code; NotFound otherwise."""
        try:
            return self._competencies[code]
        except KeyError:
            raise NotFound(f"no competency {code!r} in referential {self.version}") from None

    def bloc(self, number: int) -> Bloc:
        """The bloc with this number; NotFound otherwise."""
        for bloc in self.blocs:
            if bloc.number == number:
                return bloc
        raise NotFound(f"no bloc {number!r} in referential {self.version}")

    def bloc_of(self, code: str) -> Bloc:
        """The bloc a competency (C…) or criterion (CR…) code belongs to."""
        competency = "C" + code[2:] if code.startswith("CR") else code
        return self.bloc(self.competency(competency).bloc)

    def situation(self, situation_id: str) -> Situation:
        """The evaluation situation with this id (E1, E2, ORAL_NEGOTIATION, E3, E3_ORAL)."""
        try:
            return self._situations[situation_id]
        except KeyError:
            raise NotFound(f"no situation {situation_id!r} in {self.version}") from None

    def elements_for(self, production: str) -> tuple[RequiredElement, ...]:
        """The required elements of a written production, in the order the referential lists."""
        return self.situation(production).elements

    def element(self, element_id: str) -> RequiredElement:
        """A required element by its stable id (e.g. `e1.swot`)."""
        for situation in self.situations:
            for element in situation.elements:
                if element.id == element_id:
                    return element
        raise NotFound(f"no required element {element_id!r} in {self.version}")

    def competencies_for(self, production: str) -> tuple[Competency, ...]:
        """The competencies a situation evaluates (E2 leaves C2.1.4.1 to the oral)."""
        return tuple(self.competency(c) for c in self.situation(production).competencies)

    def criteria_for_bloc(self, number: int) -> tuple[Criterion, ...]:
        """The criteria a jury grades to decide on one bloc."""
        return tuple(c.criterion for c in self.bloc(number).competencies)

    @property
    def min_internship_working_days(self) -> int:
        """The shortest internship (jours ouvrés) a production accepts: 65 for E3."""
        days = [s.internship.min_working_days for s in self.situations if s.internship]
        if not days:
            raise NotFound(f"no internship requirement in {self.version}")
        return max(days)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (tuples become lists)."""
        return asdict(self)
