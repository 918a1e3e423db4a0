"""Documents generated from the event log: the jury's procès-verbal in DOCX and PDF.

Rendering is deterministic: the same content gives the same bytes, so a PV of any past
session can be regenerated from its events and checked against the signed hash.
"""

from rendering.pv import render_pv, render_pv_docx, render_pv_pdf

__all__ = ["render_pv", "render_pv_docx", "render_pv_pdf"]
