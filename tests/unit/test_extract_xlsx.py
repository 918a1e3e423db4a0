"""XLSX reading on workbooks built in the test: one section per sheet, formulas kept apart
from values, references, dates, and the cell budget."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl

from pipeline.extract import extract_document
from pipeline.extract.xlsx import read_xlsx
from pipeline.model import Cell, Document


def _workbook() -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    budget = workbook.active
    budget.title = "Budget"
    budget.append(["Poste", "Montant"])
    budget.append(["Ventes boutique", 900000])
    budget.append(["Ventes en ligne", 550000])
    budget.append(["Chiffre d'affaires", "=SUM(B2:B3)"])
    budget["D1"] = datetime(2025, 10, 13)
    kpi = workbook.create_sheet("KPI")
    kpi.append(["NPS", 42])
    return workbook


def _bytes(workbook: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cells(document: Document) -> dict[str, Cell]:
    return {
        f"{t.name}!{c.ref}": c
        for s in document.sections
        for t in s.tables
        for r in t.rows
        for c in r
    }


def test_each_sheet_is_a_section_with_one_named_table() -> None:
    document = extract_document(_bytes(_workbook()), "budget.xlsx")
    assert [(s.id, s.heading, s.level) for s in document.sections] == [
        ("s1", "Budget", 1),
        ("s2", "KPI", 1),
    ]
    assert [t.name for s in document.sections for t in s.tables] == ["Budget", "KPI"]


def test_formula_cells_keep_their_formula_and_constants_have_none() -> None:
    cells = _cells(extract_document(_bytes(_workbook()), "budget.xlsx"))
    total = cells["Budget!B4"]
    assert total.formula == "=SUM(B2:B3)"
    assert total.value is None  # openpyxl saves no cached value; a spreadsheet program would
    assert cells["Budget!B2"] == Cell(value=900000, formula=None, ref="B2")
    assert cells["KPI!B1"].value == 42 and cells["KPI!B1"].formula is None


def test_dates_become_iso_text() -> None:
    cells = _cells(extract_document(_bytes(_workbook()), "budget.xlsx"))
    assert cells["Budget!D1"].value == date(2025, 10, 13).isoformat()


def test_text_and_word_count_include_cells() -> None:
    document = extract_document(_bytes(_workbook()), "budget.xlsx")
    assert "Chiffre d'affaires" in document.text()
    assert document.word_count >= 8


def test_cell_budget_truncates_and_says_so() -> None:
    workbook = openpyxl.Workbook()
    for row in range(100):
        workbook.active.append([row, row * 2])
    sections, truncated = read_xlsx(_bytes(workbook), max_cells=10)
    assert truncated
    assert sum(len(r) for r in sections[0].tables[0].rows) <= 12
    assert read_xlsx(_bytes(workbook))[1] is False
