# HELD-OUT VARIANTS — CHECKER ENGINEERS MUST NOT READ THIS PACKAGE (see README.md).
"""Held-out bank: imported by scripts/measure_checker.py, never read by the checker's authors."""

from tests.variants.heldout.bank import HELDOUT

__all__ = ["HELDOUT"]
