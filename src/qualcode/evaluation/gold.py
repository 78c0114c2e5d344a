"""Gold codings: the records, their tables, and gold as a coding result.

Gold codings are human codings of *every* unit of a document (a unit coded with nothing is a
negative example, not a missing one). On disk they are JSON Lines (``docs/gold-format.md``, read
and written by :mod:`qualcode.evaluation.gold_io`); in memory a :class:`GoldCodings` holds
:class:`GoldUnit` records sorted by document and start offset.

Tables
------
``gold units`` (:meth:`GoldCodings.units_frame`, one row per unit)
    document, start, end, text, codes (ids joined by ``"; "``), coder, note, file, line
``gold codes`` (:meth:`GoldCodings.codes_frame`, one row per unit x code)
    document, start, end, code, valence, stage
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from qualcode.codebook.schema import Codebook
from qualcode.coding.result import CodingResult
from qualcode.errors import problem
from qualcode.evaluation._problems import raise_problems
from qualcode.records import Coding, Corpus, Document, Segment
from qualcode.tables import (
    coding_row,
    codings_frame,
    document_row,
    documents_frame,
    segment_row,
    segments_frame,
)

__all__ = [
    "GOLD_CODER",
    "GOLD_CODE_COLUMNS",
    "GOLD_UNIT_COLUMNS",
    "GoldCode",
    "GoldCodings",
    "GoldUnit",
    "gold_to_result",
]

GOLD_UNIT_COLUMNS: list[str] = [
    "document",
    "start",
    "end",
    "text",
    "codes",
    "coder",
    "note",
    "file",
    "line",
]
GOLD_CODE_COLUMNS: list[str] = ["document", "start", "end", "code", "valence", "stage"]

#: Coder name of gold codings that do not say who coded them.
GOLD_CODER = "gold"


@dataclass(frozen=True, slots=True)
class GoldCode:
    """One code given to a unit, with the facet values the coder recorded (``None``: none)."""

    code: str
    valence: str | None = None
    stage: str | None = None


@dataclass(frozen=True, slots=True)
class GoldUnit:
    """One human-coded unit: a span of a document's normalised text and its codes.

    ``file`` and ``line`` say where the unit was read from (for messages); they are not part of
    the unit's identity, so a unit read back from a rewritten file equals the original.

    Examples
    --------
    >>> unit = GoldUnit("km-01", 0, 5, "Rent.", (GoldCode("housing.search", "barrier"),))
    >>> unit.code_ids
    ('housing.search',)
    """

    document: str
    start: int
    end: int
    text: str
    codes: tuple[GoldCode, ...] = ()
    coder: str | None = None
    note: str | None = None
    file: str = field(default="", compare=False)
    line: int | None = field(default=None, compare=False)

    @property
    def code_ids(self) -> tuple[str, ...]:
        """The ids of the unit's codes, in the order given."""
        return tuple(c.code for c in self.codes)

    @property
    def where(self) -> str:
        """``file (line n)`` when the unit was read from a file, else its offsets."""
        if self.line is None:
            return f"{self.document} {self.start}-{self.end}"
        return f"{self.file} (line {self.line})" if self.file else f"line {self.line}"


@dataclass(frozen=True)
class GoldCodings:
    """Gold units of one or more documents, sorted by document and start offset.

    Build one with :func:`qualcode.evaluation.read_gold`, or from units made in Python.

    Examples
    --------
    >>> gold = GoldCodings((
    ...     GoldUnit("b", 0, 4, "Yes.", ()),
    ...     GoldUnit("a", 6, 11, "Rent.", (GoldCode("housing.search", "barrier"),)),
    ... ))
    >>> gold.documents
    ['a', 'b']
    >>> gold.codes_frame()[["document", "code", "valence"]].to_dict("records")
    [{'document': 'a', 'code': 'housing.search', 'valence': 'barrier'}]
    """

    units: tuple[GoldUnit, ...]
    path: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.units, key=lambda u: (u.document, u.start, u.end)))
        object.__setattr__(self, "units", ordered)

    def __len__(self) -> int:
        return len(self.units)

    @property
    def documents(self) -> list[str]:
        """Ids of the documents with gold units, sorted."""
        return sorted({u.document for u in self.units})

    def select(self, documents: Iterable[str]) -> GoldCodings:
        """The units of ``documents`` only."""
        wanted = set(documents)
        return GoldCodings(tuple(u for u in self.units if u.document in wanted), self.path)

    def units_frame(self) -> pd.DataFrame:
        """One row per unit (columns :data:`GOLD_UNIT_COLUMNS`)."""
        rows = [
            {
                "document": u.document,
                "start": u.start,
                "end": u.end,
                "text": u.text,
                "codes": "; ".join(u.code_ids),
                "coder": u.coder,
                "note": u.note,
                "file": u.file,
                "line": u.line,
            }
            for u in self.units
        ]
        frame = pd.DataFrame(rows, columns=GOLD_UNIT_COLUMNS)
        frame["start"] = frame["start"].astype("int64")
        frame["end"] = frame["end"].astype("int64")
        frame["line"] = frame["line"].astype("Int64")
        return _none_for_missing(frame, ["coder", "note"])

    def codes_frame(self) -> pd.DataFrame:
        """One row per unit x code (columns :data:`GOLD_CODE_COLUMNS`)."""
        rows = [
            {
                "document": u.document,
                "start": u.start,
                "end": u.end,
                "code": c.code,
                "valence": c.valence,
                "stage": c.stage,
            }
            for u in self.units
            for c in u.codes
        ]
        frame = pd.DataFrame(rows, columns=GOLD_CODE_COLUMNS)
        frame["start"] = frame["start"].astype("int64")
        frame["end"] = frame["end"].astype("int64")
        return _none_for_missing(frame, ["valence", "stage"])


