"""Agreement statistics: known values, scikit-learn and krippendorff cross-checks, properties."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score, f1_score, precision_score, recall_score

from qualcode.agreement import metrics

binary_pairs = st.integers(min_value=1, max_value=40).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 1), min_size=n, max_size=n),
        st.lists(st.integers(0, 1), min_size=n, max_size=n),
    )
)
ratings_matrices = st.integers(min_value=1, max_value=30).flatmap(
    lambda n: st.integers(min_value=2, max_value=5).flatmap(
        lambda m: st.lists(
            st.lists(st.integers(0, 1), min_size=m, max_size=m), min_size=n, max_size=n
        )
    )
)


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


@given(binary_pairs)
def test_cohen_kappa_is_exactly_sklearns_including_undefined_cases(pair) -> None:
    first, second = pair
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scikit-learn warns where kappa is undefined (nan)
        expected = cohen_kappa_score(first, second)
    assert same(metrics.cohen_kappa(first, second), float(expected))


@given(binary_pairs)
def test_kappa_is_symmetric_and_bounded(pair) -> None:
    first, second = pair
    forward, backward = metrics.cohen_kappa(first, second), metrics.cohen_kappa(second, first)
    assert same(forward, backward)
    assert math.isnan(forward) or -1.0 <= forward <= 1.0


@given(st.lists(st.integers(0, 1), min_size=1, max_size=40))
def test_identical_codings_give_one_unless_undefined(values) -> None:
    matrix = np.array([values, values]).T
    expected = 1.0 if len(set(values)) == 2 else float("nan")
    for statistic in (
        metrics.cohen_kappa(values, values),
        metrics.fleiss_kappa(metrics.category_counts(matrix)),
        metrics.krippendorff_alpha(matrix),
    ):
        assert same(round(statistic, 12), expected)
    assert metrics.percent_agreement(matrix) == 1.0
    assert metrics.brennan_prediger(matrix) == 1.0


@settings(max_examples=60)
@given(ratings_matrices)
def test_multi_coder_statistics_stay_in_range(matrix) -> None:
    ratings = np.array(matrix)
    agreement = metrics.percent_agreement(ratings)
    assert 0.0 <= agreement <= 1.0
    for value in (
        metrics.fleiss_kappa(metrics.category_counts(ratings)),
        metrics.brennan_prediger(ratings),
        metrics.light_kappa(ratings),
        metrics.krippendorff_alpha(ratings),
    ):
        assert math.isnan(value) or -1.0 - 1e-12 <= value <= 1.0 + 1e-12
    # the coders' order does not matter
    flipped = ratings[:, ::-1]
    assert metrics.percent_agreement(flipped) == pytest.approx(agreement)
    assert same(
        round(metrics.fleiss_kappa(metrics.category_counts(flipped)), 12),
        round(metrics.fleiss_kappa(metrics.category_counts(ratings)), 12),
    )


def test_fleiss_kappa_of_two_coders_is_scotts_pi() -> None:
    first = np.array([1, 1, 0, 0, 1, 0, 0, 0, 1, 1])
    second = np.array([1, 0, 0, 0, 1, 0, 1, 0, 1, 1])
    observed = (first == second).mean()
    share = (first.sum() + second.sum()) / 20
    expected = share**2 + (1 - share) ** 2
    scott = (observed - expected) / (1 - expected)
    matrix = np.stack([first, second], axis=1)
    assert metrics.fleiss_kappa(metrics.category_counts(matrix)) == pytest.approx(scott)


def test_fleiss_kappa_matches_the_published_worked_example() -> None:
    # Fleiss (1971) as reproduced on Wikipedia: kappa = 0.210
    table = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    assert metrics.fleiss_kappa(table) == pytest.approx(0.20993, abs=1e-5)


def test_fleiss_kappa_refuses_unequal_rater_counts() -> None:
    with pytest.raises(ValueError, match="same number"):
        metrics.fleiss_kappa([[1, 1], [2, 1]])


def test_krippendorff_alpha_matches_the_textbook_relation_to_scotts_pi() -> None:
    # two coders, no missing data: alpha = 1 - (2n - 1) / (2n) * (1 - pi)
    first = np.array([1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1])
    second = np.array([1, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0])
    matrix = np.stack([first, second], axis=1)
    pi = metrics.fleiss_kappa(metrics.category_counts(matrix))
    n = len(first)
    assert metrics.krippendorff_alpha(matrix) == pytest.approx(1 - (2 * n - 1) / (2 * n) * (1 - pi))


def test_nobody_using_a_code_gives_nan_not_a_number_that_looks_like_agreement() -> None:
    matrix = np.zeros((5, 2), dtype=int)
    assert math.isnan(metrics.cohen_kappa(matrix[:, 0], matrix[:, 1]))
    assert math.isnan(metrics.fleiss_kappa(metrics.category_counts(matrix)))
    assert math.isnan(metrics.krippendorff_alpha(matrix))
    assert metrics.percent_agreement(matrix) == 1.0  # they did agree it is absent
    assert math.isnan(metrics.light_kappa(np.zeros((5, 3), dtype=int)))


def test_brennan_prediger_is_chance_corrected_agreement_with_two_categories() -> None:
    assert metrics.brennan_prediger([[1, 0], [0, 1]]) == -1.0
    assert metrics.brennan_prediger([[1, 1], [0, 1]]) == 0.0


def test_percent_agreement_of_three_coders_counts_agreeing_pairs() -> None:
    # unit 1: all agree (3/3 pairs); unit 2: one dissents (1/3 pairs)
    assert metrics.percent_agreement([[1, 1, 1], [1, 1, 0]]) == pytest.approx(2 / 3)


@given(binary_pairs)
def test_precision_recall_f1_match_sklearn(pair) -> None:
    reference, other = pair
    p, r, f = metrics.precision_recall_f1(reference, other)
    nan = float("nan")
    assert same(p, float(precision_score(reference, other, zero_division=nan)))
    assert same(r, float(recall_score(reference, other, zero_division=nan)))
    assert same(round(f, 12), round(float(f1_score(reference, other, zero_division=nan)), 12))


def test_ratings_must_be_a_matrix() -> None:
    with pytest.raises(ValueError, match="units x coders"):
        metrics.percent_agreement([1, 0, 1])


def test_a_code_used_once_in_a_million_still_has_a_kappa() -> None:
    matrix = np.zeros((1_000_000, 2), dtype=np.int64)
    matrix[0] = 1
    assert metrics.fleiss_kappa(metrics.category_counts(matrix)) == pytest.approx(1.0)
    assert metrics.cohen_kappa(matrix[:, 0], matrix[:, 1]) == pytest.approx(1.0)
