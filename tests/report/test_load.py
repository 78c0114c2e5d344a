from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

from qualcode.codebook import dump_codebook
from qualcode.errors import CodebookError, ReportError
from qualcode.report import frequencies, load_results, write_results
from tests.report.conftest import hand_result, report_codebook


@pytest.fixture
def written(tmp_path: Path) -> Path:
    out = tmp_path / "run"
    write_results(hand_result(), out)
    return out


def test_round_trip_gives_the_same_figures(written: Path) -> None:
    original = hand_result()
    loaded = load_results(written)
    assert loaded.codebook == original.codebook
    assert (loaded.unit, loaded.roles, loaded.coder) == (
        "sentence",
        ("respondent",),
        "qualcode:rules",
    )
    pd.testing.assert_frame_equal(frequencies(loaded), frequencies(original))
    assert loaded.codings["negated"].dtype == bool and loaded.codings["segment"].dtype == "int64"
    assert json.loads((written / "run.json").read_text())["codebook"] == "report-test"


def test_document_ids_stay_text(tmp_path: Path) -> None:
    result = hand_result()
    renamed = {"a": "001", "b": "002", "c": "003", "d": "004", "e": "005"}
    result = type(result)(
        codings=result.codings.assign(document=result.codings["document"].map(renamed)),
        segments=result.segments.assign(document=result.segments["document"].map(renamed)),
        documents=result.documents.assign(document=result.documents["document"].map(renamed)),
        codebook=result.codebook,
    )
    write_results(result, tmp_path / "run")
    loaded = load_results(tmp_path / "run")
    assert sorted(set(loaded.codings["document"])) == ["001", "002", "003", "004"]


def test_missing_files_are_named(tmp_path: Path, written: Path) -> None:
    with pytest.raises(ReportError) as caught:
        load_results(tmp_path / "nowhere")
    assert caught.value.code == "E506"
    (written / "segments.csv").unlink()
    (written / "documents.csv").unlink()
    with pytest.raises(ReportError) as caught:
        load_results(written)
    lines = caught.value.lines()
    assert len(lines) == 2 and "segments.csv is missing" in lines[0]


def test_missing_codebook_asks_for_one(written: Path, tmp_path: Path) -> None:
    (written / "codebook.yaml").unlink()
    with pytest.raises(ReportError) as caught:
        load_results(written)
    assert caught.value.code == "E506" and "--codebook" in str(caught.value)
    path = dump_codebook(report_codebook(), tmp_path / "given.yaml")
    assert load_results(written, codebook=path).codebook.name == "report-test"
    with pytest.raises(CodebookError):
        load_results(written, codebook=tmp_path / "absent.yaml")


def test_codes_not_in_the_codebook_are_named_with_lines(written: Path) -> None:
    codings = pd.read_csv(written / "codings.csv", dtype=str, keep_default_na=False)
    codings.loc[2, "code"] = "housing.serach"
    codings.loc[5, "code"] = "wellbeing"
    codings.to_csv(written / "codings.csv", index=False)
    with pytest.raises(ReportError) as caught:
        load_results(written)
    message = str(caught.value)
    assert caught.value.code == "E502"
    assert "'housing.serach' (line 4)" in message and "'wellbeing' (line 7)" in message
    assert "codings.csv" in message


def test_bad_values_are_reported_by_column_and_line(written: Path) -> None:
    codings = pd.read_csv(written / "codings.csv", dtype=str, keep_default_na=False)
    codings.loc[1, "segment"] = "two"
    codings.loc[3, "negated"] = "maybe"
    codings.loc[4, "confidence"] = "high"
    codings.loc[0, "document"] = ""
    codings.to_csv(written / "codings.csv", index=False)
    with pytest.raises(ReportError) as caught:
        load_results(written)
    lines = caught.value.lines()
    assert len(lines) == 4 and all(line.startswith(str(written / "codings.csv")) for line in lines)
    text = "\n".join(lines)
    assert "[E501] line 2: codings file: column 'document' must not be empty" in text
    assert "line 3: codings file: column 'segment' must be a whole number, not 'two'" in text
    assert "column 'negated' must be true or false, not 'maybe'" in text
    assert "column 'confidence' must be a number, not 'high' (line(s) 6)" in text


