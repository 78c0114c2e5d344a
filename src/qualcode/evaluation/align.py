"""Align predicted codings to gold units by character overlap.

Gold units and predicted units need not be the same spans: the segmenter may have changed since
annotation, or the predictions may be coded by paragraph. A predicted coding counts for the gold
unit of the same document it overlaps by the most characters (the earliest such unit on a tie);
a coding that overlaps no gold unit (an interviewer's question, text outside the gold) is not
scored. Two predicted codings of one code that land on the same gold unit count once, with the
facets of the one that overlaps it most.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["ALIGNED_COLUMNS", "Alignment", "align_codings"]

#: Columns of :attr:`Alignment.codings`: the gold unit (row of the gold units table) and code,
#: then what the prediction said.
ALIGNED_COLUMNS: list[str] = [
    "unit",
    "code",
    "valence",
    "stage",
    "negated",
    "hypothetical",
    "source",
    "confidence",
    "pattern",
    "predicted_start",
    "predicted_end",
    "overlap",
]


@dataclass(frozen=True)
class Alignment:
    """Predicted codings mapped onto gold units.

    Attributes
    ----------
    codings : pandas.DataFrame
        One row per (gold unit, code) the predictions give (columns :data:`ALIGNED_COLUMNS`).
    covered : numpy.ndarray of bool
        Per gold unit: does any predicted unit overlap it? (An uncovered unit was never seen by
        the coder, e.g. its turn was given another role.)
    unaligned : int
        Predicted codings that overlap no gold unit.
    spanning : int
        Predicted codings whose unit overlaps more than one gold unit (coarser predictions).
    """

    codings: pd.DataFrame
    covered: np.ndarray
    unaligned: int
    spanning: int


def _candidates(starts: np.ndarray, ends: np.ndarray, start: int, end: int) -> range:
    """Indices of the gold units overlapping ``start``-``end`` (units sorted, non-overlapping)."""
    first = int(np.searchsorted(ends, start, side="right"))
    last = int(np.searchsorted(starts, end, side="left"))
    return range(first, last)


def align_codings(
    gold_units: pd.DataFrame, predicted_units: pd.DataFrame, predicted_codings: pd.DataFrame
) -> Alignment:
    """Map each predicted coding to the gold unit it overlaps most.

    Parameters
    ----------
    gold_units : pandas.DataFrame
        ``document``, ``start``, ``end``; sorted by document and start, non-overlapping within a
        document; the row position is the unit's id.
    predicted_units : pandas.DataFrame
        ``document``, ``start``, ``end`` of every unit the predictions coded.
    predicted_codings : pandas.DataFrame
        ``document``, ``start``, ``end``, ``code`` and the facet and provenance columns of
        :data:`qualcode.evaluation.predictions.PREDICTION_CODING_COLUMNS`.

    Returns
    -------
    Alignment

    Examples
    --------
    >>> gold = pd.DataFrame({"document": ["d", "d"], "start": [0, 10], "end": [9, 20]})
    >>> units = pd.DataFrame({"document": ["d"], "start": [5], "end": [20]})
    >>> codings = units.assign(code="rent", valence=None, stage=None, negated=False,
    ...     hypothetical=False, source="rule", confidence=1.0, pattern="rent")
    >>> aligned = align_codings(gold, units, codings)
    >>> aligned.codings[["unit", "code", "overlap"]].to_dict("records")
    [{'unit': 1, 'code': 'rent', 'overlap': 10}]
    >>> aligned.covered.tolist(), aligned.spanning
    ([True, True], 1)
    """
    covered = np.zeros(len(gold_units), dtype=bool)
    spans: dict[str, tuple[np.ndarray, np.ndarray, int]] = {}
    for document, rows in gold_units.groupby("document", sort=False):
        offset = int(rows.index[0])
        spans[str(document)] = (
            rows["start"].to_numpy(dtype=np.int64),
            rows["end"].to_numpy(dtype=np.int64),
            offset,
        )

    def best(document: str, start: int, end: int) -> tuple[int, int, int]:
        """(gold unit id or -1, overlap, number of gold units overlapped)."""
        if document not in spans:
            return -1, 0, 0
        starts, ends, offset = spans[document]
        candidates = _candidates(starts, ends, start, end)
        if not candidates:
            return -1, 0, 0
        overlaps = np.minimum(ends[candidates.start : candidates.stop], end) - np.maximum(
            starts[candidates.start : candidates.stop], start
        )
        chosen = int(np.argmax(overlaps))  # the first maximum: the earliest unit on a tie
        return offset + candidates.start + chosen, int(overlaps[chosen]), len(candidates)

    for unit in predicted_units[["document", "start", "end"]].itertuples(index=False):
        if unit.document in spans:
            starts, ends, offset = spans[unit.document]
            found = _candidates(starts, ends, int(unit.start), int(unit.end))
            covered[offset + found.start : offset + found.stop] = True

    rows = []
    unaligned = spanning = 0
    for coding in predicted_codings.itertuples(index=False):
        unit_id, overlap, overlapped = best(
            str(coding.document), int(coding.start), int(coding.end)
        )
        if unit_id < 0:
            unaligned += 1
            continue
        spanning += overlapped > 1
        rows.append(
            {
                "unit": unit_id,
                "code": coding.code,
                "valence": coding.valence,
                "stage": coding.stage,
                "negated": bool(coding.negated),
                "hypothetical": bool(coding.hypothetical),
                "source": coding.source,
                "confidence": coding.confidence,
                "pattern": coding.pattern,
                "predicted_start": int(coding.start),
                "predicted_end": int(coding.end),
                "overlap": overlap,
            }
        )
    aligned = pd.DataFrame(rows, columns=ALIGNED_COLUMNS)
    if len(aligned):
        aligned = (
            aligned.sort_values(
                ["unit", "code", "overlap"], ascending=[True, True, False], kind="stable"
            )
            .drop_duplicates(["unit", "code"])
            .reset_index(drop=True)
        )
    for column in ("unit", "predicted_start", "predicted_end", "overlap"):
        aligned[column] = aligned[column].astype("int64")
    return Alignment(aligned, covered, unaligned, int(spanning))
