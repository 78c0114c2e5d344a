"""The disagreements table: which units, each coder's codes, context, and the order."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.agreement import DISAGREEMENT_COLUMNS, agreement
from tests.agreement.conftest import gold_jsonl, human_gold_records


def test_units_where_coders_differ_with_each_coders_codes(two_coders: tuple[Path, Path]) -> None:
    table = agreement(list(two_coders)).disagreements
    assert list(table.columns) == [*DISAGREEMENT_COLUMNS, "codes:ana", "codes:bo"]
    assert set(table["unit"]) == {"r2", "r3", "r4"}
    r3 = table.set_index("unit").loc["r3"]
    assert r3["codes:ana"] == "required" and r3["codes:bo"] == "fairness; required"
    assert r3["disputed"] == "fairness" and r3["agreed"] == "required"
    assert r3["context"] == "Why did you choose it?"
    assert r3["text"] == "The department requires it."


def test_most_consequential_first(two_coders: tuple[Path, Path]) -> None:
    table = agreement(list(two_coders)).disagreements
    # cheating->caught is used once (impact 1); fairness three times (1/3 per unit)
    assert list(table["unit"]) == ["r4", "r2", "r3"]
    assert table["impact"].tolist() == pytest.approx([1.0, 1 / 3, 1 / 3])
    assert table["impact"].is_monotonic_decreasing


def test_machine_confidence_and_neighbouring_sentences(tmp_path: Path, coded_corpus: Path) -> None:
    gold = gold_jsonl(tmp_path / "ana.jsonl", human_gold_records())
    table = agreement([gold, coded_corpus / "machine"]).disagreements.set_index("unit")
    assert set(table.index) == {"ana:127-148", "ana:188-232"}
    negated = table.loc["ana:188-232"]  # the machine coded a negated mention, the person did not
    assert negated["machine_confidence"] == 1.0
    assert negated["before"] == "We looked for months."
    assert negated["after"] == "I feel very safe here, that is why we stay."
    missed = table.loc["ana:127-148"]  # the person coded it, the machine did not
    assert missed["codes:qualcode:rules"] == "" and missed["codes:ana"] == "housing.search"
    assert missed["machine_confidence"] != missed["machine_confidence"]  # NaN: no machine code


def test_no_disagreements_is_an_empty_table_with_the_columns(tmp_path: Path, make_wide) -> None:
    rows = [("r1", "x", ["a"]), ("r2", "y", ["b"])]
    table = agreement([make_wide("Q (ana).csv", rows), make_wide("Q (bo).csv", rows)])
    assert table.disagreements.empty
    assert "codes:ana" in table.disagreements.columns
