"""Co-occurrence in the hand-made result of conftest.py, worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.errors import ReportError
from qualcode.report import cooccurrence, cooccurrence_matrix
from tests.report.conftest import make_result, report_codebook


def _pairs(table):
    return {
        frozenset((r.code_a, r.code_b)): (r.both, r.count_a, r.count_b, r.jaccard)
        for r in table.itertuples()
    }


def test_within_a_segment(hand) -> None:
    # a0 {search, cost}, a1 {safety} (the negated search is not a mention), b0 {cost},
    # d0 {safety, search}
    pairs = _pairs(cooccurrence(hand, "segment"))
    assert pairs[frozenset({"housing.search", "housing.cost"})] == pytest.approx((1, 2, 2, 1 / 3))
    assert pairs[frozenset({"housing.search", "safety"})][0] == 1
    assert pairs[frozenset({"housing.cost", "safety"})] == (0, 2, 2, 0.0)
    assert pairs[frozenset({"policy.ruling", "safety"})] == (0, 0, 2, 0.0)
    assert len(pairs) == 6  # every pair of the four codable codes, zeros included


def test_within_a_document_sorted_most_frequent_first(hand) -> None:
    # a {search, cost, safety}, b {cost}, d {safety, search}
    table = cooccurrence(hand, "document")
    top = table.iloc[0]
    assert {top.code_a, top.code_b} == {"housing.search", "safety"}
    assert (top.both, top.jaccard) == (2, 1.0)
    pairs = _pairs(table)
    assert pairs[frozenset({"housing.cost", "safety"})] == pytest.approx((1, 2, 2, 1 / 3))
    assert table["both"].is_monotonic_decreasing


def test_matrix_counts_and_jaccard(hand) -> None:
    counts = cooccurrence_matrix(hand, "segment")
    assert counts.loc["housing.search", "housing.search"] == 2
    assert counts.loc["housing.search", "housing.cost"] == 1
    jaccard = cooccurrence_matrix(hand, "document", measure="jaccard")
    assert jaccard.loc["safety", "housing.search"] == 1.0
    assert jaccard.loc["policy.ruling", "policy.ruling"] == 0.0  # never mentioned


def test_bad_level_and_code(hand) -> None:
    with pytest.raises(ReportError) as caught:
        cooccurrence(hand, "turn")  # type: ignore[arg-type]
    assert caught.value.code == "E504"
    with pytest.raises(ReportError):
        cooccurrence(hand, codes=["housing.search", "nope"])


CODES = ["housing.search", "housing.cost", "policy.ruling", "safety"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4), st.sampled_from(CODES)), max_size=25)
)
def test_matrix_is_symmetric_and_bounded(codings) -> None:
    segments = {(f"d{d}", s) for d, s, _ in codings} | {("d0", 0)}
    result = make_result(
        report_codebook(),
        [(f"d{d}", 10, {}) for d in range(4)],
        [(d, s, "some words here") for d, s in sorted(segments)],
        [{"document": f"d{d}", "segment": s, "code": c} for d, s, c in set(codings)],
    )
    for level in ("segment", "document"):
        counts = cooccurrence_matrix(result, level).to_numpy()
        jaccard = cooccurrence_matrix(result, level, measure="jaccard").to_numpy()
        assert (counts == counts.T).all() and np.allclose(jaccard, jaccard.T)
        assert ((jaccard >= 0) & (jaccard <= 1)).all()
        assert (counts <= np.diag(counts)[:, None]).all()  # never more than either code alone
        table = cooccurrence(result, level)
        assert len(table) == 6
