"""AssessmentCommands: everything assessors, moderators and administrators do before the jury.

PortfolioApp inherits this mixin. It gathers concerns kept in their own modules, each mixin
building on the previous one: assignments and conflicts of interest (`assignment`), criterion
scores, sign-off and moderation (`scoring`), annotations (`annotations`).
"""

from __future__ import annotations

from portfolio.application.annotations import AnnotationCommands
from portfolio.application.assignment import AssignmentView
from portfolio.application.scoring import DiscrepancyView, SheetView, situation_grid

__all__ = ["AssessmentCommands", "AssignmentView", "DiscrepancyView", "SheetView", "situation_grid"]


class AssessmentCommands(AnnotationCommands):
    """Assignment, scoring, moderation and annotation commands and queries for PortfolioApp."""
