from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.cli.render import console
from tests.corpus.builders import (
    write_csv,
    write_docx,
    write_markdown,
    write_srt,
    write_text,
    write_vtt,
    write_xlsx,
)
from tests.corpus.test_bad_input import BAD

runner = CliRunner()
TURNS = [
    ("Interviewer", "Why did you come to the Netherlands?"),
    ("Ana", "For the job, and later for the people."),
    ("Interviewer", "And the housing?"),
    ("Ana", "Housing was hard to find."),
]
ANSWER = "The job was the main reason, and the schools for our kids."


@pytest.fixture
def every_format(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    write_text(root / "t1.txt", TURNS, preamble="Interview 1, Delft")
    write_markdown(root / "m1.md", TURNS)
    write_docx(root / "d1.docx", TURNS)
    write_docx(root / "d2.docx", TURNS, table=True)
    write_vtt(root / "v1.vtt", TURNS)
    write_vtt(root / "v2.vtt", TURNS, style="zoom")
    write_srt(root / "s1.srt", TURNS)
    write_csv(root / "survey.csv", ["id", "city", "answer"], [["r1", "Delft", ANSWER]])
    write_xlsx(root / "survey2.xlsx", ["id", "city", "answer"], [["r2", "Leiden", ANSWER]])
    (root / "attributes.csv").write_text("document,route\nt1,start-up\nzz,partner\n", "utf-8")
    return root


def test_inspect_every_format_json(every_format: Path) -> None:
    result = runner.invoke(app, ["corpus", "inspect", str(every_format), "--json"])
    assert result.exit_code == 0, result.output
    records = {r["document"]: r for r in json.loads(result.stdout)}
    assert {r["format"] for r in records.values()} == {
        "text",
        "markdown",
        "docx",
        "vtt",
        "srt",
        "csv",
        "xlsx",
    }
    for doc_id in ("t1", "m1", "d1", "d2", "v1", "v2", "s1"):
        record = records[doc_id]
        assert record["speakers"] == "Interviewer (interviewer): 2; Ana (respondent): 2", doc_id
        assert (record["turns"], record["interviewer_turns"], record["respondent_turns"]) == (
            4,
            2,
            2,
        ), doc_id
    assert records["t1"]["preamble"] and records["t1"]["attributes"] == "route=start-up"
    assert records["v1"]["duration"] == 10.0 and records["t1"]["duration"] is None
    assert records["r1"]["speakers"] == "(none) (respondent): 1"
    assert records["r2"]["attributes"] == "city=Leiden"
    assert "attributes for unknown document 'zz'" in result.stderr


def test_inspect_csv_output_is_the_library_table(every_format: Path) -> None:
    result = runner.invoke(app, ["corpus", "inspect", str(every_format), "--csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert len(frame) == 9 and frame["words"].gt(0).all()


def test_inspect_table_fits_80_columns_one_line_per_document(
    every_format: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "width", 80)
    result = runner.invoke(app, ["corpus", "inspect", str(every_format)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    ids = ["t1", "m1", "d1", "d2", "v1", "v2", "s1", "r1", "r2"]
    assert sorted(line.split()[0] for line in lines if line.split()[:1] in [[i] for i in ids]) == (
        sorted(ids)
    )
    assert "Interviewer (I) 2, Ana (R) 2" in result.stdout
    assert "formats:" in result.stdout and "attributes (documents that have them)" in result.stdout
    assert "start-up" not in result.stdout  # no room for attribute values at 80 columns
    monkeypatch.setattr(console, "width", 160)
    result = runner.invoke(app, ["corpus", "inspect", str(every_format)])
    assert max(len(line) for line in result.stdout.splitlines()) <= 160
    assert "start-up" in result.stdout and "Leiden" in result.stdout


def test_inspect_options_roles_survey_columns_and_both_formats_refused(tmp_path: Path) -> None:
    path = write_text(tmp_path / "x.txt", [("Sam", "Hello there."), ("Bo", "Why?"), ("Sam", "Hi")])
    roles = tmp_path / "elsewhere.yaml"
    roles.write_text("interviewer: [Sam]\n", "utf-8")
    result = runner.invoke(app, ["corpus", "inspect", str(path), "--roles", str(roles), "--json"])
    assert json.loads(result.stdout)[0]["speakers"].startswith("Sam (interviewer)")
    survey = write_csv(tmp_path / "s.csv", ["nr", "a"], [["7", "Short."], ["8", "Also."]])
    args = ["corpus", "inspect", str(survey), "--json", "--id-column", "nr", "--text-column", "a"]
    result = runner.invoke(app, args)
    assert [r["document"] for r in json.loads(result.stdout)] == ["7", "8"]
    result = runner.invoke(app, ["corpus", "inspect", str(path), "--json", "--csv"])
    assert result.exit_code == 2


def test_bad_files_exit_2_and_skip_bad_counts(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    write_text(root / "good.txt", TURNS)
    (root / "junk.txt").write_bytes(bytes(range(256)) * 64)
    (root / "cut.docx").write_bytes(b"PK\x03\x04 truncated")
    result = runner.invoke(app, ["corpus", "inspect", str(root)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cut.docx: [E116]" in errors[0]
    result = runner.invoke(app, ["corpus", "inspect", str(root), "--skip-bad"])
    assert result.exit_code == 0
    assert "2 file(s) skipped" in result.stderr
    assert result.stderr.count("skipped: ") == 2


def test_other_languages_are_inspected_but_not_coded(
    tmp_path: Path, tiny_codebook_path: Path
) -> None:
    german = [
        ("I", "Warum sind Sie nach Deutschland gekommen?"),
        ("R", "Wegen der Arbeit, und weil die Wohnung in München günstiger war als gedacht."),
        ("I", "Und die Schule?"),
        ("R", "Die Kinder gehen gern zur Schule, und meine Frau hat schnell eine Stelle gefunden."),
    ]
    root = tmp_path / "c"
    root.mkdir()
    write_text(root / "de.txt", german)
    write_text(root / "en.txt", TURNS)
    result = runner.invoke(app, ["corpus", "inspect", str(root), "--json"])
    assert result.exit_code == 0
    assert {r["document"]: r["language"] for r in json.loads(result.stdout)} == {
        "de": "de",
        "en": "en",
    }
    assert "coding will refuse it" in result.stderr
    out = tmp_path / "out"
    args = ["code", str(root), "-c", str(tiny_codebook_path), "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "de.txt: [E201]" in result.stderr
    result = runner.invoke(app, [*args, "--skip-bad"])
    assert result.exit_code == 0 and "1 file(s) skipped" in result.stderr


@pytest.mark.parametrize("case", list(BAD))
def test_every_bad_input_is_one_error_line_and_exit_2(tmp_path: Path, case: str) -> None:
    name, build, code = BAD[case]
    path = build(tmp_path / name)
    result = runner.invoke(app, ["corpus", "inspect", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [result.stderr.splitlines()[0]]
    assert result.stderr.startswith(f"error: {path}: [{code}]")
