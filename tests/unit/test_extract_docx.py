"""DOCX reading on documents built in the test: each way a heading can be encoded, the
Sommaire, tables in reading order, headers and content controls."""

from __future__ import annotations

import io

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from pipeline.extract import extract_document
from pipeline.model import Document

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
VML = "urn:schemas-microsoft-com:vml"


def _extract(document) -> Document:
    out = io.BytesIO()
    document.save(out)
    return extract_document(out.getvalue(), "dossier.docx")


def _outline(section_list) -> list[tuple[str, int, str]]:
    return [(s.id, s.level, s.heading) for s in section_list if s.level]


def _set_outline_level(element, value: int) -> None:
    ppr = element.get_or_add_pPr()
    node = ppr.makeelement(qn("w:outlineLvl"), {qn("w:val"): str(value)})
    ppr.append(node)


def _bold(document, text: str):
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = True
    return paragraph


def test_builtin_heading_styles_give_levels_and_ids() -> None:
    document = docx.Document()
    document.add_paragraph("Page de garde")
    document.add_heading("1. Contexte", level=1)
    document.add_heading("1.1 Marché", level=2)
    document.add_paragraph("Le marché croît de 4 % par an.")
    document.add_heading("1.2 Concurrence", level=2)
    document.add_heading("2. Diagnostic", level=1)
    result = _extract(document)
    assert result.sections[0].id == "s0"
    assert result.sections[0].paragraphs == ["Page de garde"]
    assert _outline(result.all_sections()) == [
        ("s1", 1, "1. Contexte"),
        ("s1.1", 2, "1.1 Marché"),
        ("s1.2", 2, "1.2 Concurrence"),
        ("s2", 1, "2. Diagnostic"),
    ]
    assert result.all_sections()[2].paragraphs == ["Le marché croît de 4 % par an."]


