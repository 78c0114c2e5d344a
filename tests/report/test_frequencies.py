"""Frequencies of the hand-made result of conftest.py, every figure worked out by hand."""

from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.errors import ReportError
from qualcode.report import crosstab, frequencies, frequencies_by, salience
from qualcode.report.frequencies import FREQUENCY_COLUMNS
from qualcode.report.mentions import respondent_base
from tests.report.conftest import make_result, report_codebook


def test_base_is_documents_with_coded_speech(hand) -> None:
    assert respondent_base(hand) == ["a", "b", "c", "d"]


def test_counts_at_three_levels_with_wilson_intervals(hand) -> None:
    table = frequencies(hand).set_index("code")
    assert list(table.index) == [c.id for c in hand.codebook.codes]
    assert list(frequencies(hand).columns) == FREQUENCY_COLUMNS
    search = table.loc["housing.search"]
    # a0 and d0 mention it; a1 and b1 only negate it
    assert (search.segments, search.documents, search.base_documents) == (2, 2, 4)
    assert search.share_documents == 0.5
    assert (search.share_ci_low, search.share_ci_high) == pytest.approx((0.1500, 0.8500), abs=5e-5)
    assert (search.negated_segments, search.negated_documents) == (2, 1)  # b only negates it
    # the parent: a0 counts once although it carries two housing codes
    housing = table.loc["housing"]
    assert (housing.segments, housing.documents) == (3, 3)
    assert (housing.share_ci_low, housing.share_ci_high) == pytest.approx(
        (0.3006, 0.9544), abs=5e-5
    )
    assert (housing.negated_segments, housing.negated_documents) == (2, 0)
    assert not housing.codable and housing.depth == 0 and table.loc["housing.cost", "depth"] == 1


def test_valence_and_hypothetical(hand) -> None:
    table = frequencies(hand).set_index("code")
    columns = ["driver_segments", "barrier_segments", "driver_documents", "barrier_documents"]
    assert table.loc["housing.search", columns].tolist() == [0, 2, 0, 2]
    assert table.loc["housing.cost", columns].tolist() == [1, 1, 1, 1]
    assert table.loc["housing", columns].tolist() == [1, 2, 1, 2]
    assert table.loc["safety", columns].tolist() == [1, 0, 1, 0]
    assert table.loc["housing.cost", "hypothetical_segments"] == 1
    assert table.loc["housing", "hypothetical_segments"] == 1  # b0 is hypothetical only


def test_code_never_mentioned_is_zero_not_missing(hand) -> None:
    ruling = frequencies(hand).set_index("code").loc["policy.ruling"]
    assert (ruling.segments, ruling.documents, ruling.share_documents) == (0, 0, 0.0)
    assert ruling.share_ci_low == 0.0 and ruling.share_ci_high == pytest.approx(0.4899, abs=5e-5)
    assert (ruling.negated_segments, ruling.negated_documents) == (1, 1)
    assert ruling.salience_mean == 0.0 and ruling.salience_median == 0.0


def test_salience_by_hand(hand) -> None:
    table = frequencies(hand).set_index("code")
    # housing.search: a 10/40, b 0/40, c 0/50, d 25/25
    assert table.loc["housing.search", "salience_mean"] == pytest.approx(0.3125)
    assert table.loc["housing.search", "salience_median"] == pytest.approx(0.125)
    # housing: a0 once (10/40), b0 10/40, c 0, d 25/25
    assert table.loc["housing", "salience_mean"] == pytest.approx(0.375)
    assert table.loc["housing", "salience_median"] == pytest.approx(0.25)
    scores = salience(hand).set_index(["document", "code"])
    assert scores.loc[("d", "housing.search"), ["code_words", "words"]].tolist() == [25, 25]
    assert scores.loc[("a", "housing"), "salience"] == 0.25
    assert set(salience(hand)["document"]) == {"a", "b", "c", "d"}


