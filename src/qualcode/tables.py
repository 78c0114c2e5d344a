"""Column names of every table qualcode produces, and records -> DataFrame conversion.

These are the documented edges of the library: analysis scripts may rely on the columns below.

``codings`` (one row per segment x code)
    document, segment, turn, speaker, role, start, end, text, code, label, source, confidence,
    valence, stage, negated, hypothetical, pattern, coder
``segments`` (one row per coded unit)
    document, segment, turn, speaker, role, start, end, line, start_time, end_time, words, text
``documents`` (one row per document)
    document, format, language, source, turns, speakers, words, coded_words, then one column per
    case attribute
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from qualcode.records import Coding, Document, Segment

__all__ = [
    "CODING_COLUMNS",
    "DOCUMENT_COLUMNS",
    "SEGMENT_COLUMNS",
    "codings_frame",
    "documents_frame",
    "segments_frame",
]

CODING_COLUMNS: list[str] = [
    "document",
    "segment",
    "turn",
    "speaker",
    "role",
    "start",
    "end",
    "text",
    "code",
    "label",
    "source",
    "confidence",
    "valence",
    "stage",
    "negated",
    "hypothetical",
    "pattern",
    "coder",
]
SEGMENT_COLUMNS: list[str] = [
    "document",
    "segment",
    "turn",
    "speaker",
    "role",
    "start",
    "end",
    "line",
    "start_time",
    "end_time",
    "words",
    "text",
]
DOCUMENT_COLUMNS: list[str] = [
    "document",
    "format",
    "language",
    "source",
    "turns",
    "speakers",
    "words",
    "coded_words",
]

_DTYPES = {
    "segment": "int64",
    "turn": "int64",
    "start": "int64",
    "end": "int64",
    "line": "int64",
    "words": "int64",
    "confidence": "float64",
    "negated": "bool",
    "hypothetical": "bool",
    "start_time": "float64",
    "end_time": "float64",
    "coded_words": "int64",
    "turns": "int64",
}


def _frame(rows: Iterable[dict[str, object]], columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(columns))
    for column in columns:
        dtype = _DTYPES.get(column)
        if dtype is not None and column in frame:
            frame[column] = frame[column].astype(dtype)
        elif column in frame:
            frame[column] = frame[column].astype(object)
    return frame


def segment_row(segment: Segment, line: int) -> dict[str, object]:
    """One row of the segments table."""
    return {
        "document": segment.document,
        "segment": segment.index,
        "turn": segment.turn,
        "speaker": segment.speaker,
        "role": segment.role,
        "start": segment.start,
        "end": segment.end,
        "line": line,
        "start_time": segment.start_time,
        "end_time": segment.end_time,
        "words": len(segment.text.split()),
        "text": segment.text,
    }


def coding_row(coding: Coding, segment: Segment, label: str) -> dict[str, object]:
    """One row of the codings table."""
    return {
        "document": coding.document,
        "segment": coding.segment,
        "turn": segment.turn,
        "speaker": segment.speaker,
        "role": segment.role,
        "start": coding.start,
        "end": coding.end,
        "text": segment.text,
        "code": coding.code,
        "label": label,
        "source": coding.source,
        "confidence": coding.confidence,
        "valence": coding.valence,
        "stage": coding.stage,
        "negated": coding.negated,
        "hypothetical": coding.hypothetical,
        "pattern": coding.pattern,
        "coder": coding.coder,
    }


def document_row(document: Document, coded_roles: Sequence[str] | None) -> dict[str, object]:
    """One row of the documents table (attributes as extra columns)."""
    return {
        "document": document.id,
        "format": document.format,
        "language": document.language,
        "source": document.source,
        "turns": sum(1 for t in document.turns if t.speaker),
        "speakers": "; ".join(f"{s} ({r})" for s, r in document.speakers.items()),
        "words": document.words(),
        "coded_words": document.words(tuple(coded_roles) if coded_roles else None),
        **dict(document.attributes),
    }


def segments_frame(rows: Iterable[dict[str, object]]) -> pd.DataFrame:
    """The segments table from :func:`segment_row` rows."""
    return _frame(rows, SEGMENT_COLUMNS)


def codings_frame(rows: Iterable[dict[str, object]]) -> pd.DataFrame:
    """The codings table from :func:`coding_row` rows."""
    return _frame(rows, CODING_COLUMNS)


def documents_frame(rows: Iterable[dict[str, object]]) -> pd.DataFrame:
    """The documents table from :func:`document_row` rows (attribute columns appended)."""
    rows = list(rows)
    extra = list(dict.fromkeys(k for row in rows for k in row if k not in DOCUMENT_COLUMNS))
    return _frame(rows, DOCUMENT_COLUMNS + extra)