def _none_for_missing(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Optional text columns as objects with ``None`` for "not given" (pandas would make NaN)."""
    for column in columns:
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    return frame


def gold_to_result(
    gold: GoldCodings, codebook: Codebook, corpus: Corpus, *, unit: str = "sentence"
) -> CodingResult:
    """Gold codings as a :class:`~qualcode.coding.CodingResult`: the tables ``qualcode code`` makes.

    Gold units become the segments (speaker and role from the turn the unit starts in; turn
    ``-1`` and role ``other`` for a unit that starts outside every turn) and each gold code a
    coding with ``source="human"``, confidence 1 and the unit's coder (or
    ``"gold"``). Frequencies, quotes, agreement and REFI-QDA export then work on gold exactly as
    on machine codings.

    Parameters
    ----------
    gold : GoldCodings
    codebook : Codebook
        Supplies the labels of the codings table.
    corpus : Corpus
        The documents the gold was coded on; check them first with
        :func:`~qualcode.evaluation.check_gold_against`.
    unit : str
        What the gold units are (recorded on the result; the kennismigratie gold is sentences).

    Returns
    -------
    CodingResult

    Raises
    ------
    EvaluationError
        E405 when a gold document is not in ``corpus``.

    Examples
    --------
    >>> from qualcode.codebook import codebook_from_dict
    >>> from qualcode.records import Turn
    >>> book = codebook_from_dict({"name": "x", "languages": ["en"], "codes": [
    ...     {"id": "rent", "label": "Rent", "patterns": {"en": ["rent"]}}]})
    >>> doc = Document("d", "R: Rent is high. Fine.", (Turn(0, "R", "respondent", 3, 22),), "en")
    >>> gold = GoldCodings((GoldUnit("d", 3, 16, "Rent is high.", (GoldCode("rent"),)),
    ...                     GoldUnit("d", 17, 22, "Fine.")))
    >>> result = gold_to_result(gold, book, Corpus((doc,)))
    >>> result.codings[["segment", "code", "speaker", "source", "coder"]].to_dict("records")
    [{'segment': 0, 'code': 'rent', 'speaker': 'R', 'source': 'human', 'coder': 'gold'}]
    >>> len(result.segments)
    2
    """
    by_id = {d.id: d for d in corpus.documents}
    missing = [d for d in gold.documents if d not in by_id]
    raise_problems(
        [
            problem("E405", start=0, end=0, document=d, detail="the corpus has no such document")
            for d in missing
        ],
        path=gold.path or None,
    )
    segment_rows: list[dict[str, object]] = []
    coding_rows: list[dict[str, object]] = []
    document_rows: list[dict[str, object]] = []
    for document_id in gold.documents:
        document = by_id[document_id]
        units = [u for u in gold.units if u.document == document_id]
        newlines = [i for i, ch in enumerate(document.text) if ch == "\n"]
        for index, gold_unit in enumerate(units):
            segment = _segment(document, index, gold_unit)
            segment_rows.append(
                segment_row(segment, bisect.bisect_right(newlines, gold_unit.start) + 1)
            )
            for code in gold_unit.codes:
                coding = Coding(
                    document=document_id,
                    segment=index,
                    start=gold_unit.start,
                    end=gold_unit.end,
                    code=code.code,
                    source="human",
                    confidence=1.0,
                    valence=code.valence,
                    stage=code.stage,
                    pattern=None,
                    coder=gold_unit.coder or GOLD_CODER,
                )
                coding_rows.append(coding_row(coding, segment, codebook.label(code.code)))
        document_rows.append(document_row(document, None))
    return CodingResult(
        codings=codings_frame(coding_rows),
        segments=segments_frame(segment_rows),
        documents=documents_frame(document_rows),
        codebook=codebook,
        unit=unit,
        roles=tuple(sorted({str(row["role"]) for row in segment_rows})),
        coder=GOLD_CODER,
    )


def _segment(document: Document, index: int, unit: GoldUnit) -> Segment:
    """The unit as a segment, with speaker and role of the turn it starts in."""
    turn = next((t for t in document.turns if t.start <= unit.start < t.end), None)
    return Segment(
        document=document.id,
        index=index,
        turn=turn.index if turn is not None else -1,
        speaker=turn.speaker if turn is not None else None,
        role=turn.role if turn is not None else "other",
        start=unit.start,
        end=unit.end,
        text=unit.text,
        start_time=turn.start_time if turn is not None else None,
        end_time=turn.end_time if turn is not None else None,
    )
