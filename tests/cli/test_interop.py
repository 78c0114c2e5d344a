"""qualcode import qdpx / export qdpx / codebook export / codebook import."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.codebook import load_codebook
from qualcode.interop import read_qdpx
from tests.cli.test_code import survey_with_cases
from tests.interop.builders import ANA_RAW, USER_ANNE, project_xml, selection, tiny_qdpx

runner = CliRunner()


@pytest.mark.parametrize(
    "command",
    [["import", "qdpx"], ["export", "qdpx"], ["codebook", "export"], ["codebook", "import"]],
)
def test_help_has_an_example(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Example: qualcode" in result.output


def test_import_writes_a_project_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["import", "qdpx", str(tiny_qdpx(tmp_path / "t.qdpx")), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [
        ".qualcode-outputs",
        "codebook.yaml",
        "codings/anne.csv",
        "codings/bob.csv",
        "gold/anne.jsonl",
        "gold/bob.jsonl",
        "transcripts/Ana.txt",
        "transcripts/attributes.csv",
        "transcripts/bram.txt",
    ]
    assert (out / "transcripts" / "Ana.txt").read_bytes().count(b"\r") == 0
    assert "country" in (out / "transcripts" / "attributes.csv").read_text()
    assert load_codebook(out / "codebook.yaml", check_patterns=False).ids[0] == "housing"
    anne = pd.read_csv(out / "codings" / "anne.csv")
    assert set(anne["coder"]) == {"anne"} and len(anne) == 2


def test_import_then_export_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert (
        runner.invoke(
            app,
            ["import", "qdpx", str(tiny_qdpx(tmp_path / "t.qdpx")), "-o", str(out), "--no-gold"],
        ).exit_code
        == 0
    )
    assert not (out / "gold").exists()
    exported = tmp_path / "again.qdpx"
    args = [
        "export",
        "qdpx",
        str(exported),
        "--corpus",
        str(out / "transcripts"),
        "--codebook",
        str(out / "codebook.yaml"),
    ]
    result = runner.invoke(
        app,
        [
            *args,
            "--codings",
            str(out / "codings" / "anne.csv"),
            "--codings",
            str(out / "codings" / "bob.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "5 codings by 2 coder(s): anne, bob" in result.output
    before = read_qdpx(tmp_path / "t.qdpx")
    after = read_qdpx(exported)
    key = sorted((c.document, c.start, c.end, c.code, c.coder) for c in before.codings)
    assert sorted((c.document, c.start, c.end, c.code, c.coder) for c in after.codings) == key
    assert after.attributes("Ana") == {"country": "Brazil"}


def test_import_bad_selections_error_or_lenient(tmp_path: Path) -> None:
    bad = selection(1, 5, len(ANA_RAW) + 10, USER_ANNE, "0c000000-0000-4000-8000-000000000002")
    path = tiny_qdpx(tmp_path / "bad.qdpx", project_xml(selections=bad))
    result = runner.invoke(app, ["import", "qdpx", str(path), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert (
        result.stderr.count("\n") == 1
        and "[E702]" in result.stderr
        and "'Ana.docx'" in result.stderr
    )
    result = runner.invoke(
        app, ["import", "qdpx", str(path), "-o", str(tmp_path / "o"), "--bad-selections", "clip"]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"warning: {path}: Sources -> Ana.docx -> selection s1:")
    assert "clipped to 5-123" in result.stderr
    result = runner.invoke(
        app, ["import", "qdpx", str(path), "-o", str(tmp_path / "o"), "--bad-selections", "maybe"]
    )
    assert result.exit_code == 2 and "error, skip or clip" in result.output + result.stderr


def test_export_reports_bad_codings(
    tmp_path: Path, tiny_corpus_dir: Path, tiny_codebook_path: Path
) -> None:
    codings = tmp_path / "codings.csv"
    codings.write_text(
        "document,start,end,code,coder\nana,0,5,housing.search,x\nnobody,0,1,cultural.safety,x\n"
    )
    out = tmp_path / "x.qdpx"
    result = runner.invoke(
        app,
        [
            "export",
            "qdpx",
            str(out),
            "--corpus",
            str(tiny_corpus_dir),
            "-c",
            str(tiny_codebook_path),
            "--codings",
            str(codings),
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: [E707] row 2: codings to export: unknown document 'nobody'"
    ]
    assert not out.exists()
    codings.write_text("document,start,end,code\nana,0,5,housing.search\n")
    result = runner.invoke(
        app,
        [
            "export",
            "qdpx",
            str(out),
            "--corpus",
            str(tiny_corpus_dir),
            "-c",
            str(tiny_codebook_path),
            "--codings",
            str(codings),
        ],
    )
    assert result.exit_code == 2 and "missing column(s) coder" in result.stderr


def test_code_then_export_puts_the_machine_coder_in_as_a_user(
    tmp_path: Path, tiny_corpus_dir: Path, tiny_codebook_path: Path
) -> None:
    coded = tmp_path / "coded"
    assert (
        runner.invoke(
            app, ["code", str(tiny_corpus_dir), "-c", str(tiny_codebook_path), "-o", str(coded)]
        ).exit_code
        == 0
    )
    out = tmp_path / "coded.qdpx"
    result = runner.invoke(
        app,
        [
            "export",
            "qdpx",
            str(out),
            "--corpus",
            str(tiny_corpus_dir),
            "-c",
            str(tiny_codebook_path),
            "--codings",
            str(coded / "codings.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    book = load_codebook(tiny_codebook_path)
    project = read_qdpx(out, reference=book)
    assert [u.name for u in project.users] == ["qualcode:rules"]
    machine = pd.read_csv(coded / "codings.csv")
    assert len(project.codings) == len(
        machine.drop_duplicates(["document", "start", "end", "code", "coder"])
    )
    assert {c.code for c in project.codings} <= set(book.codable_ids)
    assert project.attributes("ana") == {"country": "Brazil", "route": "start-up"}


def test_codebook_export_and_import(tmp_path: Path, tiny_codebook_path: Path) -> None:
    qdc = tmp_path / "tiny.qdc"
    result = runner.invoke(app, ["codebook", "export", str(tiny_codebook_path), "--to", str(qdc)])
    assert result.exit_code == 0, result.output
    back = tmp_path / "back.yaml"
    result = runner.invoke(
        app,
        ["codebook", "import", str(qdc), "--to", str(back), "--ids-from", str(tiny_codebook_path)],
    )
    assert result.exit_code == 0, result.output
    assert load_codebook(back, check_patterns=False).ids == load_codebook(tiny_codebook_path).ids
    result = runner.invoke(app, ["codebook", "import", str(qdc), "--to", str(tmp_path / "x.json")])
    assert result.exit_code == 2 and "E015" in result.stderr
    result = runner.invoke(
        app, ["codebook", "export", str(tiny_codebook_path), "--to", str(tmp_path / "x.txt")]
    )
    assert result.exit_code == 2 and "E015" in result.stderr
    assert runner.invoke(app, ["codebook", "validate", str(qdc)]).exit_code == 0


def test_readme_export_of_a_coding_run_directory(
    tiny_corpus_dir: Path, tiny_codebook_path: Path, tmp_path: Path
) -> None:
    # README: qualcode export qdpx out/sample.qdpx --corpus corpora/sample --codings out/sample
    out = tmp_path / "out" / "sample"
    corpus, codebook = str(tiny_corpus_dir), str(tiny_codebook_path)
    assert runner.invoke(app, ["code", corpus, "-c", codebook, "-o", str(out)]).exit_code == 0
    qdpx = tmp_path / "out" / "sample.qdpx"
    result = runner.invoke(
        app,
        ["export", "qdpx", str(qdpx), "--corpus", corpus, "--codings", str(out), "-c", codebook],
    )
    assert result.exit_code == 0, result.output
    assert {c.coder for c in read_qdpx(qdpx).codings} == {"qualcode:rules"}


def test_export_reads_a_survey_as_code_did(tiny_codebook_path: Path, tmp_path: Path) -> None:
    survey, options = survey_with_cases(tmp_path)
    out, codebook = tmp_path / "out", str(tiny_codebook_path)
    coded = runner.invoke(app, ["code", str(survey), "-c", codebook, "-o", str(out), *options])
    assert coded.exit_code == 0, coded.output
    qdpx = tmp_path / "survey.qdpx"
    export = ["export", "qdpx", str(qdpx), "--corpus", str(survey), "--codings", str(out)]
    result = runner.invoke(app, [*export, "-c", codebook])
    assert result.exit_code == 2, result.output  # without the options the codings point nowhere
    result = runner.invoke(app, [*export, "-c", codebook, *options])
    assert result.exit_code == 0, result.output
    project = read_qdpx(qdpx)
    assert [source.document for source in project.sources] == ["p1", "p2"]
    assert project.attributes("p1")["city"] == "Delft"
    assert [source.text for source in project.sources][1] == "The tax break made it an easy choice."
    assert len(project.codings) == 2
