"""Per-code frequencies at three levels: coded segments, respondents, share of respondents.

What counts is defined once in :mod:`qualcode.report.mentions`: negated mentions are counted
apart and never as drivers or barriers, parent codes roll up their children, and the share's
denominator is the documents with coded (respondent) speech.
"""

from __future__ import annotations

import pandas as pd

from qualcode.coding.result import CodingResult
from qualcode.report.mentions import (
    expanded_codings,
    mentions,
    respondent_base,
    segment_words,
)
from qualcode.report.stats import wilson_intervals

__all__ = [
    "FACET_COLUMNS",
    "FREQUENCY_COLUMNS",
    "SALIENCE_COLUMNS",
    "UNSPECIFIED",
    "frequencies",
    "frequencies_by",
    "salience",
]

FREQUENCY_COLUMNS = [
    "code",
    "label",
    "parent",
    "depth",
    "codable",
    "segments",
    "documents",
    "base_documents",
    "share_documents",
    "share_ci_low",
    "share_ci_high",
    "driver_segments",
    "barrier_segments",
    "driver_documents",
    "barrier_documents",
    "hypothetical_segments",
    "negated_segments",
    "negated_documents",
    "salience_mean",
    "salience_median",
]
FACET_COLUMNS = [
    "code",
    "label",
    "depth",
    "codable",
    "facet",
    "value",
    "segments",
    "documents",
    "base_documents",
    "share_documents",
    "share_ci_low",
    "share_ci_high",
]
SALIENCE_COLUMNS = ["document", "code", "label", "code_words", "words", "salience"]

#: The value of a facet split for mentions where the facet was not recorded.
UNSPECIFIED = "unspecified"

_UNIT = ["document", "segment"]


def _count(frame: pd.DataFrame, keys: list[str], index: list[str]) -> pd.Series:
    """Distinct ``keys`` per code, for every code in ``index`` (zeros included)."""
    if frame.empty:
        return pd.Series(0, index=index, dtype="int64")
    counts = frame.drop_duplicates([*keys, "code"]).groupby("code").size()
    return counts.reindex(index, fill_value=0).astype("int64")


