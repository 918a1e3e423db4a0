"""AssessmentCommands: everything an assessor and an administrator do before the jury.

PortfolioApp inherits this mixin. It gathers the concerns kept in their own modules:
assignments and conflicts of interest (`assignment`), annotations (`annotations`), criterion
scores, sign-off and moderation (`scoring`).
"""

from __future__ import annotations

from portfolio.application.assignment import AssignmentCommands, AssignmentView

__all__ = ["AssessmentCommands", "AssignmentView"]


class AssessmentCommands(AssignmentCommands):
    """Assignment, annotation and scoring commands and queries for PortfolioApp."""
