"""Annotating the submitted version of a production (application side).

Only an assigned assessor annotates, only on the submitted version. While double marking is
blind, an assessor reads only their own annotations.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from portfolio.application.assignment import as_uuid
from portfolio.application.base import load_or_none
from portfolio.application.scoring import ScoringCommands, situation_grid
from portfolio.audit.annotations_export import export_annotations
from portfolio.domain import ids
from portfolio.domain.annotation import Anchor, Annotation, ProductionAnnotations, annotations_id
from portfolio.domain.production import Production, check_code
from portfolio.errors import (
    CriterionOutsideBlocs,
    InvalidAnchor,
    NotSubmittedVersion,
    ProductionNotFound,
)

SECTION_CACHE_SIZE = 16
SectionTexts = Callable[[bytes, str], dict[str, str]]  # (plaintext, media type) -> id -> text


class AnnotationCommands(ScoringCommands):
    """Mixin for PortfolioApp: annotate, retract, list (blind), for export."""

    def _section_text(
        self, candidate: UUID, production: Production, section_id: str, viewer: UUID
    ) -> str | None:
        """The section's extracted text when a `section_texts` provider is configured.

        The provider (given to PortfolioApp as `section_texts=`) extracts the submitted
        version's sections; results are cached per sha256. Without it, None.
        """
        provider: SectionTexts | None = getattr(self, "extra", {}).get("section_texts")
        if provider is None:
            return None
        cache = self.__dict__.setdefault("_section_cache", {})
        version = production.submitted
        if version.sha256 not in cache:
            data = b"".join(
                self.read_version(candidate, production.code, version.number, str(viewer))
            )
            cache[version.sha256] = provider(data, version.media_type)
            while len(cache) > SECTION_CACHE_SIZE:
                cache.pop(next(iter(cache)))
        texts = cache[version.sha256]
        if section_id not in texts:
            raise InvalidAnchor(f"no section {section_id!r} in the extracted text")
        return texts[section_id]

    def _submitted_target(self, candidate: UUID, code: str, version: int | None) -> Production:
        production = self._load(ids.production_id(candidate, code), Production, ProductionNotFound)
        submitted = production.submitted
        if submitted is None or (version is not None and version != submitted.number):
            raise NotSubmittedVersion(f"{code}: annotations go on the submitted version only")
        return production

    def annotate(
        self,
        assessor_id: UUID | str,
        candidate_id: UUID | str,
        code: str,
        section_id: str,
        start: int,
        end: int,
        comment: str,
        criterion: str | None = None,
        exact: str | None = None,
        prefix: str = "",
        suffix: str = "",
        version: int | None = None,
    ) -> UUID:
        """Annotate a passage of the submitted version; returns the annotation id.

        With the section's extracted text known, the quote and context are cut from it (and
        `exact`, if given, must match); otherwise `exact` is required and kept as sent.
        """
        assessor, candidate, code = as_uuid(assessor_id), as_uuid(candidate_id), check_code(code)
        self.ensure_assigned(assessor, candidate, code)
        if criterion and criterion.strip().upper() not in situation_grid(code)[1]:
            raise CriterionOutsideBlocs(f"{criterion!r} is not a criterion of {code}")

        def command() -> UUID:
            production = self._submitted_target(candidate, code, version)
            submitted = production.submitted
            text = self._section_text(candidate, production, section_id, assessor)
            if text is not None:
                anchor = Anchor.in_text(section_id, text, start, end)
            else:
                anchor = Anchor(section_id, start, end, exact or "", prefix, suffix)
            if exact is not None:
                Anchor(section_id, start, end, exact, "", "").check(text)
            layer = self._annotation_layer(production)
            key = layer.annotate(
                assessor,
                submitted.number,
                submitted.sha256,
                anchor,
                comment,
                criterion,
                self.clock(),
                text,
            )
            self._save(layer)
            return key

        return self._retrying(command)

    def _annotation_layer(self, production: Production) -> ProductionAnnotations:
        layer = load_or_none(self, annotations_id(production.id))
        return layer or ProductionAnnotations.open(
            production.id, production.candidate_id, production.code, self.clock()
        )

    def retract_annotation(
        self,
        assessor_id: UUID | str,
        candidate_id: UUID | str,
        code: str,
        annotation_id: UUID | str,
        reason: str,
    ) -> None:
        """Withdraw one's annotation by a new event (it is never deleted)."""
        assessor, candidate = as_uuid(assessor_id), as_uuid(candidate_id)
        production_id = ids.production_id(candidate, check_code(code))

        self._changing(
            lambda: self._annotation_layer(
                self._load(production_id, Production, ProductionNotFound)
            ),
            lambda layer: layer.retract(as_uuid(annotation_id), reason, assessor, self.clock()),
        )

    def all_annotations(self, candidate_id: UUID | str, code: str) -> list[Annotation]:
        """Every annotation of a production, retracted ones included (export, audit)."""
        production_id = ids.production_id(as_uuid(candidate_id), check_code(code))
        layer = load_or_none(self, annotations_id(production_id))
        return [] if layer is None else list(layer.items.values())

    def annotations(
        self, viewer_id: UUID | str, candidate_id: UUID | str, code: str
    ) -> list[Annotation]:
        """The annotations the viewer may read: only their own while marking is blind."""
        viewer, candidate, code = as_uuid(viewer_id), as_uuid(candidate_id), check_code(code)
        found = self.all_annotations(candidate, code)
        if self._may_see_all(viewer, candidate, code):
            return found
        return [a for a in found if a.author_id == viewer]

    def annotations_jsonld(
        self, candidate_id: UUID | str, code: str, include_retracted: bool = False
    ) -> dict:
        """The production's annotations as a W3C Web Annotation collection (JSON-LD)."""
        production_id = ids.production_id(as_uuid(candidate_id), check_code(code))
        found = self.all_annotations(candidate_id, code)
        return export_annotations(production_id, found, include_retracted)
