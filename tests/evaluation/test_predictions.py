from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.errors import EvaluationError
from qualcode.evaluation import read_predictions
from tests.evaluation.conftest import PREDICTED, write_lines, write_output


def test_output_directory_gives_units_codings_and_every_document(tmp_path: Path) -> None:
    predictions = read_predictions(write_output(tmp_path / "out", documents=("a", "b", "silent")))
    assert predictions.documents == ("a", "b", "silent")  # 'silent' was coded, had no units
    assert len(predictions.units) == 10
    assert len(predictions.codings) == sum(len(v) for v in PREDICTED.values())
    assert predictions.coder == "qualcode:rules"
    assert predictions.codings["line"].tolist() == list(range(2, 2 + len(predictions.codings)))
    assert predictions.codings["valence"].iloc[0] == "barrier"
    assert predictions.codings["stage"].iloc[0] is None


def test_codings_csv_path_with_segments_beside_it(tmp_path: Path) -> None:
    out = write_output(tmp_path / "out", documents=None)
    predictions = read_predictions(out / "codings.csv")
    assert predictions.documents == ("a", "b")


def test_text_that_looks_like_na_stays_text(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_lines(out / "segments.csv", "document,start,end,text\nNA,0,2,NA\nnull,0,4,null\n")
    write_lines(out / "codings.csv", "document,start,end,code\nNA,0,2,x\n")
    predictions = read_predictions(out)
    assert predictions.units["text"].tolist() == ["NA", "null"]
    assert predictions.documents == ("NA", "null")


@pytest.mark.parametrize(
    ("segments", "codings", "expected"),
    [
        (None, "document,start,end,code\n", "no segments.csv beside codings.csv"),
        (
            "document,start,end\n",
            "document,start,end,code\n",
            "segments.csv (line 1): predictions: missing column(s) text",
        ),
        (
            "document,start,end,text\na,0,2,ab\n",
            "document,start,code\n",
            "codings.csv (line 1): predictions: missing column(s) end",
        ),
        (
            "document,start,end,text\na,0,x,ab\n",
            "document,start,end,code\n",
            "segments.csv (line 2): predictions: 'end' must be an integer offset, not 'x'",
        ),
        (
            "document,start,end,text\na,0,2,ab\n",
            "document,start,end,code\na,0,3,h\n",
            "codings.csv (line 2): predictions: coding 'h' of document 'a' at 0-3 is on no unit "
            "of segments.csv",
        ),
        ("document,start,end,text\na,0,2,ab\n", "", "codings.csv: predictions: cannot read"),
    ],
)
def test_bad_coding_outputs(tmp_path: Path, segments, codings, expected) -> None:
    out = tmp_path / "out"
    write_lines(out / "codings.csv", codings)
    if segments is not None:
        write_lines(out / "segments.csv", segments)
    with pytest.raises(EvaluationError) as error:
        read_predictions(out)
    assert error.value.code == "E402"
    assert any(expected in str(p) for p in error.value.problems), error.value.problems


def test_lines_are_the_file_lines_when_texts_hold_line_breaks(tmp_path: Path) -> None:
    out = tmp_path / "out"
    segments = 'document,start,end,text\na,0,2,"a\nb"\na,3,5,"c\nd"\n'
    write_lines(out / "segments.csv", segments)
    codings = 'document,start,end,code,text\na,0,2,h,"a\nb"\na,3,5,p,"c\nd"\n'
    write_lines(out / "codings.csv", codings)
    assert read_predictions(out).codings["line"].tolist() == [2, 4]
    write_lines(out / "codings.csv", codings.replace("a,3,5,p", "a,3,9,p"))
    with pytest.raises(EvaluationError, match=r"codings.csv \(line 4\)"):
        read_predictions(out)
    write_lines(out / "segments.csv", segments.replace("a,3,5", "a,3,x"))
    with pytest.raises(EvaluationError, match=r"segments.csv \(line 4\)"):
        read_predictions(out)


def test_a_path_that_is_no_kind_of_predictions(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(EvaluationError, match="expected the output directory of 'qualcode code'"):
        read_predictions(tmp_path / "empty")
    with pytest.raises(EvaluationError, match="no such file or directory"):
        read_predictions(tmp_path / "missing")


def test_gold_format_predictions(predicted_path: Path) -> None:
    predictions = read_predictions(predicted_path)
    assert predictions.documents == ("a", "b")
    assert set(predictions.codings["source"]) == {"human"}
    assert predictions.codings["line"].notna().all()
