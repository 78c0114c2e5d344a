"""The normalised codings table that every codings loader returns.

Agreement compares *coders* over *units*. Whatever the input (a qualcode output directory, gold
JSON Lines, a wide CSV or Excel sheet, a REFI-QDA project), a loader turns it into one table with
the columns below, one row per unit x code x coder, plus one row with an empty ``code`` for every
unit a coder looked at and coded with nothing. That makes each coder's unit set explicit: a unit
coded with nothing is a negative judgement, a unit absent from a coder's rows was not coded by
that coder.

``CODINGS_TABLE_COLUMNS``
    unit
        Key of the unit, identical across coders for the same unit: ``document:start-end`` for a
        segment with offsets, the row id for a wide sheet.
    coder
        Who coded (a person, or e.g. ``qualcode:rules`` for the machine).
    code
        The code as written (``housing.search``, ``cheating->caught_students``); missing for
        "coded with nothing".
    document, start, end
        Where the unit is: document id and character offsets into the document's normalised
        text (offsets missing for wide sheets).
    text
        The unit's text, when the input has it.
    context
        Something that explains the unit, e.g. the survey question of a wide sheet.
    valence, stage
        Facets recorded with the coding, when the input has them.
    confidence
        In [0, 1] for machine codings; 1.0 for human codings.
    source
        ``human``, or ``rule``/``model``/``both`` for qualcode's own codings.
    input
        The file or directory the row was read from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import pandas as pd

__all__ = [
    "CODINGS_TABLE_COLUMNS",
    "MACHINE_SOURCES",
    "CodingsTable",
    "codings_table",
    "segment_unit",
]

CODINGS_TABLE_COLUMNS: list[str] = [
    "unit",
    "coder",
    "code",
    "document",
    "start",
    "end",
    "text",
    "context",
    "valence",
    "stage",
    "confidence",
    "source",
    "input",
]

#: Values of ``source`` that mean the coding was made by qualcode, not by a person.
MACHINE_SOURCES = frozenset({"rule", "model", "both", "machine"})

_DTYPES = {"start": "Int64", "end": "Int64", "confidence": "float64"}


def segment_unit(document: str, start: int, end: int) -> str:
    """The unit key of a segment: ``document:start-end``.

    Examples
    --------
    >>> segment_unit("km-01", 1204, 1279)
    'km-01:1204-1279'
    """
    return f"{document}:{start}-{end}"


def codings_table(rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Build a codings table from row mappings (missing keys become missing values).

    Examples
    --------
    >>> frame = codings_table([{"unit": "r1", "coder": "ana", "code": "cheating"}])
    >>> list(frame.columns) == CODINGS_TABLE_COLUMNS, frame.loc[0, "code"]
    (True, 'cheating')
    """
    frame = pd.DataFrame([dict(row) for row in rows], columns=CODINGS_TABLE_COLUMNS)
    for column in CODINGS_TABLE_COLUMNS:
        dtype = _DTYPES.get(column, "object")
        frame[column] = frame[column].astype(dtype)
    # Text columns hold None (not NaN) for missing values, so code that tests ``is None`` works.
    for column in CODINGS_TABLE_COLUMNS:
        if column not in _DTYPES:
            frame[column] = frame[column].where(frame[column].notna(), None)
    return frame


@dataclass(frozen=True)
class CodingsTable:
    """What a codings loader returns: the normalised table and how to read its codes.

    Attributes
    ----------
    frame : pandas.DataFrame
        Columns :data:`CODINGS_TABLE_COLUMNS`.
    source : str
        The input it was read from.
    separator : str
        How the input writes a hierarchical code path: ``"."`` for qualcode code ids,
        ``"->"`` for wide sheets (``parent->child``).
    warnings : tuple of str
        Non-fatal findings (merged duplicate ids, ...), already phrased for a person.
    empty_coder : str, optional
        The coder of an input without a single row (so "coder X has no codings" can name them).

    Examples
    --------
    >>> table = CodingsTable(codings_table([]), "a.csv", "->")
    >>> table.coders
    []
    """

    frame: pd.DataFrame
    source: str
    separator: str = "."
    warnings: tuple[str, ...] = ()
    empty_coder: str | None = None

    @property
    def coders(self) -> list[str]:
        """The coders in the table, in order of first appearance."""
        found = list(dict.fromkeys(self.frame["coder"]))
        return found or ([self.empty_coder] if self.empty_coder else [])

    def renamed(self, coder: str) -> CodingsTable:
        """The same table with every row's coder set to ``coder`` (for one-coder inputs)."""
        return replace(self, frame=self.frame.assign(coder=coder), empty_coder=coder)
