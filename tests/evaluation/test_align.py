from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.evaluation import align_codings


def frame(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["document", "start", "end"])


def codings(rows: list[tuple[str, int, int, str]]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=["document", "start", "end", "code"])
    return table.assign(
        valence=None,
        stage=None,
        negated=False,
        hypothetical=False,
        source="rule",
        confidence=1.0,
        pattern=None,
    )


GOLD = frame([("d", 0, 10), ("d", 11, 20), ("d", 21, 30), ("e", 0, 10)])


def test_a_coding_counts_for_the_gold_unit_it_overlaps_most() -> None:
    predicted = codings([("d", 8, 20, "x"), ("d", 0, 9, "y"), ("e", 2, 4, "x")])
    aligned = align_codings(GOLD, frame([("d", 8, 20), ("d", 0, 9), ("e", 2, 4)]), predicted)
    assert aligned.codings[["unit", "code"]].values.tolist() == [[0, "y"], [1, "x"], [3, "x"]]
    assert aligned.spanning == 1 and aligned.unaligned == 0


def test_ties_go_to_the_earliest_unit_and_misses_are_not_scored() -> None:
    predicted = codings([("d", 5, 15, "x"), ("d", 31, 40, "x"), ("z", 0, 5, "x")])
    aligned = align_codings(GOLD, frame([("d", 5, 15)]), predicted)
    assert aligned.codings["unit"].tolist() == [0]  # 5 characters each in units 0 and 1
    assert aligned.unaligned == 2


def test_one_code_landing_twice_on_a_unit_counts_once_with_the_larger_overlap() -> None:
    predicted = codings([("d", 0, 3, "x"), ("d", 3, 10, "x")])
    predicted.loc[1, "valence"] = "barrier"
    aligned = align_codings(GOLD, frame([("d", 0, 3), ("d", 3, 10)]), predicted)
    assert aligned.codings[["unit", "valence", "overlap"]].values.tolist() == [[0, "barrier", 7]]


def test_coverage_marks_gold_units_no_predicted_unit_touches() -> None:
    aligned = align_codings(GOLD, frame([("d", 12, 25)]), codings([]))
    assert aligned.covered.tolist() == [False, True, True, False]
    assert aligned.codings.empty


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 30), st.integers(0, 3)), min_size=1, max_size=12), st.data()
)
def test_splitting_predicted_units_does_not_change_the_alignment(layout, data) -> None:
    """A finer segmenter (each unit cut in two) aligns every coding to the same gold unit."""
    gold_rows, position = [], 0
    for length, gap in layout:
        gold_rows.append(("d", position, position + length))
        position += length + gap
    gold = frame(gold_rows)
    whole = codings([(d, s, e, "x") for d, s, e in gold_rows])
    halves = []
    for d, s, e in gold_rows:
        cut = data.draw(st.integers(s, e))
        halves += [(d, s, max(cut, s + 1)), (d, max(cut, s + 1), e)] if e - s > 1 else [(d, s, e)]
    halves = [h for h in halves if h[2] > h[1]]
    split = codings([(d, s, e, "x") for d, s, e in halves])
    a = align_codings(gold, frame(gold_rows), whole).codings
    b = align_codings(gold, frame(halves), split).codings
    assert a["unit"].tolist() == b["unit"].tolist() == list(range(len(gold_rows)))
