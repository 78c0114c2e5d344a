"""Crosstabs: how many respondents of each group (country of origin, route, ...) mention a code.

The groups come from a case attribute of the documents table. Each cell is a share of the
group's respondents with a Wilson interval; groups with fewer than ``min_base`` respondents are
flagged (``low_base``), never hidden. Respondents without a value for the attribute form their
own group, ``"(missing)"``, so nobody silently drops out of the table.
"""

from __future__ import annotations

import warnings

import pandas as pd

from qualcode.coding.result import CodingResult
from qualcode.errors import ReportError, problem
from qualcode.report.mentions import mentions, respondent_base
from qualcode.report.stats import wilson_intervals
from qualcode.tables import DOCUMENT_COLUMNS

__all__ = [
    "CROSSTAB_COLUMNS",
    "MISSING",
    "case_attributes",
    "crosstab",
    "default_attributes",
]

CROSSTAB_COLUMNS = [
    "attribute",
    "value",
    "code",
    "label",
    "depth",
    "codable",
    "base_documents",
    "documents",
    "share_documents",
    "share_ci_low",
    "share_ci_high",
    "low_base",
]
#: The group of respondents who have no value for the attribute.
MISSING = "(missing)"


def case_attributes(result: CodingResult) -> list[str]:
    """The case attributes of the documents table (the columns after the documented ones).

    Examples
    --------
    >>> from qualcode.report.demo import demo_result
    >>> case_attributes(demo_result())
    ['country', 'route']
    """
    return [str(c) for c in result.documents.columns if c not in DOCUMENT_COLUMNS]


def default_attributes(result: CodingResult, *, max_values: int = 30) -> list[str]:
    """Attributes worth a crosstab by default: text values that group respondents.

    An attribute qualifies when it has 2 to ``max_values`` distinct values among the respondents
    and fewer values than respondents (an attribute with a different value for everyone, like a
    city in a small study, groups nobody). Numeric attributes (years, ages) are left out: as
    categories every value would be its own group; bin them in the attributes file, or pass them
    to :func:`crosstab` explicitly.
    """
    base = set(respondent_base(result))
    documents = result.documents[result.documents["document"].astype(str).isin(base)]
    chosen = []
    for attribute in case_attributes(result):
        values = documents[attribute].dropna().astype(str).str.strip()
        values = values[values != ""]
        numeric = pd.to_numeric(values, errors="coerce").notna().all()
        distinct = values.nunique()
        if not numeric and 2 <= distinct <= max_values and distinct < len(values):
            chosen.append(attribute)
    return chosen


def _groups(result: CodingResult, attribute: str, base: list[str]) -> pd.Series:
    """document -> group value, for the respondent base (missing values as ``MISSING``)."""
    available = case_attributes(result)
    if attribute not in available:
        raise ReportError(
            problem(
                "E505",
                attribute=attribute,
                available=", ".join(available)
                or "no attributes (add an attributes.csv beside the transcripts)",
            )
        )
    documents = result.documents.assign(document=result.documents["document"].astype(str))
    values = documents.set_index("document")[attribute].reindex(base)
    values = values.astype(object).where(values.notna(), None)
    values = values.map(lambda v: MISSING if v is None or not str(v).strip() else str(v).strip())
    missing = values.index[values == MISSING].tolist()
    if missing:
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        warnings.warn(
            f"{len(missing)} of {len(base)} respondents have no {attribute!r} "
            f"({shown}); they are reported as {MISSING!r}",
            stacklevel=3,
        )
    return values


def crosstab(
    result: CodingResult,
    attribute: str,
    *,
    min_base: int = 5,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Respondents mentioning each code, per group of a case attribute, with intervals.

    Parameters
    ----------
    result : CodingResult
    attribute : str
        A column of the documents table (from ``attributes.csv``), e.g. ``"country_of_origin"``.
    min_base : int, default 5
        Groups with fewer respondents are flagged ``low_base``: their shares are too uncertain
        to compare (the interval shows how much).
    confidence : float, default 0.95
        Level of the Wilson interval.

    Returns
    -------
    pandas.DataFrame
        One row per code (codebook order) and group (largest first), with ``attribute``,
        ``value``, ``code``, ``label``, ``depth``, ``codable``, ``base_documents`` (respondents in
        the group), ``documents`` (of them, those mentioning the code), ``share_documents``,
        ``share_ci_low``, ``share_ci_high`` and ``low_base``. Parent codes roll up their
        children; negated mentions do not count (see :mod:`qualcode.report.mentions`).

    Raises
    ------
    ReportError
        ``E505`` when the documents have no such attribute.

    Examples
    --------
    >>> from qualcode.report.demo import demo_result
    >>> table = crosstab(demo_result(), "route")
    >>> table.pivot(index="code", columns="value", values="documents").loc["housing"].to_dict()
    {'study': 1, 'work': 2}
    >>> table.query("code == 'housing' and value == 'work'")[["base_documents", "low_base"]]
       base_documents  low_base
    0               3      True
    """
    codebook = result.codebook
    base = respondent_base(result)
    groups = _groups(result, attribute, base)
    sizes = groups.value_counts()
    order = sorted(sizes.index, key=lambda v: (v == MISSING, -sizes[v], v))
    affirmative = mentions(result)
    if len(affirmative):
        affirmative = affirmative[affirmative["document"].isin(base)]
        pairs = affirmative[["document", "code"]].drop_duplicates()
        pairs = pairs.assign(value=pairs["document"].map(groups))
        counts = pairs.groupby(["code", "value"]).size()
    else:
        counts = pd.Series(dtype="int64")
    index = pd.MultiIndex.from_product([codebook.ids, order], names=["code", "value"])
    table = counts.reindex(index, fill_value=0).rename("documents").reset_index()
    table["documents"] = table["documents"].astype("int64")
    table["base_documents"] = table["value"].map(sizes).astype("int64")
    table["share_documents"] = table["documents"] / table["base_documents"]
    low, high = wilson_intervals(table["documents"], table["base_documents"], confidence)
    table["share_ci_low"] = low
    table["share_ci_high"] = high
    table["low_base"] = table["base_documents"] < min_base
    table["attribute"] = attribute
    table["label"] = table["code"].map(codebook.label)
    table["depth"] = table["code"].map(codebook.depth)
    table["codable"] = table["code"].map(lambda c: codebook[c].codable)
    return table[CROSSTAB_COLUMNS]
