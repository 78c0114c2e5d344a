"""Load a wide CSV or Excel sheet: one row per unit, codes in columns ``Code 1`` … ``Code N``.

This is how survey answers are often coded by hand::

    ResponseId,Why did you consider it?,Code 1,Code 2
    R_3HHY,ensure integrity,test_integrity,
    R_WBuS,Concern about cheating.,cheating,cheating->reduce_cheating

The unit is the row id. Hierarchical codes are written ``parent->child``. A row id that occurs
twice is one unit whose codes are the union of its rows' (with a warning naming the ids). The
header of the text column (the question) is kept as the unit's context.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from qualcode._archive import UnsafeArchive, open_zip
from qualcode.agreement.loaders import CodingsLoader, LoadOptions, register_codings_loader
from qualcode.agreement.table import CodingsTable, codings_table
from qualcode.corpus.normalise import DecodeError, decode, normalise_text
from qualcode.errors import AgreementError, problem

__all__ = ["CODE_COLUMN", "ID_COLUMNS", "load_wide"]

#: A code column: ``Code 1``, ``code_2``, ``Codes 3`` …
CODE_COLUMN = re.compile(r"^codes?[\s_-]*\d+$", re.IGNORECASE)
#: Names taken as the unit id column (else the first column).
ID_COLUMNS = ("responseid", "response_id", "id", "unit", "unit_id", "document", "respondent")
#: Generic text column names that say nothing about the question.
_GENERIC_TEXT = {"text", "answer", "response", "quote", "segment", "transcript"}
_EXCEL = {".xlsx", ".xlsm"}
#: The hierarchy separator of wide sheets.
SEPARATOR = "->"


def _claims(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in {".csv", *_EXCEL}


def _read_sheet(path: Path, options: LoadOptions) -> pd.DataFrame:
    try:
        if path.suffix.lower() in _EXCEL:
            open_zip(path).close()  # refuse zip bombs and damaged files before openpyxl sees them
            sheet = 0 if options.sheet is None else options.sheet
            frame = pd.read_excel(
                path, sheet_name=sheet, dtype=str, keep_default_na=False, engine="openpyxl"
            )
        else:
            text, _ = decode(path.read_bytes(), source=path)
            frame = pd.read_csv(io.StringIO(normalise_text(text)), dtype=str, keep_default_na=False)
    except UnsafeArchive as exc:
        raise AgreementError(problem("E601", detail=str(exc)), path=path) from exc
    except pd.errors.EmptyDataError as exc:
        raise AgreementError(problem("E601", detail="the file is empty"), path=path) from exc
    except DecodeError as exc:
        detail = f"cannot decode text: {exc}; save the file as UTF-8"
        raise AgreementError(problem("E601", detail=detail), path=path) from exc
    except (OSError, ValueError, KeyError, pd.errors.ParserError) as exc:
        raise AgreementError(problem("E601", detail=" ".join(str(exc).split())), path=path) from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.fillna("")


def _pick_column(
    frame: pd.DataFrame, wanted: str | None, what: str, path: Path, exclude: set[str]
) -> str | None:
    if wanted is None:
        return None
    if wanted not in frame.columns:
        detail = f"no {what} column {wanted!r} (columns: {', '.join(frame.columns)})"
        raise AgreementError(problem("E601", detail=detail), path=path)
    if wanted in exclude:
        raise AgreementError(problem("E601", detail=f"{wanted!r} cannot be the {what} column"))
    return wanted


def load_wide(path: Path, options: LoadOptions) -> CodingsTable:
    """Load a wide CSV or ``.xlsx`` sheet of codings.

    Raises
    ------
    AgreementError
        ``E601`` for an unreadable file, no ``Code N`` columns, a missing named column or an
        empty unit id (with its line).
    """
    frame = _read_sheet(path, options)
    code_columns = [c for c in frame.columns if CODE_COLUMN.match(c)]
    if not code_columns:
        detail = f"no code columns named 'Code 1' … 'Code N' (columns: {', '.join(frame.columns)})"
        raise AgreementError(problem("E601", detail=detail), path=path)
    codes = set(code_columns)
    id_column = _pick_column(frame, options.id_column, "id", path, codes)
    if id_column is None:
        lowered = {c.lower(): c for c in frame.columns if c not in codes}
        id_column = next((lowered[c] for c in ID_COLUMNS if c in lowered), frame.columns[0])
    if id_column in codes:
        raise AgreementError(problem("E601", detail="no unit id column before the code columns"))
    text_column = _pick_column(frame, options.text_column, "text", path, codes | {id_column})
    if text_column is None:
        text_column = next((c for c in frame.columns if c not in codes | {id_column}), None)
    context = None
    if text_column is not None and text_column.lower() not in _GENERIC_TEXT:
        context = text_column
    coder = options.coder or path.stem
    # line numbers: header is line 1 of a CSV and row 1 of a sheet
    codes_by_unit: dict[str, list[str]] = {}
    texts_by_unit: dict[str, list[str]] = {}
    lines_of: dict[str, list[int]] = {}
    for number, row in enumerate(frame.to_dict("records"), start=2):
        unit = str(row[id_column]).strip()
        row_codes = [str(row[c]).strip() for c in code_columns if str(row[c]).strip()]
        text = str(row[text_column]).strip() if text_column is not None else ""
        if not unit:
            if not row_codes and not text:
                continue  # a blank line in the sheet
            raise AgreementError(
                problem("E601", line=number, detail=f"empty unit id in column {id_column!r}"),
                path=path,
            )
        lines_of.setdefault(unit, []).append(number)
        codes_by_unit.setdefault(unit, []).extend(row_codes)
        texts = texts_by_unit.setdefault(unit, [])
        if text and text not in texts:
            texts.append(text)
    rows: list[dict[str, object]] = []
    for unit, unit_codes in codes_by_unit.items():
        texts = texts_by_unit[unit]
        base: dict[str, object] = {
            "unit": unit,
            "coder": coder,
            "document": unit,
            "text": "\n\n".join(texts) or None,
            "context": context,
            "confidence": 1.0,
            "source": "human",
            "input": str(path),
        }
        if unit_codes:
            rows += [base | {"code": code} for code in dict.fromkeys(unit_codes)]
        elif options.empty_rows == "none" and texts:
            rows.append(base)
    warnings = []
    duplicates = {unit: lines for unit, lines in lines_of.items() if len(lines) > 1}
    if duplicates:
        shown = "; ".join(
            f"{unit} (lines {', '.join(map(str, lines))})"
            for unit, lines in list(duplicates.items())[:10]
        )
        more = f" and {len(duplicates) - 10} more" if len(duplicates) > 10 else ""
        warnings.append(
            f"{path}: {len(duplicates)} duplicate unit id(s) merged (union of their codes): "
            f"{shown}{more}"
        )
    return CodingsTable(
        codings_table(rows), str(path), SEPARATOR, tuple(warnings), empty_coder=coder
    )


register_codings_loader(
    CodingsLoader(
        "wide",
        claims=_claims,
        load=lambda path, options: load_wide(path, options),
        description="a wide .csv or .xlsx sheet with an id column and columns Code 1 … Code N",
    )
)
