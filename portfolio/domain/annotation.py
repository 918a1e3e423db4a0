"""Annotations on one evidence version, anchored the W3C Web Annotation way.

An anchor names the extracted text's section, character offsets inside it (TextPosition) and
the quoted passage with some text before and after (TextQuote), so the annotation can be found
again even if offsets drift. An annotation is never deleted: retracting it is a new event.
Every annotation of a production lives in one aggregate, so an export reads one stream.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from portfolio.domain.ids import NAMESPACE
from portfolio.errors import AnnotationNotFound, Forbidden, InvalidAnchor, RationaleRequired

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Anchor:
    """Where a passage lies in a section's extracted text, and the passage itself."""

    section_id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str

    @classmethod
    def in_text(cls, section_id: str, text: str, start: int, end: int) -> Anchor:
        """Build an anchor from a section's text and offsets (quote and context cut here)."""
        if not 0 <= start < end <= len(text):
            raise InvalidAnchor(f"offsets {start}..{end} outside section {section_id!r}")
        return cls(
            section_id,
            start,
            end,
            text[start:end],
            text[max(0, start - CONTEXT_CHARS) : start],
            text[end : end + CONTEXT_CHARS],
        )

    def check(self, text: str | None = None) -> None:
        """Refuse an inconsistent anchor; with the section text, the quote must be found there."""
        if not self.section_id.strip() or not 0 <= self.start < self.end:
            raise InvalidAnchor("an anchor needs a section id and offsets start < end")
        if len(self.exact) != self.end - self.start:
            raise InvalidAnchor("the quoted passage does not span the offsets")
        if text is not None and text[self.start : self.end] != self.exact:
            raise InvalidAnchor(f"section {self.section_id!r} does not read {self.exact!r} there")


@dataclass(frozen=True)
class Annotation:
    annotation_id: UUID
    author_id: UUID
    version: int
    sha256: str
    anchor: Anchor
    comment: str
    criterion: str | None
    created_at: datetime
    retracted: bool = False
    retraction_reason: str | None = None


def annotations_id(production_id: UUID) -> UUID:
    return uuid5(NAMESPACE, f"annotations\x1f{production_id}")


class ProductionAnnotations(Aggregate):
    """All annotations of a production, every assessor and version."""

    class AnnotationsOpened(Aggregate.Created):
        production_id: UUID
        candidate_id: UUID
        code: str

    class AnnotationMade(Aggregate.Event):
        annotation_id: UUID
        author_id: UUID
        version: int
        sha256: str
        anchor: dict[str, Any]
        comment: str
        criterion: str | None

        def apply(self, aggregate: Any) -> None:
            aggregate.items[self.annotation_id] = Annotation(
                self.annotation_id,
                self.author_id,
                self.version,
                self.sha256,
                Anchor(**self.anchor),
                self.comment,
                self.criterion,
                self.timestamp,
            )

    class AnnotationRetracted(Aggregate.Event):
        annotation_id: UUID
        reason: str
        actor: str

        def apply(self, aggregate: Any) -> None:
            item = aggregate.items[self.annotation_id]
            aggregate.items[self.annotation_id] = replace(
                item, retracted=True, retraction_reason=self.reason
            )

    def __init__(self, production_id: UUID, candidate_id: UUID, code: str) -> None:
        self.production_id = production_id
        self.candidate_id = candidate_id
        self.code = code
        self.items: dict[UUID, Annotation] = {}

    @classmethod
    def open(
        cls, production_id: UUID, candidate_id: UUID, code: str, at: datetime
    ) -> ProductionAnnotations:
        return cls._create(
            cls.AnnotationsOpened,
            id=annotations_id(production_id),
            timestamp=at,
            production_id=production_id,
            candidate_id=candidate_id,
            code=code,
        )

    def annotate(
        self,
        author_id: UUID,
        version: int,
        sha256: str,
        anchor: Anchor,
        comment: str,
        criterion: str | None,
        at: datetime,
        text: str | None = None,
    ) -> UUID:
        """Add an annotation; the same one twice (a double click) is recorded once."""
        anchor.check(text)
        comment = (comment or "").strip()
        if not comment:
            raise RationaleRequired("an annotation needs a comment")
        criterion = criterion.strip().upper() if criterion else None
        key = uuid5(self.id, "\x1f".join(map(str, (author_id, sha256, anchor, comment, criterion))))
        if key not in self.items:
            self.trigger_event(
                self.AnnotationMade,
                annotation_id=key,
                author_id=author_id,
                version=version,
                sha256=sha256,
                anchor=anchor.__dict__.copy(),
                comment=comment,
                criterion=criterion,
                timestamp=at,
            )
        return key

    def retract(self, annotation_id: UUID, reason: str, actor_id: UUID, at: datetime) -> None:
        """Withdraw one's own annotation; it stays in the log, marked retracted."""
        item = self.items.get(annotation_id)
        if item is None:
            raise AnnotationNotFound(f"no annotation {annotation_id}")
        if item.author_id != actor_id:
            raise Forbidden("only the author may retract an annotation")
        if item.retracted:
            return
        self.trigger_event(
            self.AnnotationRetracted,
            annotation_id=annotation_id,
            reason=(reason or "").strip(),
            actor=str(actor_id),
            timestamp=at,
        )
