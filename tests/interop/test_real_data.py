"""The real REFI-QDA exports in ../shared/real-data/qdpx (qc 1.3.2 and NVivo for Mac 15)."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.corpus import read_corpus
from qualcode.errors import CorpusError
from qualcode.interop import export_project, project_codings, read_qdpx
from tests.interop.builders import REAL_QDPX

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not REAL_QDPX.is_dir(), reason=f"shared real data not found ({REAL_QDPX})"),
]
QC = REAL_QDPX / "qc-1.3.2-demo.qdpx"
NVIVO = REAL_QDPX / "nvivo-mac-15.qdpx"
runner = CliRunner()


def _key(table: pd.DataFrame) -> list[tuple[object, ...]]:
    columns = ["document", "start", "end", "code", "coder"]
    return sorted(map(tuple, table[columns].values.tolist()))


def test_qc_export_imports_with_codebook_users_and_codings() -> None:
    project = read_qdpx(QC)
    assert project.origin == "qc 1.3.2" and project.warnings == ()
    assert [u.name for u in project.users] == ["cp"]
    assert len(project.codes) == 262 and project.codebook is not None
    assert max(project.codebook.depth(c) for c in project.codebook.ids) == 6  # 7 levels
    assert [(s.document, s.text_from) for s in project.sources] == [
        ("board_2017", "plain text"),
        ("admin-1", "plain text"),
    ]
    assert len(project.codings) == 205 and project.coders == ["cp"]
    # qc codes whole lines: every selection is one line of the transcript
    board = project.source("board_2017")
    for coding in project.codings:
        assert board.text[coding.start : coding.end].count("\n") == 1
        assert (coding.start, coding.end) == (coding.raw_start, coding.raw_end)  # ASCII, \n
    # a name used under several parents gets distinct ids by path
    programming = [c.id for c in project.codes if c.name == "programming"]
    assert programming == [
        "rq1_definition.competencies.programming",
        "rq1_definition.framings.cs_as_programming.programming",
    ]


def test_nvivo_export_imports_codebook_and_users_and_its_blank_sources() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        project = read_qdpx(NVIVO)
    assert project.origin == "NVivo for Mac 15.0.0"
    assert [(u.name, u.id) for u in project.users] == [("chrisp", "CP"), ("cp", "C")]
    assert len(project.codes) == 262 and project.codings == ()
    # the .txt twins hold one newline, so the .docx was read - and it is empty too
    assert [(s.text, s.text_from) for s in project.sources] == [("", "docx"), ("", "docx")]
    assert sum("has no text" in str(w.message) for w in caught) == 2
    # both tools exported the same code tree with the same GUIDs
    assert project.code_guids == read_qdpx(QC).code_guids


def test_both_read_as_a_corpus_or_say_why_not() -> None:
    corpus = read_corpus(QC)
    assert [d.id for d in corpus] == ["board_2017", "admin-1"]
    assert corpus["admin-1"].speakers == {"Max Bigman": "interviewer", "admin-1": "respondent"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(CorpusError) as info:
            read_corpus(NVIVO)
    assert info.value.code == "E114" and "none of its 2 text source(s) has any text" in str(
        info.value
    )


def test_qc_round_trip_in_the_library(tmp_path: Path) -> None:
    project = read_qdpx(QC)
    first = export_project(project, tmp_path / "again.qdpx")
    again = read_qdpx(first)
    assert _key(project_codings(again)) == _key(project_codings(project))
    assert again.code_guids == project.code_guids
    assert export_project(again, tmp_path / "third.qdpx").read_bytes() == first.read_bytes()


def test_qc_round_trip_through_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "imported"
    result = runner.invoke(app, ["import", "qdpx", str(QC), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "cp" in result.output and "205" in result.output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        ".qualcode-outputs",
        "codebook.yaml",
        "codings/cp.csv",
        "gold/cp.jsonl",
        "transcripts/admin-1.txt",
        "transcripts/board_2017.txt",
    ]
    exported = tmp_path / "exported.qdpx"
    result = runner.invoke(
        app,
        [
            "export",
            "qdpx",
            str(exported),
            "--corpus",
            str(out / "transcripts"),
            "--codings",
            str(out / "codings"),
            "--codebook",
            str(out / "codebook.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(exported) as archive:
        assert len(archive.namelist()) == 3
    original = project_codings(read_qdpx(QC))
    assert _key(project_codings(read_qdpx(exported))) == _key(original)
    assert _key(pd.read_csv(out / "codings" / "cp.csv", dtype={"document": str})) == _key(original)
