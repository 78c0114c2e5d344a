"""Example quotes: for each code, readable quotes from distinct respondents."""

from __future__ import annotations

import pandas as pd

from qualcode.coding.result import CodingResult

__all__ = ["QUOTE_COLUMNS", "select_quotes"]

QUOTE_COLUMNS = [
    "code",
    "label",
    "rank",
    "document",
    "speaker",
    "text",
    "confidence",
    "valence",
    "start",
    "end",
]

#: Quotes of about this many words read best; much shorter or longer ones rank lower.
_IDEAL_WORDS = (8, 45)


def _readability(words: int) -> float:
    low, high = _IDEAL_WORDS
    if words < low:
        return words / low
    if words > high:
        return high / words
    return 1.0


def select_quotes(result: CodingResult, n: int = 3) -> pd.DataFrame:
    """Choose up to ``n`` quotes per codable code, each from a different document.

    Quotes that only say a factor did not matter are not chosen. Among the rest, higher
    confidence comes first, then a readable length (8-45 words), then position in the corpus.

    Returns
    -------
    pandas.DataFrame
        Columns ``code``, ``label``, ``rank`` (1..n), ``document``, ``speaker``, ``text``,
        ``confidence``, ``valence``, ``start``, ``end``.
    """
    codings = result.codings
    if codings.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    candidates = codings[~codings["negated"]].copy()
    candidates["readability"] = candidates["text"].str.split().str.len().map(_readability)
    candidates["order"] = range(len(candidates))
    candidates = candidates.sort_values(
        ["code", "confidence", "readability", "order"], ascending=[True, False, False, True]
    )
    rows = []
    for code_id in result.codebook.codable_ids:
        chosen = candidates[candidates["code"] == code_id].drop_duplicates("document").head(n)
        for rank, row in enumerate(chosen.itertuples(index=False), start=1):
            rows.append(
                {
                    "code": code_id,
                    "label": result.codebook.label(code_id),
                    "rank": rank,
                    "document": row.document,
                    "speaker": row.speaker,
                    "text": row.text,
                    "confidence": row.confidence,
                    "valence": row.valence,
                    "start": row.start,
                    "end": row.end,
                }
            )
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)
