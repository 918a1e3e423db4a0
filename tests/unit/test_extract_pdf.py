"""PDF reading on reports built in the test with fpdf2: headings from the outline and from
fonts, running header and page numbers removed, the Sommaire skipped, ruled tables, and the
encrypted / scanned / blank cases."""

from __future__ import annotations

import io

import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from PIL import Image

from pipeline.extract import extract_document
from pipeline.model import Document
from pipeline.rejections import DocumentRejected, RejectionCategory

HEADER = "Lea FONTAINE - E1 - Maison Verdier"
BODY = (
    "Maison Verdier est une confiturerie artisanale familiale. Elle vend en boutique, "
    "en epicerie fine et en ligne, et souhaite accelerer son developpement. "
) * 4
# (title, level, page it starts on)
PLAN = [
    ("Introduction", 1, 3),
    ("1. Analyse du marche", 1, 3),
    ("1.1 La demande", 2, 3),
    ("1.2 La concurrence", 2, 4),
    ("2. Budget previsionnel", 1, 5),
]


class _Report(FPDF):
    def header(self) -> None:
        self.set_font("helvetica", size=8)
        self.cell(0, 5, HEADER, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("helvetica", size=8)
        self.cell(0, 10, f"Page {self.page_no()} / {{nb}}", align="C")


def _report(*, outline: bool) -> bytes:
    pdf = _Report()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 24)
    pdf.multi_cell(0, 12, "DOSSIER E1\nMaison Verdier")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.cell(0, 8, "Sommaire", new_x="LMARGIN", new_y="NEXT")
    for title, _, page in [*PLAN[:4], ("1.3 Une section fantome", 2, 4), PLAN[4]]:
        pdf.cell(0, 6, f"{title} ..... {page}", new_x="LMARGIN", new_y="NEXT")
    for title, level, page in PLAN:
        if pdf.page_no() < page:
            pdf.add_page()
        if outline:
            pdf.start_section(title, level=level - 1)
        pdf.set_font("helvetica", "B", 16 if level == 1 else 13)
        pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, BODY, new_x="LMARGIN", new_y="NEXT")
        if title.startswith("2."):
            _budget_table(pdf)
    return bytes(pdf.output())


def _budget_table(pdf: FPDF) -> None:
    with pdf.table() as table:
        for row in [
            ("Poste", "Montant"),
            ("Chiffre d'affaires", "1 450 000"),
            ("Charges", "513 000"),
        ]:
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.multi_cell(0, 6, "Le seuil de rentabilite est atteint en octobre.")


def _extract(data: bytes) -> Document:
    return extract_document(data, "rapport.pdf")


@pytest.fixture(scope="module", params=[True, False], ids=["outline", "fonts"])
def report(request) -> Document:
    return _extract(_report(outline=request.param))


def test_headings_levels_and_pages(report: Document) -> None:
    found = [(s.heading, s.level, s.page_start) for s in report.all_sections() if s.level]
    assert found == PLAN


def test_section_tree_and_page_spans(report: Document) -> None:
    market = next(s for s in report.sections if s.heading.startswith("1."))
    assert [c.id for c in market.children] == [f"{market.id}.1", f"{market.id}.2"]
    assert (market.page_start, market.page_end) == (3, 4)
    assert report.page_count == 5


def test_cover_page_is_the_preamble(report: Document) -> None:
    assert report.sections[0].level == 0
    assert "Maison Verdier" in report.sections[0].own_text()


def test_running_header_and_page_numbers_are_removed(report: Document) -> None:
    text = report.text()
    assert HEADER not in text
    assert "Page 3" not in text and "/ 5" not in text
    assert "confiturerie artisanale" in text


def test_sommaire_is_skipped(report: Document) -> None:
    assert "fantome" not in report.text()
    headings = [s.heading for s in report.all_sections()]
    assert len(headings) == len(set(headings))


def test_body_lines_join_into_paragraphs(report: Document) -> None:
    demand = next(s for s in report.all_sections() if s.heading == "1.1 La demande")
    assert demand.paragraphs == [BODY.strip()]


def test_ruled_table_lands_in_its_section(report: Document) -> None:
    budget = report.all_sections()[-1]
    assert [[c.value for c in row] for row in budget.tables[0].rows] == [
        ["Poste", "Montant"],
        ["Chiffre d'affaires", "1 450 000"],
        ["Charges", "513 000"],
    ]
    assert budget.tables[0].page == 5
    assert "Le seuil de rentabilite est atteint en octobre." in budget.paragraphs
    assert not any("513 000" in p for p in budget.paragraphs)


def test_password_protected_pdf_is_encrypted() -> None:
    pdf = FPDF()
    pdf.set_encryption(
        owner_password="jury", user_password="cdc-2024", encryption_method=EncryptionMethod.AES_256
    )
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Confidentiel")
    with pytest.raises(DocumentRejected) as caught:
        _extract(bytes(pdf.output()))
    assert caught.value.category is RejectionCategory.ENCRYPTED


def test_scanned_pages_without_text_have_no_text_layer() -> None:
    scan = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(scan, format="JPEG")
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(io.BytesIO(scan.getvalue()), x=10, y=10, w=190)
    with pytest.raises(DocumentRejected) as caught:
        _extract(bytes(pdf.output()))
    assert caught.value.category is RejectionCategory.NO_TEXT_LAYER


def test_blank_pdf_is_empty() -> None:
    pdf = FPDF()
    pdf.add_page()
    with pytest.raises(DocumentRejected) as caught:
        _extract(bytes(pdf.output()))
    assert caught.value.category is RejectionCategory.EMPTY


def test_outline_title_not_printed_on_its_page_still_opens_a_section() -> None:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for title, body in [("Partie A", "Le marche"), ("Partie B", "La concurrence")]:
        pdf.add_page()
        pdf.start_section(title)
        pdf.multi_cell(0, 6, f"{body} est decrit ici. " * 5)
    document = _extract(bytes(pdf.output()))
    found = [(s.heading, s.page_start) for s in document.all_sections() if s.level]
    assert found == [("Partie A", 1), ("Partie B", 2)]
    assert "La concurrence est decrit ici." in document.all_sections()[-1].own_text()


def test_sommaire_running_onto_a_second_page_is_skipped() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.cell(0, 8, "Sommaire", new_x="LMARGIN", new_y="NEXT")
    for number in range(1, 60):
        pdf.cell(
            0,
            6,
            f"{number}. Entree numero {number} ..... {number + 2}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    assert pdf.page_no() == 2
    pdf.cell(0, 6, "Fin du sommaire sans numero de page", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, "1. Entree numero 1", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, BODY)
    document = _extract(bytes(pdf.output()))
    assert [s.heading for s in document.all_sections() if s.level] == ["1. Entree numero 1"]
    assert "Entree numero 50" not in document.text()
    assert "Fin du sommaire sans numero de page" in document.text()
