"""Example quotes: for each code, the most representative quotes in the respondents' own words.

Quotes are chosen one at a time, greedily, each from a respondent not quoted yet for that code,
preferring in this order: higher confidence (to a tenth); a quote that is not a fragment (at
least ``min_words`` words); a quote holding the words that triggered the code (for rule
codings, the pattern's words: such a quote speaks for the code by itself); respondents whose
case attributes (country, route, ...) differ from those already quoted; a full, readable length
(12 to ``max_words`` words; longer ones are trimmed at clause boundaries, shorter ones say
little); a mention that says whether the factor helped or hindered (has a valence); a factual
rather than a conditional mention; a segment about this code only; and earlier in the corpus.
Negated mentions ("housing was never a problem") are never quotes. Where a code has both driver
and barrier mentions, each gets its own quotes; when together they come from fewer than ``n``
respondents, mentions of other respondents without a valence fill up to ``n`` (group
``"unspecified"``), so a code mentioned by ``n`` respondents always has ``n`` quotes.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import pandas as pd

from qualcode.coding.result import CodingResult
from qualcode.report.crosstab import case_attributes
from qualcode.report.mentions import check_codes
from qualcode.report.trim import anchor_terms, find_anchor, trim_quote

__all__ = ["ALL", "QUOTE_COLUMNS", "UNSPECIFIED", "format_locator", "select_quotes"]

QUOTE_COLUMNS = [
    "code",
    "label",
    "group",
    "rank",
    "document",
    "speaker",
    "locator",
    "line",
    "start_time",
    "attributes",
    "text",
    "trimmed",
    "segment_text",
    "confidence",
    "valence",
    "stage",
    "hypothetical",
    "segment",
    "start",
    "end",
]
#: The quote group of a code whose mentions are not split into drivers and barriers.
ALL = "all"
#: The quote group of mentions without a valence, beside a code's drivers and barriers.
UNSPECIFIED = "unspecified"
_VALENCES = ("driver", "barrier")
#: Quotes shorter than this say little on their own (but are not fragments).
_FULL_WORDS = 12


def format_locator(line: object, start_time: object) -> str:
    """Where a quote is: its timestamp when the source has one, else its line.

    Examples
    --------
    >>> format_locator(42, None)
    'line 42'
    >>> format_locator(42, 3723.5)
    '1:02:03'
    """
    if isinstance(start_time, numbers.Real) and not pd.isna(start_time):
        seconds = int(float(start_time))
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    if isinstance(line, numbers.Real) and not pd.isna(line):
        return f"line {int(float(line))}"
    return ""


def _candidates(result: CodingResult, vary: Sequence[str]) -> pd.DataFrame:
    codings = result.codings
    frame = codings[~codings["negated"].fillna(False).astype(bool)].copy()
    frame["document"] = frame["document"].astype(str)
    frame["order"] = range(len(frame))
    segments = result.segments
    located = [c for c in ("line", "start_time") if c in segments.columns]
    if located and len(frame):
        keyed = segments[["document", "segment", *located]].assign(
            document=segments["document"].astype(str)
        )
        frame = frame.merge(
            keyed.drop_duplicates(["document", "segment"]), on=["document", "segment"], how="left"
        )
    for column in ("line", "start_time"):
        if column not in frame:
            frame[column] = None
    # codes per segment: a quote about one thing represents it better
    frame["codes_here"] = frame.groupby(["document", "segment"])["code"].transform("nunique")
    frame["words"] = frame["text"].fillna("").astype(str).str.split().str.len()
    # the words that triggered the code are in the quote itself: it speaks for the code alone
    frame["anchored"] = [
        find_anchor(str(text).split(), anchor_terms(_text(pattern))) is not None
        for text, pattern in zip(frame["text"], frame["pattern"], strict=True)
    ]
    attributes = result.documents.assign(document=result.documents["document"].astype(str))
    attributes = attributes.set_index("document").reindex(columns=list(vary))
    for attribute in vary:
        frame[f"_attr_{attribute}"] = frame["document"].map(attributes[attribute])
    return frame


def _describe(row: pd.Series, vary: Sequence[str]) -> str:
    parts = []
    for attribute in vary:
        value = row[f"_attr_{attribute}"]
        if value is not None and not pd.isna(value) and str(value).strip():
            parts.append(f"{attribute}: {value}")
    return "; ".join(parts)


def _choose(
    pool: pd.DataFrame, n: int, vary: Sequence[str], min_words: int, max_words: int
) -> list[pd.Series]:
    chosen: list[pd.Series] = []
    seen: dict[str, set[str]] = {attribute: set() for attribute in vary}
    used: set[str] = set()
    while len(chosen) < n:
        left = pool[~pool["document"].isin(used)]
        if left.empty:
            break
        novelty = pd.Series(0, index=left.index)
        for attribute in vary:
            values = left[f"_attr_{attribute}"]
            novelty += (values.notna() & ~values.astype(str).isin(seen[attribute])).astype(int)
        words = left["words"]
        ranked = pd.DataFrame(
            {
                "confidence": left["confidence"].astype(float).round(1),
                "not_fragment": words >= min_words,
                "anchored": left["anchored"],
                "novelty": novelty,
                "full": (words >= _FULL_WORDS) & (words <= max_words),
                "evaluative": left["valence"].notna(),
                "factual": ~left["hypothetical"].fillna(False).astype(bool),
                "focus": -left["codes_here"],
                "order": -left["order"],
            }
        )
        best = ranked.sort_values(list(ranked.columns), ascending=False, kind="stable").index[0]
        row = left.loc[best]
        chosen.append(row)
        used.add(str(row["document"]))
        for attribute in vary:
            value = row[f"_attr_{attribute}"]
            if value is not None and not pd.isna(value):
                seen[attribute].add(str(value))
    return chosen


def select_quotes(
    result: CodingResult,
    n: int = 3,
    *,
    max_words: int = 45,
    min_words: int = 6,
    by_valence: bool = True,
    vary: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Choose up to ``n`` quotes per code (and per valence), each from a different respondent.

    Parameters
    ----------
    result : CodingResult
    n : int, default 3
        Quotes per code, or per code and valence.
    max_words : int, default 45
        Longer quotes are trimmed at sentence or clause boundaries, marked ``[…]``.
    min_words : int, default 6
        Shorter quotes are chosen only when nothing longer is left.
    by_valence : bool, default True
        For a code with both driver and barrier mentions, choose ``n`` of each; if they come
        from fewer than ``n`` respondents, add mentions without a valence from others, up to
        ``n`` respondents in all.
    vary : sequence of str, optional
        Case attributes to spread the quotes over (default: all of them).

    Returns
    -------
    pandas.DataFrame
        One row per quote, codes in codebook order, with ``code``, ``label``, ``group``
        (``"driver"``, ``"barrier"``, ``"unspecified"`` or ``"all"``), ``rank`` (1..n in its
        group), ``document``, ``speaker``, ``locator`` (timestamp, else ``line N``), ``line``,
        ``start_time``, ``attributes`` (``name: value; ...``), ``text`` (the quote, trimmed),
        ``trimmed``, ``segment_text`` (the whole segment), ``confidence``, ``valence``, ``stage``,
        ``hypothetical``, ``segment``, ``start`` and ``end``.

    Examples
    --------
    >>> from qualcode.report.demo import demo_result
    >>> quotes = select_quotes(demo_result(), n=3)
    >>> for quote in quotes[quotes["code"] == "housing.search"].itertuples():
    ...     print(quote.document, quote.locator, quote.text)
    r1 line 2 The rent was so high and finding a flat took us four months.
    r3 line 2 Finding a flat in Utrecht was a nightmare, honestly.
    """
    check_codes(result)
    codebook = result.codebook
    vary = list(vary) if vary is not None else case_attributes(result)
    if result.codings.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    candidates = _candidates(result, vary)
    coded = set(candidates["code"])
    rows = []
    for code in codebook.codes:
        if not (code.codable or code.id in coded):
            continue
        pool = candidates[candidates["code"] == code.id]
        chosen = [(ALL, _choose(pool, n, vary, min_words, max_words))]
        if by_valence and all((pool["valence"] == v).any() for v in _VALENCES):
            chosen = [(v, _choose(pool[pool["valence"] == v], n, vary, min_words, max_words))
                      for v in _VALENCES]  # fmt: skip
            # too few drivers and barriers: other respondents' mentions without a valence
            quoted = {str(row["document"]) for _, rows in chosen for row in rows}
            rest = pool[~pool["valence"].isin(_VALENCES) & ~pool["document"].isin(quoted)]
            missing = n - len(quoted)
            if missing > 0 and not rest.empty:
                chosen.append((UNSPECIFIED, _choose(rest, missing, vary, min_words, max_words)))
        for group, picked in chosen:
            for rank, row in enumerate(picked, 1):
                text, trimmed = trim_quote(
                    str(row["text"]), max_words, anchor=anchor_terms(_text(row["pattern"]))
                )
                rows.append(
                    {
                        "code": code.id,
                        "label": code.label,
                        "group": group,
                        "rank": rank,
                        "document": row["document"],
                        "speaker": row["speaker"],
                        "locator": format_locator(row["line"], row["start_time"]),
                        "line": row["line"],
                        "start_time": row["start_time"],
                        "attributes": _describe(row, vary),
                        "text": text,
                        "trimmed": trimmed,
                        "segment_text": row["text"],
                        "confidence": row["confidence"],
                        "valence": row["valence"],
                        "stage": row["stage"],
                        "hypothetical": bool(row["hypothetical"]),
                        "segment": row["segment"],
                        "start": row["start"],
                        "end": row["end"],
                    }
                )
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