def test_custom_titre_styles_are_headings() -> None:
    document = docx.Document()
    for level in (1, 2):
        document.styles.add_style(f"Titre {level}", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("2. Persona", style="Titre 1")
    document.add_paragraph("2.1 Profil", style="Titre 2")
    document.add_paragraph("Texte.")
    assert _outline(_extract(document).all_sections()) == [
        ("s1", 1, "2. Persona"),
        ("s1.1", 2, "2.1 Profil"),
    ]


def test_outline_level_on_paragraph_or_style() -> None:
    document = docx.Document()
    style = document.styles.add_style("Grand titre maison", WD_STYLE_TYPE.PARAGRAPH)
    _set_outline_level(style.element, 0)
    document.add_paragraph("Partie A", style="Grand titre maison")
    _set_outline_level(document.add_paragraph("Sous-partie A.1")._p, 1)
    _set_outline_level(document.add_paragraph("Corps de texte")._p, 9)
    result = _extract(document)
    assert _outline(result.all_sections()) == [
        ("s1", 1, "Partie A"),
        ("s1.1", 2, "Sous-partie A.1"),
    ]
    assert result.all_sections()[1].paragraphs == ["Corps de texte"]


def test_without_heading_styles_bold_numbered_and_capital_paragraphs_are_headings() -> None:
    document = docx.Document()
    _bold(document, "INTRODUCTION")
    document.add_paragraph("1. Une liste numérotée non grasse reste du texte.")
    _bold(document, "1) Analyse du marché")
    _bold(document, "1.1 La demande")
    _bold(document, "Points clés :")
    document.add_paragraph("La demande progresse.")
    _bold(document, "2. Diagnostic interne")
    _bold(document, "Une phrase entièrement en gras mais sans numéro n'est pas un titre")
    assert _outline(_extract(document).all_sections()) == [
        ("s1", 1, "INTRODUCTION"),
        ("s2", 1, "1) Analyse du marché"),
        ("s2.1", 2, "1.1 La demande"),
        ("s3", 1, "2. Diagnostic interne"),
    ]


def test_sommaire_entries_are_not_sections_nor_text() -> None:
    document = docx.Document()
    _bold(document, "Sommaire")
    for entry in ("1. Contexte", "2. Persona de la cible", "3. Budget"):
        _bold(document, entry)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("1. Contexte", level=1)
    document.add_paragraph("Texte du contexte.")
    document.add_heading("3. Budget", level=1)
    result = _extract(document)
    assert [s.heading for s in result.all_sections() if s.level] == ["1. Contexte", "3. Budget"]
    assert "Persona" not in result.text()


def test_sommaire_without_page_break_ends_when_the_first_entry_comes_back() -> None:
    document = docx.Document()
    _bold(document, "SOMMAIRE")
    _bold(document, "1. CONTEXTE")
    _bold(document, "2. PERSONA")
    _bold(document, "1. CONTEXTE")
    document.add_paragraph("Texte du contexte.")
    _bold(document, "2. PERSONA")
    headings = [s.heading for s in _extract(document).all_sections() if s.level]
    assert headings == ["1. CONTEXTE", "2. PERSONA"]


def test_toc_styled_paragraphs_are_skipped() -> None:
    document = docx.Document()
    document.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("1. Contexte\t3", style="TOC 1")
    document.add_heading("1. Contexte", level=1)
    result = _extract(document)
    assert [s.heading for s in result.all_sections()] == ["1. Contexte"]
    assert "\t3" not in result.text()


def test_tables_stay_in_reading_order_under_their_heading() -> None:
    document = docx.Document()
    document.add_heading("3.2 Matrice SWOT", level=2)
    table = document.add_table(rows=2, cols=2)
    names = ["Forces", "Faiblesses", "Opportunités", "Menaces"]
    for cell, text in zip(table._cells, names, strict=True):
        cell.text = text
    document.add_heading("3.3 Analyse", level=2)
    swot, analysis = _extract(document).sections
    assert [[c.value for c in row] for row in swot.tables[0].rows] == [
        ["Forces", "Faiblesses"],
        ["Opportunités", "Menaces"],
    ]
    assert analysis.tables == []


def test_header_and_footer_are_not_body_text() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Léa FONTAINE – E1"
    document.sections[0].footer.paragraphs[0].text = "Page 1"
    document.add_paragraph("Texte du dossier.")
    text = _extract(document).text()
    assert "FONTAINE" not in text and "Page 1" not in text
    assert "Texte du dossier." in text


def test_content_controls_are_read_but_a_toc_field_is_not() -> None:
    document = docx.Document()
    body = document.element.body

    def sdt(text: str, gallery: str | None) -> None:
        pr = (
            f'<w:sdtPr><w:docPartObj><w:docPartGallery w:val="{gallery}"/></w:docPartObj></w:sdtPr>'
            if gallery
            else "<w:sdtPr/>"
        )
        xml = f"<w:sdt {nsdecls('w')}>{pr}<w:sdtContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        body.insert(0, parse_xml(xml + "</w:sdtContent></w:sdt>"))

    sdt("Entrée de table des matières", "Table of Contents")
    sdt("Texte dans un contrôle de contenu", None)
    text = _extract(document).text()
    assert "contrôle de contenu" in text
    assert "table des matières" not in text


def test_word_count_counts_headings_paragraphs_and_cells() -> None:
    document = docx.Document()
    document.add_heading("Deux mots", level=1)
    document.add_paragraph("L’entreprise vend trois produits.")
    document.add_table(rows=1, cols=1)._cells[0].text = "quatre"
    assert _extract(document).word_count == 2 + 4 + 1


def test_text_box_content_is_read_once() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Avant la zone de texte.")
    box = (
        f'<mc:AlternateContent {nsdecls("w")} xmlns:mc="{MC}" xmlns:wps="{WPS}" xmlns:v="{VML}">'
        '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r>'
        "<w:t>Chiffre clé : 4,6 M€</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing>"
        "</mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r>"
        "<w:t>Chiffre clé : 4,6 M€</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict>"
        "</mc:Fallback></mc:AlternateContent>"
    )
    run = paragraph.add_run()
    run._r.append(parse_xml(box))
    result = _extract(document)
    assert result.sections[0].paragraphs == ["Avant la zone de texte.", "Chiffre clé : 4,6 M€"]


def test_sommaire_styled_as_a_heading_is_not_a_section() -> None:
    document = docx.Document()
    document.add_heading("Sommaire", level=1)
    document.add_paragraph("1. Contexte")
    document.add_paragraph("2. Persona")
    document.add_heading("1. Contexte", level=1)
    result = _extract(document)
    assert [s.heading for s in result.all_sections()] == ["1. Contexte"]
    assert "Persona" not in result.text()


def test_last_sommaire_entry_carrying_the_page_break_is_skipped() -> None:
    document = docx.Document()
    _bold(document, "Sommaire")
    _bold(document, "1. CONTEXTE")
    _bold(document, "2. PERSONA").runs[0].add_break(WD_BREAK.PAGE)
    _bold(document, "1. CONTEXTE")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    page_two = document.add_paragraph()
    page_two.add_run().add_break(WD_BREAK.PAGE)
    page_two.add_run("Texte après un saut de page.")
    result = _extract(document)
    assert [s.heading for s in result.all_sections() if s.level] == ["1. CONTEXTE"]
    assert "Texte après un saut de page." in result.text()


def test_a_whole_paragraph_styled_as_heading_stays_body_text() -> None:
    document = docx.Document()
    document.add_heading("1. Contexte", level=1)
    long_text = "Ce paragraphe a reçu le style Titre 2 par erreur. " * 8
    document.add_heading(long_text, level=2)
    (context,) = _extract(document).sections
    assert context.children == []
    assert context.paragraphs == [long_text.strip()]
