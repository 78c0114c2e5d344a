"""Survey exports (CSV, Excel): one document per respondent row.

Columns play three parts:

- the **id** column names the document (``ReadOptions.id_column``; by default a column called
  ``id``, ``ResponseId``, ``respondent``, ``participant``, ``document``..., else the first
  column if its values are unique and short, else ``<file>-<line>``);
- the **answer** columns hold the text (``ReadOptions.text_columns``; by default every column
  whose answers average at least four words, so ids, dates, scores and code columns are not
  mistaken for answers);
- every other column is a **case attribute** of the row (empty cells left out).

With one answer column the document text is the answer, one respondent turn without a speaker.
With several, each answer is a turn whose *speaker is the column* (the question), written as
``Q5: answer`` blocks separated by a blank line, so segments and codings say which question
they answer; empty answers are left out, and a row without any answer is skipped with a
warning. Language is detected per row (among the languages qualcode codes when the row is short,
so a table of English and Dutch quotes gets both); a row of fewer than
:data:`MIN_ROW_WORDS_FOR_LANGUAGE` words takes the language detected for the whole file.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Sequence
from pathlib import Path

from qualcode.corpus.document import build_document
from qualcode.corpus.options import ReadOptions
from qualcode.corpus.readers import ReaderWarning, register_reader
from qualcode.corpus.tabular import Table, TableRow, id_column, read_table
from qualcode.corpus.turns import TurnSpan
from qualcode.errors import CorpusError, problem
from qualcode.nlp.language import detect_language
from qualcode.records import RESPONDENT, Document

__all__ = ["MIN_ANSWER_WORDS", "MIN_ROW_WORDS_FOR_LANGUAGE", "read_survey", "survey_columns"]

#: A column is an answer column if its non-empty cells average at least this many words.
MIN_ANSWER_WORDS = 4.0

#: A row of at least this many words is assigned the language detected from its own words (told
#: apart among English and Dutch below 20 words, where the detector is reliable from two or three
#: words on); a shorter row ("Salary.") takes the language detected for the whole file.
MIN_ROW_WORDS_FOR_LANGUAGE = 3


def survey_columns(table: Table, options: ReadOptions, path: Path) -> tuple[int | None, list[int]]:
    """The id column (``None``: ids are made from line numbers) and the answer columns.

    Raises
    ------
    CorpusError
        ``E118`` for a named column that does not exist or a table without answer columns.
    """
    columns = list(table.columns)

    def index(name: str, what: str) -> int:
        if name not in columns:
            raise CorpusError(
                problem(
                    "E118",
                    detail=f"no {what} column {name!r}; the columns are {', '.join(columns)}",
                ),
                path=path,
            )
        return columns.index(name)

    if options.id_column is not None:
        id_col: int | None = index(options.id_column, "id")
    else:
        id_col = id_column(columns)
        if id_col is None and len(columns) > 1 and _usable_ids(table, 0):
            id_col = 0
    if options.text_columns:
        text_cols = [index(name, "text") for name in options.text_columns]
    else:
        text_cols = [
            c
            for c in range(len(columns))
            if c != id_col and _mean_words(table, c) >= MIN_ANSWER_WORDS
        ]
    if not text_cols:
        raise CorpusError(
            problem(
                "E118",
                detail="no answer column: no column holds free text (answers of at least "
                f"{MIN_ANSWER_WORDS:.0f} words on average); name it with text_columns / "
                f"--text-column (the columns are {', '.join(columns)})",
            ),
            path=path,
        )
    return id_col, text_cols


def _usable_ids(table: Table, col: int) -> bool:
    values = [row.values[col] for row in table.rows]
    return (
        all(values)
        and len(set(values)) == len(values)
        and all(len(v) <= 64 and len(v.split()) <= 2 for v in values)
    )


def _mean_words(table: Table, col: int) -> float:
    values = [row.values[col] for row in table.rows if row.values[col]]
    if not values:
        return 0.0
    return sum(len(v.split()) for v in values) / len(values)


@register_reader("csv", (".csv", ".tsv"))
def read_csv_survey(path: Path, options: ReadOptions) -> list[Document]:
    """Read a CSV/TSV survey export (see the module docstring)."""
    return read_survey(path, options, format="csv")


@register_reader("xlsx", (".xlsx", ".xlsm"))
def read_xlsx_survey(path: Path, options: ReadOptions) -> list[Document]:
    """Read the first sheet of an Excel survey export (see the module docstring)."""
    return read_survey(path, options, format="xlsx")


def read_survey(path: Path, options: ReadOptions, *, format: str = "csv") -> list[Document]:
    """Read a survey table into one document per answered row.

    Raises
    ------
    CorpusError
        ``E118`` without an answer column or with an empty id, ``E105`` for a repeated
        respondent id (with both lines), and the errors of
        :func:`~qualcode.corpus.tabular.read_table`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "survey.csv"
    >>> _ = p.write_text("ResponseId,city,Why did you come?\\n"
    ...                  "R_1,Delft,For the job and the people here.\\n")
    >>> doc = read_survey(p, ReadOptions(language="en"))[0]
    >>> doc.id, doc.text, dict(doc.attributes)
    ('R_1', 'For the job and the people here.', {'city': 'Delft'})
    """
    table = read_table(path, options)
    id_col, text_cols = survey_columns(table, options, path)
    answered = [row for row in table.rows if any(row.values[c] for c in text_cols)]
    if len(answered) < len(table.rows):
        kept = {row.line for row in answered}
        lines = [str(r.line) for r in table.rows if r.line not in kept]
        shown = ", ".join(lines[:10]) + (", ..." if len(lines) > 10 else "")
        warnings.warn(
            f"{path}: {len(lines)} row(s) without an answer skipped (line {shown})",
            ReaderWarning,
            stacklevel=2,
        )
    if not answered:
        raise CorpusError(problem("E102"), path=path)
    file_language = None
    if options.language is None:
        file_language = detect_language(
            " ".join(row.values[c] for row in answered for c in text_cols)[:5000]
        )
    seen: dict[str, int] = {}
    documents = []
    for row in answered:
        doc_id = row.values[id_col] if id_col is not None else f"{path.stem}-{row.line}"
        if not doc_id:
            raise CorpusError(
                problem("E118", line=row.line, detail="empty respondent id"), path=path
            )
        if doc_id in seen:
            raise CorpusError(
                problem("E105", line=row.line, id=doc_id, other=f"line {seen[doc_id]}"),
                path=path,
            )
        seen[doc_id] = row.line
        documents.append(
            _row_document(
                doc_id, row, table, id_col, text_cols, options, path, format, file_language
            )
        )
    return documents


def _row_document(
    doc_id: str,
    row: TableRow,
    table: Table,
    id_col: int | None,
    text_cols: Sequence[int],
    options: ReadOptions,
    path: Path,
    format: str,
    file_language: str | None,
) -> Document:
    answers = [(table.columns[c], row.values[c]) for c in text_cols if row.values[c]]
    spans: list[TurnSpan] = []
    if len(text_cols) == 1:
        text = answers[0][1]
    else:
        parts: list[str] = []
        length = 0
        for question, answer in answers:
            prefix = ("\n\n" if parts else "") + f"{question}: "
            parts += [prefix, answer]
            spans.append(
                TurnSpan(question, length + len(prefix), length + len(prefix) + len(answer))
            )
            length += len(prefix) + len(answer)
        text = "".join(parts)
    attributes = {
        name: value
        for c, (name, value) in enumerate(zip(table.columns, row.values, strict=True))
        if c != id_col and c not in text_cols and value
    }
    language = file_language
    if len(text.split()) >= MIN_ROW_WORDS_FOR_LANGUAGE:
        language = None  # detected from the row's own words
    return build_document(
        doc_id,
        text,
        spans,
        options=dataclasses.replace(options, speakers="optional"),
        source=path,
        format=format,
        attributes=attributes,
        language=language,
        roles={question: RESPONDENT for question, _ in answers},
    )
