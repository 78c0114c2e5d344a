"""Crosstabs of the hand-made result of conftest.py, worked out by hand."""

from __future__ import annotations

import warnings

import pytest

from qualcode.errors import ReportError
from qualcode.report import case_attributes, crosstab, default_attributes
from qualcode.report.crosstab import CROSSTAB_COLUMNS, MISSING
from tests.report.conftest import make_result, report_codebook


def test_counts_shares_intervals_and_missing_group(hand) -> None:
    with pytest.warns(UserWarning, match=r"1 of 4 respondents have no 'country' \(d\)"):
        table = crosstab(hand, "country")
    assert list(table.columns) == CROSSTAB_COLUMNS
    # groups largest first, the missing group last; e (no coded speech) is in no group
    assert list(dict.fromkeys(table["value"])) == ["India", "Brazil", MISSING]
    cells = table.set_index(["code", "value"])
    assert cells.loc[("housing.search", "India"), ["documents", "base_documents"]].tolist() == [
        1,
        2,
    ]
    assert cells.loc[("housing.search", "India"), "share_documents"] == 0.5
    low, high = cells.loc[("housing.search", "India"), ["share_ci_low", "share_ci_high"]]
    assert (low, high) == pytest.approx((0.0945, 0.9055), abs=5e-5)
    assert cells.loc[("housing", "India"), "documents"] == 2  # a and b, via different children
    assert cells.loc[("housing.search", MISSING), "documents"] == 1  # d: not hidden
    assert cells.loc[("policy.ruling", "Brazil"), "documents"] == 0  # negated only
    assert table["low_base"].all()


def test_low_base_flag_follows_min_base(hand) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = crosstab(hand, "country", min_base=2)
    flags = table.drop_duplicates("value").set_index("value")["low_base"]
    assert flags.to_dict() == {"India": False, "Brazil": True, MISSING: True}


def test_route_groups_sum_to_the_base(hand) -> None:
    table = crosstab(hand, "route")
    bases = table.drop_duplicates("value").set_index("value")["base_documents"]
    assert bases.to_dict() == {"work": 3, "study": 1}
    assert bases.sum() == 4
    safety = table[table["code"] == "safety"].set_index("value")["documents"]
    assert safety.to_dict() == {"work": 2, "study": 0}


def test_unknown_attribute_lists_the_known_ones(hand) -> None:
    with pytest.raises(ReportError) as caught:
        crosstab(hand, "nationality")
    assert caught.value.code == "E505"
    assert "country, route" in str(caught.value)


def test_case_attributes_and_defaults() -> None:
    result = make_result(
        report_codebook(),
        documents=[
            (f"d{i}", 5, {"city": f"city {i}", "route": "work" if i % 2 else "study",
                          "years": str(i), "single": "x"})
            for i in range(6)
        ],
        segments=[(f"d{i}", 0, "five words are said here") for i in range(6)],
        codings=[],
    )  # fmt: skip
    assert case_attributes(result) == ["city", "route", "years", "single"]
    # city: a different value for everyone; years: numeric; single: one value
    assert default_attributes(result) == ["route"]
