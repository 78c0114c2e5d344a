"""The report tables as one Excel workbook: a sheet per table, ready to read and to filter."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["sheet_names", "write_workbook"]

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_PERCENT = ("share", "salience")
_WRAP = {"text", "segment_text", "definition", "include", "exclude", "examples", "value"}
_MAX_WIDTH = 60
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_names(names: Sequence[str]) -> list[str]:
    """Excel-safe, unique sheet names (at most 31 characters, no ``[]:*?/\\``).

    Examples
    --------
    >>> sheet_names(["crosstab_country_of_origin_and_route", "crosstab_country_of_origin_and_x"])
    ['crosstab_country_of_origin_and_', 'crosstab_country_of_origin_an~2']
    """
    used: set[str] = set()
    result = []
    for name in names:
        base = _FORBIDDEN.sub("_", name)[:31] or "sheet"
        candidate, number = base, 1
        while candidate.lower() in used:
            number += 1
            suffix = f"~{number}"
            candidate = base[: 31 - len(suffix)] + suffix
        used.add(candidate.lower())
        result.append(candidate)
    return result


def _cell_value(value: object) -> object:
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):  # containers: not a missing value
        pass
    return value


def _number_format(column: str) -> str | None:
    if column.startswith(_PERCENT):
        return "0.0%"
    if column == "jaccard" or column == "confidence":
        return "0.00"
    return None


def _write_sheet(sheet: Worksheet, table: pd.DataFrame) -> None:
    columns = [str(c) for c in table.columns]
    sheet.append(columns)
    for row in table.itertuples(index=False):
        sheet.append([_cell_value(v) for v in row])
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        values = (
            table.iloc[:, index - 1].head(500).map(lambda v: len(str(v)) if v is not None else 0)
        )
        longest = max([len(column), *values.tolist()]) if len(values) else len(column)
        wrap = column in _WRAP
        sheet.column_dimensions[letter].width = min(max(longest + 2, 8), _MAX_WIDTH)
        number_format = _number_format(column)
        if number_format or wrap:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if number_format:
                    cell.number_format = number_format
                if wrap:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    # the header row and the first column (code or document) stay in view while scrolling
    sheet.freeze_panes = "B2" if len(columns) > 1 else "A2"
    if len(table):
        sheet.auto_filter.ref = sheet.dimensions


def write_workbook(tables: Sequence[tuple[str, pd.DataFrame]], path: str | Path) -> Path:
    """Write ``(name, table)`` pairs to an .xlsx file, one formatted sheet per table.

    Headers are bold on a dark band, the header row and first column are frozen, columns are
    sized to their content (long text wraps), shares are formatted as percentages.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "r.xlsx"
    >>> table = pd.DataFrame({"code": ["a"], "share_documents": [0.5]})
    >>> _ = write_workbook([("frequencies", table)], path)
    >>> from openpyxl import load_workbook
    >>> sheet = load_workbook(path)["frequencies"]
    >>> sheet["B2"].number_format, sheet.freeze_panes
    ('0.0%', 'B2')
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (_, table) in zip(sheet_names([n for n, _ in tables]), tables, strict=True):
        _write_sheet(workbook.create_sheet(name), table)
    workbook.save(path)
    return Path(path)
