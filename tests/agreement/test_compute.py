"""Agreement per code and overall: alignment, roll-up, bad inputs, pooled and macro rows."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from qualcode.agreement import BY_CODE_COLUMNS, CodingsTable, agreement, codings_table
from qualcode.agreement.compute import MACRO, POOLED
from qualcode.codebook import load_codebook
from qualcode.errors import AgreementError
from tests.agreement.conftest import ANSWERS, OTHER_ANSWERS, gold_jsonl, human_gold_records
from tests.conftest import TINY_CODEBOOK


def kappa(a: list[int], b: list[int]) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(a, b))


def row(result, code: str) -> dict:
    """One row, read column by column so float columns keep NaN (not pd.NA)."""
    frame = result.by_code.set_index("code")
    return {column: frame[column][code] for column in frame.columns}


def table(rows: list[tuple[str, str, str | None]], source: str = "t.csv") -> CodingsTable:
    return CodingsTable(
        codings_table([{"unit": u, "coder": c, "code": k, "document": u} for u, c, k in rows]),
        source,
        "->",
    )


def test_per_code_statistics_are_presence_per_unit(two_coders: tuple[Path, Path]) -> None:
    result = agreement(list(two_coders))
    assert result.coders == ("ana", "bo")
    assert list(result.by_code.columns[: len(BY_CODE_COLUMNS)]) == BY_CODE_COLUMNS
    assert list(result.by_code["code"]) == [
        "cheating",
        "cheating->caught",
        "fairness",
        "NA",
        "required",
        POOLED,
        MACRO,
    ]
    fairness = row(result, "fairness")
    # ana: r2, r5; bo: r3, r5 -> over r1..r6
    ana, bo = [0, 1, 0, 0, 1, 0], [0, 0, 1, 0, 1, 0]
    assert fairness["n_units"] == 6 and fairness["units_coded"] == 3
    assert fairness["coded:ana"] == 2 and fairness["coded:bo"] == 2
    assert fairness["percent_agreement"] == pytest.approx(4 / 6)
    assert fairness["cohen_kappa"] == kappa(ana, bo)
    assert row(result, "cheating")["cohen_kappa"] == 1.0


def test_pooled_row_stacks_every_unit_code_decision(two_coders: tuple[Path, Path]) -> None:
    result = agreement(list(two_coders))
    ratings = result.ratings
    stacked = ratings.presence.reshape(-1, 2).astype(int)
    pooled = result.overall(POOLED)
    assert pooled["cohen_kappa"] == kappa(list(stacked[:, 0]), list(stacked[:, 1]))
    assert pooled["percent_agreement"] == pytest.approx((stacked[:, 0] == stacked[:, 1]).mean())
    assert pooled["coded:ana"] == stacked[:, 0].sum()
    per_code = result.by_code[~result.by_code["code"].isin([POOLED, MACRO])]
    assert result.overall(MACRO)["cohen_kappa"] == pytest.approx(per_code["cohen_kappa"].mean())


def test_level_rolls_children_up_into_their_parent(two_coders: tuple[Path, Path]) -> None:
    result = agreement(list(two_coders), level=1)
    assert "cheating->caught" not in set(result.by_code["code"])
    assert row(result, "cheating")["coded:ana"] == 3  # r1, r2, r4 (r4 had parent and child)


def test_reference_coder_gives_precision_recall_f1(two_coders: tuple[Path, Path]) -> None:
    result = agreement(list(two_coders), reference="ana")
    fairness = row(result, "fairness")
    assert (fairness["precision"], fairness["recall"], fairness["f1"]) == (0.5, 0.5, 0.5)
    assert math.isnan(row(agreement(list(two_coders)), "fairness")["precision"])
    with pytest.raises(AgreementError) as error:
        agreement(list(two_coders), reference="carla")
    assert error.value.code == "E609" and "(ana, bo)" in str(error.value)


def test_three_coders_get_fleiss_light_and_pairwise_tables(
    two_coders: tuple[Path, Path], make_wide
) -> None:
    third = make_wide("Q1 (cy).csv", [(u, t, c[:1]) for u, t, c in ANSWERS])
    result = agreement([*two_coders, third], reference="cy")
    assert result.coders == ("ana", "bo", "cy")
    matrix = result.ratings.matrix("fairness")
    pairs = [(0, 1), (0, 2), (1, 2)]
    light = np.nanmean([kappa(list(matrix[:, i]), list(matrix[:, j])) for i, j in pairs])
    assert row(result, "fairness")["cohen_kappa"] == pytest.approx(light)
    assert not math.isnan(row(result, "fairness")["fleiss_kappa"])
    pairwise = result.pairwise
    assert set(zip(pairwise["coder_a"], pairwise["coder_b"], strict=True)) == {
        ("ana", "bo"),
        ("cy", "ana"),
        ("cy", "bo"),
    }
    assert len(pairwise) == 3 * (len(result.ratings.codes) + 2)
    with_reference = pairwise[pairwise["coder_a"] == "cy"]
    assert with_reference["precision"].notna().any()
    assert pairwise[pairwise["coder_a"] == "ana"]["precision"].isna().all()


def test_different_unit_sets_are_an_error_listing_counts_and_examples(make_wide) -> None:
    first = make_wide("Q (ana).csv", ANSWERS)
    second = make_wide("Q (bo).csv", OTHER_ANSWERS[:4])
    with pytest.raises(AgreementError) as error:
        agreement([first, second])
    message = str(error.value)
    assert error.value.code == "E602"
    assert "ana has 6 units, bo has 4 units; 4 shared" in message
    assert "2 of ana's are not in every coding (e.g. 'r5', 'r6')" in message
    assert "--intersection" in message
    with pytest.warns(UserWarning, match="dropped 2"):
        result = agreement([first, second], intersection=True)
    assert len(result.ratings.units) == 4
    assert any("compared only the 4 units every coder coded, dropped 2" in n for n in result.notes)


def test_no_shared_units_is_an_error_even_with_intersection(make_wide) -> None:
    first = make_wide("Q (ana).csv", ANSWERS[:2])
    second = make_wide("Q (bo).csv", ANSWERS[2:4])
    with pytest.raises(AgreementError) as error:
        agreement([first, second], intersection=True)
    assert error.value.code == "E602" and "0 shared" in str(error.value)


def test_a_coder_without_codings_is_named(make_wide) -> None:
    first = make_wide("Q (ana).csv", ANSWERS)
    empty = make_wide("Q (bo).csv", [(u, t, []) for u, t, _ in ANSWERS])
    with pytest.raises(AgreementError) as error:
        agreement([first, empty], empty_rows="none")
    assert error.value.code == "E603" and "coder 'bo' has no codings" in str(error.value)
    assert str(empty) in str(error.value)


def test_coders_without_codings_are_each_named_with_their_file(make_wide) -> None:
    blank = [(u, t, []) for u, t, _ in ANSWERS]
    first, second = make_wide("Q (ana).csv", blank), make_wide("Q (bo).csv", blank)
    with pytest.raises(AgreementError) as error:
        agreement([first, second], empty_rows="none")
    by_coder = {p.message.split("'")[1]: p.location for p in error.value.problems}
    assert by_coder == {"ana": str(first), "bo": str(second)}


def test_one_coder_is_not_a_comparison(two_coders: tuple[Path, Path]) -> None:
    with pytest.raises(AgreementError) as error:
        agreement([two_coders[0]])
    assert error.value.code == "E608"


def test_one_name_in_two_inputs_is_refused(tmp_path: Path, make_wide) -> None:
    first = make_wide("a/coder.csv", ANSWERS)
    second = make_wide("b/coder.csv", OTHER_ANSWERS)
    with pytest.raises(AgreementError) as error:
        agreement([first, second])
    assert error.value.code == "E607" and "--coder" in str(error.value)
    assert agreement([first, second], coders=["a", "b"]).coders == ("a", "b")


def test_codes_are_checked_against_the_codebook(tmp_path: Path, coded_corpus: Path) -> None:
    book = load_codebook(coded_corpus / "codebook.yaml")
    records = human_gold_records()
    records[0]["codes"] = [{"code": "housing.serch"}]
    records[1]["codes"] = [{"code": "weather"}]
    gold = gold_jsonl(tmp_path / "ana.jsonl", records)
    with pytest.raises(AgreementError) as error:
        agreement([coded_corpus / "machine", gold], codebook=book)
    lines = error.value.lines()
    assert len(lines) == 2 and error.value.code == "E606"
    assert "code 'housing.serch' is not in the codebook (used by ana)" in lines[0]


def test_codebook_codes_nobody_used_are_reported_as_undefined(
    tmp_path: Path, coded_corpus: Path
) -> None:
    gold = gold_jsonl(tmp_path / "ana.jsonl", human_gold_records())
    # drop every 30% ruling coding from both sides: the code is in the codebook but unused
    book_path = tmp_path / "book.yaml"
    book_path.write_text(TINY_CODEBOOK, encoding="utf-8")
    result = agreement([coded_corpus / "machine", gold], codebook=book_path, level=1)
    assert list(result.by_code["code"])[:3] == ["housing", "policy", "cultural"]
    unused = agreement(
        [
            table([("u1", "a", "x"), ("u2", "a", None), ("u1", "b", "x"), ("u2", "b", None)]),
        ]
    )
    assert list(unused.by_code["code"]) == ["x", POOLED, MACRO]


def test_codebook_codes_nobody_used_do_not_raise_overall_agreement() -> None:
    from qualcode.codebook import codebook_from_dict

    rows = [("r1", "ana", "p"), ("r2", "ana", "q"), ("r3", "ana", "p"), ("r3", "ana", "q")]
    rows += [("r1", "bo", "p"), ("r2", "bo", "p"), ("r3", "bo", "p")]
    book = codebook_from_dict({"name": "demo", "codes": [{"id": c, "label": c} for c in "pqrstu"]})
    plain = agreement([table(rows)])
    booked = agreement([table(rows)], codebook=book)
    for kind in (POOLED, MACRO):
        for statistic in ("percent_agreement", "cohen_kappa", "brennan_prediger"):
            assert booked.overall(kind)[statistic] == pytest.approx(plain.overall(kind)[statistic])
    assert booked.overall(POOLED)["percent_agreement"] == pytest.approx(0.5)
    assert row(booked, "u")["units_coded"] == 0  # unused codes keep their rows
    assert row(booked, "u")["percent_agreement"] == 1.0 and math.isnan(
        row(booked, "u")["cohen_kappa"]
    )
    pair = booked.pairwise.set_index("code")
    assert pair.loc[POOLED, "percent_agreement"] == pytest.approx(0.5)


def test_machine_against_gold_on_segments(tmp_path: Path, coded_corpus: Path) -> None:
    gold = gold_jsonl(tmp_path / "ana.jsonl", human_gold_records())
    result = agreement([gold, coded_corpus / "machine"], reference="ana")
    assert result.coders == ("ana", "qualcode:rules")
    assert result.ratings.machine == ("qualcode:rules",)
    assert len(result.ratings.units) == 8
    housing = row(result, "housing.search")
    # gold: 3 housing sentences; rules found 2 of them and nothing else
    assert (housing["precision"], housing["recall"]) == (1.0, pytest.approx(2 / 3))


def test_document_units_count_a_code_anywhere_in_the_document(
    tmp_path: Path, coded_corpus: Path
) -> None:
    records = human_gold_records()
    records = [r for r in records if r["document"] == "ana"] + [
        {**r, "codes": []} for r in records if r["document"] == "bram"
    ]
    gold = gold_jsonl(tmp_path / "ana.jsonl", records)
    result = agreement([gold, coded_corpus / "machine"], unit="document")
    assert list(result.ratings.units["unit"]) == ["ana", "bram"]
    assert result.ratings.matrix("cultural.safety").tolist() == [[1, 1], [0, 1]]
    with pytest.raises(AgreementError) as error:
        agreement([gold, coded_corpus / "machine"], unit="sentence")  # type: ignore[arg-type]
    assert error.value.code == "E605"


def test_units_follow_document_and_text_order(coded_corpus: Path, tmp_path: Path) -> None:
    gold = gold_jsonl(tmp_path / "ana.jsonl", list(reversed(human_gold_records())))
    units = agreement([gold, coded_corpus / "machine"]).ratings.units
    # documents in order of first appearance (the reversed gold starts with bram), then offsets
    assert list(units["document"]) == ["bram"] * 3 + ["ana"] * 5
    assert list(units["start"]) == [49, 148, 178, 85, 127, 188, 233, 310]


def test_tables_can_be_passed_already_loaded() -> None:
    rows = [("u1", "a", "x"), ("u2", "a", "y"), ("u1", "b", "x"), ("u2", "b", "x")]
    result = agreement([table(rows)])
    assert result.coders == ("a", "b")
    assert isinstance(result.by_code, pd.DataFrame)
    assert row(result, "y")["cohen_kappa"] == 0.0


def test_pairwise_puts_the_reference_first_and_scores_the_other(
    two_coders: tuple[Path, Path],
) -> None:
    result = agreement(list(two_coders), reference="bo")
    pairwise = result.pairwise
    assert set(pairwise["coder_a"]) == {"bo"} and set(pairwise["coder_b"]) == {"ana"}
    fairness = pairwise.set_index("code")
    # ana against bo on fairness: ana r2, r5; bo r3, r5 -> tp 1, fp 1, fn 1
    assert fairness["precision"]["fairness"] == 0.5 and fairness["recall"]["fairness"] == 0.5
    assert list(pairwise["cohen_kappa"]) == list(result.by_code["cohen_kappa"])


codings_of_two = st.lists(
    st.tuples(
        st.sets(st.sampled_from(["a", "b", "a->x", "c"]), max_size=3),
        st.sets(st.sampled_from(["a", "b", "a->x", "c"]), max_size=3),
    ),
    min_size=1,
    max_size=25,
).filter(lambda units: any(first for first, _ in units) and any(second for _, second in units))


@settings(max_examples=40, deadline=None)
@given(codings_of_two)
def test_agreement_tables_are_symmetric_bounded_and_match_sklearn(units) -> None:
    rows = []
    for i, (first, second) in enumerate(units):
        for coder, codes in (("p", first), ("q", second)):
            rows += [(f"u{i}", coder, c) for c in codes] or [(f"u{i}", coder, None)]
    forward = agreement([table(rows)])
    backward = agreement(
        [table([r for r in rows if r[1] == "q"] + [r for r in rows if r[1] == "p"])]
    )
    assert backward.coders == ("q", "p")
    for code in forward.ratings.codes:
        matrix = forward.ratings.matrix(code)
        expected = kappa(list(matrix[:, 0]), list(matrix[:, 1]))
        got = row(forward, code)["cohen_kappa"]
        assert got == expected or (math.isnan(got) and math.isnan(expected))
        other = row(backward, code)["cohen_kappa"]
        assert other == got or (math.isnan(other) and math.isnan(got))
        assert math.isnan(got) or -1.0 <= got <= 1.0
    same = agreement(
        [
            table(
                [(u, c, k) for u, c, k in rows if c == "p"]
                + [(u, "r", k) for u, c, k in rows if c == "p"]
            )
        ]
    )
    for code in same.ratings.codes:
        assert row(same, code)["cohen_kappa"] in (1.0,) or math.isnan(
            row(same, code)["cohen_kappa"]
        )
        assert row(same, code)["percent_agreement"] == 1.0


def test_a_sheet_with_only_a_header_is_a_coder_without_codings(make_wide) -> None:
    empty = make_wide("Q (ana).csv", [])
    other = make_wide("Q (bo).csv", ANSWERS)
    with pytest.raises(AgreementError) as error:
        agreement([empty, other])
    assert error.value.code == "E603" and "coder 'ana' has no codings" in str(error.value)