def frequencies(result: CodingResult, *, confidence: float = 0.95) -> pd.DataFrame:
    """How often each code comes up, among how many respondents, with what certainty.

    Every code of the codebook has a row, zeros included, so a factor nobody mentioned is
    visible. Parent codes count a segment or respondent once however many children it carries.

    Parameters
    ----------
    result : CodingResult
    confidence : float, default 0.95
        Level of the Wilson interval of ``share_documents``.

    Returns
    -------
    pandas.DataFrame
        In codebook order, with columns:

        ``code``, ``label``, ``parent``, ``depth``, ``codable``
            the code and where it sits in the tree;
        ``segments``
            coded segments that mention the code (negated ones excluded);
        ``documents``, ``base_documents``, ``share_documents``
            respondents who mention it, respondents with coded speech, and their ratio;
        ``share_ci_low``, ``share_ci_high``
            Wilson interval of the share;
        ``driver_segments``, ``barrier_segments``, ``driver_documents``, ``barrier_documents``
            mentions recorded as a driver or a barrier (valence facet);
        ``hypothetical_segments``
            segments whose every mention is conditional ("if ..., we would leave");
        ``negated_segments``, ``negated_documents``
            segments where the code is only mentioned to say it did not matter, and respondents
            who only ever mention it that way;
        ``salience_mean``, ``salience_median``
            across respondents (zeros included), the share of a respondent's coded words that
            lie in segments mentioning the code (see :func:`salience`).

    Examples
    --------
    >>> from qualcode.report.demo import demo_result
    >>> table = frequencies(demo_result())
    >>> table[["code", "segments", "documents", "base_documents", "share_ci_low"]].round(3)
                 code  segments  documents  base_documents  share_ci_low
    0         housing         3          3               4         0.301
    1  housing.search         2          2               4         0.150
    2    housing.cost         2          2               4         0.150
    3          policy         1          1               4         0.046
    4   policy.ruling         1          1               4         0.046
    5          safety         2          2               4         0.150
    """
    codebook = result.codebook
    ids = codebook.ids
    base = respondent_base(result)
    expanded = expanded_codings(result)
    affirmative = mentions(result)
    in_base = affirmative[affirmative["document"].isin(base)] if len(affirmative) else affirmative
    documents = _count(in_base, ["document"], ids)
    base_documents = len(base)
    low, high = wilson_intervals(documents.to_numpy(), [base_documents] * len(ids), confidence)

    def by_valence(value: str, keys: list[str]) -> pd.Series:
        frame = in_base if keys == ["document"] else affirmative
        if frame.empty:
            return _count(frame, keys, ids)
        return _count(frame[frame["valence"] == value], keys, ids)

    units = (
        expanded.groupby([*_UNIT, "code"])[["negated", "hypothetical"]].all().reset_index()
        if len(expanded)
        else pd.DataFrame(columns=[*_UNIT, "code", "negated", "hypothetical"])
    )
    negated_units = units[units["negated"].astype(bool)]
    # hypothetical: every *mention* in the unit is conditional (negated codings do not count)
    hypothetical_units = (
        affirmative.groupby([*_UNIT, "code"])["hypothetical"].all().reset_index()
        if len(affirmative)
        else units.iloc[0:0]
    )
    hypothetical_units = hypothetical_units[hypothetical_units["hypothetical"].astype(bool)]
    negated_only = _negated_only_documents(negated_units, in_base, base)
    scores = salience(result)
    by_code = scores.groupby("code")["salience"] if len(scores) else None
    table = pd.DataFrame(
        {
            "code": ids,
            "label": [codebook[c].label for c in ids],
            "parent": [codebook[c].parent or "" for c in ids],
            "depth": [codebook.depth(c) for c in ids],
            "codable": [codebook[c].codable for c in ids],
            "segments": _count(affirmative, _UNIT, ids).to_numpy(),
            "documents": documents.to_numpy(),
            "base_documents": base_documents,
            "share_documents": documents.to_numpy() / base_documents
            if base_documents
            else float("nan"),
            "share_ci_low": low,
            "share_ci_high": high,
            "driver_segments": by_valence("driver", _UNIT).to_numpy(),
            "barrier_segments": by_valence("barrier", _UNIT).to_numpy(),
            "driver_documents": by_valence("driver", ["document"]).to_numpy(),
            "barrier_documents": by_valence("barrier", ["document"]).to_numpy(),
            "hypothetical_segments": _count(hypothetical_units, _UNIT, ids).to_numpy(),
            "negated_segments": _count(negated_units, _UNIT, ids).to_numpy(),
            "negated_documents": negated_only.reindex(ids, fill_value=0).to_numpy(),
            "salience_mean": by_code.mean().reindex(ids).to_numpy()
            if by_code is not None
            else float("nan"),
            "salience_median": by_code.median().reindex(ids).to_numpy()
            if by_code is not None
            else float("nan"),
        },
        columns=FREQUENCY_COLUMNS,
    )
    return table


def _negated_only_documents(
    negated_units: pd.DataFrame, affirmative: pd.DataFrame, base: list[str]
) -> pd.Series:
    """Per code, respondents with a negated mention and no other mention of the code."""
    if negated_units.empty:
        return pd.Series(dtype="int64")
    negated = negated_units[negated_units["document"].isin(base)][["document", "code"]]
    negated = negated.drop_duplicates()
    if len(affirmative):
        mentioned = affirmative[["document", "code"]].drop_duplicates().assign(_seen=True)
        negated = negated.merge(mentioned, on=["document", "code"], how="left")
        negated = negated[negated["_seen"].isna()]
    return negated.groupby("code").size()


