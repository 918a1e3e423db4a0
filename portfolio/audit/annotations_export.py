"""A production's annotations as a W3C Web Annotation collection (JSON-LD).

Each annotation targets the evidence version by its content address (`urn:sha256:…`) with two
alternative selectors, both refining the extracted section (a FragmentSelector): the quote
with its context (TextQuoteSelector) and the character offsets (TextPositionSelector).
Retracted annotations are left out unless asked for; they then carry `cdc:retracted`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from portfolio.domain.annotation import Annotation

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CDC = "urn:cdc-portfolio:vocab#"


def _selectors(annotation: Annotation) -> list[dict[str, Any]]:
    anchor = annotation.anchor
    section = {
        "type": "FragmentSelector",
        "conformsTo": f"{CDC}section",
        "value": anchor.section_id,
    }
    quote = {
        "type": "TextQuoteSelector",
        "exact": anchor.exact,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
    }
    position = {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end}
    return [dict(section, refinedBy=quote), dict(section, refinedBy=position)]


def annotation_jsonld(annotation: Annotation) -> dict[str, Any]:
    """One annotation in the Web Annotation data model."""
    body = [
        {
            "type": "TextualBody",
            "value": annotation.comment,
            "format": "text/plain",
            "language": "fr",
            "purpose": "commenting",
        }
    ]
    if annotation.criterion:
        body.append(
            {"type": "TextualBody", "value": annotation.criterion, "purpose": "classifying"}
        )
    item: dict[str, Any] = {
        "id": f"urn:uuid:{annotation.annotation_id}",
        "type": "Annotation",
        "motivation": "assessing",
        "created": annotation.created_at.isoformat(),
        "creator": f"urn:uuid:{annotation.author_id}",
        "body": body,
        "target": {"source": f"urn:sha256:{annotation.sha256}", "selector": _selectors(annotation)},
    }
    if annotation.retracted:
        item[f"{CDC}retracted"] = annotation.retraction_reason or True
    return item


def export_annotations(
    production_id: UUID, annotations: Iterable[Annotation], include_retracted: bool = False
) -> dict[str, Any]:
    """An AnnotationCollection with one page holding the production's annotations."""
    items = [
        annotation_jsonld(a)
        for a in sorted(annotations, key=lambda a: (a.created_at, str(a.annotation_id)))
        if include_retracted or not a.retracted
    ]
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{production_id}#annotations",
        "type": "AnnotationCollection",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }
