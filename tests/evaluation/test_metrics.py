from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score, f1_score, precision_score, recall_score

from qualcode.evaluation.metrics import Counts, average_rows, cohen_kappa, counts_of

binary = st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=60)


def counts_from(pairs: list[tuple[bool, bool]]) -> Counts:
    gold = {i for i, (g, _) in enumerate(pairs) if g}
    predicted = {i for i, (_, p) in enumerate(pairs) if p}
    return counts_of(gold, predicted, len(pairs))


def test_hand_computed_scores() -> None:
    # 10 items: gold codes 3, predictions 3, 2 in common.
    c = counts_of({0, 1, 6}, {0, 5, 6}, n=10)
    assert (c.tp, c.fp, c.fn, c.tn) == (2, 1, 1, 6)
    assert c.precision == pytest.approx(2 / 3)
    assert c.recall == pytest.approx(2 / 3)
    assert c.f1 == pytest.approx(2 / 3)
    # p_o = 0.8, p_e = 0.3 * 0.3 + 0.7 * 0.7 = 0.58
    assert c.kappa == pytest.approx((0.8 - 0.58) / (1 - 0.58))


@given(binary)
def test_kappa_matches_scikit_learn_when_defined(pairs: list[tuple[bool, bool]]) -> None:
    gold = [g for g, _ in pairs]
    predicted = [p for _, p in pairs]
    kappa = counts_from(pairs).kappa
    if len(set(gold)) < 2 or len(set(predicted)) < 2:
        assert math.isnan(kappa)  # one side constant: undefined, never a silent 0
    else:
        assert kappa == pytest.approx(cohen_kappa_score(gold, predicted))


@settings(max_examples=40)
@given(binary)
def test_precision_recall_f1_match_scikit_learn_when_defined(
    pairs: list[tuple[bool, bool]],
) -> None:
    gold = [g for g, _ in pairs]
    predicted = [p for _, p in pairs]
    c = counts_from(pairs)
    if any(predicted):
        assert c.precision == pytest.approx(precision_score(gold, predicted))
    else:
        assert math.isnan(c.precision)
    if any(gold):
        assert c.recall == pytest.approx(recall_score(gold, predicted))
    else:
        assert math.isnan(c.recall)
    if any(gold) or any(predicted):
        assert c.f1 == pytest.approx(f1_score(gold, predicted))
    else:
        assert math.isnan(c.f1)


@given(binary)
def test_kappa_is_symmetric_bounded_and_one_for_identical(pairs: list[tuple[bool, bool]]) -> None:
    c = counts_from(pairs)
    swapped = counts_from([(p, g) for g, p in pairs])
    assert (math.isnan(c.kappa) and math.isnan(swapped.kappa)) or c.kappa == pytest.approx(
        swapped.kappa
    )
    if not math.isnan(c.kappa):
        assert -1 - 1e-9 <= c.kappa <= 1 + 1e-9
    same = counts_from([(g, g) for g, _ in pairs])
    assert math.isnan(same.kappa) or same.kappa == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("counts", "nan", "note"),
    [
        (Counts(0, 0, 0, 5), {"precision", "recall", "f1", "kappa"}, "neither"),
        (Counts(0, 2, 0, 5), {"recall", "kappa"}, "no gold support"),
        (Counts(0, 0, 3, 5), {"precision", "kappa"}, "never predicted"),
        (Counts(4, 0, 0, 0), {"kappa"}, "every unit"),
    ],
)
def test_degenerate_cases_are_nan_with_a_note(counts: Counts, nan: set[str], note: str) -> None:
    for measure in ("precision", "recall", "f1", "kappa"):
        assert math.isnan(getattr(counts, measure)) == (measure in nan), measure
    assert note in counts.note


def test_f1_is_zero_not_nan_when_one_side_uses_the_code_and_they_never_agree() -> None:
    assert Counts(0, 2, 3, 5).f1 == 0.0
    assert Counts(0, 2, 0, 5).f1 == 0.0  # only predictions use it: every decision wrong


def test_cohen_kappa_of_worked_example() -> None:
    # p_o = 35/50, p_e = (30*25 + 20*25) / 2500 = 0.5
    assert cohen_kappa(20, 5, 10, 15) == pytest.approx(0.4)
    assert math.isnan(cohen_kappa(0, 0, 0, 0))


def test_averages_skip_unused_codes_and_say_what_macro_covers() -> None:
    used_a, unused, only_predicted = Counts(2, 1, 1, 6), Counts(0, 0, 0, 10), Counts(0, 2, 0, 8)
    micro, macro = average_rows([used_a, unused, only_predicted])
    assert micro["codes"] == macro["codes"] == 2
    assert (micro["tp"], micro["fp"], micro["fn"]) == (2, 3, 1)
    assert micro["precision"] == pytest.approx(2 / 5)
    assert micro["recall"] == pytest.approx(2 / 3)
    assert micro["f1"] == pytest.approx(2 * 2 / (2 * 2 + 3 + 1))
    assert micro["cohen_kappa"] == pytest.approx(cohen_kappa(2, 3, 1, 14))
    assert macro["precision"] == pytest.approx((2 / 3 + 0) / 2)
    assert macro["recall"] == pytest.approx(2 / 3)  # only the code with support
    assert macro["f1"] == pytest.approx((2 / 3 + 0) / 2)
    assert "recall over 1 of 2 codes" in str(macro["note"])


def test_averages_with_no_used_code_are_nan_with_a_note() -> None:
    micro, macro = average_rows([Counts(0, 0, 0, 4)])
    assert math.isnan(float(micro["f1"])) and math.isnan(float(macro["f1"]))  # type: ignore[arg-type]
    assert "no code" in str(micro["note"]) and "no code" in str(macro["note"])
