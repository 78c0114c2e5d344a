"""Co-occurrence: which codes come up together, within a segment or within a respondent.

For two codes A and B over a set of units (segments or documents): ``both`` is the number of
units mentioning both, ``count_a``/``count_b`` the units mentioning each, and the Jaccard index
``both / (count_a + count_b - both)`` the overlap relative to their union (0 when neither occurs).
Only mentions count (negated codings are left out).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from qualcode.coding.result import CodingResult
from qualcode.errors import ReportError, problem
from qualcode.report.mentions import mentions, respondent_base

__all__ = ["COOCCURRENCE_COLUMNS", "cooccurrence", "cooccurrence_matrix"]

COOCCURRENCE_COLUMNS = [
    "level",
    "code_a",
    "label_a",
    "code_b",
    "label_b",
    "both",
    "count_a",
    "count_b",
    "jaccard",
]

Level = Literal["segment", "document"]


def _indicator(
    result: CodingResult, level: str, codes: Sequence[str] | None
) -> tuple[list[str], np.ndarray]:
    """Codes and a 0/1 matrix units x codes of who mentions what."""
    if level not in ("segment", "document"):
        raise ReportError(
            problem(
                "E504", detail=f"unknown co-occurrence level {level!r}; use segment or document"
            )
        )
    codebook = result.codebook
    ids = list(codes) if codes is not None else codebook.codable_ids
    unknown = [c for c in ids if c not in codebook]
    if unknown:
        raise ReportError(
            problem("E502", detail=f"unknown code(s) {', '.join(map(repr, unknown))}")
        )
    affirmative = mentions(result)
    if affirmative.empty:
        return ids, np.zeros((0, len(ids)), dtype=np.int64)
    if level == "document":
        affirmative = affirmative[affirmative["document"].isin(respondent_base(result))]
    keys = ["document", "segment"] if level == "segment" else ["document"]
    pairs = affirmative[affirmative["code"].isin(ids)][[*keys, "code"]].drop_duplicates()
    if pairs.empty:
        return ids, np.zeros((0, len(ids)), dtype=np.int64)
    units = pairs.groupby(keys, sort=False).ngroup().to_numpy()
    columns = pairs["code"].map({code: i for i, code in enumerate(ids)}).to_numpy()
    indicator = np.zeros((int(units.max()) + 1, len(ids)), dtype=np.int64)
    indicator[units, columns] = 1
    return ids, indicator


def cooccurrence_matrix(
    result: CodingResult,
    level: Level = "segment",
    *,
    measure: Literal["count", "jaccard"] = "count",
    codes: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Code x code matrix of co-occurrence counts (diagonal: units per code) or Jaccard indices.

    Parameters
    ----------
    result : CodingResult
    level : {"segment", "document"}
        Co-occurring in one segment, or anywhere in one respondent's interview.
    measure : {"count", "jaccard"}
    codes : sequence of str, optional
        Codes to include (default: the codable codes).

    Returns
    -------
    pandas.DataFrame
        Square and symmetric, indexed by code id on both axes.

    Examples
    --------
    >>> from qualcode.report.demo import demo_result
    >>> matrix = cooccurrence_matrix(demo_result(), "document")
    >>> int(matrix.loc["housing.search", "safety"]), int(matrix.loc["safety", "safety"])
    (2, 2)
    """
    ids, indicator = _indicator(result, level, codes)
    both = indicator.T @ indicator
    if measure == "count":
        values: np.ndarray = both
    elif measure == "jaccard":
        counts = np.diag(both)
        union = counts[:, None] + counts[None, :] - both
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(union > 0, both / np.where(union > 0, union, 1), 0.0)
    else:
        raise ReportError(
            problem("E504", detail=f"unknown measure {measure!r}; use count or jaccard")
        )
    return pd.DataFrame(values, index=pd.Index(ids, name="code"), columns=ids)


def cooccurrence(
    result: CodingResult, level: Level = "segment", *, codes: Sequence[str] | None = None
) -> pd.DataFrame:
    """Every pair of codes with how often they occur together, most frequent pairs first.

    Parameters
    ----------
    result : CodingResult
    level : {"segment", "document"}
        Together in one segment, or anywhere in one respondent's interview (documents with
        coded speech).
    codes : sequence of str, optional
        Codes to pair (default: the codable codes).

    Returns
    -------
    pandas.DataFrame
        One row per unordered pair (zeros included) with ``level``, ``code_a``, ``label_a``,
        ``code_b``, ``label_b``, ``both``, ``count_a``, ``count_b`` and ``jaccard``; sorted by
        ``both`` and then ``jaccard``, descending.

    Examples
    --------
    >>> from qualcode.report.demo import demo_result
    >>> pairs = cooccurrence(demo_result(), "document")
    >>> top = pairs.iloc[0]
    >>> top.code_a, top.code_b, int(top.both), float(top.jaccard)
    ('housing.search', 'safety', 2, 1.0)
    """
    ids, indicator = _indicator(result, level, codes)
    both = indicator.T @ indicator
    counts = np.diag(both)
    first, second = np.triu_indices(len(ids), k=1)
    together = both[first, second]
    union = counts[first] + counts[second] - together
    jaccard = np.where(union > 0, together / np.where(union > 0, union, 1), 0.0)
    codebook = result.codebook
    table = pd.DataFrame(
        {
            "level": level,
            "code_a": [ids[i] for i in first],
            "label_a": [codebook.label(ids[i]) for i in first],
            "code_b": [ids[j] for j in second],
            "label_b": [codebook.label(ids[j]) for j in second],
            "both": together.astype("int64"),
            "count_a": counts[first].astype("int64"),
            "count_b": counts[second].astype("int64"),
            "jaccard": jaccard.astype(float),
        },
        columns=COOCCURRENCE_COLUMNS,
    )
    table = table.sort_values(["both", "jaccard"], ascending=False, kind="stable")
    return table.reset_index(drop=True)