def frequencies_by(result: CodingResult, facet: str, *, confidence: float = 0.95) -> pd.DataFrame:
    """Frequencies split by a facet: valence (driver, barrier) or decision stage.

    One row per code and facet value, in codebook order, values in the codebook's order and then
    ``"unspecified"`` (mentions where the facet was not recorded). Negated mentions are left out.
    A respondent who mentions housing once as a driver and once as a barrier counts in both rows.

    Parameters
    ----------
    result : CodingResult
    facet : {"valence", "stage"}
    confidence : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        Columns ``code``, ``label``, ``depth``, ``codable``, ``facet``, ``value``, ``segments``,
        ``documents``, ``base_documents``, ``share_documents``, ``share_ci_low``,
        ``share_ci_high`` (as in :func:`frequencies`).

    Examples
    --------
    >>> from qualcode.report.demo import demo_result
    >>> by_stage = frequencies_by(demo_result(), "stage")
    >>> by_stage.query("code == 'housing'")[["value", "documents"]].values.tolist()
    [['choose_nl', 0], ['stay', 0], ['leave', 2], ['unspecified', 2]]
    """
    codebook = result.codebook
    ids = codebook.ids
    base = respondent_base(result)
    affirmative = mentions(result)
    declared = list(codebook.facets[facet].values) if facet in codebook.facets else []
    if len(affirmative):
        recorded = affirmative[facet].where(affirmative[facet].notna(), UNSPECIFIED).astype(str)
        affirmative = affirmative.assign(value=recorded)
        found = [v for v in pd.unique(recorded) if v not in declared and v != UNSPECIFIED]
    else:
        affirmative = affirmative.assign(value=pd.Series(dtype=object))
        found = []
    values = [*declared, *sorted(found), UNSPECIFIED]
    in_base = affirmative[affirmative["document"].isin(base)]
    parts = []
    for value in values:
        documents = _count(in_base[in_base["value"] == value], ["document"], ids).to_numpy()
        low, high = wilson_intervals(documents, [len(base)] * len(ids), confidence)
        parts.append(
            pd.DataFrame(
                {
                    "code": ids,
                    "label": [codebook[c].label for c in ids],
                    "depth": [codebook.depth(c) for c in ids],
                    "codable": [codebook[c].codable for c in ids],
                    "facet": facet,
                    "value": value,
                    "segments": _count(
                        affirmative[affirmative["value"] == value], _UNIT, ids
                    ).to_numpy(),
                    "documents": documents,
                    "base_documents": len(base),
                    "share_documents": documents / len(base) if base else float("nan"),
                    "share_ci_low": low,
                    "share_ci_high": high,
                }
            )
        )
    table = pd.concat(parts, ignore_index=True)
    order = {code: i for i, code in enumerate(ids)}
    table = table.sort_values("code", key=lambda c: c.map(order), kind="stable")
    return table.reset_index(drop=True)[FACET_COLUMNS]


def salience(result: CodingResult) -> pd.DataFrame:
    """Per respondent and code: the share of the respondent's coded words spent on the code.

    A respondent's coded words are the words of their coded segments (by default, everything they
    say); the code's words are those of the segments that mention it (negated ones excluded).
    A parent code counts each segment once.

    Returns
    -------
    pandas.DataFrame
        One row per respondent (documents with coded speech) and code, with ``document``,
        ``code``, ``label``, ``code_words``, ``words`` and ``salience`` (NaN when the
        respondent's segments are unknown).

    Examples
    --------
    >>> from qualcode.report.demo import demo_result
    >>> scores = salience(demo_result())
    >>> scores.query("code == 'safety'")[["document", "code_words", "words"]].values.tolist()
    [['r1', 14, 27], ['r2', 0, 18], ['r3', 11, 20], ['r4', 0, 10]]
    """
    codebook = result.codebook
    base = respondent_base(result)
    if not base:
        return pd.DataFrame(columns=SALIENCE_COLUMNS)
    words = segment_words(result)
    totals = words.groupby("document")["words"].sum().reindex(base, fill_value=0)
    affirmative = mentions(result)
    if len(affirmative) and len(words):
        units = affirmative.drop_duplicates([*_UNIT, "code"])[[*_UNIT, "code"]]
        units = units.merge(words.astype({"segment": units["segment"].dtype}), on=_UNIT, how="left")
        code_words = units.groupby(["document", "code"])["words"].sum()
    else:
        code_words = pd.Series(dtype="int64")
    index = pd.MultiIndex.from_product([base, codebook.ids], names=["document", "code"])
    table = code_words.reindex(index, fill_value=0).rename("code_words").reset_index()
    table["code_words"] = table["code_words"].fillna(0).astype("int64")
    table["words"] = table["document"].map(totals).astype("int64")
    table["salience"] = table["code_words"].where(table["words"] > 0) / table["words"].where(
        table["words"] > 0
    )
    table["label"] = table["code"].map(codebook.label)
    return table[SALIENCE_COLUMNS]
