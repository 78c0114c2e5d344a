"""Frequencies of the hand-made result of conftest.py, every figure worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from qualcode.errors import ReportError
from qualcode.report import frequencies, frequencies_by, salience
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
