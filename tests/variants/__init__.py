"""Variation generator: candidate productions with known truth, to measure the checker.

See `tests/variants/README.md`. The development banks (`bank_dev.py`) may be read by anyone;
`tests/variants/heldout/` must not be read by the engineers who write the checker.
"""
