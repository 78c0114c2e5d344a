from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from tests.evaluation.conftest import H, text_of, write_lines

runner = CliRunner()


def invoke(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def test_help_has_an_example() -> None:
    result = invoke("evaluate", "--help")
    assert result.exit_code == 0 and "Example: qualcode evaluate" in result.output


def test_evaluate_prints_the_split_table_and_averages_and_writes_csv(
    gold_path: Path,
    predicted_path: Path,
    tiny_codebook_path: Path,
    splits_path: Path,
    tmp_path: Path,
) -> None:
    out = tmp_path / "eval"
    result = invoke(
        "evaluate",
        "--gold",
        gold_path,
        "--pred",
        predicted_path,
        "-c",
        tiny_codebook_path,
        "--split",
        "dev",
        "--splits",
        splits_path,
        "--out",
        out,
    )
    assert result.exit_code == 0, result.output
    assert "Evaluated on split dev: 1 document, 6 gold units" in result.output
    assert "Per code, segment level" in result.output and "Averages, segment level" in result.output
    assert H in result.output and "micro" in result.output and "macro" in result.output
    # a: H tp1 fp1 fn1 -> precision 0.500 shown with three decimals
    assert "0.500" in result.output
    by_code = pd.read_csv(out / "evaluation_by_code.csv").set_index("code")
    assert by_code.loc[H, ["tp", "fp", "fn"]].tolist() == [1, 1, 1]
    assert json.loads((out / "evaluation.json").read_text())["split"] == "dev"
    assert (out / "confusions.csv").is_file()
    assert (out / "evaluation_by_code_document_level.csv").is_file()


def test_document_level_table(
    gold_path: Path, predicted_path: Path, tiny_codebook_path: Path
) -> None:
    result = invoke(
        "evaluate",
        "-g",
        gold_path,
        "-p",
        predicted_path,
        "-c",
        tiny_codebook_path,
        "--level",
        "document",
    )
    assert result.exit_code == 0, result.output
    assert "Per code, document level" in result.output
    assert "all gold documents (no split chosen): 2 documents, 10 gold units" in result.output


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--level", "sentence"], "[E407] unknown level 'sentence'; use one of segment, document"),
        (["--split", "tset", "--splits", "SPLITS"], "[E406] split 'tset' is empty or unknown"),
        (["--split", "dev"], "no splits file given"),
    ],
)
def test_bad_options_exit_2_with_one_line_per_problem(
    gold_path, predicted_path, tiny_codebook_path, splits_path, extra, expected
) -> None:
    extra = [str(splits_path) if x == "SPLITS" else x for x in extra]
    result = invoke(
        "evaluate", "-g", gold_path, "-p", predicted_path, "-c", tiny_codebook_path, *extra
    )
    assert result.exit_code == 2
    assert expected in result.output


def test_bad_gold_exits_2_naming_file_and_line(
    predicted_path, tiny_codebook_path, tmp_path
) -> None:
    gold = write_lines(tmp_path / "bad.jsonl", '{"document": "a"\n')
    result = invoke("evaluate", "-g", gold, "-p", predicted_path, "-c", tiny_codebook_path)
    assert result.exit_code == 2
    assert f"error: {gold}: [E401] line 1: gold file: invalid JSON" in result.output


def test_nothing_is_written_when_evaluation_fails(gold_path, tiny_codebook_path, tmp_path) -> None:
    out = tmp_path / "eval"
    result = invoke(
        "evaluate", "-g", gold_path, "-p", tmp_path / "missing", "-c", tiny_codebook_path, "-o", out
    )
    assert result.exit_code == 2 and "E402" in result.output
    assert not out.exists()


def test_corpus_option_checks_gold_against_the_transcripts(
    gold_path, predicted_path, tiny_codebook_path, tmp_path
) -> None:
    for document in ("a", "b"):
        write_lines(tmp_path / "transcripts" / f"{document}.txt", text_of(document) + "\n")
    args = ["-g", gold_path, "-p", predicted_path, "-c", tiny_codebook_path]
    ok = invoke("evaluate", *args, "--corpus", tmp_path / "transcripts")
    assert ok.exit_code == 0, ok.output
    write_lines(tmp_path / "transcripts" / "b.txt", text_of("b").replace("Renting", "Letting"))
    bad = invoke("evaluate", *args, "--corpus", tmp_path / "transcripts")
    assert bad.exit_code == 2
    assert "[E405] line 7: offsets 0-17 do not fall on document 'b': the gold text" in bad.output


def test_a_survey_corpus_is_read_with_its_columns(
    gold_path, predicted_path, tiny_codebook_path, tmp_path
) -> None:
    # 'nr' is not named like an id and 'remark' holds free text too
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "wave,nr,answer,remark\n"
        + "".join(f'w1,{d},"{text_of(d)}",Nothing more to say about it.\n' for d in "ab"),
        encoding="utf-8",
    )
    args = ["-g", gold_path, "-p", predicted_path, "-c", tiny_codebook_path, "--corpus", survey]
    guessed = invoke("evaluate", *args)
    assert guessed.exit_code == 2 and "[E405]" in guessed.output
    result = invoke("evaluate", *args, "--id-column", "nr", "--text-column", "answer")
    assert result.exit_code == 0, result.output
    args = ["-g", gold_path, "-p", predicted_path, "-c", tiny_codebook_path, "--id-column", "nr"]
    assert invoke("evaluate", *args).exit_code == 2
