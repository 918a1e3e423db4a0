"""The certification referential (blocs, competencies, criteria, evaluation situations) as data."""

from portfolio.referential.loader import load_referential
from portfolio.referential.model import (
    Activity,
    Bloc,
    Competency,
    Criterion,
    ElementPart,
    Internship,
    Referential,
    RequiredElement,
    Situation,
)

__all__ = [
    "Activity",
    "Bloc",
    "Competency",
    "Criterion",
    "ElementPart",
    "Internship",
    "Referential",
    "RequiredElement",
    "Situation",
    "load_referential",
]
