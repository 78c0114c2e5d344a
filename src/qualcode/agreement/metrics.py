"""Agreement statistics on presence/absence ratings.

Every function takes a *ratings matrix*: one row per unit, one column per coder, ``1`` where the
coder applied the code to the unit and ``0`` where they did not (no missing values; the caller
aligns coders on shared units first). Undefined statistics are ``nan``, never a made-up 0 or 1:
kappa and alpha are undefined when every rating is the same (a code nobody used, or one every
coder applied everywhere), because chance agreement is then 1 and there is nothing to correct.

Definitions
-----------
percent agreement
    Mean over units of the share of coder pairs that agree on the unit; for two coders the share
    of units both coded the same way.
Cohen's kappa
    ``sklearn.metrics.cohen_kappa_score`` of two coders (the same number, including ``nan``).
Light's kappa
    Mean of Cohen's kappa over all coder pairs (defined pairs only).
Fleiss' kappa
    Fleiss (1971) on the per-unit category counts; equals Scott's pi for two coders.
Brennan–Prediger kappa
    ``(P_o - 1/q) / (1 - 1/q)`` with ``q = 2`` categories (present, absent): chance is uniform.
Krippendorff's alpha
    Nominal alpha from the ``krippendorff`` package.
precision, recall, F1
    Of one coder against a reference coder: ``tp / (tp + fp)``, ``tp / (tp + fn)``,
    ``2 tp / (2 tp + fp + fn)``; ``nan`` when the denominator is 0.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

__all__ = [
    "brennan_prediger",
    "category_counts",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "light_kappa",
    "percent_agreement",
    "precision_recall_f1",
    "prf_from_counts",
]

NAN = float("nan")


def _matrix(ratings: Sequence[Sequence[int]] | np.ndarray) -> np.ndarray:
    matrix = np.asarray(ratings, dtype=np.int64)
    if matrix.ndim != 2:
        raise ValueError(f"ratings must be a units x coders matrix, got shape {matrix.shape}")
    return matrix


def category_counts(ratings: Sequence[Sequence[int]] | np.ndarray) -> np.ndarray:
    """Per-unit counts of coders giving each category (units x categories), categories sorted.

    Examples
    --------
    >>> category_counts([[0, 1, 1], [0, 0, 0]]).tolist()
    [[1, 2], [3, 0]]
    """
    matrix = _matrix(ratings)
    if matrix.size == 0 or (matrix.min() >= 0 and matrix.max() <= 1):  # presence/absence
        present = matrix.sum(axis=1)
        return np.stack([matrix.shape[1] - present, present], axis=1)
    categories = np.unique(matrix)
    return np.stack([(matrix == c).sum(axis=1) for c in categories], axis=1)


def percent_agreement(ratings: Sequence[Sequence[int]] | np.ndarray) -> float:
    """Share of agreeing coder pairs, averaged over units (``nan`` without units).

    Examples
    --------
    >>> percent_agreement([[1, 1], [0, 1], [0, 0], [1, 1]])
    0.75
    """
    matrix = _matrix(ratings)
    units, coders = matrix.shape
    if units == 0 or coders < 2:
        return NAN
    counts = category_counts(matrix)
    agreeing_pairs = (counts * (counts - 1)).sum(axis=1) / (coders * (coders - 1))
    return float(agreeing_pairs.mean())


def cohen_kappa(first: Sequence[int] | np.ndarray, second: Sequence[int] | np.ndarray) -> float:
    """Cohen's kappa of two coders, exactly as ``sklearn.metrics.cohen_kappa_score``.

    Returns ``nan`` (silently) where scikit-learn warns that kappa is undefined.

    Examples
    --------
    >>> round(cohen_kappa([1, 0, 1, 0], [1, 0, 0, 0]), 3)
    0.5
    >>> cohen_kappa([0, 0, 0], [0, 0, 0])
    nan
    """
    a = np.asarray(first, dtype=np.int64)
    b = np.asarray(second, dtype=np.int64)
    if a.size == 0:
        return NAN
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # undefined kappa: scikit-learn warns and returns nan
        value = cohen_kappa_score(a, b)
    return float(value)


def light_kappa(ratings: Sequence[Sequence[int]] | np.ndarray) -> float:
    """Mean Cohen's kappa over all pairs of coders (Light 1971); ``nan`` if no pair is defined.

    Examples
    --------
    >>> round(light_kappa([[1, 1, 1], [0, 0, 1], [0, 0, 0], [1, 1, 0]]), 3)
    0.333
    """
    matrix = _matrix(ratings)
    values = [
        cohen_kappa(matrix[:, i], matrix[:, j])
        for i, j in itertools.combinations(range(matrix.shape[1]), 2)
    ]
    defined = [v for v in values if not np.isnan(v)]
    return float(np.mean(defined)) if defined else NAN


def fleiss_kappa(counts: Sequence[Sequence[int]] | np.ndarray) -> float:
    """Fleiss' kappa from a units x categories matrix of rater counts (same raters per unit).

    Examples
    --------
    The worked example of Fleiss (1971) as given on Wikipedia (10 units, 14 raters, 5 categories):

    >>> table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
    ...          [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
    ...          [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    >>> round(fleiss_kappa(table), 3)
    0.21
    """
    table = np.asarray(counts, dtype=np.float64)
    if table.ndim != 2 or table.shape[0] == 0:
        return NAN
    raters = table.sum(axis=1)
    if np.any(raters != raters[0]) or raters[0] < 2:
        raise ValueError("Fleiss' kappa needs the same number (>= 2) of ratings for every unit")
    n = raters[0]
    observed = float(((table * (table - 1)).sum(axis=1) / (n * (n - 1))).mean())
    shares = table.sum(axis=0) / table.sum()
    if np.count_nonzero(shares) < 2:
        return NAN  # one category only: chance agreement is 1, kappa undefined
    expected = float((shares**2).sum())
    return (observed - expected) / (1.0 - expected)


def brennan_prediger(ratings: Sequence[Sequence[int]] | np.ndarray, categories: int = 2) -> float:
    """Brennan–Prediger kappa: percent agreement corrected for uniform chance.

    Examples
    --------
    >>> brennan_prediger([[1, 1], [0, 1], [0, 0], [1, 1]])
    0.5
    """
    observed = percent_agreement(ratings)
    chance = 1.0 / categories
    return (observed - chance) / (1.0 - chance)


def krippendorff_alpha(ratings: Sequence[Sequence[int]] | np.ndarray) -> float:
    """Krippendorff's alpha for nominal data (``krippendorff.alpha``); ``nan`` if undefined.

    Examples
    --------
    >>> round(krippendorff_alpha([[1, 1], [0, 1], [0, 0], [1, 1]]), 3)
    0.533
    """
    matrix = _matrix(ratings)
    if matrix.shape[0] == 0 or matrix.shape[1] < 2:
        return NAN
    if np.all(matrix == matrix.flat[0]):
        return NAN  # one value only: expected disagreement is 0, alpha undefined
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = krippendorff.alpha(
            reliability_data=matrix.T.astype(np.float64),
            level_of_measurement="nominal",
            value_domain=[0.0, 1.0],
        )
    return float(value)


def precision_recall_f1(
    reference: Sequence[int] | np.ndarray, other: Sequence[int] | np.ndarray
) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``other`` against ``reference`` (``nan`` when undefined).

    Examples
    --------
    >>> precision_recall_f1([1, 1, 0, 0], [1, 0, 1, 0])
    (0.5, 0.5, 0.5)
    """
    ref = np.asarray(reference, dtype=bool)
    got = np.asarray(other, dtype=bool)
    return prf_from_counts(int((ref & got).sum()), int((~ref & got).sum()), int((ref & ~got).sum()))


def prf_from_counts(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from true positives, false positives and false negatives.

    Examples
    --------
    >>> prf_from_counts(0, 0, 0)
    (nan, nan, nan)
    """
    precision = tp / (tp + fp) if tp + fp else NAN
    recall = tp / (tp + fn) if tp + fn else NAN
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else NAN
    return precision, recall, f1
