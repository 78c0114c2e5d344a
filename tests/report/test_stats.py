from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binomtest

from qualcode.report.stats import wilson_interval, wilson_intervals

# Wilson score intervals without continuity correction as published by Newcombe (1998),
# "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17,
# Table II, method 3; and small cases computed by hand from the formula (z = 1.959964).
PUBLISHED = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
    (1, 2, 0.0945, 0.9055),  # by hand: centre 0.5, half-width 0.4055
    (2, 4, 0.1500, 0.8500),
    (3, 4, 0.3006, 0.9544),
    (3, 10, 0.1078, 0.6032),
]


@pytest.mark.parametrize("k,n,low,high", PUBLISHED)
def test_matches_published_and_hand_computed_values(k, n, low, high) -> None:
    got_low, got_high = wilson_interval(k, n)
    assert got_low == pytest.approx(low, abs=5e-5)
    assert got_high == pytest.approx(high, abs=5e-5)


def test_bounds_at_the_extremes_are_exact_and_empty_base_is_nan() -> None:
    assert wilson_interval(0, 7)[0] == 0.0
    assert wilson_interval(7, 7)[1] == 1.0
    assert all(math.isnan(x) for x in wilson_interval(0, 0))
    lows, highs = wilson_intervals([0, 1], [0, 2])
    assert math.isnan(lows[0]) and math.isnan(highs[0])


def test_other_confidence_levels_narrow_and_widen() -> None:
    ninety = wilson_interval(5, 20, 0.90)
    ninety_nine = wilson_interval(5, 20, 0.99)
    ninety_five = wilson_interval(5, 20)
    assert ninety_nine[0] < ninety_five[0] < ninety[0] < 0.25 < ninety[1] < ninety_five[1]


@pytest.mark.parametrize("k,n,confidence", [(3, 2, 0.95), (-1, 4, 0.95), (1, 4, 1.0)])
def test_rejects_impossible_input(k, n, confidence) -> None:
    with pytest.raises(ValueError):
        wilson_interval(k, n, confidence)


@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_agrees_with_scipy_and_contains_the_share(pair) -> None:
    k, n = pair
    low, high = wilson_interval(k, n)
    reference = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    assert low == pytest.approx(reference.low, abs=1e-9)
    assert high == pytest.approx(reference.high, abs=1e-9)
    assert 0.0 <= low <= k / n <= high <= 1.0
    lows, highs = wilson_intervals([k], [n])
    assert (lows[0], highs[0]) == pytest.approx((low, high))
    assert isinstance(lows, np.ndarray)
