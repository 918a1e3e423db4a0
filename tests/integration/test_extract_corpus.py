"""Every corpus file against its manifest: rejection categories, and headings of the elements.

The corpus is the shared ground truth (`<repo>/../shared/corpus/manifest.json`): each rejected
file must get exactly its manifest category, each accepted file must extract, and every heading
the manifest names for a present element or sub-element must be a section heading — at the
manifest's level and, for PDFs, starting on the manifest's page.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from pipeline.extract import extract_document
from pipeline.extract.headings import fold
from pipeline.model import Document
from pipeline.rejections import DocumentRejected

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def _manifest() -> list[dict]:
    return json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["files"]


def _entries(outcome: str) -> list[dict]:
    return [f for f in _manifest() if f["expected"]["outcome"] == outcome]


@cache
def _extract(path: str) -> Document:
    return extract_document((CORPUS / path).read_bytes(), path)


def _expected_headings(entry: dict) -> list[tuple[str, int | None, int | None]]:
    """(heading, level, page) for every present element and sub-element naming a heading."""
    out = []
    for element in entry["elements"].values():
        items = [element, *(element.get("sub_elements") or {}).values()]
        for item in items:
            if item.get("present") and item.get("heading"):
                out.append((item["heading"], item.get("heading_level"), item.get("page")))
    return out


def _by_heading(document: Document) -> dict[str, list]:
    sections: dict[str, list] = {}
    for section in document.all_sections():
        sections.setdefault(fold(section.heading), []).append(section)
    return sections


@pytest.mark.parametrize("entry", _entries("rejected"), ids=lambda e: e["path"])
def test_rejected_file_gets_its_manifest_category(entry: dict) -> None:
    with pytest.raises(DocumentRejected) as caught:
        extract_document((CORPUS / entry["path"]).read_bytes(), entry["path"])
    assert caught.value.category.value == entry["expected"]["reason"]
    assert caught.value.message


@pytest.mark.parametrize("entry", _entries("accepted"), ids=lambda e: e["path"])
def test_accepted_file_extracts_with_text(entry: dict) -> None:
    document = _extract(entry["path"])
    assert document.format == entry["format"]
    assert document.word_count > 100
    if entry["format"] == "pdf":
        assert document.page_count == entry["page_count"]


TEXT_DOCUMENTS = [e for e in _entries("accepted") if e["format"] in ("docx", "pdf")]


@pytest.mark.parametrize("entry", TEXT_DOCUMENTS, ids=lambda e: e["path"])
def test_manifest_headings_are_sections_at_their_level_and_page(entry: dict) -> None:
    sections = _by_heading(_extract(entry["path"]))
    problems = []
    for heading, level, page in _expected_headings(entry):
        found = sections.get(fold(heading), [])
        if not found:
            problems.append(f"missing {heading!r}")
        elif level is not None and level not in {s.level for s in found}:
            problems.append(f"{heading!r} at level {[s.level for s in found]}, expected {level}")
        elif page is not None and page not in {s.page_start for s in found}:
            problems.append(f"{heading!r} on page {[s.page_start for s in found]}, not {page}")
    assert not problems, problems


@pytest.mark.parametrize("entry", TEXT_DOCUMENTS, ids=lambda e: e["path"])
def test_placeholder_headings_are_sections_too(entry: dict) -> None:
    """A heading followed only by "À compléter." is still a section: checkers judge its body."""
    placeholders = [
        item["placeholder_heading"]
        for element in entry["elements"].values()
        for item in [element, *(element.get("sub_elements") or {}).values()]
        if item.get("note") == "placeholder_only" and item.get("placeholder_heading")
    ]
    sections = _by_heading(_extract(entry["path"]))
    assert [h for h in placeholders if fold(h) not in sections] == []


@pytest.mark.parametrize("entry", TEXT_DOCUMENTS, ids=lambda e: e["path"])
def test_table_of_contents_entries_do_not_become_sections(entry: dict) -> None:
    headings = [fold(s.heading) for s in _extract(entry["path"]).all_sections() if s.level]
    duplicates = {h for h in headings if headings.count(h) > 1}
    assert not duplicates
    assert not any(h.rstrip(" :") in {"sommaire", "table des matieres"} for h in headings)


@pytest.mark.parametrize("entry", TEXT_DOCUMENTS, ids=lambda e: e["path"])
def test_sections_listed_only_in_the_toc_are_absent(entry: dict) -> None:
    """The Sommaire lists them, the body does not: no section and no text may carry them."""
    toc_only = [
        item["toc_entry"]
        for element in entry["elements"].values()
        for item in [element, *(element.get("sub_elements") or {}).values()]
        if item.get("note") == "listed_in_toc_only"
    ]
    document = _extract(entry["path"])
    for title in toc_only:
        assert fold(title) not in _by_heading(document)
        assert fold(title) not in fold(document.text())


def test_section_ids_are_unique_and_stable() -> None:
    path = "E1_FONTAINE_Lea_MaisonVerdier.docx"
    first = _extract(path)
    again = extract_document((CORPUS / path).read_bytes(), path)
    ids = [s.id for s in first.all_sections()]
    assert len(ids) == len(set(ids))
    assert ids == [s.id for s in again.all_sections()]
    veille = next(s for s in first.sections if s.heading.startswith("1. Mise en place"))
    assert first.sections[0].id == "s0"  # the cover page and Sommaire come before any heading
    assert veille.id == "s2"  # "Introduction" is s1
    assert [c.id for c in veille.children] == ["s2.1", "s2.2"]


def test_running_header_is_not_body_text() -> None:
    entry = next(e for e in _manifest() if e["path"] == "E2_GIRARD_Thomas_Fitneo.pdf")
    header = entry["repeating_page_header_footer"]["header"]
    assert header
    assert fold(header) not in fold(_extract(entry["path"]).text())


def _workbook_cells(path: str) -> dict[str, object]:
    document = _extract(path)
    return {
        f"{table.name}!{cell.ref}": cell
        for section in document.sections
        for table in section.tables
        for row in table.rows
        for cell in row
    }


def test_fontaine_budget_cells_carry_formulas_and_cached_values() -> None:
    entry = next(e for e in _manifest() if e["path"] == "E1_FONTAINE_Lea_budget_previsionnel.xlsx")
    cells = _workbook_cells(entry["path"])
    for key in entry["facts"]["key_cells"].values():
        sheet, ref = key["cell"].rsplit("!", 1)
        cell = cells[f"{sheet.strip(chr(39))}!{ref}"]
        assert cell.formula is not None
        if "formula" in key:
            assert cell.formula == key["formula"]
        if isinstance(key["cached_value"], str):
            assert cell.value == key["cached_value"]
        else:
            assert cell.value == pytest.approx(key["cached_value"])
    assert sum(1 for c in cells.values() if c.formula) == entry["facts"]["formula_cell_count"]


def test_girard_dashboard_kpis_are_typed_constants() -> None:
    path = "E2_GIRARD_Thomas_tableau_de_bord_T2.xlsx"
    entry = next(e for e in _manifest() if e["path"] == path)
    kpis = entry["facts"]["kpi_cells"]
    cells = _workbook_cells(path)
    min_col, min_row, max_col, max_row = range_boundaries(kpis["cells"])
    block = [
        cells[f"{kpis['sheet']}!{get_column_letter(col)}{row}"]
        for col in range(min_col, max_col + 1)
        for row in range(min_row, max_row + 1)
    ]
    assert len(block) == kpis["count"]
    assert all(isinstance(c.value, int | float) and c.formula is None for c in block)
    assert not any(c.formula for c in cells.values())
    sheets = {s.heading for s in _extract(path).sections}
    assert {"Tableau de bord T2", "Données mensuelles"} <= sheets


def test_perf_pdf_annex_tables_hold_every_row_of_the_manifest() -> None:
    """~3,000 ruled rows over 90 pages: each row lands once, in the right cells, and a row
    broken by a page break is joined back."""
    entry = next(e for e in _manifest() if e["path"].startswith("perf_E3"))
    document = _extract(entry["path"])
    annexes = [s for s in document.sections if s.heading.startswith("Annexe")]
    rows = [
        [[c.value for c in r] for x in s.walk() for t in x.tables for r in t.rows] for s in annexes
    ]
    clients, claims, survey, weekly = rows
    header = survey[0]
    data = [r for r in survey if r != header]
    categories = [r[header.index("Catégorie NPS")] for r in data]
    expected = entry["facts"]["annex_rows"]
    assert all(r[0] for table in (clients, claims) for r in table)  # split rows were joined
    assert len([r for r in clients if r[0].startswith("CL")]) == expected["clients"]
    assert len([r for r in claims if r[0].startswith("R23-")]) == expected["reclamations"]
    assert len(data) == expected["survey_responses"]
    assert len([r for r in weekly if r[0] != weekly[0][0]]) == expected["weekly_activity"]
    nps = entry["facts"]["nps"]
    assert categories.count("Promoteur") == nps["promoters"]
    assert categories.count("Détracteur") == nps["detractors"]


@pytest.mark.parametrize(
    "stem",
    [
        "E1_FONTAINE_Lea_MaisonVerdier",
        "E2_BELKACEM_Ines_OptiluxPro",
        "E3 HADDAD Yanis - rapport de stage",
    ],
)
def test_docx_and_its_pdf_export_give_the_same_outline(stem: str) -> None:
    """Same document, two formats, two heading strategies: the same section headings and ids."""
    outlines = [
        [(s.id, s.heading) for s in _extract(f"{stem}.{ext}").all_sections()]
        for ext in ("docx", "pdf")
    ]
    assert outlines[0] == outlines[1]


@pytest.mark.parametrize("entry", _entries("accepted"), ids=lambda e: e["path"])
def test_metadata_says_how_headings_were_found(entry: dict) -> None:
    expected = {
        "heading_styles": "styles",
        "custom_titre": "styles",
        "no_styles": "formatting",
    }
    source = _extract(entry["path"]).metadata["headings"]
    if entry["format"] == "docx":
        assert source == expected[entry["heading_mode"]]
    elif entry["format"] == "pdf":
        assert source in {"outline", "fonts"}
    else:
        assert source == "sheets"
