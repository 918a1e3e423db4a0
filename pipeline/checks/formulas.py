"""Spreadsheet KPI and total cells must be computed by formulas, not typed constants.

C2.2.2 asks for "calculs automatisés" and C1.2.4 for a budget built "à l'aide d'un tableur".
A derived cell is a number in a row labelled as a total, rate, gap or ratio, or in a column
headed that way, outside input sheets (hypotheses, raw data). The verification fails when
fewer than MIN_FORMULA_SHARE of the derived cells hold a formula.
"""

from __future__ import annotations

import re

from pipeline.model import Cell, Document, Table
from pipeline.numbers import fold
from pipeline.report import CheckResult

MIN_FORMULA_SHARE = 0.8
_DERIVED = re.compile(
    r"\b(total|totaux|sous-total|taux|ecart|marge|seuil|point mort|resultat|panier moyen|"
    r"indice|ratio|moyenne|cumul|part|%|evolution|realisation)"
)
_INPUT_SHEET = re.compile(r"^(hypothes|donnee|parametre|source|saisie|input|data)")


def derived_cells(table: Table) -> list[Cell]:
    """Numeric cells of total/rate/gap rows or columns (the header row is the first text row)."""
    header = _header(table)
    derived_columns = {i for i, c in enumerate(header) if _DERIVED.search(_text(c))}
    out = []
    for row in table.rows:
        if row is header or not row:
            continue
        label_derived = bool(_DERIVED.search(_text(row[0])))
        for i, cell in enumerate(row[1:], start=1):
            if _is_number(cell) and (label_derived or i in derived_columns):
                out.append(cell)
    return out


def _header(table: Table) -> list[Cell]:
    for row in table.rows:
        if sum(1 for c in row if isinstance(c.value, str) and c.value.strip()) >= 2:
            return row
    return []


def _text(cell: Cell) -> str:
    return fold(cell.value) if isinstance(cell.value, str) else ""


def _is_number(cell: Cell) -> bool:
    if cell.formula:
        return True
    return isinstance(cell.value, int | float) and not isinstance(cell.value, bool)


def workbook_kpi_cells(doc: Document) -> list[Cell]:
    """Derived cells of every sheet that is not an input sheet (hypotheses, raw data)."""
    tables = [t for s in doc.all_sections() for t in s.tables]
    return [
        c for t in tables if not _INPUT_SHEET.match(fold(t.name or "")) for c in derived_cells(t)
    ]


def check_formulas(doc: Document, competency: str) -> CheckResult:
    """Share of derived cells holding a formula, over every non-input sheet of a workbook."""
    check = "spreadsheet_formulas"
    if doc.format != "xlsx":
        return CheckResult.undetermined(check, competency, "Pas un classeur tableur.")
    cells = workbook_kpi_cells(doc)
    if not cells:
        return CheckResult.undetermined(check, competency, "Aucune cellule d'indicateur repérée.")
    with_formula = sum(1 for c in cells if c.formula)
    share = with_formula / len(cells)
    ok = share >= MIN_FORMULA_SHARE
    message = (
        f"{with_formula} cellules calculées par formule sur {len(cells)} cellules "
        f"d'indicateurs/totaux ({share:.0%}) ; "
        + ("calculs automatisés." if ok else "valeurs saisies à la main.")
    )
    expected = f">= {MIN_FORMULA_SHARE:.0%}"
    return CheckResult.judged(
        check, competency, ok, f"{with_formula}/{len(cells)}", expected, message
    )
