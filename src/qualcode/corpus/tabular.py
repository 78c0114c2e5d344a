"""Tables from CSV and Excel files: survey exports and attribute sidecars.

One reading path for both, so a table is decoded (any encoding qualcode reads), vetted (Excel
files are checked like any zip package) and reported (line numbers) the same way everywhere.
Every value is text: numbers as Excel shows them (``3``, not ``3.0``), dates in ISO format,
empty cells as ``""``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qualcode.corpus.document import check_size, read_text_source
from qualcode.corpus.normalise import normalise_text
from qualcode.corpus.options import ReadOptions
from qualcode.errors import CorpusError, problem

__all__ = ["EXCEL_SUFFIXES", "ID_NAMES", "Table", "TableRow", "id_column", "read_table"]

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_DELIMITERS = ",;\t|"
#: Column names (compared lower-case, letters and digits only) that hold a document id.
ID_NAMES = (
    "document",
    "documentid",
    "docid",
    "id",
    "responseid",
    "respondentid",
    "respondent",
    "participantid",
    "participant",
    "caseid",
    "case",
    "file",
)


def id_column(columns: Sequence[str]) -> int | None:
    """Index of the first column named like a document id (see :data:`ID_NAMES`), if any.

    Examples
    --------
    >>> id_column(["StartDate", "Response ID", "Q5"])
    1
    """
    squashed = [re.sub(r"[^0-9a-z]", "", c.casefold()) for c in columns]
    return next((squashed.index(n) for n in ID_NAMES if n in squashed), None)


@dataclass(frozen=True, slots=True)
class TableRow:
    """One data row: where it starts (CSV line or sheet row, 1-based) and its cells."""

    line: int
    values: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with unique column names and rows padded to the header's width."""

    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]

    def column(self, name: str) -> int:
        """Index of column ``name``."""
        return self.columns.index(name)


def read_table(path: str | Path, options: ReadOptions | None = None) -> Table:
    """Read the first sheet of an Excel file, or a CSV (delimiter ``,;<tab>|`` from its header).

    The first non-empty row is the header. Blank or repeated column names become
    ``column 3`` and ``name (2)``. A Qualtrics export's two extra header rows (question text
    and ``{"ImportId": ...}``) are left out.

    Raises
    ------
    CorpusError
        The size and decoding errors of any file, ``E116`` for an unsafe Excel file, ``E114``
        for a damaged table, a missing header or a row longer than the header.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("id;answer\\nr1;Housing was hard\\nr2;\\n")
    >>> table = read_table(p)
    >>> table.columns, [(r.line, r.values) for r in table.rows]
    (('id', 'answer'), [(2, ('r1', 'Housing was hard')), (3, ('r2', ''))])
    """
    path = Path(path)
    options = options or ReadOptions()
    if path.suffix.lower() in EXCEL_SUFFIXES:
        raw = _excel_rows(path, options)
    else:
        raw = _csv_rows(path, options)
    raw = [(line, cells) for line, cells in raw if any(c.strip() for c in cells)]
    if not raw:
        raise CorpusError(problem("E102"), path=path)
    (header_line, header), body = raw[0], raw[1:]
    if len(body) >= 2 and all(c.strip().startswith('{"ImportId"') for c in body[1][1] if c.strip()):
        body = body[2:]  # Qualtrics: question texts, then import ids
    columns = _column_names(header)
    rows = []
    for line, cells in body:
        extra = [c for c in cells[len(columns) :] if c.strip()]
        if extra:
            raise CorpusError(
                problem(
                    "E114",
                    line=line,
                    detail=f"row has {len(cells)} cells but the header (line {header_line}) "
                    f"names {len(columns)} columns",
                ),
                path=path,
            )
        padded = [*cells[: len(columns)], *[""] * (len(columns) - len(cells))]
        rows.append(TableRow(line, tuple(c.strip() for c in padded)))
    return Table(tuple(columns), tuple(rows))


def _column_names(header: list[str]) -> list[str]:
    names: list[str] = []
    for i, cell in enumerate(header, start=1):
        name = " ".join(cell.split()) or f"column {i}"
        base, n = name, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    return names


def _csv_rows(path: Path, options: ReadOptions) -> list[tuple[int, list[str]]]:
    text = read_text_source(path, options)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    rows = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise CorpusError(problem("E114", line=start, detail=f"CSV: {exc}"), path=path) from exc
    return rows


def _delimiter(text: str) -> str:
    """The delimiter used most in the header line (outside quotes); ``,`` on a tie.

    csv.Sniffer guesses quoting too and gets small files wrong; exports differ only in the
    delimiter (``;`` from Dutch Excel, tabs), and their header line shows which.
    """
    header = next((line for line in text.split("\n") if line.strip()), "")
    unquoted = "".join(header.split('"')[::2])
    counts = {d: unquoted.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _excel_rows(path: Path, options: ReadOptions) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from qualcode.corpus.readers._package import check_package

    check_size(path, options)
    check_package(path, options, required=("[Content_Types].xml",))
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            if not workbook.worksheets:
                raise CorpusError(problem("E114", detail="the workbook has no sheets"), path=path)
            sheet = workbook.worksheets[0]
            return [
                (number, [_cell_text(v) for v in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
        finally:
            workbook.close()
    except (InvalidFileException, KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        raise CorpusError(
            problem("E114", detail=f"not a readable Excel workbook: {exc}"), path=path
        ) from exc


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return normalise_text(str(value))
