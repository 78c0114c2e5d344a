"""Confidence intervals for shares of respondents.

A share such as "5 of 8 respondents mention housing" is a binomial proportion. The Wilson score
interval is used because, unlike the textbook normal ("Wald") interval, it stays inside [0, 1],
is not degenerate at 0/n or n/n, and keeps close to its nominal coverage for the small samples of
interview studies (Brown, Cai & DasGupta, 2001, *Statistical Science* 16(2)).
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

__all__ = ["wilson_interval", "wilson_intervals"]


def _z(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson_interval(successes: int, total: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for the proportion ``successes / total``.

    Parameters
    ----------
    successes : int
        Respondents with the property (0 <= successes <= total).
    total : int
        Respondents in the base.
    confidence : float, default 0.95

    Returns
    -------
    tuple of float
        ``(low, high)``; ``(nan, nan)`` when ``total`` is 0.

    Examples
    --------
    >>> low, high = wilson_interval(3, 10)
    >>> round(low, 4), round(high, 4)
    (0.1078, 0.6032)
    >>> wilson_interval(0, 5)[0]
    0.0
    """
    if total < 0 or successes < 0 or successes > total:
        raise ValueError(f"need 0 <= successes <= total, got {successes} of {total}")
    if total == 0:
        return (math.nan, math.nan)
    z = _z(confidence)
    p = successes / total
    z2n = z * z / total
    centre = (p + z2n / 2) / (1 + z2n)
    half = z / (1 + z2n) * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    # at 0/n and n/n the bound is exactly 0 or 1; rounding must not put it a hair outside
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == total else min(1.0, centre + half)
    return (low, high)


def wilson_intervals(
    successes: npt.ArrayLike, totals: npt.ArrayLike, confidence: float = 0.95
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Vectorised :func:`wilson_interval`: arrays of lows and highs (NaN where the total is 0).

    Examples
    --------
    >>> lows, highs = wilson_intervals([0, 3, 10], [10, 10, 10])
    >>> [round(float(x), 4) for x in lows]
    [0.0, 0.1078, 0.7225]
    """
    k = np.asarray(successes, dtype=float)
    n = np.asarray(totals, dtype=float)
    if np.any(n < 0) or np.any(k < 0) or np.any(k > n):
        raise ValueError("need 0 <= successes <= total for every pair")
    z = _z(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        z2n = z * z / n
        centre = (p + z2n / 2) / (1 + z2n)
        half = z / (1 + z2n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        low = np.where(k == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
        high = np.where(k == n, 1.0, np.clip(centre + half, 0.0, 1.0))
    empty = n == 0
    return np.where(empty, np.nan, low), np.where(empty, np.nan, high)
