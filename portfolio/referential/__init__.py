"""The certification referential (blocs, competencies, criteria, evaluation situations) as data,
held by version behind the `Referentials` port."""

from portfolio.referential.loader import load_referential, parse_referential
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
from portfolio.referential.versions import HeldReferentials, PackagedReferentials, Referentials
from portfolio.referential.vocabulary import Vocabulary

__all__ = [
    "Activity",
    "Bloc",
    "Competency",
    "Criterion",
    "ElementPart",
    "HeldReferentials",
    "Internship",
    "PackagedReferentials",
    "Referential",
    "Referentials",
    "RequiredElement",
    "Situation",
    "Vocabulary",
    "load_referential",
    "parse_referential",
]