def test_split_by_valence_and_stage(hand) -> None:
    by_valence = frequencies_by(hand, "valence").set_index(["code", "value"])
    assert list(dict.fromkeys(v for _, v in by_valence.index)) == [
        "driver",
        "barrier",
        "unspecified",
    ]
    assert by_valence.loc[("housing", "barrier"), ["segments", "documents"]].tolist() == [2, 2]
    assert by_valence.loc[("housing", "driver"), "documents"] == 1
    assert by_valence.loc[("safety", "unspecified"), "documents"] == 1  # d0 has no valence
    assert by_valence.loc[("policy.ruling", "unspecified"), "documents"] == 0  # negated only
    low, high = by_valence.loc[("housing", "barrier"), ["share_ci_low", "share_ci_high"]]
    assert (low, high) == pytest.approx((0.1500, 0.8500), abs=5e-5)
    by_stage = frequencies_by(hand, "stage").set_index(["code", "value"])
    assert by_stage.loc[("housing.search", "leave"), "documents"] == 1
    assert by_stage.loc[("safety", "stay"), "documents"] == 1
    assert by_stage.loc[("housing.search", "unspecified"), "documents"] == 1  # d0


def test_empty_codings_give_zeros(hand) -> None:
    empty = make_result(report_codebook(), [("a", 5, {})], [("a", 0, "five words in this one")], [])
    table = frequencies(empty)
    assert table["segments"].eq(0).all() and table["documents"].eq(0).all()
    assert table["base_documents"].eq(1).all()
    assert frequencies_by(empty, "valence")["documents"].eq(0).all()
    assert salience(empty)["salience"].eq(0).all()


def test_no_respondents_gives_undefined_shares() -> None:
    empty = make_result(report_codebook(), [("a", 0, {})], [], [])
    table = frequencies(empty)
    assert table["base_documents"].eq(0).all()
    assert all(math.isnan(x) for x in table["share_documents"])
    assert salience(empty).empty


def test_unknown_code_is_named(hand) -> None:
    bad = make_result(
        report_codebook(), [("a", 3, {})], [("a", 0, "one two three")],
        [{"document": "a", "segment": 0, "code": "housing.serach"}],
    )  # fmt: skip
    with pytest.raises(ReportError) as caught:
        frequencies(bad)
    assert caught.value.code == "E502" and "'housing.serach'" in str(caught.value)


def test_result_method_delegates(hand) -> None:
    pd.testing.assert_frame_equal(hand.frequencies(), frequencies(hand))


_CODES = ["housing.search", "housing.cost", "policy.ruling", "safety", "housing"]
_coding = st.tuples(
    st.integers(0, 5), st.integers(0, 3), st.sampled_from(_CODES),
    st.sampled_from([None, "driver", "barrier"]), st.booleans(),
)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(
    st.lists(_coding, max_size=30),
    # at least one respondent has the attribute (without any, crosstab rightly refuses: E505)
    st.lists(st.sampled_from(["x", "y", ""]), min_size=6, max_size=6).filter(any),
)
def test_invariants_on_random_codings(codings, groups) -> None:
    unique = {(d, s, c): (v, n) for d, s, c, v, n in codings}
    segments = {(f"d{d}", s) for d, s, _ in unique} | {("d0", 0)}
    result = make_result(
        report_codebook(),
        [(f"d{i}", 0 if i == 5 else 12, {"group": g} if g else {}) for i, g in enumerate(groups)],
        [(d, s, "twelve words " * 4) for d, s in sorted(segments)],
        [
            {"document": f"d{d}", "segment": s, "code": c, "valence": v, "negated": n}
            for (d, s, c), (v, n) in unique.items()
        ],
    )
    table = frequencies(result).set_index("code")
    assert (table["documents"] <= table["base_documents"]).all()
    assert (table["share_ci_low"] <= table["share_documents"]).all()
    assert (table["share_documents"] <= table["share_ci_high"]).all()
    for parent, children in (("housing", ["housing.search", "housing.cost"]),):
        child_documents = table.loc[children, "documents"]
        assert child_documents.max() <= table.loc[parent, "documents"]
        assert table.loc[parent, "segments"] >= table.loc[children, "segments"].max()
    assert (table["driver_documents"] <= table["documents"]).all()
    assert table["salience_mean"].between(0, 1).all()
    # every respondent is in exactly one group, so groups add up to the whole
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        by_group = crosstab(result, "group").groupby("code")[["documents", "base_documents"]].sum()
    by_group = by_group.reindex(table.index)
    assert (by_group["documents"] == table["documents"]).all()
    assert (by_group["base_documents"] == table["base_documents"]).all()
