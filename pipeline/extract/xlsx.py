"""XLSX -> one section per worksheet, holding one table of cells with formula and cached value.

The workbook is read twice in openpyxl's streaming (read-only) mode: once for the formulas,
once for the values the spreadsheet program cached when saving. A checker can then tell a
computed KPI from a typed constant. openpyxl parses through defusedxml when it is installed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime, time

import openpyxl
from openpyxl.utils import get_column_letter

from pipeline.model import Cell, Section, Table

MAX_CELLS = 200_000
MAX_COLUMNS = 200


def read_xlsx(data: bytes, max_cells: int = MAX_CELLS) -> tuple[list[Section], bool]:
    """Sections (one per worksheet) and whether the cell budget cut the reading short."""
    formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        budget = [max_cells]
        sections = [
            _sheet_section(index, formulas[name], values[name], budget)
            for index, name in enumerate(formulas.sheetnames, start=1)
            if hasattr(formulas[name], "iter_rows")
        ]
    finally:
        formulas.close()
        values.close()
    return sections, budget[0] <= 0


def _sheet_section(index: int, f_sheet, v_sheet, budget: list[int]) -> Section:
    rows = list(_rows(f_sheet, v_sheet, budget))
    table = Table(rows=rows, name=f_sheet.title)
    return Section(id=f"s{index}", heading=f_sheet.title, level=1, tables=[table])


def _rows(f_sheet, v_sheet, budget: list[int]) -> Iterator[list[Cell]]:
    f_rows = f_sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    v_rows = v_sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    for number, (f_row, v_row) in enumerate(zip(f_rows, v_rows, strict=False), start=1):
        if budget[0] <= 0:
            return
        last = max((i for i, v in enumerate(f_row) if v is not None), default=-1)
        if last < 0:
            continue
        budget[0] -= last + 1
        yield [_cell(number, col, f_row[col], v_row) for col in range(last + 1)]


def _cell(row: int, col: int, raw, v_row) -> Cell:
    cached = v_row[col] if col < len(v_row) else None
    formula = _formula_text(raw)
    value = cached if formula is not None else raw
    return Cell(value=_plain(value), formula=formula, ref=f"{get_column_letter(col + 1)}{row}")


def _formula_text(raw) -> str | None:
    if isinstance(raw, str) and raw.startswith("="):
        return raw
    text = getattr(raw, "text", None)  # ArrayFormula / DataTableFormula
    return text if isinstance(text, str) else None


def _plain(value) -> str | float | int | bool | None:
    """Dates and times become ISO text so the Cell stays JSON- and pickle-friendly."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, datetime) and value.time() == time():
        value = value.date()  # a spreadsheet date is a datetime at midnight
    iso = getattr(value, "isoformat", None)
    return iso() if callable(iso) else str(value)