def test_missing_columns_and_empty_files(written: Path) -> None:
    pd.read_csv(written / "segments.csv").drop(columns=["text"]).to_csv(
        written / "segments.csv", index=False
    )
    with pytest.raises(ReportError) as caught:
        load_results(written)
    assert caught.value.code == "E509" and "missing column(s) text" in str(caught.value)
    (written / "documents.csv").write_text("")
    (written / "segments.csv").write_text("document,segment,text\n")
    with pytest.raises(ReportError) as caught:
        load_results(written)
    assert "the file is empty" in str(caught.value)


def test_tables_that_disagree(written: Path) -> None:
    segments = pd.read_csv(written / "segments.csv")
    segments[~((segments["document"] == "d") & (segments["segment"] == 0))].to_csv(
        written / "segments.csv", index=False
    )
    documents = pd.read_csv(written / "documents.csv")
    documents[documents["document"] != "c"].to_csv(written / "documents.csv", index=False)
    with pytest.raises(ReportError) as caught:
        load_results(written)
    text = str(caught.value)
    assert caught.value.code == "E508"
    assert "codings.csv refers to documents that documents.csv does not have: 'c'" in text
    assert "codings.csv refers to segments that segments.csv does not have: 'd#0'" in text


def test_several_coders_are_refused(written: Path) -> None:
    codings = pd.read_csv(written / "codings.csv")
    codings.loc[0, "coder"] = "alice"
    codings.to_csv(written / "codings.csv", index=False)
    with pytest.raises(ReportError, match="2 coders"):
        load_results(written)


def test_other_codebook_version_warns(written: Path) -> None:
    changed = report_codebook().model_copy(update={"version": "2"})
    with pytest.warns(UserWarning, match="different version"):
        load_results(written, codebook=changed)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_results(written)


def test_minimal_codings_file_from_elsewhere(written: Path) -> None:
    """A codings file with only document, segment and code (e.g. exported human coding)."""
    full = pd.read_csv(written / "codings.csv")
    full[~full["negated"]][["document", "segment", "code"]].to_csv(
        written / "codings.csv", index=False
    )
    (written / "run.json").unlink()
    loaded = load_results(written)
    assert loaded.codings["text"].notna().all()  # taken from segments.csv
    table = frequencies(loaded).set_index("code")
    assert table.loc["housing", "documents"] == 3
    assert loaded.roles == ("respondent",)


def test_lines_are_the_file_lines_when_texts_hold_line_breaks(written: Path) -> None:
    codings = pd.read_csv(written / "codings.csv", dtype=str, keep_default_na=False)
    codings["text"] = "one\ntwo\nthree"  # every record spans three lines
    codings.loc[1, "confidence"] = "high"
    codings.loc[2, "code"] = "wellbeing"
    codings.to_csv(written / "codings.csv", index=False)
    with pytest.raises(ReportError) as caught:
        load_results(written)
    assert "column 'confidence' must be a number, not 'high' (line(s) 5)" in str(caught.value)
    assert str(caught.value).startswith(f"{written / 'codings.csv'}: [E501] line 5:")
    codings.loc[1, "confidence"] = "1.0"
    codings.to_csv(written / "codings.csv", index=False)
    with pytest.raises(ReportError, match=r"'wellbeing' \(line 8\)"):
        load_results(written)
    documents = pd.read_csv(written / "documents.csv", dtype=str, keep_default_na=False)
    documents = pd.concat([documents.iloc[:1].assign(country="In\ndia"), documents])
    documents.to_csv(written / "documents.csv", index=False)
    codings.loc[2, "code"] = "safety"
    codings.to_csv(written / "codings.csv", index=False)
    with pytest.raises(ReportError, match=r"documents.csv \(line 4\).*'a' has more than one row"):
        load_results(written)
