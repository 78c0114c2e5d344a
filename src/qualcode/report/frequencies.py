"""Per-code frequencies: coded segments, documents (respondents) mentioning a code, their share."""

from __future__ import annotations

import pandas as pd

from qualcode.coding.result import CodingResult

__all__ = ["FREQUENCY_COLUMNS", "frequencies"]

FREQUENCY_COLUMNS = [
    "code",
    "label",
    "parent",
    "depth",
    "codable",
    "segments",
    "documents",
    "share_documents",
    "negated_segments",
    "driver_segments",
    "barrier_segments",
]


def frequencies(result: CodingResult) -> pd.DataFrame:
    """How often each code occurs, for every code of the codebook (zeros included).

    A parent code's row counts the segments and documents coded with it *or any descendant*
    (a document mentioning two housing sub-codes counts once for ``housing``).

    Parameters
    ----------
    result : CodingResult

    Returns
    -------
    pandas.DataFrame
        Columns ``code``, ``label``, ``parent``, ``depth``, ``codable``, ``segments`` (coded
        segments), ``documents`` (documents with at least one), ``share_documents`` (documents /
        all documents coded), ``negated_segments`` (mentions saying the factor did not matter),
        ``driver_segments`` and ``barrier_segments`` (by valence). In codebook order.

    Examples
    --------
    >>> result = qualcode.code(corpus, codebook)  # doctest: +SKIP
    >>> frequencies(result).sort_values("documents", ascending=False).head()  # doctest: +SKIP
    """
    codebook = result.codebook
    codings = result.codings
    n_documents = len(result.documents)
    rows = []
    for code in codebook.codes:
        members = {code.id, *codebook.descendants(code.id)}
        subset = codings[codings["code"].isin(members)]
        units = subset.drop_duplicates(["document", "segment"])
        documents = subset["document"].nunique()
        rows.append(
            {
                "code": code.id,
                "label": code.label,
                "parent": code.parent or "",
                "depth": codebook.depth(code.id),
                "codable": code.codable,
                "segments": len(units),
                "documents": documents,
                "share_documents": documents / n_documents if n_documents else float("nan"),
                "negated_segments": int(
                    units["negated"].sum() if len(members) == 1 else _all_negated(subset)
                ),
                "driver_segments": _segments_with(subset, "valence", "driver"),
                "barrier_segments": _segments_with(subset, "valence", "barrier"),
            }
        )
    return pd.DataFrame(rows, columns=FREQUENCY_COLUMNS)


def _segments_with(codings: pd.DataFrame, column: str, value: str) -> int:
    return int(codings[codings[column] == value].drop_duplicates(["document", "segment"]).shape[0])


def _all_negated(codings: pd.DataFrame) -> int:
    if codings.empty:
        return 0
    grouped = codings.groupby(["document", "segment"])["negated"].all()
    return int(grouped.sum())
