"""Annotating the submitted version of a production.

Only an assigned assessor annotates, only on the submitted version. While double marking is
blind, an assessor reads only their own annotations. When a section-text provider is given
(the sandboxed extractor), a quote is cut from (and checked against) the extracted text.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any
from uuid import UUID

from portfolio.application.assignments import Assignments, as_uuid
from portfolio.application.evidence import Evidence
from portfolio.application.grids import Grids, situation_grid
from portfolio.application.ports import Clock, SectionTexts
from portfolio.application.referentials import SessionReferentials
from portfolio.application.store import EventStore
from portfolio.audit.annotations_export import export_annotations
from portfolio.domain import ids
from portfolio.domain.annotation import Anchor, Annotation, ProductionAnnotations, annotations_id
from portfolio.domain.production import Production, Version
from portfolio.errors import (
    CriterionOutsideBlocs,
    InvalidAnchor,
    NotSubmittedVersion,
    ProductionNotFound,
)

SECTION_CACHE_SIZE = 16


class Annotations:
    """Annotate, retract, read (blind), export as W3C Web Annotations."""

    def __init__(
        self,
        store: EventStore,
        clock: Clock,
        referentials: SessionReferentials,
        assignments: Assignments,
        grids: Grids,
        evidence: Evidence,
        section_texts: SectionTexts | None = None,
    ) -> None:
        self._store, self._clock, self._referentials = store, clock, referentials
        self._assignments, self._grids, self._evidence = assignments, grids, evidence
        self._section_texts = section_texts
        self._cache: OrderedDict[str, dict[str, str]] = OrderedDict()  # sha256 -> texts
        self._cache_lock = threading.Lock()

    def _code(self, candidate: UUID, code: str) -> str:
        return self._referentials.of_candidate(candidate).production_code(code)

    def _section_text(
        self, candidate: UUID, submitted: Version, code: str, section_id: str, viewer: UUID
    ) -> str | None:
        """The section's extracted text when a provider is configured, else None.

        The submitted version is read (the read recorded as the viewer's) once per sha256
        while it stays in a small cache.
        """
        if self._section_texts is None:
            return None
        with self._cache_lock:
            texts = self._cache.get(submitted.sha256)
        if texts is None:
            chunks = self._evidence.read_version(candidate, code, submitted.number, str(viewer))
            texts = self._section_texts(b"".join(chunks), submitted.media_type)
            with self._cache_lock:
                self._cache[submitted.sha256] = texts
                while len(self._cache) > SECTION_CACHE_SIZE:
                    self._cache.popitem(last=False)
        if section_id not in texts:
            raise InvalidAnchor(f"no section {section_id!r} in the extracted text")
        return texts[section_id]

    def _submitted(self, candidate: UUID, code: str, version: int | None) -> Production:
        pid = ids.production_id(candidate, code)
        production = self._store.get(pid, Production, ProductionNotFound)
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
        assessor, candidate = as_uuid(assessor_id), as_uuid(candidate_id)
        code = self._code(candidate, code)
        self._assignments.ensure_assigned(assessor, candidate, code)
        criteria = situation_grid(self._referentials.of_candidate(candidate), code)[1]
        if criterion and criterion.strip().upper() not in criteria:
            raise CriterionOutsideBlocs(f"{criterion!r} is not a criterion of {code}")

        def command() -> UUID:
            production = self._submitted(candidate, code, version)
            submitted = production.submitted
            assert submitted is not None  # `_submitted` refused an unsubmitted production
            text = self._section_text(candidate, submitted, code, section_id, assessor)
            if text is not None:
                anchor = Anchor.in_text(section_id, text, start, end)
            else:
                anchor = Anchor(section_id, start, end, exact or "", prefix, suffix)
            if exact is not None:
                Anchor(section_id, start, end, exact, "", "").check(text)
            layer = self._layer(production)
            key = layer.annotate(
                assessor,
                submitted.number,
                submitted.sha256,
                anchor,
                comment,
                criterion,
                self._clock(),
                text,
            )
            self._store.save(layer)
            return key

        return self._store.retrying(command)

    def _layer(self, production: Production) -> ProductionAnnotations:
        layer = self._store.get_or_none(annotations_id(production.id), ProductionAnnotations)
        return layer or ProductionAnnotations.open(
            production.id, production.candidate_id, production.code, self._clock()
        )

    def retract(
        self,
        assessor_id: UUID | str,
        candidate_id: UUID | str,
        code: str,
        annotation_id: UUID | str,
        reason: str,
    ) -> None:
        """Withdraw one's annotation by a new event (it is never deleted)."""
        assessor, candidate = as_uuid(assessor_id), as_uuid(candidate_id)
        production_id = ids.production_id(candidate, self._code(candidate, code))
        self._store.changing(
            lambda: self._layer(self._store.get(production_id, Production, ProductionNotFound)),
            lambda layer: layer.retract(as_uuid(annotation_id), reason, assessor, self._clock()),
        )

    def every(self, candidate_id: UUID | str, code: str) -> list[Annotation]:
        """Every annotation of a production, retracted ones included (export, audit)."""
        candidate = as_uuid(candidate_id)
        production_id = ids.production_id(candidate, self._code(candidate, code))
        layer = self._store.get_or_none(annotations_id(production_id), ProductionAnnotations)
        return [] if layer is None else list(layer.items.values())

    def visible(
        self, viewer_id: UUID | str, candidate_id: UUID | str, code: str
    ) -> list[Annotation]:
        """The annotations the viewer may read: only their own while marking is blind."""
        viewer, candidate = as_uuid(viewer_id), as_uuid(candidate_id)
        code = self._code(candidate, code)
        found = self.every(candidate, code)
        if self._grids.may_see_all(viewer, candidate, code):
            return found
        return [a for a in found if a.author_id == viewer]

    def jsonld(
        self, candidate_id: UUID | str, code: str, include_retracted: bool = False
    ) -> dict[str, Any]:
        """The production's annotations as a W3C Web Annotation collection (JSON-LD)."""
        candidate = as_uuid(candidate_id)
        production_id = ids.production_id(candidate, self._code(candidate, code))
        return export_annotations(production_id, self.every(candidate, code), include_retracted)
