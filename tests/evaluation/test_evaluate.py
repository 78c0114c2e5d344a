"""evaluate() on the hand-coded tiny gold of conftest.py; expected figures worked out by hand.

Gold vs predictions, per code, over the 10 sentences (a0..a5, b0..b3):

=====================  ==============  ================  ==  ==  ==  ==
code                   gold            predicted         tp  fp  fn  tn
=====================  ==============  ================  ==  ==  ==  ==
housing.search (H)     a0 a1 b0        a0 a5 b0          2   1   1   6
policy (P)             a4              a2 a4 b2          1   2   0   7
cultural.safety (S)    a3 b1           a3                1   0   1   8
=====================  ==============  ================  ==  ==  ==  ==
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from qualcode.codebook import Codebook
from qualcode.errors import EvaluationError
from qualcode.evaluation import (
    GoldCode,
    GoldCodings,
    GoldUnit,
    evaluate,
    read_gold,
    read_predictions,
    write_evaluation,
)
from tests.evaluation.conftest import (
    GOLD,
    PREDICTED,
    SENTENCES,
    H,
    P,
    S,
    gold_lines,
    spans,
    tiny_corpus,
    write_lines,
    write_output,
)

UNITS = [(d, i) for d in SENTENCES for i in range(len(SENTENCES[d]))]


def vector(codes: dict, code: str) -> list[int]:
    return [int(any(c == code for c, _, _ in codes.get(unit, []))) for unit in UNITS]


@pytest.fixture
def result(gold_path: Path, predicted_path: Path, tiny_codebook: Codebook):
    return evaluate(gold_path, predicted_path, tiny_codebook)


def test_per_code_scores_at_segment_level(result) -> None:
    table = result.by_code.set_index("code")
    assert list(table.index) == [H, P, S]  # codable codes, codebook order
    assert table.loc[H, ["tp", "fp", "fn", "tn"]].tolist() == [2, 1, 1, 6]
    assert table.loc[P, ["tp", "fp", "fn", "tn"]].tolist() == [1, 2, 0, 7]
    assert table.loc[S, ["tp", "fp", "fn", "tn"]].tolist() == [1, 0, 1, 8]
    assert table.loc[H, ["precision", "recall", "f1"]].tolist() == pytest.approx([2 / 3] * 3)
    assert table.loc[P, ["precision", "recall", "f1"]].tolist() == pytest.approx([1 / 3, 1, 0.5])
    assert table.loc[S, ["precision", "recall", "f1"]].tolist() == pytest.approx([1, 0.5, 2 / 3])
    # kappa by hand: (p_o - p_e) / (1 - p_e)
    assert table.loc[H, "cohen_kappa"] == pytest.approx((0.8 - 0.58) / 0.42)
    assert table.loc[P, "cohen_kappa"] == pytest.approx((0.8 - 0.66) / 0.34)
    assert table.loc[S, "cohen_kappa"] == pytest.approx((0.9 - 0.74) / 0.26)
    for code in (H, P, S):
        expected = cohen_kappa_score(vector(GOLD, code), vector(PREDICTED, code))
        assert table.loc[code, "cohen_kappa"] == pytest.approx(expected)
    assert table.loc[H, "label"] == "Finding housing"
    assert (table["support"] == table["tp"] + table["fn"]).all()


def test_document_level_asks_whether_the_code_occurs_at_all(result) -> None:
    table = result.by_code_documents.set_index("code")
    assert table.loc[H, ["tp", "fp", "fn", "tn"]].tolist() == [2, 0, 0, 0]
    assert table.loc[P, ["tp", "fp", "fn", "tn"]].tolist() == [1, 1, 0, 0]
    assert table.loc[S, ["tp", "fp", "fn", "tn"]].tolist() == [1, 0, 1, 0]
    assert table.loc[P, "f1"] == pytest.approx(2 / 3)
    # with two documents one side is constant for every code: kappa is undefined, not 0 or 1
    assert table["cohen_kappa"].isna().all()
    assert (table["note"] != "").all()


def test_micro_and_macro_averages(result) -> None:
    averages = result.averages.set_index(["level", "average"])
    micro = averages.loc[("segment", "micro")]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (4, 3, 2)
    assert micro["precision"] == pytest.approx(4 / 7)
    assert micro["recall"] == pytest.approx(4 / 6)
    assert micro["f1"] == pytest.approx(8 / 13)
    pooled_gold = [x for c in (H, P, S) for x in vector(GOLD, c)]
    pooled_predicted = [x for c in (H, P, S) for x in vector(PREDICTED, c)]
    assert micro["cohen_kappa"] == pytest.approx(cohen_kappa_score(pooled_gold, pooled_predicted))
    macro = averages.loc[("segment", "macro")]
    assert macro["f1"] == pytest.approx((2 / 3 + 0.5 + 2 / 3) / 3)
    assert macro["codes"] == 3 and macro["note"] == ""
    assert math.isnan(averages.loc[("document", "macro"), "cohen_kappa"])
    assert "cohen_kappa over 0 of 3 codes" in averages.loc[("document", "macro"), "note"]


def test_facet_agreement_on_true_positives(result) -> None:
    facets = result.facets.set_index(["facet", "code"])
    valence = facets.loc[("valence", "(all)")]
    # TPs: H a0 barrier=barrier, H b0 barrier=barrier, P a4 none=none, S a3 driver!=none
    assert (valence["true_positives"], valence["correct"]) == (4, 3)
    assert (valence["gold_valued"], valence["correct_gold_valued"]) == (3, 2)
    stage = facets.loc[("stage", "(all)")]
    assert (stage["correct"], stage["gold_valued"], stage["correct_gold_valued"]) == (4, 2, 2)
    assert facets.loc[("valence", S), "accuracy"] == 0.0
    assert math.isnan(facets.loc[("valence", P), "accuracy_gold_valued"])
    assert "gold gives no valence" in facets.loc[("valence", P), "note"]


def test_confusions_list_each_false_positive_and_negative_with_text(result) -> None:
    confusions = result.confusions
    kinds = [(r.code, r.kind, r.document, r.text) for r in confusions.itertuples()]
    assert kinds == [
        (H, "FP", "a", SENTENCES["a"][5]),
        (H, "FN", "a", SENTENCES["a"][1]),
        (P, "FP", "a", SENTENCES["a"][2]),
        (P, "FP", "b", SENTENCES["b"][2]),
        (S, "FN", "b", SENTENCES["b"][1]),
    ]
    first = confusions.iloc[0]
    assert (first["predicted_valence"], first["gold_line"]) == ("driver", 6)
    assert confusions.iloc[1]["gold_valence"] == "barrier"
    assert pd.isna(confusions.iloc[1]["predicted_start"])


def test_identical_codings_score_one_where_defined(
    gold_path: Path, tiny_codebook: Codebook
) -> None:
    result = evaluate(gold_path, gold_path, tiny_codebook)
    assert (result.by_code[["precision", "recall", "f1", "cohen_kappa"]] == 1.0).all().all()
    assert result.confusions.empty


def test_a_finer_segmenter_gives_the_same_scores(
    result, gold_path: Path, tiny_codebook: Codebook
) -> None:
    """Predictions on half-sentences align to the same gold units: a new segmenter is fine."""
    units = []
    for document in SENTENCES:
        for index, (start, end, text) in enumerate(spans(document)):
            cut = len(text) // 2
            codes = tuple(GoldCode(*c) for c in PREDICTED.get((document, index), []))
            units.append(GoldUnit(document, start, start + cut, text[:cut], codes))
            units.append(GoldUnit(document, start + cut, end, text[cut:], codes))
    finer = evaluate(gold_path, GoldCodings(tuple(units)), tiny_codebook)
    pd.testing.assert_frame_equal(finer.by_code, result.by_code)
    pd.testing.assert_frame_equal(finer.averages, result.averages)


def test_code_output_directory_and_coding_result_agree(
    gold_path: Path, tmp_path: Path, tiny_codebook: Codebook, result
) -> None:
    from_directory = evaluate(
        gold_path, write_output(tmp_path / "out", documents=None), tiny_codebook
    )
    pd.testing.assert_frame_equal(from_directory.by_code, result.by_code)
    assert from_directory.predictions == str(tmp_path / "out")


def test_degenerate_codes_are_nan_with_a_note(tmp_path: Path, tiny_codebook: Codebook) -> None:
    gold = write_lines(tmp_path / "g.jsonl", gold_lines({("a", 0): [(H, None, None)]}))
    predicted = write_lines(tmp_path / "p.jsonl", gold_lines({("a", 1): [(S, None, None)]}))
    table = evaluate(gold, predicted, tiny_codebook).by_code.set_index("code")
    assert table.loc[H, "f1"] == 0.0 and math.isnan(table.loc[H, "precision"])
    assert "never predicted" in table.loc[H, "note"]
    assert math.isnan(table.loc[S, "recall"]) and "no gold support" in table.loc[S, "note"]
    assert table.loc[P, ["precision", "recall", "f1", "cohen_kappa"]].isna().all()
    assert table.loc[P, "note"] == "neither gold nor predictions use this code"


# -- splits -----------------------------------------------------------------------------------
def test_split_scores_only_its_documents_and_says_so(
    gold_path, predicted_path, splits_path, tiny_codebook
) -> None:
    result = evaluate(gold_path, predicted_path, tiny_codebook, split="test", splits=splits_path)
    assert result.split == "test" and result.documents == ("b",) and result.units == 4
    assert result.description == "split test: 1 document, 4 gold units"
    assert any(
        "split test: 1 of 2 documents scored; no gold or predictions yet for c" in n
        for n in result.notes
    )
    assert any("tune on dev only" in n for n in result.notes)
    assert result.by_code.set_index("code").loc[H, "tp"] == 1


def test_predictions_beyond_the_split_are_ignored(
    gold_path, tmp_path, splits_path, tiny_codebook
) -> None:
    document_c = [x for x in gold_lines({}).splitlines() if '"document": "a"' in x]
    lines = gold_lines(PREDICTED) + "\n".join(x.replace('"a"', '"c"') for x in document_c)
    predicted = write_lines(tmp_path / "more.jsonl", lines)
    result = evaluate(gold_path, predicted, tiny_codebook, split="dev", splits=splits_path)
    assert result.documents == ("a",)


@pytest.mark.parametrize(
    ("split", "use_splits", "expected"),
    [
        ("tset", True, "[E406] split 'tset' is empty or unknown (the splits are dev, test)"),
        ("dev", False, "[E406] split 'dev' is empty or unknown (no splits file given"),
    ],
)
def test_unknown_split_or_no_splits_file(
    gold_path, predicted_path, splits_path, tiny_codebook, split, use_splits, expected
) -> None:
    with pytest.raises(EvaluationError) as error:
        evaluate(
            gold_path,
            predicted_path,
            tiny_codebook,
            split=split,
            splits=splits_path if use_splits else None,
        )
    assert expected in str(error.value)


def test_a_split_without_gold_is_an_error_not_a_score(
    tmp_path, predicted_path, tiny_codebook
) -> None:
    gold = write_lines(
        tmp_path / "g.jsonl", "\n".join(x for x in gold_lines(GOLD).splitlines() if '"a"' in x)
    )
    splits = write_lines(tmp_path / "s.csv", "document,split\na,dev\nb,test\n")
    with pytest.raises(
        EvaluationError,
        match=r"\[E406\] split 'test' is empty or unknown \(none of its 1 document has gold",
    ):
        evaluate(gold, predicted_path, tiny_codebook, split="test", splits=splits)


# -- bad input --------------------------------------------------------------------------------
def test_different_documents_are_listed_both_ways(tmp_path, tiny_codebook) -> None:
    gold = write_lines(tmp_path / "g.jsonl", gold_lines(GOLD))
    only_a = "\n".join(x for x in gold_lines(PREDICTED).splitlines() if '"document": "a"' in x)
    extra = gold_lines({}).replace('"document": "b"', '"document": "z"').splitlines()
    predicted = write_lines(
        tmp_path / "p.jsonl", "\n".join([only_a, *[x for x in extra if '"z"' in x]])
    )
    with pytest.raises(EvaluationError) as error:
        evaluate(gold, predicted, tiny_codebook)
    assert [p.message for p in error.value.problems] == [
        "gold and predictions cover different documents: in gold but not in the predictions: b",
        "gold and predictions cover different documents: in the predictions but not in gold: z",
    ]


def test_a_coded_document_without_codings_is_not_a_missing_document(
    gold_path, tmp_path, tiny_codebook
) -> None:
    out = write_output(tmp_path / "out")
    codings = pd.read_csv(out / "codings.csv")
    codings[codings["document"] != "b"].to_csv(out / "codings.csv", index=False)
    segments = pd.read_csv(out / "segments.csv")
    segments[segments["document"] == "a"].to_csv(out / "segments.csv", index=False)
    # documents.csv still lists b: coded, nothing found -> scored, every b unit a negative
    result = evaluate(gold_path, out, tiny_codebook)
    assert result.documents == ("a", "b")
    assert any("gold units that overlap no predicted unit: 4 of 10" in n for n in result.notes)
    (out / "documents.csv").unlink()
    with pytest.raises(EvaluationError, match="in gold but not in the predictions: b"):
        evaluate(gold_path, out, tiny_codebook)


def test_unknown_predicted_codes_are_e404_and_group_codes_are_not_scored(
    gold_path, tmp_path, tiny_codebook
) -> None:
    out = write_output(tmp_path / "out")
    codings = pd.read_csv(out / "codings.csv")
    codings.loc[0, "code"] = "housing.serach"
    codings.to_csv(out / "codings.csv", index=False)
    with pytest.raises(EvaluationError) as error:
        evaluate(gold_path, out, tiny_codebook)
    assert (
        str(error.value.problems[0])
        == "[E404] codings.csv (line 2): unknown code 'housing.serach' (not in the codebook)"
    )
    codings.loc[0, "code"] = "housing"
    codings.to_csv(out / "codings.csv", index=False)
    result = evaluate(gold_path, out, tiny_codebook)
    assert any("1 predicted coding of group codes not scored (housing)" in n for n in result.notes)


def test_unknown_gold_codes_are_e404(tmp_path, predicted_path, tiny_codebook) -> None:
    gold = write_lines(tmp_path / "g.jsonl", gold_lines({("a", 0): [("rent", None, None)]}))
    with pytest.raises(EvaluationError, match=r"\[E404\] line 1: unknown code 'rent'"):
        evaluate(gold, predicted_path, tiny_codebook)
    in_memory = GoldCodings((GoldUnit("a", 0, 4, "abcd", (GoldCode("rent"),)),))
    with pytest.raises(EvaluationError, match=r"\[E404\] a 0-4: unknown code 'rent'"):
        evaluate(in_memory, predicted_path, tiny_codebook)


def test_gold_made_in_python_is_checked_as_read_gold_checks_a_file(
    predicted_path, tiny_codebook
) -> None:
    rent = (GoldCode("housing.search"),)
    twice = GoldCodings((GoldUnit("a", 0, 4, "abcd", rent), GoldUnit("a", 0, 4, "abcd")))
    with pytest.raises(EvaluationError) as caught:
        evaluate(twice, predicted_path, tiny_codebook)
    assert caught.value.code == "E408"
    overlapping = GoldCodings((GoldUnit("a", 0, 4, "abcd", rent), GoldUnit("a", 2, 6, "cdef")))
    with pytest.raises(EvaluationError) as caught:
        evaluate(overlapping, predicted_path, tiny_codebook)
    assert caught.value.code == "E409"
    both_ways = (GoldCode("housing.search", "driver"), GoldCode("housing.search", "barrier"))
    with pytest.raises(EvaluationError, match="given twice in this unit"):
        evaluate(
            GoldCodings((GoldUnit("a", 0, 4, "abcd", both_ways),)), predicted_path, tiny_codebook
        )
    sideways = (GoldCode("housing.search", "sideways"),)
    with pytest.raises(EvaluationError) as caught:
        evaluate(
            GoldCodings((GoldUnit("a", 0, 4, "abcd", sideways),)), predicted_path, tiny_codebook
        )
    assert caught.value.code == "E410"


def test_offsets_off_the_document_need_the_corpus_and_are_e405(
    tmp_path, predicted_path, tiny_codebook
) -> None:
    def typo(lines: str) -> str:
        return lines.replace('"text": "Anyway, the cricket."', '"text": "Anyway, the CRICKET."')

    gold = write_lines(tmp_path / "g.jsonl", typo(gold_lines(GOLD)))
    predicted = write_lines(tmp_path / "p.jsonl", typo(gold_lines(PREDICTED)))
    evaluate(gold, predicted, tiny_codebook)  # gold and predictions agree: only the corpus can tell
    with pytest.raises(EvaluationError) as error:
        evaluate(gold, predicted, tiny_codebook, corpus=tiny_corpus())
    assert "[E405] line 10: offsets 65-85 do not fall on document 'b': the gold text" in str(
        error.value
    )


def test_gold_and_predictions_with_different_text_for_one_span_are_e405(
    gold_path, tmp_path, tiny_codebook
) -> None:
    changed = gold_lines(PREDICTED).replace("Renting was hard.", "Renting was HARD.")
    predicted = write_lines(tmp_path / "p.jsonl", changed)
    with pytest.raises(
        EvaluationError, match="were they coded from another version of the transcript"
    ):
        evaluate(gold_path, predicted, tiny_codebook)


def test_drop_negated(gold_path, tmp_path, tiny_codebook) -> None:
    out = write_output(tmp_path / "out")
    codings = pd.read_csv(out / "codings.csv")
    codings["negated"] = codings["code"] == P
    codings.to_csv(out / "codings.csv", index=False)
    counted = evaluate(gold_path, out, tiny_codebook)
    assert counted.by_code.set_index("code").loc[P, "predicted"] == 3
    expected = "negated mentions ('played no role') among the predicted codings: 3,"
    assert any(expected in n for n in counted.notes)
    dropped = evaluate(gold_path, out, tiny_codebook, include_negated=False)
    assert dropped.by_code.set_index("code").loc[P, "predicted"] == 0


def test_write_evaluation_writes_every_table(result, tmp_path) -> None:
    written = write_evaluation(result, tmp_path / "eval")
    assert sorted(p.name for p in written) == sorted(
        [
            "evaluation_by_code.csv",
            "evaluation_by_code_document_level.csv",
            "evaluation_averages.csv",
            "evaluation_facets.csv",
            "confusions.csv",
            "evaluation.json",
        ]
    )
    by_code = pd.read_csv(tmp_path / "eval" / "evaluation_by_code.csv")
    assert by_code["tp"].tolist() == result.by_code["tp"].tolist()
    assert len(pd.read_csv(tmp_path / "eval" / "confusions.csv")) == 5


def test_rule_coder_output_scores_consistently(
    tiny_corpus_dir, tiny_codebook_path, tmp_path
) -> None:
    """The real pipeline: code the tiny transcripts, turn its sentences into gold, evaluate."""
    from typer.testing import CliRunner

    from qualcode.cli import app
    from qualcode.evaluation import write_gold

    out = tmp_path / "coded"
    assert (
        CliRunner()
        .invoke(app, ["code", str(tiny_corpus_dir), "-c", str(tiny_codebook_path), "-o", str(out)])
        .exit_code
        == 0
    )
    predicted = read_predictions(out)
    # gold = the coder's own sentences, with housing.search on every one of them
    units = [
        GoldUnit(r.document, r.start, r.end, r.text, (GoldCode(H),))
        for r in predicted.units.itertuples()
    ]
    write_gold(units, tmp_path / "gold", per_document=True)
    result = evaluate(tmp_path / "gold", out, tiny_codebook_path, corpus=tiny_corpus_dir)
    row = result.by_code.set_index("code").loc[H]
    coded = predicted.codings.loc[
        predicted.codings["code"] == H, ["document", "start"]
    ].drop_duplicates()
    assert (row["support"], row["tp"], row["fp"]) == (len(units), len(coded), 0)
    assert row["precision"] == 1.0 and row["recall"] == pytest.approx(len(coded) / len(units))
    assert read_gold(tmp_path / "gold").documents == sorted(predicted.documents)
