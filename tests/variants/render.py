"""Render a Variant to the bytes of its format."""

from __future__ import annotations

from tests.variants.spec import Variant


def render(variant: Variant) -> bytes:
    if variant.fmt == "pdf":
        from tests.variants.render_pdf import render_pdf

        return render_pdf(variant)
    from tests.variants.render_docx import render_docx

    return render_docx(variant)
