"""Word ``.docx`` transcripts: paragraphs with speaker labels, or tables of speaker and text.

The document text is built by qualcode from the body in order: each paragraph is one line
(its line breaks kept), and a table whose columns hold a speaker and the spoken text (and
optionally a time) becomes one ``Speaker: text`` line per row (``Speaker (00:01:23): text``
with a time), so its rows are turns like any labelled paragraph. A header row (two or more
cells naming such columns: ``Speaker | Text``) is left out; other tables become one line per
row, cells separated by tabs. Headers, footers, footnotes, comments and text boxes are not read.

The file is vetted by :func:`~qualcode.corpus.readers._package.check_package` before
python-docx parses it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from docx.exceptions import PythonDocxError
from docx.opc.exceptions import OpcError
from docx.table import Table, _Row
from lxml.etree import LxmlError

from qualcode.corpus.document import build_document, check_size
from qualcode.corpus.normalise import normalise_text
from qualcode.corpus.options import ReadOptions
from qualcode.corpus.readers import register_reader
from qualcode.corpus.readers._package import check_package
from qualcode.corpus.turns import find_turns
from qualcode.errors import CorpusError, problem
from qualcode.records import Document

__all__ = ["DOCX_ERRORS", "DocxText", "docx_text", "read_docx"]

# What python-docx raises for a package that is a zip but not a sound Word document.
DOCX_ERRORS = (PythonDocxError, OpcError, LxmlError, KeyError, ValueError, zipfile.BadZipFile)
_TIME = re.compile(r"\[?\(?((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\)?\]?")
# Column headings of transcript tables, in English and Dutch.
_SPEAKER_HEADERS = {"speaker", "name", "spreker", "naam", "wie", "who", "participant"}
_TEXT_HEADERS = {"text", "transcript", "tekst", "utterance", "transcription", "content", "said"}
_TIME_HEADERS = {"time", "tijd", "timestamp", "start", "begin", "tijdstip"}
_HEADERS = _SPEAKER_HEADERS | _TEXT_HEADERS | _TIME_HEADERS


@dataclass(frozen=True)
class DocxText:
    """The text qualcode builds from a ``.docx`` body, and the speakers its tables name."""

    text: str
    table_speakers: tuple[str, ...]


def docx_text(source: str | Path | IO[bytes]) -> DocxText:
    """Build the normalised text of a Word document's body (see the module docstring).

    ``source`` must already be vetted (:func:`check_package`); a qdpx reader can pass the
    bytes of an embedded source as a binary stream.

    Examples
    --------
    >>> import io, docx
    >>> d = docx.Document()
    >>> _ = d.add_paragraph("Interview 4")
    >>> table = d.add_table(rows=2, cols=2)
    >>> for row, (who, said) in zip(table.rows, [("Sam", "Why?"), ("Ana", "Work.")]):
    ...     row.cells[0].text, row.cells[1].text = who, said
    >>> buffer = io.BytesIO(); d.save(buffer); _ = buffer.seek(0)
    >>> docx_text(buffer).text
    'Interview 4\\nSam: Why?\\nAna: Work.'
    """
    import docx

    document = docx.Document(str(source) if isinstance(source, Path) else source)
    lines: list[str] = []
    speakers: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block, speakers))
        else:
            lines.append(block.text)
    return DocxText(normalise_text("\n".join(lines)), tuple(dict.fromkeys(speakers)))


def _cells(row: _Row) -> list[str]:
    seen: set[int] = set()
    texts = []
    for cell in row.cells:
        if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
            continue
        seen.add(id(cell._tc))
        texts.append(cell.text.strip())
    return texts


def _table_lines(table: Table, speakers: list[str]) -> list[str]:
    rows = [_cells(row) for row in table.rows]
    rows = [row for row in rows if any(row)]
    header = bool(rows) and sum(c.casefold() in _HEADERS for c in rows[0]) >= 2
    layout = _named_layout(rows[0]) if header else None
    if layout is None:
        layout = _transcript_layout(rows[1:] if header else rows)
    if layout is None:
        return ["\t".join(row) for row in rows]
    speaker_col, text_col, time_col = layout
    lines = []
    for row in rows[1:] if header else rows:
        speaker = row[speaker_col] if speaker_col < len(row) else ""
        said = row[text_col] if text_col < len(row) else ""
        time = None
        if time_col is not None and time_col < len(row):
            found = _TIME.fullmatch(row[time_col])
            time = found.group(1) if found else None
        if not speaker:
            lines.append(said)  # continues the previous row's turn
            continue
        speakers.append(speaker)
        label = f"{speaker} ({time})" if time else speaker
        lines.append(f"{label}: {said}")
    return lines


def _named_layout(header: list[str]) -> tuple[int, int, int | None] | None:
    """(speaker, text, time) columns named by a header row, if it names speaker and text."""
    named = [cell.casefold() for cell in header]

    def find(names: set[str]) -> int | None:
        return next((i for i, cell in enumerate(named) if cell in names), None)

    speaker, text = find(_SPEAKER_HEADERS), find(_TEXT_HEADERS)
    if speaker is None or text is None:
        return None
    return speaker, text, find(_TIME_HEADERS)


def _transcript_layout(rows: list[list[str]]) -> tuple[int, int, int | None] | None:
    """(speaker column, text column, time column) if the table is a transcript, else None."""
    width = max((len(row) for row in rows), default=0)
    if width < 2 or len(rows) < 1:
        return None
    columns = [[row[c] for row in rows if c < len(row) and row[c]] for c in range(width)]
    time_col = next(
        (
            c
            for c, values in enumerate(columns)
            if values and sum(bool(_TIME.fullmatch(v)) for v in values) >= 0.8 * len(values)
        ),
        None,
    )
    others = [c for c in range(width) if c != time_col and columns[c]]
    if len(others) < 2:
        return None
    text_col = max(others, key=lambda c: sum(len(v) for v in columns[c]))
    short = [c for c in others if c != text_col and _looks_like_names(columns[c])]
    if not short:
        return None
    return short[0], text_col, time_col


def _looks_like_names(values: Iterable[str]) -> bool:
    values = list(values)
    return all(len(v.split()) <= 4 and len(v) <= 40 and not v.endswith(".") for v in values)


@register_reader("docx", (".docx",))
def read_docx(path: Path, options: ReadOptions) -> list[Document]:
    """Read one Word transcript; its id is the file name without extension.

    Raises
    ------
    CorpusError
        ``E116`` for an unsafe or damaged archive or hostile XML, ``E114`` for a file that is
        not a Word document, and the errors of text transcripts (``E102``, ``E104``, ...).
    """
    check_size(path, options)
    check_package(path, options, required=("[Content_Types].xml",))
    try:
        body = docx_text(path)
    except DOCX_ERRORS as exc:
        raise CorpusError(
            problem("E114", detail=f"not a readable Word document: {exc}"), path=path
        ) from exc
    spans = find_turns(body.text, known=[*body.table_speakers, *options.roles.speakers])
    return [
        build_document(path.stem, body.text, spans, options=options, source=path, format="docx")
    ]
